#if canImport(Glibc)
import Glibc
#endif
import T2VEngine

/// The thread-local last error behind t2v_last_error() and t2v_last_status(): a malloc'd C string
/// and a status code per thread, replaced by the next failure on that thread; the text is freed
/// when the thread ends.
enum LastError {
    private static let messageKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()
    /// The status is stored as the pointer value `status + 1`, so "no value" (NULL) reads as T2V_OK.
    private static let statusKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static func set(_ message: String, status: Status) {
        let old = pthread_getspecific(messageKey)
        pthread_setspecific(messageKey, strdup(message))
        free(old)
        pthread_setspecific(statusKey, UnsafeRawPointer(bitPattern: Int(status.rawValue) + 1))
    }

    static var current: UnsafePointer<CChar>? {
        pthread_getspecific(messageKey).map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) }
    }

    static var status: Int32 {
        guard let p = pthread_getspecific(statusKey) else { return Status.ok.rawValue }
        return Int32(Int(bitPattern: p) - 1)
    }
}

/// Runs `body`, turning a thrown error into a status code and the thread's last error.
@inline(__always)
func guarded(_ body: () throws -> Void) -> Int32 {
    do {
        try body()
        return Status.ok.rawValue
    } catch let error as T2VError {
        LastError.set(error.message, status: Status(error))
        return Status(error).rawValue
    } catch {
        LastError.set("\(error)", status: .errEngine)
        return Status.errEngine.rawValue
    }
}

/// Runs `body`, returning its value or nil (with the last error set) when it throws.
@inline(__always)
func guardedValue<T>(_ body: () throws -> T) -> T? {
    var result: T?
    _ = guarded { result = try body() }
    return result
}

/// Fails with an invalid-argument status naming `what` when `pointer` is NULL.
func require<T>(_ pointer: T?, _ what: String) throws -> T {
    guard let pointer else { throw T2VError.invalidArgument("\(what) is NULL") }
    return pointer
}

/// Reads a NUL-terminated UTF-8 argument, refusing invalid UTF-8.
func string(_ pointer: UnsafePointer<CChar>?, _ what: String) throws -> String {
    let p = try require(pointer, what)
    guard let s = String(validatingCString: p) else { throw T2VError.invalidArgument("\(what) is not valid UTF-8") }
    return s
}

/// A malloc'd copy of `text` for the caller to free with t2v_string_free.
func ownedCString(_ text: String) -> UnsafeMutablePointer<CChar>? { strdup(text) }

/// Handles are retained Swift objects passed as opaque pointers.
func retain<T: AnyObject>(_ object: T) -> UnsafeMutableRawPointer { Unmanaged.passRetained(object).toOpaque() }
/// A new handle made from a context handle (a stream or processor), or NULL with the error set.
func retainChild<T: AnyObject>(of context: UnsafeMutableRawPointer?, _ make: (Context) throws -> T) -> UnsafeMutableRawPointer? {
    guardedValue {
        let c: Context = try borrow(context, "context")
        return retain(try make(c))
    }
}
func borrow<T: AnyObject>(_ handle: UnsafeMutableRawPointer?, _ what: String) throws -> T {
    Unmanaged<T>.fromOpaque(try require(handle, what)).takeUnretainedValue()
}
func borrow<T: AnyObject>(_ handle: UnsafeRawPointer?, _ what: String) throws -> T {
    Unmanaged<T>.fromOpaque(try require(handle, what)).takeUnretainedValue()
}
func release<T: AnyObject>(_ handle: UnsafeMutableRawPointer?, as type: T.Type) {
    guard let handle else { return }
    Unmanaged<T>.fromOpaque(handle).release()
}

/// Parses a JSON argument.
func json(_ pointer: UnsafePointer<CChar>?, _ what: String) throws -> JSONValue {
    let text = try string(pointer, what)
    do {
        return try JSONValue.parse(text)
    } catch let e as JSONParseError {
        throw T2VError.invalidArgument("\(what) is not valid JSON: \(e)")
    }
}
