import T2VEngine

// The numbers of this file are the ABI: `tools/gen_header.py` copies every `case` below into
// include/reflection.h as a `T2V_…` constant (errInvalidArgument → T2V_ERR_INVALID_ARGUMENT). Codes are only ever appended, never renumbered.

/// The ABI version; bumped when a function's meaning or signature changes.
let abiVersion: Int32 = 1
/// The library version.
let libraryVersion = "0.1.0"

/// Status codes returned by every t2v_ function that can fail.
enum Status: Int32, CaseIterable {
    /// Success.
    case ok = 0
    /// A value out of range, an unknown key or parameter, invalid UTF-8, an empty or over-long text.
    case errInvalidArgument = 1
    /// A value of the wrong JSON type for its key or parameter.
    case errType = 2
    /// The object's state forbids the call: send before start, use after stop or close.
    case errState = 3
    /// A file cannot be created or written.
    case errIO = 4
    /// A segment's data does not match its metadata, or its size or rate differs from the file's.
    case errSegmentMismatch = 5
    /// A failure inside a model or encoder.
    case errEngine = 6
    /// Cancelled by a progress callback.
    case errCancelled = 7
    /// receive: every sent text has been delivered, or the stream was stopped.
    case endOfStream = 8
    /// receive: the timeout passed before a segment was ready.
    case timeout = 9
    /// A format or feature the library does not have (an unknown container extension, a model family).
    case errUnsupported = 10

    /// A short description, returned by t2v_status_string.
    var text: String {
        switch self {
        case .ok: return "ok"
        case .errInvalidArgument: return "invalid argument"
        case .errType: return "wrong type"
        case .errState: return "invalid state"
        case .errIO: return "input/output error"
        case .errSegmentMismatch: return "segment mismatch"
        case .errEngine: return "engine error"
        case .errCancelled: return "cancelled"
        case .endOfStream: return "end of stream"
        case .timeout: return "timeout"
        case .errUnsupported: return "unsupported"
        }
    }

    init(_ error: T2VError) {
        switch error {
        case .invalidArgument: self = .errInvalidArgument
        case .wrongType: self = .errType
        case .invalidState: self = .errState
        case .io: self = .errIO
        case .segmentMismatch: self = .errSegmentMismatch
        case .engine: self = .errEngine
        case .cancelled: self = .errCancelled
        case .unsupported: self = .errUnsupported
        }
    }
}
