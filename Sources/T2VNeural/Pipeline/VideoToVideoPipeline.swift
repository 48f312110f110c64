// Matches diffusers 0.33.1 pipelines/text_to_video_synthesis/pipeline_text_to_video_synth_img2img.py
// (VideoToVideoSDPipeline: encode_prompt, preprocess_video, get_timesteps, prepare_latents with
// vae.encode + add_noise, the denoising loop, decode_latents).

import FoundationEssentials

/// Video to video with a ModelScope-family folder (the refinement stage: e.g. zeroscope_v2_XL over
/// an upscaled zeroscope_v2_576w video), the steps of diffusers' `VideoToVideoSDPipeline`:
/// the input frames are encoded by the VAE, noised to the timestep `strength` selects, then
/// denoised by the last `int(numInferenceSteps · strength)` steps.
///
/// - Random draws, in diffusers' order from one `torch.manual_seed(seed)` generator: the VAE
///   posterior sample (`latent_dist.sample(generator)`), then the noise of `add_noise`.
/// - Thread safety and cancellation as ``TextToVideoPipeline``.
public final class VideoToVideoPipeline: DiffusersPipeline, @unchecked Sendable {
    public let components: PipelineComponents
    public let schedulerKind: SchedulerKind
    /// DDIM's eta (0, the diffusers default); other schedulers ignore it.
    public var eta: Float = 0
    /// Frames the VAE encodes or decodes at a time (bounds working memory; same result).
    public var vaeBatchSize: Int = 8

    public static let vaeParts = AutoencoderKL.Parts.all

    /// A pipeline over already loaded components (the VAE needs its encoder).
    public init(components: PipelineComponents, scheduler: SchedulerKind = .ddim) throws {
        self.components = components
        self.schedulerKind = scheduler
        _ = try components.makeScheduler(scheduler, eta: 0)
    }

    public var vaeScaleFactor: Int { components.vaeScaleFactor }

    /// `encode_prompt` (see ``TextToVideoPipeline/encodePrompt(_:negativePrompt:doClassifierFreeGuidance:)``).
    public func encodePrompt(
        _ prompt: String, negativePrompt: String = "", doClassifierFreeGuidance: Bool = true
    ) throws -> (promptEmbeds: Tensor, negativePromptEmbeds: Tensor?) {
        try components.encodePrompt(prompt, negativePrompt: negativePrompt, doClassifierFreeGuidance: doClassifierFreeGuidance)
    }

    /// `get_timesteps(num_inference_steps, strength)`: the timesteps run and their count.
    public func getTimesteps(numInferenceSteps: Int, strength: Double) throws -> (timesteps: [Int], numInferenceSteps: Int) {
        var scheduler = try components.makeScheduler(schedulerKind, eta: eta)
        try scheduler.setTimesteps(numInferenceSteps)
        let r = Self.getTimesteps(scheduler.timesteps, numInferenceSteps: numInferenceSteps, strength: strength)
        return (r.timesteps, r.numInferenceSteps)
    }

    /// `get_timesteps` on the scheduler's timesteps (every scheduler here has order 1).
    static func getTimesteps(_ all: [Int], numInferenceSteps: Int, strength: Double)
        -> (timesteps: [Int], numInferenceSteps: Int, tStart: Int)
    {
        // get the original timestep using init_timestep
        let initTimestep = min(Int(Double(numInferenceSteps) * strength), numInferenceSteps)
        let tStart = max(numInferenceSteps - initTimestep, 0)
        let timesteps = tStart < all.count ? Array(all[tStart...]) : []
        return (timesteps, numInferenceSteps - tStart, tStart)
    }

    /// `prepare_latents(video, latent_timestep, ...)`: video `(1, C, F, H, W)` in [-1, 1] (or
    /// latents, C = 4) → noised latents `(1, 4, F, h, w)` at `timestep`.
    func prepareLatents<R: RandomSource>(
        video: Tensor, timestep: Int, beginIndex: Int, scheduler: any Scheduler, generator: inout R
    ) throws -> Tensor {
        // change from (b, c, f, h, w) -> (b * f, c, h, w)
        let (bsz, channel, frames, height, width) = (video.shape[0], video.shape[1], video.shape[2], video.shape[3], video.shape[4])
        let folded = try video.permuted([0, 2, 1, 3, 4]).reshaped([bsz * frames, channel, height, width])

        var initLatents: Tensor
        if channel == components.vae.config.latentChannels {
            initLatents = folded
        } else {
            // retrieve_latents(self.vae.encode(video), generator=generator): latent_dist.sample(generator)
            let step = max(1, vaeBatchSize)
            var means = [Tensor](), stds = [Tensor]()
            var start = 0
            while start < folded.shape[0] {
                let len = min(step, folded.shape[0] - start)
                let dist = try components.vae.encode(try folded.narrowed(dim: 0, start: start, length: len))
                means.append(dist.mean)
                stds.append(dist.std)
                start += len
            }
            let mean = means.count == 1 ? means[0] : try Tensor.concat(means, dim: 0)
            let std = stds.count == 1 ? stds[0] : try Tensor.concat(stds, dim: 0)
            let sample = try Tensor(shape: mean.shape, scalars: generator.normalArray(count: mean.count))
            initLatents = try mean.adding(try std.multiplying(sample))
            initLatents = initLatents.scaled(by: components.vae.config.scalingFactor)
        }

        let noise = try Tensor(shape: initLatents.shape, scalars: generator.normalArray(count: initLatents.count))

        // get latents
        let noised = try Self.addNoise(scheduler, initLatents, noise: noise, timestep: timestep, beginIndex: beginIndex)
        let s = noised.shape
        return try noised.reshaped([bsz, frames, s[1], s[2], s[3]]).permuted([0, 2, 1, 3, 4])
    }

