import FoundationEssentials
import T2VNeural

/// A StreamingT2V folder (`"model": <folder>` whose model_index.json names `StreamingT2VPipeline`;
/// docs/streamingt2v.md), loaded once per context and shared by its streams and processors.
public final class StreamingT2VResources: ModelResources, @unchecked Sendable {
    public let directory: String
    public let stage: StreamingT2VStage

    init(directory: String, stage: StreamingT2VStage) {
        self.directory = directory
        self.stage = stage
    }

    static func load(directory: String, variant: String?) throws -> StreamingT2VResources {
        try DiffusersResources.loading(directory) {
            StreamingT2VResources(
                directory: directory,
                stage: try StreamingT2VStage(directory: URL(fileURLWithPath: directory, isDirectory: true), variant: variant))
        }
    }

    public func validate(_ settings: Settings) throws {
        _ = try nativeFormat(settings)
        try DiffusersResources.checkScheduler(settings, directory: directory, components: stage.components)
        _ = try settings.precision.resolved()
    }

    public func makeModel(_ settings: Settings) throws -> VideoModel {
        try StreamingT2VVideoModel(settings: settings, resources: self)
    }

    /// Chunks of `frames_per_chunk` frames (16 as released) after the first conditioned on the
    /// CAM's `num_frames_conditioning` frames (8): `overlap_frames` must be that number or null.
    func nativeFormat(_ settings: Settings) throws -> NativeFormat {
        let cam = stage.camFrames
        guard settings.framesPerChunk > cam else {
            throw T2VError.invalidArgument(
                "frames_per_chunk \(settings.framesPerChunk): model \"\(directory)\" continues chunks from the \(cam) frames its "
                    + "CAM reads (controlnet/config.json num_frames_conditioning), so a chunk needs more than \(cam) frames (16 as released)")
        }
        if let overlap = settings.overlapFrames, overlap != cam {
            throw T2VError.invalidArgument(
                "overlap_frames \(overlap): model \"\(directory)\" continues chunks from the \(cam) frames its CAM reads "
                    + "(controlnet/config.json num_frames_conditioning); set overlap_frames to \(cam) or null")
        }
        return try DiffusersResources.nativeFormat(
            settings, directory: directory, components: stage.components, overlap: cam, continuation: .dropRepeated)
    }
}

extension ModelFamily {
    /// StreamingT2V folders in reflection's layout (tools/convert_streamingt2v_checkpoint.py makes
    /// one from the released checkpoint).
    public static let streamingT2V = ModelFamily(
        name: "StreamingT2V",
        pipelineClassNames: [StreamingT2VStage.pipelineClassName],
        load: { directory, settings in try StreamingT2VResources.load(directory: directory, variant: settings.modelVariant) })
}

/// StreamingT2V (docs/streamingt2v.md): the first chunk of a stream by the folder's ModelScope UNet
/// as diffusers' `TextToVideoSDPipeline` runs it (`scheduler`, `guidance_scale`, `seed`); every later
/// chunk by the streaming stage — the base UNet with the APM's anchor tokens, under the CAM, which
/// reads the `O` frames before it as the previous chunk decoded them (floats, not their 8-bit
/// copies, whenever they are this model's own), DDIM with eta 1, `streaming_guidance_scale`, and
/// one generator seeded with the stream's seed and consumed chunk after chunk. A chunk's first `O`
/// frames repeat the conditioning and are dropped (``NativeFormat/Continuation/dropRepeated``).
///
/// Text changes: a chunk is conditioned on the text in force for it (the CAM carries the motion
/// across). The anchor is frame 0 of the stream (`anchor` "first", as released) or, with "text",
/// from the second chunk of each later text on, the first new frame of that text's first chunk.
public final class StreamingT2VVideoModel: VideoModel {
    public let name: String
    public let nativeFormat: NativeFormat?
    public var conditioningFrameCount: Int { stage.camFrames }
    private let stage: StreamingT2VStage
    private let first: TextToVideoPipeline
    private let settings: Settings
    private let precision: (precision: ComputePrecision, note: String?)
    public var metadata: [(String, JSONValue)] { Settings.Precision.metadata(precision) }
    /// The streaming stage's generator as the last completed chunk left it (a cancelled chunk is
    /// made again from the same state).
    private var generator: TorchRandomSource?
    /// The last chunk made: frames `(F, 3, H, W)` in [0, 1] and as rgb24.
    private var last: (frames: Tensor, bytes: [UInt8])?
    /// The anchor `(1, 3, H, W)` in [−1, 1], its number (for the conditioning cache) and the first
    /// frame of the text it was taken for.
    private var anchor: (frame: Tensor, id: Int, textStart: Int64)?
    private var conditioning: (prompt: String, negative: String, anchorID: Int, value: StreamingT2VStage.Conditioning)?

    init(settings: Settings, resources: StreamingT2VResources) throws {
        self.settings = settings
        precision = try settings.precision.resolved()
        name = resources.directory
        stage = resources.stage
        first = try DiffusersVideoModel.textToVideo(resources.stage.components, directory: resources.directory, settings: settings)
        first.cacheInterval = settings.cacheInterval
        nativeFormat = try resources.nativeFormat(settings)
    }

