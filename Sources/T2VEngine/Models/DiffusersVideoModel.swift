import T2VNeural

/// A diffusers text-to-video model (`"model": <folder>`): ModelScope's text-to-video-ms-1.7b, the
/// zeroscope_v2 models and others in that layout, run as diffusers' `TextToVideoSDPipeline` runs
/// them. Each chunk is one pipeline run of `frames_per_chunk` frames at the model's size; a chunk
/// after the first continues the frames it shares with the previous one (see
/// ``TextToVideoPipeline/continuation(prompt:negativePrompt:numFrames:height:width:numInferenceSteps:guidanceScale:seed:leading:progress:)``).
/// Chunk `k` of a timeline draws its noise from `torch.manual_seed(seed + k)`, so the first chunk
/// is exactly diffusers' output for the same prompt, settings and seed.
public final class DiffusersVideoModel: VideoModel {
    public let name: String
    public let nativeFormat: NativeFormat?
    public var conditioningFrameCount: Int { nativeFormat?.overlapFrames ?? 0 }
    private let pipeline: TextToVideoPipeline
    private let settings: Settings
    private let precision: (precision: ComputePrecision, note: String?)
    public var metadata: [(String, JSONValue)] { Settings.Precision.metadata(precision) }
    /// The last chunk made: its first model frame, frames (rgb24) and final latents, so that the
    /// frames the next chunk continues need not be encoded again when they are unchanged.
    private var last: (start: Int64, frames: [UInt8], latents: Tensor)?

    init(settings: Settings, resources: DiffusersResources) throws {
        self.settings = settings
        precision = try settings.precision.resolved()
        name = resources.directory
        pipeline = try Self.textToVideo(resources.components, directory: resources.directory, settings: settings)
        pipeline.cacheInterval = settings.cacheInterval
        nativeFormat = try resources.nativeFormat(settings)
    }

    public func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws {
        let (width, height) = (request.width, request.height)
        let frameBytes = width * height * 3
        let known = request.conditioningFrameCount
        guard known >= 0, known < request.frameCount, request.conditioningFrames.count == known * frameBytes else {
            throw T2VError.engine("chunk of \(request.frameCount) frames with \(known) known frames is inconsistent")
        }
        try Self.engineErrors(model: name) {
            // One diffusion chunk computes at a time, with this context's thread count (ComputeSession).
            let output = try ComputeSession.run(
                threads: settings.threads, precision: precision.precision, keepWaiting: { !request.isCancelled() }
            ) {
                let leading = known > 0 ? try leadingLatents(request, known: known, frameBytes: frameBytes) : nil
                return try withoutActuallyEscaping(progress) { progress in
                    try pipeline.continuation(
                        prompt: request.prompt, negativePrompt: request.negativePrompt, numFrames: request.frameCount,
                        height: height, width: width, numInferenceSteps: settings.numInferenceSteps,
                        guidanceScale: Float(settings.guidanceScale), seed: request.seed &+ UInt64(bitPattern: request.chunkIndex),
                        leading: leading, progress: progress)
                }
            }
            let video = try RGB24Video(frames: output.frames)
            guard video.bytes.count == frameBytes * request.frameCount else {
                throw T2VError.engine("the model made \(video.frameCount) frames of \(video.width)x\(video.height)")
            }
            video.bytes.withUnsafeBufferPointer { src in
                if let base = src.baseAddress { pixels.update(from: base, count: src.count) }
            }
            last = (request.startFrame, video.bytes, output.latents)
        }
    }

    /// diffusers' text-to-video pipeline over `components` with `settings.scheduler`; an unusable
    /// scheduler config is an error naming the model.
    static func textToVideo(_ components: PipelineComponents, directory: String, settings: Settings) throws -> TextToVideoPipeline {
        do {
            return try TextToVideoPipeline(components: components, scheduler: settings.scheduler)
        } catch {
            throw T2VError.invalidArgument("model \"\(directory)\": scheduler \"\(settings.scheduler)\": \(error)")
        }
    }

    /// Runs a chunk's generation, turning what it throws into the engine's errors: cancellation
    /// (by progress or while waiting for the compute session) as `cancelled`, the rest as `engine`
    /// naming the model.
    static func engineErrors(model name: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as T2VError {
            throw error
        } catch PipelineError.cancelled, is ComputeSession.Cancelled {
            throw T2VError.cancelled("generation was cancelled")
        } catch {
            throw T2VError.engine("model \"\(name)\": \(error)")
        }
    }

    /// Clean latents of the chunk's known frames: the previous chunk's own latents where the
    /// frames are exactly what it made, else the VAE encoding of the frames.
    private func leadingLatents(_ request: ChunkRequest, known: Int, frameBytes: Int) throws -> Tensor {
        if let last, request.startFrame >= last.start {
            let offset = Int(request.startFrame - last.start)
            let lastCount = last.latents.shape[2]
            if offset + known <= lastCount {
                let range = offset * frameBytes..<(offset + known) * frameBytes
                if last.frames[range].elementsEqual(request.conditioningFrames) {
                    return try last.latents.narrowed(dim: 2, start: offset, length: known)
                }
            }
        }
        let frames = try RGB24Video(
            bytes: request.conditioningFrames, frameCount: known, height: request.height, width: request.width
        ).tensor()
        return try pipeline.encodeFrames(frames)
    }
}
