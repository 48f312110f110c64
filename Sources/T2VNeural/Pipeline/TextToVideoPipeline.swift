// Matches diffusers 0.33.1 pipelines/text_to_video_synthesis/pipeline_text_to_video_synth.py
// (TextToVideoSDPipeline: encode_prompt, prepare_latents, the denoising loop, decode_latents).

import FoundationEssentials

/// Text to video with a ModelScope-family model folder (text-to-video-ms-1.7b, zeroscope), the
/// steps and results of diffusers' `TextToVideoSDPipeline` for the same weights, prompt and seed
/// (`generator=torch.manual_seed(seed)`).
///
/// ```swift
/// let pipe = try TextToVideoPipeline(directory: URL(fileURLWithPath: "/models/text-to-video-ms-1.7b"),
///                                    scheduler: "dpmsolver")
/// let frames = try pipe(prompt: "a red kite over a beach", numFrames: 16, numInferenceSteps: 25, seed: 42)
/// // frames: (16, 256, 256, 3) in [0, 1]
/// ```
///
/// - Thread safety: the models are immutable; each call builds its own scheduler and random
///   source, so calls may run concurrently. Setting ``eta`` or ``vaeDecodeBatchSize`` while a
///   call runs is not safe.
/// - Cancellation: `progress(i, n)` is called before the first step (i = 0) and after each step
///   (i = steps done, n = steps in all); returning false throws
///   ``PipelineError/cancelled(completedSteps:totalSteps:)``.
public final class TextToVideoPipeline: DiffusersPipeline, @unchecked Sendable {
    /// Latents and frames of one run (`generate`).
    public struct Output: Sendable {
        /// Frames `(F, H, W, 3)` in [0, 1] (`output_type="np"`, batch 0).
        public var frames: Tensor
        /// The final latents `(1, C, F, h, w)` (`output_type="latent"`).
        public var latents: Tensor
        /// `decode_latents(latents)`: `(1, 3, F, H, W)` before postprocessing.
        public var video: Tensor
        /// The timesteps visited.
        public var timesteps: [Int]
    }

    public let components: PipelineComponents
    public let schedulerKind: SchedulerKind
    /// DDIM's eta (0, the diffusers default, is deterministic); other schedulers ignore it.
    public var eta: Float = 0
    /// Frames the VAE decodes at a time (bounds the decoder's working memory; same result).
    public var vaeDecodeBatchSize: Int = 8
    /// Step caching: the whole UNet every `cacheInterval` denoising steps, its shallow branch in
    /// between (DeepCache, ``UNet3DConditionModel/StepCache``). 1 (the default) is diffusers' loop.
    public var cacheInterval: Int = 1
    private let promptCache = PromptCache()

    public static let vaeParts = AutoencoderKL.Parts.decoder

    /// A pipeline over already loaded components.
    public init(components: PipelineComponents, scheduler: SchedulerKind = .ddim) throws {
        self.components = components
        self.schedulerKind = scheduler
        _ = try components.makeScheduler(scheduler, eta: 0)  // reject an unusable scheduler config now
    }

    /// `vae_scale_factor`.
    public var vaeScaleFactor: Int { components.vaeScaleFactor }

    /// Default frame size: `unet.config.sample_size * vae_scale_factor` (256 for text-to-video-ms-1.7b).
    public var defaultSize: Int? { components.unet.config.sampleSize.map { $0 * vaeScaleFactor } }

    /// `encode_prompt`: `(prompt_embeds, negative_prompt_embeds)`, each `(1, 77, D)`; the negative
    /// embeddings only with classifier-free guidance.
    public func encodePrompt(
        _ prompt: String, negativePrompt: String = "", doClassifierFreeGuidance: Bool = true
    ) throws -> (promptEmbeds: Tensor, negativePromptEmbeds: Tensor?) {
        try components.encodePrompt(prompt, negativePrompt: negativePrompt, doClassifierFreeGuidance: doClassifierFreeGuidance)
    }

    /// `prepare_latents`: `randn(batch, channels, frames, height / f, width / f)` from `generator`
    /// (f = ``vaeScaleFactor``), times `initNoiseSigma`.
    public func prepareLatents<R: RandomSource>(
        batchSize: Int, numChannelsLatents: Int, numFrames: Int, height: Int, width: Int,
        generator: inout R, initNoiseSigma: Float = 1
    ) throws -> Tensor {
        let f = vaeScaleFactor
        let shape = [batchSize, numChannelsLatents, numFrames, height / f, width / f]
        guard shape.allSatisfy({ $0 >= 1 }) else {
            throw PipelineError.invalidArgument("latent shape \(shape) (height \(height), width \(width), frames \(numFrames))")
        }
        let count = shape.reduce(1, *)
        let latents = try Tensor(shape: shape, scalars: generator.normalArray(count: count))
        return latents.scaled(by: initNoiseSigma)
    }

    /// `decode_latents`: latents `(B, C, F, h, w)` → video `(B, 3, F, H, W)` before postprocessing.
    public func decodeLatents(_ latents: Tensor) throws -> Tensor {
        try components.decodeLatents(latents, batchSize: max(1, vaeDecodeBatchSize))
    }

