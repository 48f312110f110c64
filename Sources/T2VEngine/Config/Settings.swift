import T2VMedia
import T2VNeural

/// Where a context's frames come from (`"model"`).
public enum ModelSource: Equatable, Sendable {
    /// The embedded procedural scene model (`"builtin"`).
    case builtin
    /// A model folder (diffusers layout), by its path as given.
    case folder(String)

    /// The configuration text: `"builtin"` or the path.
    public var name: String {
        switch self {
        case .builtin: return "builtin"
        case .folder(let path): return path
        }
    }
}

/// The configuration of a context: what a `T2VContext(config)` dict holds once validated.
/// Every key has a default; unknown keys and bad values are errors naming the key and the
/// accepted values. The keys, their defaults, ranges, documentation and whether a processor takes
/// them per call are one table, ``Settings/table`` (Settings+Keys.swift); `set` and `value` go
/// through it, and so do the C ABI, the Python docstrings and the README's table.
public struct Settings: Equatable, Sendable {
    public var width = 1280
    public var height = 720
    /// The `resolution` text as given (`"720p"`, `"640x360"`), returned by the config and parameters.
    public var resolution = "720p"
    public var frameRate = 24.0
    public var model = ModelSource.builtin
    /// nil: a random seed chosen per stream or processor (reported in each segment's metadata).
    public var seed: UInt64? = 42
    public var segmentSeconds = 0.5
    public var secondsPerText = 4.0
    public var transitionSeconds = 1.0
    public var numInferenceSteps = 50
    public var guidanceScale = 9.0
    public var negativePrompt = ""
    public var scheduler = SchedulerKind.ddim
    /// 0: all online cores.
    public var threads = 0
    public var maxBufferedSegments = 2
    public var caption = false
    /// Diffusers models: frames per denoising run, frames each run shares with the previous one,
    /// the frame rate the model's frames stand for, the size it generates at (nil: its native
    /// `sample_size · vae_scale_factor` square), the weights variant, and how its frames fill the output.
    public var framesPerChunk = 16
    /// nil: half of `framesPerChunk` (StreamingT2V's 8 of 16).
    public var overlapFrames: Int?
    public var modelFrameRate = 8.0
    public var modelWidth: Int?
    public var modelHeight: Int?
    public var modelVariant: String?
    public var fit = FrameScaler.Fit.cover
    /// StreamingT2V models: the guidance of the streamed chunks, and the anchor of the APM.
    public var streamingGuidanceScale = 7.5
    public var anchor = Anchor.first
    /// Diffusion models: the arithmetic of their products.
    public var precision = Precision.auto
    /// Diffusion models: the whole UNet every `cacheInterval` denoising steps, its shallow branch in
    /// between (DeepCache); 1: every step in full.
    public var cacheInterval = 1

    /// The arithmetic of a diffusion model's products (``T2VNeural/ComputePrecision``).
    public enum Precision: String, CaseIterable, Sendable {
        /// bf16 where the CPU has bf16 instructions (AVX-512 BF16 or AMX), else fp32 with the reason
        /// in the segment metadata.
        case auto
        /// float32 on OpenBLAS: the reference path the parity tests pin.
        case fp32
        /// bf16 products with float32 accumulation on oneDNN; an error on a CPU without bf16 instructions.
        case bf16
    }

    /// Which frame a StreamingT2V model's Appearance Preservation Module holds the look of.
    public enum Anchor: String, CaseIterable, Sendable {
        /// Frame 0 of the stream, for the whole stream (the release's only policy).
        case first
        /// From the first chunk of each text after the first on, that chunk's first new frame.
        case text
    }

    public init() {}

    /// Named resolutions. 480p is 854×480 (16:9 rounded to even width).
    public static let namedResolutions: [(String, Int, Int)] = [
        ("2160p", 3840, 2160), ("1440p", 2560, 1440), ("1080p", 1920, 1080), ("720p", 1280, 720),
        ("480p", 854, 480), ("360p", 640, 360), ("240p", 426, 240),
    ]
    public static let sizeLimits = (minSide: 16, maxWidth: 7680, maxHeight: 4320)
    public static let maxFrameRate = 240.0
    /// One frame per 1,000 s: below it frame times leave the range a double prints (5e-324 frames
    /// per second would make every duration infinite).
    public static let minFrameRate = 0.001
    /// The most characters (Unicode scalars) a text or negative prompt may have.
    public static let maxTextLength = 10_000

    /// Every key, in the order the configuration is reported.
    public static let keys = table.map(\.name)
    /// The keys a processor accepts as parameters (the rest fix how a context or stream runs).
    public static let processorKeys = Set(table.filter(\.isProcessorParameter).map(\.name))

