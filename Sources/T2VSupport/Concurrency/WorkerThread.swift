#if canImport(Glibc)
import Glibc
#endif

/// A joinable thread running one closure.
public final class WorkerThread {
    private var thread: pthread_t?
    private var joined = false

    public init(_ body: @escaping () -> Void) throws {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var handle = pthread_t()
        let rc = pthread_create(&handle, nil, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.body()
            return nil
        }, box)
        guard rc == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw ThreadStartError(code: rc)
        }
        thread = handle
    }

    /// True when called from this worker itself.
    public var isCurrent: Bool {
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Waits for the thread to end (detaches it when called from the worker itself). Safe to call twice.
    public func join() {
        guard let thread, !joined else { return }
        joined = true
        if isCurrent {
            pthread_detach(thread)  // ending itself: let the system reclaim it
        } else {
            pthread_join(thread, nil)
        }
    }

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}

/// `pthread_create` failed (the system is out of threads or memory).
public struct ThreadStartError: Error, CustomStringConvertible {
    public let code: Int32
    public var description: String { "could not start a worker thread (error \(code))" }
}