    /// Generates frames `(numFrames, height, width, 3)` in [0, 1] (float32) for `prompt`.
    /// `height`/`width` default to ``defaultSize`` and must be multiples of 8; classifier-free
    /// guidance runs when `guidanceScale > 1`.
    public func callAsFunction(
        prompt: String, negativePrompt: String = "", numFrames: Int = 16, height: Int? = nil, width: Int? = nil,
        numInferenceSteps: Int = 50, guidanceScale: Float = 9.0, seed: UInt64,
        progress: ((Int, Int) -> Bool)? = nil
    ) throws -> Tensor {
        try generate(
            prompt: prompt, negativePrompt: negativePrompt, numFrames: numFrames, height: height, width: width,
            numInferenceSteps: numInferenceSteps, guidanceScale: guidanceScale, seed: seed, progress: progress
        ).frames
    }

    /// As `callAsFunction`, the frames as 8-bit RGB (`round(x · 255)`).
    public func rgb24(
        prompt: String, negativePrompt: String = "", numFrames: Int = 16, height: Int? = nil, width: Int? = nil,
        numInferenceSteps: Int = 50, guidanceScale: Float = 9.0, seed: UInt64,
        progress: ((Int, Int) -> Bool)? = nil
    ) throws -> RGB24Video {
        let frames = try self(
            prompt: prompt, negativePrompt: negativePrompt, numFrames: numFrames, height: height, width: width,
            numInferenceSteps: numInferenceSteps, guidanceScale: guidanceScale, seed: seed, progress: progress)
        return RGB24Video(
            bytes: VideoProcessor.rgb24(frames), frameCount: frames.shape[0], height: frames.shape[1], width: frames.shape[2])
    }

    /// The whole run of `__call__`, keeping the final latents and the decoded video;
    /// `callback(i, t, latents)` sees the latents after each step. `leading` (not in diffusers;
    /// nil by default) continues known frames: see ``continuation(prompt:negativePrompt:numFrames:height:width:numInferenceSteps:guidanceScale:seed:leading:progress:)``.
    public func generate(
        prompt: String, negativePrompt: String = "", numFrames: Int = 16, height: Int? = nil, width: Int? = nil,
        numInferenceSteps: Int = 50, guidanceScale: Float = 9.0, seed: UInt64,
        progress: ((Int, Int) -> Bool)? = nil, callback: ((Int, Int, Tensor) -> Void)? = nil, leading: Tensor? = nil
    ) throws -> Output {
        // 0. Default height and width to unet
        guard let height = height ?? defaultSize, let width = width ?? defaultSize else {
            throw PipelineError.invalidArgument("height and width are needed: the UNet config has no sample_size")
        }

        // 1. Check inputs
        guard height % 8 == 0, width % 8 == 0, height > 0, width > 0 else {
            throw PipelineError.invalidArgument("`height` and `width` have to be divisible by 8 but are \(height) and \(width)")
        }
        guard numFrames >= 1 else { throw PipelineError.invalidArgument("num_frames \(numFrames) < 1") }
        guard numInferenceSteps >= 1 else {
            throw PipelineError.invalidArgument("num_inference_steps \(numInferenceSteps) < 1")
        }
        guard guidanceScale.isFinite else { throw PipelineError.invalidArgument("guidance_scale \(guidanceScale)") }
        if let leading { try checkLeading(leading, numFrames: numFrames, height: height, width: width) }

        // 2. Define call parameters
        let doClassifierFreeGuidance = guidanceScale > 1.0

        // 3. Encode input prompt (kept for the next run of the same texts: a stream's chunks)
        let embeds = try promptCache.embeddings(prompt, negativePrompt, doClassifierFreeGuidance) {
            try components.guidanceEmbeddings(prompt, negativePrompt: negativePrompt, doClassifierFreeGuidance: doClassifierFreeGuidance)
        }

        // 4. Prepare timesteps
        var scheduler = try components.makeScheduler(schedulerKind, eta: eta)
        try scheduler.setTimesteps(numInferenceSteps)
        let timesteps = scheduler.timesteps

        // 5. Prepare latent variables
        var generator = TorchRandomSource(seed: seed)
        let latents = try prepareLatents(
            batchSize: 1, numChannelsLatents: components.unet.config.inChannels, numFrames: numFrames,
            height: height, width: width, generator: &generator, initNoiseSigma: scheduler.initNoiseSigma)

        // 7. Denoising loop
        let sigma = scheduler.initNoiseSigma
        let constrain = try leading.map { try knownFrameReplacement($0, initial: latents, sigma: sigma) }
        let final = try components.denoise(
            latents: latents, promptEmbeds: embeds, timesteps: timesteps, scheduler: &scheduler,
            guidanceScale: guidanceScale, doClassifierFreeGuidance: doClassifierFreeGuidance, generator: &generator,
            progress: progress, callback: callback, constrain: constrain, cacheInterval: cacheInterval)

        // 8. Post processing
        let video = try decodeLatents(final)
        let frames = try VideoProcessor.postprocessVideo(video)
        return Output(frames: frames, latents: final, video: video, timesteps: timesteps)
    }
}