    /// Builds settings from a JSON object (nil or `{}` gives the defaults).
    public init(json: JSONValue?) throws {
        guard let json else { return }
        guard case .object(let members) = json else {
            throw T2VError.wrongType("configuration must be a JSON object, not \(json.typeName)")
        }
        for (key, value) in members { try set(key, value) }
    }

    /// Sets one key from a JSON value, validating it.
    public mutating func set(_ key: String, _ value: JSONValue) throws {
        guard let entry = Settings.key(named: key) else {
            throw T2VError.invalidArgument(
                "unknown configuration key \"\(key)\"; accepted keys: \(Settings.keys.joined(separator: ", "))")
        }
        try entry.apply(&self, value)
    }

    /// The value of one key as JSON.
    public func value(_ key: String) -> JSONValue? {
        Settings.key(named: key)?.read(self)
    }

    /// All keys and values as a JSON object.
    public var json: JSONValue {
        .object(Settings.table.map { ($0.name, $0.read(self)) })
    }

    /// The largest segment the engine makes: a segment is one buffer of rgb24 frames.
    public static let maxSegmentBytes = 4 << 30

    /// Refuses a segment of `frames` frames that would need more than `maxSegmentBytes`, naming
    /// `key`, the setting that made it that long.
    public func checkSegmentSize(frames: Int, key: String) throws {
        let bytes = Double(width) * Double(height) * 3 * Double(frames)
        guard bytes <= Double(Settings.maxSegmentBytes) else {
            let gib = String(Int((bytes / Double(1 << 30)).rounded(.up)))
            throw T2VError.invalidArgument(
                "\(key) makes segments of \(frames) frames at \(width)x\(height), about \(gib) GiB each; the limit is "
                    + "\(Settings.maxSegmentBytes >> 30) GiB: lower \(key), frame_rate or resolution")
        }
    }

    /// Frames in one segment and in the video of one text, at the configured rate (at least 1).
    public var framesPerSegment: Int { max(1, Int((segmentSeconds * frameRate).rounded())) }
    public var framesPerText: Int { max(1, Int((secondsPerText * frameRate).rounded())) }
    public var transitionFrames: Int { max(0, Int((transitionSeconds * frameRate).rounded())) }

    /// Parses "1080p"-style names and "WxH". Sizes must be even (yuv420p video) and within limits.
    public static func parseResolution(_ text: String) throws -> (Int, Int) {
        let lower = text.lowercased()
        if let named = namedResolutions.first(where: { $0.0 == lower }) { return (named.1, named.2) }
        let parts = lower.split(separator: "x", omittingEmptySubsequences: false)
        let accepted = "resolution must be one of \(namedResolutions.map { "\"\($0.0)\"" }.joined(separator: ", ")) or \"WxH\""
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else {
            throw T2VError.invalidArgument("\(accepted) such as \"640x360\", got \"\(text)\"")
        }
        let l = sizeLimits
        guard (l.minSide...l.maxWidth).contains(w), (l.minSide...l.maxHeight).contains(h) else {
            throw T2VError.invalidArgument(
                "resolution \"\(text)\" is out of range: width must be \(l.minSide)...\(l.maxWidth) and height \(l.minSide)...\(l.maxHeight)")
        }
        guard w % 2 == 0, h % 2 == 0 else {
            throw T2VError.invalidArgument("resolution \"\(text)\" must have an even width and height (yuv420p video)")
        }
        return (w, h)
    }

    /// Parses a model generation size "WxH": both multiples of 8 (the latent grid), 8...4096.
    public static func parseModelResolution(_ text: String) throws -> (Int, Int) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let w = Int(parts[0]), let h = Int(parts[1])
        else {
            throw T2VError.invalidArgument("model_resolution must be \"native\" or \"WxH\" such as \"576x320\", got \"\(text)\"")
        }
        guard (8...4096).contains(w), (8...4096).contains(h), w % 8 == 0, h % 8 == 0 else {
            throw T2VError.invalidArgument(
                "model_resolution \"\(text)\" must have a width and height that are multiples of 8 between 8 and 4096")
        }
        return (w, h)
    }

    /// Frames each chunk shares with the one before (`overlap_frames`, by default half a chunk).
    public var chunkOverlap: Int { overlapFrames ?? framesPerChunk / 2 }

    /// Model frames in the video of one text (at least 1).
    public var modelFramesPerText: Int { max(1, Int((secondsPerText * modelFrameRate).rounded())) }
}
