import T2VMedia

/// Writes segments into a video file whose container follows the extension (.mp4, .mkv, .y4m).
/// The first segment fixes size and frame rate; a segment that differs, or whose data does not
/// match its metadata, is refused before anything reaches the encoder, so the file stays valid
/// with the segments written so far. `close()` finalises the file and may be called repeatedly.
public final class Output: @unchecked Sendable {
    public let path: String
    private let monitor = Monitor()
    private var writer: VideoWriter?
    private var closed = false

    public init(path: String) throws {
        guard !path.isEmpty else { throw T2VError.invalidArgument("output path is empty") }
        self.path = path
        do {
            writer = try VideoWriter(path: path)
        } catch let e as MediaError {
            throw Output.translate(e)
        }
    }

    deinit { try? close() }

    public func write(_ segment: Segment) throws {
        let g = try segment.geometry()
        try monitor.withLock {
            guard let writer, !closed else { throw T2VError.invalidState("video output \"\(path)\" is closed") }
            do {
                try writer.write(
                    frames: segment.bytes, count: g.numFrames, width: g.width, height: g.height, frameRate: g.frameRate)
            } catch let e as MediaError {
                throw Output.translate(e)
            }
        }
    }

    public func close() throws {
        try monitor.withLock {
            guard !closed else { return }
            closed = true
            defer { writer = nil }
            do {
                try writer?.close()
            } catch let e as MediaError {
                throw Output.translate(e)
            }
        }
    }

    static func translate(_ e: MediaError) -> T2VError {
        switch e.kind {
        case .unsupportedContainer: return .unsupported(e.message)
        case .io: return .io(e.message)
        case .mismatch: return .segmentMismatch(e.message)
        case .encoder: return .engine(e.message)
        case .invalidArgument: return .invalidArgument(e.message)
        case .closed: return .invalidState(e.message)
        }
    }
}
