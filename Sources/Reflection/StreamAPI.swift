import T2VEngine

/// A progress callback: called on the worker thread with the index of the segment being made
/// and how many of its frames (or denoising steps) of `total` are done. Return false to cancel.
public typealias T2VProgressCallback = @convention(c) (Int64, Int64, Int64, UnsafeMutableRawPointer?) -> Bool

/// Creates a stream on a context (the stream keeps the context alive). NULL on failure.
/// Free with t2v_stream_free().
@c(t2v_stream_new)
public func t2vStreamNew(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    retainChild(of: context) { Stream(context: $0) }
}

/// Stops the stream if it runs (joining its worker) and frees it. NULL does nothing.
/// Must not be called from the stream's own progress callback.
@c(t2v_stream_free)
public func t2vStreamFree(_ stream: UnsafeMutableRawPointer?) {
    guard let stream else { return }
    Unmanaged<Stream>.fromOpaque(stream).takeUnretainedValue().stop()
    release(stream, as: Stream.self)
}

/// Starts the stream's background worker. T2V_ERR_STATE if already started or stopped.
@c(t2v_stream_start)
public func t2vStreamStart(_ stream: UnsafeMutableRawPointer?) -> Int32 {
    guarded { try (borrow(stream, "stream") as Stream).start() }
}

/// Stops the stream: cancels the chunk being made, joins the worker, drops undelivered segments.
/// Idempotent; a stopped stream cannot be started again.
@c(t2v_stream_stop)
public func t2vStreamStop(_ stream: UnsafeMutableRawPointer?) -> Int32 {
    guarded { (try borrow(stream, "stream") as Stream).stop() }
}

/// Live mode (before t2v_stream_start()): t2v_stream_receive_segment() does not report
/// T2V_END_OF_STREAM when the reader has caught up with the texts sent so far; it waits for more
/// text until t2v_stream_end_input() or t2v_stream_stop(). T2V_ERR_STATE once started.
@c(t2v_stream_set_live)
public func t2vStreamSetLive(_ stream: UnsafeMutableRawPointer?, _ live: Bool) -> Int32 {
    guarded { try (borrow(stream, "stream") as Stream).setLive(live) }
}

/// No more text will be sent: T2V_END_OF_STREAM comes once everything sent is delivered, and
/// t2v_stream_send_text() is then T2V_ERR_STATE. T2V_ERR_STATE before t2v_stream_start().
@c(t2v_stream_end_input)
public func t2vStreamEndInput(_ stream: UnsafeMutableRawPointer?) -> Int32 {
    guarded { try (borrow(stream, "stream") as Stream).endInput() }
}

/// Queues a text (UTF-8, 1 to 10,000 characters). Each text yields `seconds_per_text` of video.
/// T2V_ERR_STATE before t2v_stream_start(), after t2v_stream_stop() or after t2v_stream_end_input().
@c(t2v_stream_send_text)
public func t2vStreamSendText(_ stream: UnsafeMutableRawPointer?, _ text: UnsafePointer<CChar>?) -> Int32 {
    guarded {
        let s: Stream = try borrow(stream, "stream")
        try s.send(try string(text, "text"))
    }
}

/// Waits for the next segment, at most `timeout_seconds` (negative or +infinity: no limit; NaN is
/// T2V_ERR_INVALID_ARGUMENT; any finite value, however large, is a valid limit).
/// T2V_OK: *out_segment is a new segment the caller frees with t2v_segment_free().
/// T2V_END_OF_STREAM: every sent text has been delivered, or the stream is stopped (or was never
/// started). T2V_TIMEOUT: none was ready in time. Errors of the worker (T2V_ERR_ENGINE,
/// T2V_ERR_CANCELLED) are reported here once, after the segments made before them.
/// *out_segment is NULL unless T2V_OK.
@c(t2v_stream_receive_segment)
public func t2vStreamReceiveSegment(
    _ stream: UnsafeMutableRawPointer?, _ timeout_seconds: Double,
    _ out_segment: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> Int32 {
    out_segment?.pointee = nil
    var result = Status.ok
    let status = guarded {
        let out = try require(out_segment, "out_segment")
        let s: Stream = try borrow(stream, "stream")
        guard !timeout_seconds.isNaN else { throw T2VError.invalidArgument("timeout_seconds is NaN") }
        switch try s.receive(timeout: timeout_seconds < 0 ? nil : timeout_seconds) {
        case .segment(let segment): out.pointee = retain(segment)
        case .end: result = .endOfStream
        case .timeout:
            result = .timeout
            LastError.set("no segment was ready within \(timeout_seconds) seconds", status: .timeout)
        }
    }
    return status == Status.ok.rawValue ? result.rawValue : status
}

/// Sets (or, with NULL, removes) the stream's progress callback. It is called on the worker
/// thread; `user_data` is passed through untouched and must stay valid while it may be called.
@c(t2v_stream_set_progress_callback)
public func t2vStreamSetProgressCallback(
    _ stream: UnsafeMutableRawPointer?, _ callback: T2VProgressCallback?, _ user_data: UnsafeMutableRawPointer?
) -> Int32 {
    setProgressCallback(stream, "stream", as: Stream.self, callback, user_data)
}

/// What takes a progress handler through the C ABI.
protocol ProgressReporting: AnyObject {
    func setProgressHandler(_ handler: ((Int64, Int, Int) -> Bool)?)
}
extension Stream: ProgressReporting {}
extension Processor: ProgressReporting {}

/// Sets (or removes) the progress callback of a stream or processor handle.
func setProgressCallback<T: ProgressReporting>(
    _ handle: UnsafeMutableRawPointer?, _ what: String, as type: T.Type, _ callback: T2VProgressCallback?,
    _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    guarded {
        let object: T = try borrow(handle, what)
        object.setProgressHandler(progressHandler(callback, userData))
    }
}

/// Wraps a C callback and its user data as a Swift progress handler.
func progressHandler(_ callback: T2VProgressCallback?, _ userData: UnsafeMutableRawPointer?) -> ((Int64, Int, Int) -> Bool)? {
    guard let callback else { return nil }
    let data = UnsafeSendablePointer(pointer: userData)
    return { index, done, total in callback(index, Int64(done), Int64(total), data.pointer) }
}

struct UnsafeSendablePointer: @unchecked Sendable { let pointer: UnsafeMutableRawPointer? }
