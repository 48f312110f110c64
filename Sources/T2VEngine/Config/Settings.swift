/// The configuration of a context: what a `T2VContext(config)` dict holds once validated.
/// Every key has a default; unknown keys and bad values are errors naming the key and the
/// accepted values. `TextToVideoProcessor` parameters are the subset in `processorKeys`.
public struct Settings: Equatable, Sendable {
    public var width = 1280
    public var height = 720
    /// The `resolution` text as given (`"720p"`, `"640x360"`), returned by the config and parameters.
    public var resolution = "720p"
    public var frameRate = 24.0
    public var model = "builtin"
    /// nil: a random seed chosen per stream or processor (reported in each segment's metadata).
    public var seed: UInt64? = 42
    public var segmentSeconds = 0.5
    public var secondsPerText = 4.0
    public var transitionSeconds = 1.0
    public var numInferenceSteps = 50
    public var guidanceScale = 9.0
    public var negativePrompt = ""
    public var scheduler = "ddim"
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
    public var fit = "cover"

    public init() {}

    /// Named resolutions. 480p is 854×480 (16:9 rounded to even width).
    public static let namedResolutions: [(String, Int, Int)] = [
        ("2160p", 3840, 2160), ("1440p", 2560, 1440), ("1080p", 1920, 1080), ("720p", 1280, 720),
        ("480p", 854, 480), ("360p", 640, 360), ("240p", 426, 240),
    ]
    public static let sizeLimits = (minSide: 16, maxWidth: 7680, maxHeight: 4320)
    public static let maxFrameRate = 240.0
    public static let schedulers = ["ddim", "dpmsolver"]
    public static let fits = ["cover", "stretch"]
    /// The most characters (Unicode scalars) a text or negative prompt may have.
    public static let maxTextLength = 10_000

