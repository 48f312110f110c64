import T2VMedia
import T2VNeural

extension Settings {
    /// The fits a diffusion model's frames can be scaled with, in the order the docs list them.
    public static let fits: [FrameScaler.Fit] = [.cover, .stretch]

    /// The key named `name`, if any.
    public static func key(named name: String) -> ConfigKey? { tableByName[name] }

    private static let tableByName = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })

    /// Every configuration key, in the order `context.config` reports them. This table is the one
    /// place a key is defined: validation, `get_parameter`/`set_parameter`, `context.config`,
    /// `t2v_config_keys()`, the Python docstrings and the README's table all come from it.
    public static let table: [ConfigKey] = [
        ConfigKey(
            "resolution",
            accepted: #"`"2160p"`, `"1440p"`, `"1080p"` (1920×1080), `"720p"` (1280×720), `"480p"` (854×480), `"360p"` (640×360), `"240p"` (426×240), or `"WxH"` with even sides, 16…7680 × 16…4320"#,
            meaning: "frame size of every segment", perCall: true,
            set: { s, v in
                let text = try ConfigValue.string("resolution", v, #"a string such as "720p" or "640x360""#)
                (s.width, s.height) = try Settings.parseResolution(text)
                s.resolution = text
            },
            get: { .string($0.resolution) }),
        ConfigKey(
            "frame_rate", accepted: "number in [0.001, 240]", meaning: "frames per second of the output", perCall: true,
            set: { s, v in s.frameRate = try ConfigValue.rate("frame_rate", v) },
            get: { ConfigValue.compact($0.frameRate) }),
        ConfigKey(
            "model", accepted: #"`"builtin"` or the path of a model folder: diffusers text-to-video (ModelScope) or StreamingT2V"#,
            meaning: "the video model (see [Diffusion models](#diffusion-models-model-folder))", perCall: false,
            set: { s, v in
                let name = try ConfigValue.string("model", v, #""builtin" or a model directory path"#)
                guard !name.isEmpty else {
                    throw T2VError.invalidArgument(#"model must be "builtin" or a model directory path, got an empty string"#)
                }
                s.model = name == "builtin" ? .builtin : .folder(name)
            },
            get: { .string($0.model.name) }),
        ConfigKey(
            "seed", accepted: "integer ≥ 0, or `null` for a random seed per stream (reported in the metadata)",
            meaning: "makes runs repeat", perCall: true,
            set: { s, v in
                switch v {
                case .null: s.seed = nil
                case .int(let i) where i >= 0: s.seed = UInt64(i)
                case .int(let i): throw T2VError.invalidArgument("seed must be a non-negative integer or null, got \(i)")
                case .double(let d) where d >= 0 && d == d.rounded() && d < 9.2e18: s.seed = UInt64(d)
                case .double(let d) where d.isFinite && d == d.rounded():
                    throw T2VError.invalidArgument("seed must be an integer in 0...\(Int64.max) or null, got \(d)")
                default: throw ConfigValue.typeError("seed", v, "a non-negative integer or null")
                }
            },
            get: { $0.seed.map { .int(Int64(bitPattern: $0)) } ?? .null }),
        ConfigKey(
            "segment_seconds", accepted: "(0, 60]", meaning: "length of one segment; the last segment of a text may be shorter",
            perCall: false,
            set: { s, v in s.segmentSeconds = try ConfigValue.seconds("segment_seconds", v, min: 0, minInclusive: false, max: 60) },
            get: { .double($0.segmentSeconds) }),
        ConfigKey(
            "seconds_per_text", accepted: "(0, 3600]", meaning: "seconds of video each sent text yields", perCall: true,
            set: { s, v in s.secondsPerText = try ConfigValue.seconds("seconds_per_text", v, min: 0, minInclusive: false, max: 3600) },
            get: { .double($0.secondsPerText) }),
        ConfigKey(
            "transition_seconds", accepted: "[0, 60]", meaning: "how long the move from one text to the next lasts",
            perCall: false,
            set: { s, v in s.transitionSeconds = try ConfigValue.seconds("transition_seconds", v, min: 0, minInclusive: true, max: 60) },
            get: { .double($0.transitionSeconds) }),
        ConfigKey(
            "num_inference_steps", accepted: "1…1000", meaning: "diffusion steps (diffusion models; the built-in model ignores it)",
            perCall: true,
            set: { s, v in s.numInferenceSteps = try ConfigValue.integer("num_inference_steps", v, 1...1000) },
            get: { .int(Int64($0.numInferenceSteps)) }),
        ConfigKey(
            "guidance_scale", accepted: "0…100", meaning: "classifier-free guidance (diffusion models)", perCall: true,
            set: { s, v in s.guidanceScale = try ConfigValue.guidance("guidance_scale", v) },
            get: { .double($0.guidanceScale) }),
        ConfigKey(
            "negative_prompt", accepted: "text, ≤ 10,000 characters", meaning: "negative prompt (diffusion models)", perCall: true,
            set: { s, v in
                let text = try ConfigValue.string("negative_prompt", v, "a string")
                guard text.unicodeScalars.count <= Settings.maxTextLength else {
                    throw T2VError.invalidArgument("negative_prompt is longer than \(Settings.maxTextLength) characters")
                }
                s.negativePrompt = text
            },
            get: { .string($0.negativePrompt) }),
        ConfigKey(
            "scheduler", accepted: ConfigValue.quotedList(SchedulerKind.allCases.map(\.name)),
            meaning: "diffusion scheduler (diffusion models)", perCall: true,
            set: { s, v in s.scheduler = try SchedulerKind(name: ConfigValue.choice("scheduler", v, SchedulerKind.allCases.map(\.name))) },
            get: { .string($0.scheduler.name) }),
        ConfigKey(
            "threads", accepted: "0…256, 0 = all online cores", meaning: "rendering threads per stream or processor", perCall: false,
            set: { s, v in s.threads = try ConfigValue.integer("threads", v, 0...256) },
            get: { .int(Int64($0.threads)) }),
        ConfigKey(
            "max_buffered_segments", accepted: "1…64", meaning: "how far a stream's worker may run ahead of the reader",
            perCall: false,
            set: { s, v in s.maxBufferedSegments = try ConfigValue.integer("max_buffered_segments", v, 1...64) },
            get: { .int(Int64($0.maxBufferedSegments)) }),
        ConfigKey(
            "caption", accepted: "boolean", meaning: "draw the current text into the frames (for debugging)", perCall: true,
            set: { s, v in
                guard case .bool(let b) = v else { throw ConfigValue.typeError("caption", v, "true or false") }
                s.caption = b
            },
            get: { .bool($0.caption) }),
        ConfigKey(
            "frames_per_chunk", accepted: "1…256", meaning: "frames of one denoising run of a diffusion model (its `num_frames`)",
            perCall: true,
            set: { s, v in s.framesPerChunk = try ConfigValue.integer("frames_per_chunk", v, 1...256) },
            get: { .int(Int64($0.framesPerChunk)) }),
        ConfigKey(
            "overlap_frames", accepted: "`null` (half of `frames_per_chunk`; for StreamingT2V the CAM's frames) or 0…255, less than `frames_per_chunk`",
            meaning: "frames each chunk shares with the one before, which it continues", perCall: true,
            set: { s, v in s.overlapFrames = v == .null ? nil : try ConfigValue.integer("overlap_frames", v, 0...255) },
            get: { $0.overlapFrames.map { .int(Int64($0)) } ?? .null }),
        ConfigKey(
            "model_frame_rate", accepted: "number in [0.001, 240]", meaning: "the frame rate a diffusion model's frames stand for",
            perCall: true,
            set: { s, v in s.modelFrameRate = try ConfigValue.rate("model_frame_rate", v) },
            get: { ConfigValue.compact($0.modelFrameRate) }),
        ConfigKey(
            "model_resolution",
            accepted: #"`"native"` (the UNet's `sample_size` × the VAE factor: 256×256 for text-to-video-ms-1.7b) or `"WxH"`, multiples of 8, 8…4096"#,
            meaning: "the size a diffusion model generates at", perCall: true,
            set: { s, v in
                let text = try ConfigValue.string("model_resolution", v, #""native" or "WxH" (multiples of 8)"#)
                if text == "native" {
                    (s.modelWidth, s.modelHeight) = (nil, nil)
                } else {
                    let (w, h) = try Settings.parseModelResolution(text)
                    (s.modelWidth, s.modelHeight) = (w, h)
                }
            },
            get: { s in
                if let w = s.modelWidth, let h = s.modelHeight { return .string("\(w)x\(h)") }
                return .string("native")
            }),
        ConfigKey(
            "model_variant", accepted: #"`null` or a weights variant name such as `"fp16"`"#,
            meaning: "loads `*.fp16.safetensors` where the folder has them", perCall: false,
            set: { s, v in
                switch v {
                case .null: s.modelVariant = nil
                case .string(let name)
                where !name.isEmpty && name.count <= 64
                    && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }):
                    s.modelVariant = name
                case .string(let name):
                    throw T2VError.invalidArgument(
                        #"model_variant must be a name such as "fp16" (letters, digits, _ or -), got "\#(name)""#)
                default: throw ConfigValue.typeError("model_variant", v, #"null or a weights variant name such as "fp16""#)
                }
            },
            get: { $0.modelVariant.map { .string($0) } ?? .null }),
        ConfigKey(
            "fit", accepted: ConfigValue.quotedList(fits.map(\.rawValue)),
            meaning: "how model frames of another aspect fill the output", perCall: true,
            set: { s, v in
                let name = try ConfigValue.choice("fit", v, Settings.fits.map(\.rawValue))
                s.fit = FrameScaler.Fit(rawValue: name) ?? .cover
            },
            get: { .string($0.fit.rawValue) }),
        ConfigKey(
            "streaming_guidance_scale", accepted: "0…100",
            meaning: "classifier-free guidance of a StreamingT2V model's chunks after the first, for text and anchor image together (7.5 as released)",
            perCall: true,
            set: { s, v in s.streamingGuidanceScale = try ConfigValue.guidance("streaming_guidance_scale", v) },
            get: { .double($0.streamingGuidanceScale) }),
        ConfigKey(
            "anchor", accepted: ConfigValue.quotedList(Settings.Anchor.allCases.map(\.rawValue)),
            meaning: "the frame whose look a StreamingT2V model holds (its APM): the stream's first frame, as released, or the first new frame of each text",
            perCall: true,
            set: { s, v in
                s.anchor = Settings.Anchor(rawValue: try ConfigValue.choice("anchor", v, Settings.Anchor.allCases.map(\.rawValue))) ?? .first
            },
            get: { .string($0.anchor.rawValue) }),
        ConfigKey(
            "precision", accepted: ConfigValue.quotedList(Settings.Precision.allCases.map(\.rawValue)),
            meaning: #"arithmetic of a diffusion model: `"bf16"` products with float32 accumulation on oneDNN (CPUs with AVX-512 BF16 or AMX; an error elsewhere), `"fp32"` the float32 reference, `"auto"` bf16 where the CPU runs it, else fp32 (segment metadata `precision` says which ran, `precision_note` why not bf16)"#,
            perCall: true,
            set: { s, v in
                s.precision = Settings.Precision(rawValue: try ConfigValue.choice("precision", v, Settings.Precision.allCases.map(\.rawValue))) ?? .auto
            },
            get: { .string($0.precision.rawValue) }),
        ConfigKey(
            "cache_interval", accepted: "1…100",
            meaning: "step caching of a diffusion model (DeepCache): the whole UNet every this many denoising steps, only its shallow first and last blocks on the deep features kept in between; 1 = off (every step in full, the reference). Faster, and changes the frames a little (see docs/figures.md)",
            perCall: true,
            set: { s, v in s.cacheInterval = try ConfigValue.integer("cache_interval", v, 1...100) },
            get: { .int(Int64($0.cacheInterval)) }),
    ]
}
