// Continuing a video chunk by chunk (the streaming runtime's use of the pipeline). Not a diffusers
// pipeline: a training-free way to condition a chunk on the frames it shares with the previous one
// (StreamingT2V conditions with a trained attention module, CAM; the base ModelScope weights have
// none). The known frames' clean latents are noised to each step's timestep with the chunk's own
// initial noise and put in place of those frames' latents before the step ("replacement", as in
// video inpainting), so the new frames are denoised jointly with, and continue, the known ones.

import FoundationEssentials

extension TextToVideoPipeline {
    /// Clean latents `(1, C, F, h, w)` of frames `(F, H, W, 3)` in [0, 1]: the VAE posterior's
    /// mean times the scaling factor (deterministic: no random draw). Needs the VAE encoder.
    public func encodeFrames(_ frames: Tensor) throws -> Tensor {
        let video = try VideoProcessor.preprocessVideo(frames)
        let (c, f, h, w) = (video.shape[1], video.shape[2], video.shape[3], video.shape[4])
        let folded = try video.permuted([0, 2, 1, 3, 4]).reshaped([f, c, h, w])
        var means = [Tensor]()
        var start = 0
        let step = max(1, vaeDecodeBatchSize)
        while start < f {
            let len = min(step, f - start)
            means.append(try components.vae.encode(try folded.narrowed(dim: 0, start: start, length: len)).mean)
            start += len
        }
        let mean = means.count == 1 ? means[0] : try Tensor.concat(means, dim: 0)
        let s = mean.shape
        let latents = mean.scaled(by: components.vae.config.scalingFactor)
        return try latents.reshaped([1, f, s[1], s[2], s[3]]).permuted([0, 2, 1, 3, 4])
    }

    /// Generates `numFrames` frames whose first `leading.shape[2]` frames continue known frames
    /// given as clean latents `(1, C, k, h, w)` (from ``encodeFrames(_:)`` or a previous run's
    /// ``Output/latents``); `k < numFrames`. With `leading` nil this is exactly ``generate``.
    ///
    /// Random draws are diffusers' (`torch.manual_seed(seed)`, one `randn` of the whole latent
    /// shape); the known frames are noised with their part of that same initial noise, so no
    /// extra draw is made. The returned frames include the `k` known positions, re-generated (close
    /// to, not equal to, the known frames): the caller blends or drops them.
    public func continuation(
        prompt: String, negativePrompt: String = "", numFrames: Int, height: Int, width: Int,
        numInferenceSteps: Int, guidanceScale: Float, seed: UInt64, leading: Tensor?,
        progress: ((Int, Int) -> Bool)? = nil
    ) throws -> Output {
        return try generate(
            prompt: prompt, negativePrompt: negativePrompt, numFrames: numFrames, height: height, width: width,
            numInferenceSteps: numInferenceSteps, guidanceScale: guidanceScale, seed: seed, progress: progress,
            leading: leading)
    }

    /// Throws unless `leading` is `(1, C, k, h, w)` latents of `1 ≤ k < numFrames` known frames
    /// on the latent grid of `height`×`width`.
    func checkLeading(_ leading: Tensor, numFrames: Int, height: Int, width: Int) throws {
        let f = max(vaeScaleFactor, 1)
        let channels = components.unet.config.inChannels
        let known = leading.rank == 5 ? leading.shape[2] : 0
        guard leading.rank == 5, leading.shape[0] == 1, leading.shape[1] == channels,
            leading.shape[3] == height / f, leading.shape[4] == width / f, known >= 1, known < numFrames
        else {
            throw PipelineError.invalidArgument(
                "leading latents \(leading.shape) do not fit (1, \(channels), k < \(numFrames), \(height / f), \(width / f))")
        }
    }

    /// The `constrain` of the denoising loop for known frames: before step `i` (timestep `t`), the
    /// first `k` frames' latents become `add_noise(leading, ε, t)`, `ε` being those frames' part of
    /// the initial latents `initial` (divided by the scheduler's `init_noise_sigma`).
    func knownFrameReplacement(_ leading: Tensor, initial: Tensor, sigma: Float) throws
        -> (Int, Int, any Scheduler, Tensor) throws -> Tensor
    {
        let known = leading.shape[2], frames = initial.shape[2]
        let noise = try initial.narrowed(dim: 2, start: 0, length: known).scaled(by: sigma == 0 ? 1 : 1 / sigma)
        return { i, t, scheduler, current in
            let noised = try VideoToVideoPipeline.addNoise(scheduler, leading, noise: noise, timestep: t, beginIndex: i)
            let rest = try current.narrowed(dim: 2, start: known, length: frames - known)
            return try Tensor.concat([noised, rest], dim: 2)
        }
    }
}
