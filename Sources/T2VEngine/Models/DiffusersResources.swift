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
        try loading(directory) {
            let components = try PipelineComponents(
                directory: URL(fileURLWithPath: directory, isDirectory: true), variant: variant, vaeParts: .all)
            return DiffusersResources(directory: directory, components: components)
        }
    }

    /// Runs `load`, turning a loading error into the engine's: unusable (another class, `.bin`
    /// weights only) or invalid, with the folder's path before the message naming the component.
    static func loading<R>(_ directory: String, _ load: () throws -> R) throws -> R {
        do {
            return try load()
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
        try Self.checkScheduler(settings, directory: directory, components: components)
        _ = try settings.precision.resolved()
    }

    /// Throws unless `settings.scheduler` can be made from the folder's scheduler config.
    static func checkScheduler(_ settings: Settings, directory: String, components: PipelineComponents) throws {
        do {
            _ = try settings.scheduler.make(storedConfig: components.schedulerConfig)
        } catch {
            throw T2VError.invalidArgument("model \"\(directory)\": scheduler \"\(settings.scheduler)\" from scheduler/scheduler_config.json: \(error)")
        }
    }

    public func makeModel(_ settings: Settings) throws -> VideoModel {
        try DiffusersVideoModel(settings: settings, resources: self)
    }

    /// The size, rate and chunking a model made with `settings` generates at, checked against
    /// the weights (VAE factor, native size) and the memory limit.
    func nativeFormat(_ settings: Settings) throws -> NativeFormat {
        try Self.nativeFormat(settings, directory: directory, components: components, overlap: settings.chunkOverlap)
    }

    /// The native format of `components`' UNet for `settings`, with chunks overlapping by
    /// `overlap` frames and continued as `continuation` says.
    static func nativeFormat(
        _ settings: Settings, directory: String, components: PipelineComponents, overlap: Int,
        continuation: NativeFormat.Continuation = .crossfade
    ) throws -> NativeFormat {
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
        guard overlap < settings.framesPerChunk else {
            throw T2VError.invalidArgument(
                "overlap_frames (\(overlap)) must be less than frames_per_chunk (\(settings.framesPerChunk))")
        }
        return NativeFormat(
            width: width, height: height, frameRate: settings.modelFrameRate, framesPerChunk: settings.framesPerChunk,
            overlapFrames: overlap, continuation: continuation)
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