    /// Every key, in the order the configuration is reported.
    public static let keys = [
        "resolution", "frame_rate", "model", "seed", "segment_seconds", "seconds_per_text", "transition_seconds",
        "num_inference_steps", "guidance_scale", "negative_prompt", "scheduler", "threads",
        "max_buffered_segments", "caption", "frames_per_chunk", "overlap_frames", "model_frame_rate",
        "model_resolution", "model_variant", "fit",
    ]
    /// The keys a processor accepts as parameters (the rest fix how a context or stream runs).
    public static let processorKeys: Set<String> = [
        "resolution", "frame_rate", "seed", "seconds_per_text", "num_inference_steps", "guidance_scale",
        "negative_prompt", "scheduler", "caption", "frames_per_chunk", "overlap_frames", "model_frame_rate",
        "model_resolution", "fit",
    ]

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
        switch key {
        case "resolution":
            guard case .string(let text) = value else { throw typeError(key, value, "a string such as \"720p\" or \"640x360\"") }
            let (w, h) = try Settings.parseResolution(text)
            width = w
            height = h
            resolution = text
        case "frame_rate":
            let rate = try number(key, value)
            guard rate > 0, rate <= Settings.maxFrameRate else {
                throw T2VError.invalidArgument("frame_rate must be greater than 0 and at most \(Int(Settings.maxFrameRate)), got \(rate)")
            }
            frameRate = rate
        case "model":
            guard case .string(let name) = value else { throw typeError(key, value, "\"builtin\" or a model directory path") }
            guard !name.isEmpty else { throw T2VError.invalidArgument("model must be \"builtin\" or a model directory path, got an empty string") }
            model = name
        case "seed":
            switch value {
            case .null: seed = nil
            case .int(let i) where i >= 0: seed = UInt64(i)
            case .int(let i): throw T2VError.invalidArgument("seed must be a non-negative integer or null, got \(i)")
            case .double(let d) where d >= 0 && d == d.rounded() && d < 9.2e18: seed = UInt64(d)
            default: throw typeError(key, value, "a non-negative integer or null")
            }
        case "segment_seconds":
            segmentSeconds = try seconds(key, value, min: 0, minInclusive: false, max: 60)
        case "seconds_per_text":
            secondsPerText = try seconds(key, value, min: 0, minInclusive: false, max: 3600)
        case "transition_seconds":
            transitionSeconds = try seconds(key, value, min: 0, minInclusive: true, max: 60)
        case "num_inference_steps":
            numInferenceSteps = try integer(key, value, 1...1000)
        case "guidance_scale":
            let g = try number(key, value)
            guard g >= 0, g <= 100 else { throw T2VError.invalidArgument("guidance_scale must be between 0 and 100, got \(g)") }
            guidanceScale = g
        case "negative_prompt":
            guard case .string(let text) = value else { throw typeError(key, value, "a string") }
            guard text.unicodeScalars.count <= Settings.maxTextLength else {
                throw T2VError.invalidArgument("negative_prompt is longer than \(Settings.maxTextLength) characters")
            }
            negativePrompt = text
        case "scheduler":
            guard case .string(let name) = value else { throw typeError(key, value, "one of \(Settings.schedulers)") }
            guard Settings.schedulers.contains(name) else {
                throw T2VError.invalidArgument("scheduler must be one of \"ddim\", \"dpmsolver\", got \"\(name)\"")
            }
            scheduler = name
        case "threads":
            threads = try integer(key, value, 0...256)
        case "max_buffered_segments":
            maxBufferedSegments = try integer(key, value, 1...64)
        case "caption":
            guard case .bool(let b) = value else { throw typeError(key, value, "true or false") }
            caption = b
        case "frames_per_chunk":
            framesPerChunk = try integer(key, value, 1...256)
        case "overlap_frames":
            overlapFrames = value == .null ? nil : try integer(key, value, 0...255)
        case "model_frame_rate":
            let rate = try number(key, value)
            guard rate > 0, rate <= Settings.maxFrameRate else {
                throw T2VError.invalidArgument(
                    "model_frame_rate must be greater than 0 and at most \(Int(Settings.maxFrameRate)), got \(rate)")
            }
            modelFrameRate = rate
        case "model_resolution":
            guard case .string(let text) = value else { throw typeError(key, value, "\"native\" or \"WxH\" (multiples of 8)") }
            if text == "native" {
                modelWidth = nil
                modelHeight = nil
            } else {
                let (w, h) = try Settings.parseModelResolution(text)
                modelWidth = w
                modelHeight = h
            }
        case "model_variant":
            switch value {
            case .null: modelVariant = nil
            case .string(let v) where !v.isEmpty && v.count <= 64 && v.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }):
                modelVariant = v
            case .string(let v): throw T2VError.invalidArgument("model_variant must be a name such as \"fp16\" (letters, digits, _ or -), got \"\(v)\"")
            default: throw typeError(key, value, "null or a weights variant name such as \"fp16\"")
            }
        case "fit":
            guard case .string(let name) = value else { throw typeError(key, value, "\"cover\" or \"stretch\"") }
            guard Settings.fits.contains(name) else {
                throw T2VError.invalidArgument("fit must be \"cover\" or \"stretch\", got \"\(name)\"")
            }
            fit = name
        default:
            throw T2VError.invalidArgument(
                "unknown configuration key \"\(key)\"; accepted keys: \(Settings.keys.joined(separator: ", "))")
        }
    }

    /// The value of one key as JSON.
    public func value(_ key: String) -> JSONValue? {
        switch key {
        case "resolution": return .string(resolution)
        case "frame_rate": return frameRate == frameRate.rounded() ? .int(Int64(frameRate)) : .double(frameRate)
        case "model": return .string(model)
        case "seed": return seed.map { .int(Int64(bitPattern: $0)) } ?? .null
        case "segment_seconds": return .double(segmentSeconds)
        case "seconds_per_text": return .double(secondsPerText)
        case "transition_seconds": return .double(transitionSeconds)
        case "num_inference_steps": return .int(Int64(numInferenceSteps))
        case "guidance_scale": return .double(guidanceScale)
        case "negative_prompt": return .string(negativePrompt)
        case "scheduler": return .string(scheduler)
        case "threads": return .int(Int64(threads))
        case "max_buffered_segments": return .int(Int64(maxBufferedSegments))
        case "caption": return .bool(caption)
        case "frames_per_chunk": return .int(Int64(framesPerChunk))
        case "overlap_frames": return overlapFrames.map { .int(Int64($0)) } ?? .null
        case "model_frame_rate": return modelFrameRate == modelFrameRate.rounded() ? .int(Int64(modelFrameRate)) : .double(modelFrameRate)
        case "model_resolution":
            if let w = modelWidth, let h = modelHeight { return .string("\(w)x\(h)") }
            return .string("native")
        case "model_variant": return modelVariant.map { .string($0) } ?? .null
        case "fit": return .string(fit)
        default: return nil
        }
    }

    /// All keys and values as a JSON object.
    public var json: JSONValue {
        .object(Settings.keys.compactMap { key in value(key).map { (key, $0) } })
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

    private func typeError(_ key: String, _ value: JSONValue, _ expected: String) -> T2VError {
        .wrongType("\(key) must be \(expected), got \(value.typeName)")
    }

    private func number(_ key: String, _ value: JSONValue) throws -> Double {
        guard let n = value.number else { throw typeError(key, value, "a number") }
        return n
    }

    private func integer(_ key: String, _ value: JSONValue, _ range: ClosedRange<Int>) throws -> Int {
        let i: Int
        switch value {
        case .int(let v) where v >= Int64(Int32.min) && v <= Int64(Int32.max): i = Int(v)
        case .int(let v): throw T2VError.invalidArgument("\(key) must be in \(range.lowerBound)...\(range.upperBound), got \(v)")
        case .double(let d) where d == d.rounded() && abs(d) < 1e9: i = Int(d)
        default: throw typeError(key, value, "an integer")
        }
        guard range.contains(i) else {
            throw T2VError.invalidArgument("\(key) must be in \(range.lowerBound)...\(range.upperBound), got \(i)")
        }
        return i
    }

    private func seconds(_ key: String, _ value: JSONValue, min: Double, minInclusive: Bool, max: Double) throws -> Double {
        let s = try number(key, value)
        let aboveMin = minInclusive ? s >= min : s > min
        guard aboveMin, s <= max else {
            let low = minInclusive ? "at least \(min)" : "greater than \(min)"
            throw T2VError.invalidArgument("\(key) must be \(low) and at most \(max) seconds, got \(s)")
        }
        return s
    }
}