    /// `scheduler.add_noise(original, noise, timestep)`, the coefficients as the scheduler gives
    /// them (``Scheduler/addNoiseCoefficients(timestep:stepIndex:)``).
    static func addNoise(
        _ scheduler: any Scheduler, _ original: Tensor, noise: Tensor, timestep: Int, beginIndex: Int
    ) throws -> Tensor {
        let (a, b) = try scheduler.addNoiseCoefficients(timestep: timestep, stepIndex: beginIndex)
        return try original.scaled(by: a).adding(noise.scaled(by: b))
    }

    /// Refines `video`, frames `(F, H, W, 3)` in [0, 1] (H and W multiples of 8), toward `prompt`:
    /// frames `(F, H, W, 3)` in [0, 1]. `strength` in (0, 1] picks how much noise is added (1
    /// ignores the input); it must leave at least one step.
    public func callAsFunction(
        prompt: String, video: Tensor, strength: Double = 0.6, negativePrompt: String = "",
        numInferenceSteps: Int = 50, guidanceScale: Float = 15.0, seed: UInt64,
        progress: ((Int, Int) -> Bool)? = nil
    ) throws -> Tensor {
        // 1. Check inputs
        guard strength >= 0, strength <= 1 else {
            throw PipelineError.invalidArgument("The value of strength should in [0.0, 1.0] but is \(strength)")
        }
        guard video.rank == 4, video.shape[3] == components.vae.config.inChannels, video.shape[0] >= 1 else {
            throw PipelineError.invalidArgument(
                "video \(video.shape) is not (frames, height, width, \(components.vae.config.inChannels))")
        }
        guard video.shape[1] % 8 == 0, video.shape[2] % 8 == 0, video.shape[1] > 0, video.shape[2] > 0 else {
            throw PipelineError.invalidArgument("video height and width have to be divisible by 8 but are \(video.shape[1]) and \(video.shape[2])")
        }
        guard numInferenceSteps >= 1 else { throw PipelineError.invalidArgument("num_inference_steps \(numInferenceSteps) < 1") }
        guard guidanceScale.isFinite else { throw PipelineError.invalidArgument("guidance_scale \(guidanceScale)") }

        // 2. Define call parameters
        let doClassifierFreeGuidance = guidanceScale > 1.0

        // 3. Encode input prompt
        let embeds = try components.guidanceEmbeddings(
            prompt, negativePrompt: negativePrompt, doClassifierFreeGuidance: doClassifierFreeGuidance)

        // 4. Preprocess video
        let input = try VideoProcessor.preprocessVideo(video)

        // 5. Prepare timesteps
        var scheduler = try components.makeScheduler(schedulerKind, eta: eta)
        try scheduler.setTimesteps(numInferenceSteps)
        let (timesteps, _, tStart) = Self.getTimesteps(
            scheduler.timesteps, numInferenceSteps: numInferenceSteps, strength: strength)
        guard let latentTimestep = timesteps.first else {
            throw PipelineError.invalidArgument(
                "strength \(strength) with \(numInferenceSteps) steps leaves no denoising step (int(steps · strength) = 0)")
        }

        // 5. Prepare latent variables
        var generator = TorchRandomSource(seed: seed)
        let latents = try prepareLatents(
            video: input, timestep: latentTimestep, beginIndex: tStart, scheduler: scheduler, generator: &generator)

        // 7. Denoising loop
        let final = try components.denoise(
            latents: latents, promptEmbeds: embeds, timesteps: timesteps, scheduler: &scheduler,
            guidanceScale: guidanceScale, doClassifierFreeGuidance: doClassifierFreeGuidance, generator: &generator,
            progress: progress, callback: nil)

        // decode_latents, postprocess
        let decoded = try components.decodeLatents(final, batchSize: max(1, vaeBatchSize))
        return try VideoProcessor.postprocessVideo(decoded)
    }
}
