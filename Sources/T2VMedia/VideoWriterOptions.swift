/// Encoder settings for `VideoWriter`. They apply to the containers whose encoder is x264 (`.mp4`,
/// `.mkv`: `takesX264Options` in the `VideoContainer` table); `.y4m` is uncompressed and ignores them
/// (they are still validated).
public struct VideoWriterOptions: Equatable, Sendable {
    /// x264 constant rate factor, 0 (lossless) ... 51; lower is better quality and larger files.
    public var crf: Int
    /// x264 preset: one of `VideoWriterOptions.presets` (`ultrafast` ... `placebo`).
    public var preset: String
    /// Encoder threads; 0 lets the encoder choose from the core count. At most 64.
    public var threads: Int

    public init(crf: Int = 20, preset: String = "veryfast", threads: Int = 0) {
        self.crf = crf
        self.preset = preset
        self.threads = threads
    }

    /// The x264 presets accepted for `preset`, fastest first.
    public static let presets = [
        "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo",
    ]

    /// Throws `.invalidArgument` naming the first field out of range and what is accepted.
    func validate() throws {
        guard (0...51).contains(crf) else {
            throw MediaError(kind: .invalidArgument, message: "crf must be in 0...51, got \(crf)")
        }
        guard Self.presets.contains(preset) else {
            throw MediaError(
                kind: .invalidArgument,
                message: "unknown preset '\(preset)'; accepted: \(Self.presets.joined(separator: ", "))")
        }
        guard (0...64).contains(threads) else {
            throw MediaError(kind: .invalidArgument, message: "threads must be in 0...64 (0 = auto), got \(threads)")
        }
    }
}
