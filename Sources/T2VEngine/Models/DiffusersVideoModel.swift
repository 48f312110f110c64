import FoundationEssentials
import T2VNeural

/// The weights of a diffusers text-to-video folder, loaded once per context and shared by its
/// streams and processors (the models are immutable; runs may overlap).
public final class DiffusersResources: ModelResources, @unchecked Sendable {
    public let directory: String
    public let components: PipelineComponents

    init(directory: String, components: PipelineComponents) {
        self.directory = directory
        self.components = components
    }

    /// Loads the folder (tokenizer, text encoder, UNet, both halves of the VAE: the encoder reads
    /// the frames a chunk continues), with the weights `variant` where the folder has it.
    static func load(directory: String, variant: String?) throws -> DiffusersResources {
        do {
            let components = try PipelineComponents(
                directory: URL(fileURLWithPath: directory, isDirectory: true), variant: variant, vaeParts: .all)
            return DiffusersResources(directory: directory, components: components)
        } catch let error as PipelineError {
            switch error {
            case .componentClassMismatch, .binWeightsOnly:
                throw T2VError.unsupported("model \"\(directory)\" cannot be used: \(error)")
            default:
                throw T2VError.invalidArgument("model \"\(directory)\" cannot be loaded: \(error)")
            }
        } catch {
            throw T2VError.invalidArgument("model \"\(directory)\" cannot be loaded: \(error)")
        }
    }

    public func validate(_ settings: Settings) throws {
        _ = try nativeFormat(settings)
        do {
            _ = try settings.scheduler.make(storedConfig: components.schedulerConfig)
        } catch {
            throw T2VError.invalidArgument("model \"\(directory)\": scheduler \"\(settings.scheduler)\": \(error)")
        }
    }

    public func makeModel(_ settings: Settings) throws -> VideoModel {
        try DiffusersVideoModel(settings: settings, resources: self)
    }

    /// The size, rate and chunking a model made with `settings` generates at, checked against
    /// the weights (VAE factor, native size) and the memory limit.
    func nativeFormat(_ settings: Settings) throws -> NativeFormat {
        let factor = components.vaeScaleFactor
        let width: Int, height: Int
        if let w = settings.modelWidth, let h = settings.modelHeight {
            (width, height) = (w, h)
        } else if let size = components.unet.config.sampleSize {
            (width, height) = (size * factor, size * factor)
        } else {
            throw T2VError.invalidArgument(
                "model \"\(directory)\" has no sample_size in unet/config.json: set model_resolution (\"WxH\")")
        }
        guard width % factor == 0, height % factor == 0 else {
            throw T2VError.invalidArgument(
                "model_resolution \(width)x\(height) must be a multiple of the model's VAE scale factor \(factor)")
        }
        // A chunk's decoded frames are held as float32 (and its latents and activations scale with
        // them): refuse sizes whose frames alone pass the segment limit instead of failing an allocation.
        let chunkBytes = Double(width) * Double(height) * 3 * 4 * Double(settings.framesPerChunk)
        guard chunkBytes <= Double(Settings.maxSegmentBytes) else {
            throw T2VError.invalidArgument(
                "frames_per_chunk \(settings.framesPerChunk) at model_resolution \(width)x\(height) needs "
                    + "\(Int((chunkBytes / Double(1 << 30)).rounded(.up))) GiB per chunk for its frames alone; the limit is "
                    + "\(Settings.maxSegmentBytes >> 30) GiB: lower frames_per_chunk or model_resolution")
        }
        guard settings.chunkOverlap < settings.framesPerChunk else {
            throw T2VError.invalidArgument(
                "overlap_frames (\(settings.chunkOverlap)) must be less than frames_per_chunk (\(settings.framesPerChunk))")
        }
        return NativeFormat(
            width: width, height: height, frameRate: settings.modelFrameRate, framesPerChunk: settings.framesPerChunk,
            overlapFrames: settings.chunkOverlap)
    }
}

extension ModelFamily {
    /// diffusers' ModelScope text-to-video folders (text-to-video-ms-1.7b, zeroscope_v2):
    /// `TextToVideoSDPipeline` and `VideoToVideoSDPipeline` share the layout and components.
    public static let modelScopeTextToVideo = ModelFamily(
        name: "ModelScope text-to-video (diffusers)",
        pipelineClassNames: PipelineComponents.pipelineClassNames,
        load: { directory, settings in try DiffusersResources.load(directory: directory, variant: settings.modelVariant) })
}

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
    /// The last chunk made: its first model frame, frames (rgb24) and final latents, so that the
    /// frames the next chunk continues need not be encoded again when they are unchanged.
    private var last: (start: Int64, frames: [UInt8], latents: Tensor)?

    init(settings: Settings, resources: DiffusersResources) throws {
        self.settings = settings
        name = resources.directory
        do {
            pipeline = try TextToVideoPipeline(components: resources.components, scheduler: settings.scheduler)
        } catch {
            throw T2VError.invalidArgument("model \"\(resources.directory)\": scheduler \"\(settings.scheduler)\": \(error)")
        }
        nativeFormat = try resources.nativeFormat(settings)
        if settings.threads > 0 { NeuralRuntime.setThreadCount(settings.threads) }
    }

    public func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws {
        let (width, height) = (request.width, request.height)
        let frameBytes = width * height * 3
        let known = request.conditioningFrameCount
        guard known >= 0, known < request.frameCount, request.conditioningFrames.count == known * frameBytes else {
            throw T2VError.engine("chunk of \(request.frameCount) frames with \(known) known frames is inconsistent")
        }
        do {
            let leading = known > 0 ? try leadingLatents(request, known: known, frameBytes: frameBytes) : nil
            let output = try withoutActuallyEscaping(progress) { progress in
                try pipeline.continuation(
                    prompt: request.prompt, negativePrompt: request.negativePrompt, numFrames: request.frameCount,
                    height: height, width: width, numInferenceSteps: settings.numInferenceSteps,
                    guidanceScale: Float(settings.guidanceScale), seed: request.seed &+ UInt64(bitPattern: request.chunkIndex),
                    leading: leading, progress: progress)
            }
            let video = try RGB24Video(frames: output.frames)
            guard video.bytes.count == frameBytes * request.frameCount else {
                throw T2VError.engine("the model made \(video.frameCount) frames of \(video.width)x\(video.height)")
            }
            video.bytes.withUnsafeBufferPointer { src in
                if let base = src.baseAddress { pixels.update(from: base, count: src.count) }
            }
            last = (request.startFrame, video.bytes, output.latents)
        } catch let error as T2VError {
            throw error
        } catch PipelineError.cancelled {
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
