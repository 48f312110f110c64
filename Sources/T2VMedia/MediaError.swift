/// An error from the media layer. `message` is complete on its own: it names the file involved
/// and, for FFmpeg failures, carries FFmpeg's text for the return code (`av_strerror`).
public struct MediaError: Error, CustomStringConvertible, Equatable {
    public enum Kind: String, Equatable {
        /// The path's extension names no container this layer writes.
        case unsupportedContainer
        /// Opening, writing or closing the file failed (missing directory, permissions, full disk).
        case io
        /// Frames whose size or rate differ from those fixed by the first write.
        case mismatch
        /// The encoder, scaler or muxer could not be set up or rejected a frame.
        case encoder
        /// An argument outside its documented range (size, rate, buffer length, options).
        case invalidArgument
        /// The writer was closed (or shut down by an earlier failure) and takes no more frames.
        case closed
    }

    public let kind: Kind
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
