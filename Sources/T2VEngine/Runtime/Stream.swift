/// A streaming session: texts go in, consecutive segments come out. A background worker makes
/// segments while the reader consumes them, staying at most `max_buffered_segments` ahead.
///
/// States: created → started → stopped. `send` is allowed only while started. `receive` blocks
/// until a segment is ready and returns nil once every sent text has been delivered, or after
/// stop. `stop` cancels the worker mid-chunk, joins it, and may be called any number of times.
/// One thread at a time should call `send`/`receive`; `stop` may come from any thread.
///
/// Live mode (``setLive(_:)``, before start): `receive` does not end when the reader has caught up
/// with the texts sent so far; it waits for more text until ``endInput()`` (or stop), so a reader
/// can block instead of polling. `endInput()` says no more text will come (in either mode; a later
/// `send` is an error).
public final class Stream: @unchecked Sendable {
    public enum State: Equatable { case created, started, stopped }
    public enum Received { case segment(Segment), end, timeout }

    public let settings: Settings
    private let monitor = Monitor()
    private var state = State.created
    private var queue: [String] = []
    /// Texts sent whose segments are not all made yet (queued or in production).
    private var outstanding = 0
    private var buffer: [Segment] = []
    private var cancelled = false
    private var failure: T2VError?
    private var worker: WorkerThread?
    private var progressHandler: ((Int64, Int, Int) -> Bool)?
    private var live = false
    private var inputEnded = false
    /// Segments may still come: texts sent are not all delivered, or (live) more text may be sent.
    private var moreToCome: Bool { outstanding > 0 || (live && !inputEnded) }

    /// The model weights the context loaded (shared, read-only).
    private let resources: ModelResources

    public init(context: Context) {
        settings = context.settings
        resources = context.resources
    }

    deinit { stop() }

    public var currentState: State { monitor.withLock { state } }

    /// Called on the worker thread for every frame or step: (segment index, done, total).
    /// Returning false cancels the stream as `stop()` would, and the next receive reports it.
    public func setProgressHandler(_ handler: ((Int64, Int, Int) -> Bool)?) {
        monitor.withLock { progressHandler = handler }
    }

    /// Live mode on or off; only before ``start()``.
    public func setLive(_ on: Bool) throws {
        try monitor.withLock {
            guard state == .created else { throw T2VError.invalidState("live mode is chosen before start()") }
            live = on
        }
    }

    /// No more text will be sent: a live reader gets the end once everything sent is delivered.
    public func endInput() throws {
        try monitor.withLock {
            guard state != .created else { throw T2VError.invalidState("end_input called before start()") }
            inputEnded = true
            monitor.broadcast()
        }
    }

    public func start() throws {
        try monitor.withLock {
            switch state {
            case .started: throw T2VError.invalidState("stream is already started")
            case .stopped: throw T2VError.invalidState("stream has been stopped; create a new stream")
            case .created: break
            }
            let model = try resources.makeModel(settings)
            let timeline = try Timeline(settings: settings, model: model, seed: Context.resolveSeed(settings.seed))
            do {
                worker = try WorkerThread { [weak self] in self?.run(timeline) }
            } catch {
                throw T2VError.engine("\(error)")
            }
            state = .started
        }
    }

    public func send(_ text: String) throws {
        try Stream.validate(text: text)
        try monitor.withLock {
            switch state {
            case .created: throw T2VError.invalidState("send_text called before start()")
            case .stopped: throw T2VError.invalidState("send_text called after stop()")
            case .started: break
            }
            guard !inputEnded else { throw T2VError.invalidState("send_text called after end_input()") }
            queue.append(text)
            outstanding += 1
            monitor.broadcast()
        }
    }

    /// Checks a text before it is queued: not empty, not over the length limit.
    public static func validate(text: String) throws {
        guard !text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
            throw T2VError.invalidArgument("text is empty")
        }
        let n = text.unicodeScalars.count
        guard n <= Settings.maxTextLength else {
            throw T2VError.invalidArgument("text is \(n) characters long; the limit is \(Settings.maxTextLength)")
        }
    }

    /// Waits for the next segment. `timeout` nil waits as long as it takes.
    public func receive(timeout: Double?) throws -> Received {
        let deadline = timeout.map { Monitor.now() + max(0, $0) }
        return try monitor.withLock {
            while true {
                if !buffer.isEmpty {
                    let segment = buffer.removeFirst()
                    monitor.broadcast()
                    return .segment(segment)
                }
                if let failure {
                    self.failure = nil
                    throw failure
                }
                if state != .started || cancelled || !moreToCome { return .end }
                if !monitor.wait(until: deadline), buffer.isEmpty, failure == nil, !cancelled, state == .started, moreToCome {
                    return .timeout
                }
            }
        }
    }

    /// Cancels the worker (mid-chunk), waits for it to end, and drops undelivered segments.
    public func stop() {
        let worker: WorkerThread? = monitor.withLock {
            if state == .stopped, self.worker == nil { return nil }
            state = .stopped
            cancelled = true
            queue.removeAll()
            buffer.removeAll()
            monitor.broadcast()
            let w = self.worker
            self.worker = nil
            return w
        }
        worker?.join()
    }

    private func run(_ timeline: Timeline) {
        while true {
            let next: String? = monitor.withLock {
                while !cancelled && queue.isEmpty { _ = monitor.wait(until: nil) }
                return cancelled ? nil : queue.removeFirst()
            }
            guard let text = next else { return }
            do {
                try timeline.run(
                    text: text,
                    progress: { [unowned self] index, done, total in
                        let (handler, stopped) = self.monitor.withLock { (self.progressHandler, self.cancelled) }
                        if stopped { return false }
                        if let handler, !handler(index, done, total) {
                            self.cancelFromWorker(T2VError.cancelled("stream was cancelled by its progress callback"))
                            return false
                        }
                        return true
                    },
                    isCancelled: { [unowned self] in self.monitor.withLock { self.cancelled } },
                    deliver: { [unowned self] segment in
                        self.monitor.withLock {
                            while !self.cancelled && self.buffer.count >= self.settings.maxBufferedSegments {
                                _ = self.monitor.wait(until: nil)
                            }
                            if self.cancelled { return false }
                            self.buffer.append(segment)
                            self.monitor.broadcast()
                            return true
                        }
                    })
            } catch let error as T2VError {
                if case .cancelled = error {
                    // stop() or the callback: nothing more to report here.
                } else {
                    cancelFromWorker(.engine("generating \"\(text.prefix(80))\" failed: \(error.message)"))
                }
                return
            } catch {
                cancelFromWorker(.engine("generating \"\(text.prefix(80))\" failed: \(error)"))
                return
            }
            monitor.withLock {
                outstanding -= 1
                monitor.broadcast()
            }
        }
    }

    /// Ends the stream from the worker thread, keeping an error for the reader.
    private func cancelFromWorker(_ error: T2VError) {
        monitor.withLock {
            if !cancelled { failure = error }
            cancelled = true
            state = .stopped
            queue.removeAll()
            monitor.broadcast()
        }
    }
}