    public func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws {
        let frameBytes = request.width * request.height * 3
        let known = request.conditioningFrameCount
        guard known == 0 || known == stage.camFrames, request.frameCount > known,
              request.conditioningFrames.count == known * frameBytes
        else {
            throw T2VError.engine("chunk of \(request.frameCount) frames with \(known) known frames is inconsistent")
        }
        try DiffusersVideoModel.engineErrors(model: name) {
            let bytes = try ComputeSession.run(
                threads: settings.threads, precision: precision.precision, keepWaiting: { !request.isCancelled() }
            ) {
                try withoutActuallyEscaping(progress) { progress in
                    known == 0 ? try firstChunk(request, progress: progress) : try streamedChunk(request, progress: progress)
                }
            }
            guard bytes.count == frameBytes * request.frameCount else {
                throw T2VError.engine("the model made \(bytes.count / max(frameBytes, 1)) frames of \(request.width)x\(request.height)")
            }
            bytes.withUnsafeBufferPointer { src in
                if let base = src.baseAddress { pixels.update(from: base, count: src.count) }
            }
        }
    }

    /// The first chunk: diffusers' text-to-video run with `torch.manual_seed(seed)`.
    private func firstChunk(_ request: ChunkRequest, progress: @escaping (Int, Int) -> Bool) throws -> [UInt8] {
        let output = try first.generate(
            prompt: request.prompt, negativePrompt: request.negativePrompt, numFrames: request.frameCount,
            height: request.height, width: request.width, numInferenceSteps: settings.numInferenceSteps,
            guidanceScale: Float(settings.guidanceScale), seed: request.seed, progress: progress)
        let video = try RGB24Video(frames: output.frames)
        let frames = try output.frames.permuted([0, 3, 1, 2])  // (F, 3, H, W)
        last = (frames, video.bytes)
        generator = TorchRandomSource(seed: request.seed)
        setAnchor(try frames.narrowed(dim: 0, start: 0, length: 1), textStart: request.promptStartFrame)
        return video.bytes
    }

    /// A chunk after the first, by the streaming stage.
    private func streamedChunk(_ request: ChunkRequest, progress: @escaping (Int, Int) -> Bool) throws -> [UInt8] {
        let previous = try conditioningFrames(request).map { $0 * 2 - 1 }
        if anchor == nil {  // a model that did not make the stream's first chunk: its first known frame
            setAnchor(try previous.narrowed(dim: 0, start: 0, length: 1).map { $0 / 2 + 0.5 }, textStart: request.promptStartFrame)
        }
        guard let anchor else { throw T2VError.engine("no anchor frame") }
        let context: StreamingT2VStage.Conditioning
        if let c = conditioning, c.prompt == request.prompt, c.negative == request.negativePrompt, c.anchorID == anchor.id {
            context = c.value
        } else {
            context = try stage.conditioning(prompt: request.prompt, negativePrompt: request.negativePrompt, anchor: anchor.frame)
            conditioning = (request.prompt, request.negativePrompt, anchor.id, context)
        }
        var generator = self.generator ?? TorchRandomSource(seed: request.seed)
        let (frames, _) = try stage.chunk(
            conditioning: context, previousFrames: previous, numFrames: request.frameCount,
            numInferenceSteps: settings.numInferenceSteps, guidanceScale: Float(settings.streamingGuidanceScale),
            cacheInterval: settings.cacheInterval, generator: &generator, progress: progress)
        let video = try RGB24Video(frames: try frames.permuted([0, 2, 3, 1]))
        self.generator = generator
        last = (frames, video.bytes)
        if settings.anchor == .text, request.promptStartFrame != anchor.textStart {
            setAnchor(try frames.narrowed(dim: 0, start: request.conditioningFrameCount, length: 1), textStart: request.promptStartFrame)
        }
        return video.bytes
    }

    /// `frame` `(1, 3, H, W)` in [0, 1] becomes the anchor.
    private func setAnchor(_ frame: Tensor, textStart: Int64) {
        let id = (anchor?.id ?? 0) + 1
        anchor = (frame.map { $0 * 2 - 1 }, id, textStart)
    }

    /// The frames a chunk is conditioned on, `(O, 3, H, W)` in [0, 1]: the last chunk's own floats
    /// where the request's rgb24 frames are exactly a run of its frames, else the rgb24 frames.
    private func conditioningFrames(_ request: ChunkRequest) throws -> Tensor {
        let known = request.conditioningFrameCount
        let frameBytes = request.width * request.height * 3
        if let last, last.frames.shape[2] == request.height, last.frames.shape[3] == request.width {
            let count = last.frames.shape[0]
            for offset in stride(from: count - known, through: 0, by: -1) {
                let range = offset * frameBytes..<(offset + known) * frameBytes
                if last.bytes[range].elementsEqual(request.conditioningFrames) {
                    return try last.frames.narrowed(dim: 0, start: offset, length: known)
                }
            }
        }
        return try RGB24Video(
            bytes: request.conditioningFrames, frameCount: known, height: request.height, width: request.width
        ).tensor().permuted([0, 3, 1, 2])
    }
}
