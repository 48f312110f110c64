/// Every failure the engine reports. The C ABI maps each case to one status code; the message is
/// what the user reads (it names the key, value, path or limit involved).
public enum T2VError: Error, CustomStringConvertible, Equatable {
    /// A value out of range, an unknown key or parameter, malformed text.
    case invalidArgument(String)
    /// A value of the wrong JSON type.
    case wrongType(String)
    /// An operation that the object's state does not allow (send before start, use after close).
    case invalidState(String)
    /// A file that cannot be created or written.
    case io(String)
    /// A segment whose data does not match its metadata, or that does not fit the file.
    case segmentMismatch(String)
    /// A failure inside a model or encoder.
    case engine(String)
    /// Cancelled by a progress callback or by stop().
    case cancelled(String)
    /// A feature or format the engine does not have.
    case unsupported(String)

    public var message: String {
        switch self {
        case .invalidArgument(let m), .wrongType(let m), .invalidState(let m), .io(let m),
            .segmentMismatch(let m), .engine(let m), .cancelled(let m), .unsupported(let m):
            return m
        }
    }

    public var description: String { message }
}
