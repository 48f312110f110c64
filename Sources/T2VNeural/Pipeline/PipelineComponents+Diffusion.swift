// The steps TextToVideoSDPipeline and VideoToVideoSDPipeline share, in diffusers 0.33.1's order:
// pipelines/text_to_video_synthesis/pipeline_text_to_video_synth.py (encode_prompt, the denoising
// loop of __call__, decode_latents); the img2img file copies them.

import FoundationEssentials

extension PipelineComponents {
    /// `encode_prompt(prompt, device, 1, do_classifier_free_guidance, negative_prompt)`:
    /// `(prompt_embeds (1, 77, D), negative_prompt_embeds (1, 77, D) or nil)`.
    func encodePrompt(
        _ prompt: String, negativePrompt: String?, doClassifierFreeGuidance: Bool
    ) throws -> (promptEmbeds: Tensor, negativePromptEmbeds: Tensor?) {
        let ids = tokenizer(prompt, maxLength: tokenizer.modelMaxLength, padding: .maxLength, truncation: true)
        let promptEmbeds = try textEncoder(inputIds: [ids])
        guard doClassifierFreeGuidance else { return (promptEmbeds, nil) }
        let maxLength = promptEmbeds.shape[1]
        let uncondIds = tokenizer(negativePrompt ?? "", maxLength: maxLength, padding: .maxLength, truncation: true)
        let negativePromptEmbeds = try textEncoder(inputIds: [uncondIds])
        return (promptEmbeds, negativePromptEmbeds)
    }

    /// `encode_prompt` and the concatenation `__call__` does before the loop: `[negative; prompt]`
    /// `(2, 77, D)` with classifier-free guidance, else the prompt's `(1, 77, D)`.
    func guidanceEmbeddings(_ prompt: String, negativePrompt: String?, doClassifierFreeGuidance: Bool) throws -> Tensor {
        let (promptEmbeds, negativePromptEmbeds) = try encodePrompt(
            prompt, negativePrompt: negativePrompt, doClassifierFreeGuidance: doClassifierFreeGuidance)
        guard let negativePromptEmbeds else { return promptEmbeds }
        return try Tensor.concat([negativePromptEmbeds, promptEmbeds], dim: 0)
    }

    /// Step 7 of `__call__`, the denoising loop, over `timesteps` (all of the scheduler's, or the
    /// tail `get_timesteps` keeps): scale_model_input, UNet on [uncond, cond], guidance, step on
    /// latents folded to `(B·F, C, h, w)`.
    ///
    /// `progress(i, n)` is called with 0 before the first step and with `i + 1` after step `i`;
    /// false throws ``PipelineError/cancelled(completedSteps:totalSteps:)``. `callback(i, t,
    /// latents)` sees the latents after each step (diffusers' `callback`). `constrain(i, t,
    /// scheduler, latents)` (not in diffusers; nil keeps the loop identical to it) may replace the
    /// latents before step `i` — the continuation of ``TextToVideoPipeline`` uses it. `predict(input,
    /// t, stepCache)` replaces the UNet call (StreamingT2V's CAM and base UNet; nil: the folder's UNet
    /// on `promptEmbeds`). `cacheInterval` > 1 runs the whole UNet only every that many steps and
    /// its shallow branch in between (DeepCache, ``UNet3DConditionModel/StepCache``); 1 is diffusers' loop.
    func denoise<R: RandomSource>(
        latents initial: Tensor, promptEmbeds: Tensor, timesteps: [Int], scheduler: inout any Scheduler,
        guidanceScale: Float, doClassifierFreeGuidance: Bool, generator: inout R,
        progress: ((Int, Int) -> Bool)?, callback: ((Int, Int, Tensor) -> Void)?,
        constrain: ((Int, Int, any Scheduler, Tensor) throws -> Tensor)? = nil, cacheInterval: Int = 1,
        predict: ((Tensor, Int, UNet3DConditionModel.StepCache.Mode?) throws -> Tensor)? = nil
    ) throws -> Tensor {
        var latents = initial
        let stepCache = UNet3DConditionModel.StepCache()
        let n = timesteps.count
        guard latents.rank == 5 else {
            throw PipelineError.invalidArgument("latents \(latents.shape) are not (batch, channels, frames, h, w)")
        }
        let (bsz, channel, frames, height, width) = (
            latents.shape[0], latents.shape[1], latents.shape[2], latents.shape[3], latents.shape[4])
        if let progress, !progress(0, n) { throw PipelineError.cancelled(completedSteps: 0, totalSteps: n) }
        for (i, t) in timesteps.enumerated() {
            // reflection's continuation: known frames replaced by their noised latents at t
            if let constrain { latents = try constrain(i, t, scheduler, latents) }

            // expand the latents if we are doing classifier free guidance
            var latentModelInput = doClassifierFreeGuidance ? try Tensor.concat([latents, latents], dim: 0) : latents
            latentModelInput = try Tensor(
                shape: latentModelInput.shape,
                scalars: scheduler.scaleModelInput(latentModelInput.scalars, timestep: t))

            // predict the noise residual
            let mode = stepCache.mode(step: i, interval: cacheInterval)
            var noisePred = try predict?(latentModelInput, t, mode)
                ?? unet.forward(sample: latentModelInput, timestep: Float(t), encoderHiddenStates: promptEmbeds, stepCache: mode)

            // perform guidance
            if doClassifierFreeGuidance {
                let out = noisePred.scalars
                let half = out.count / 2
                var guided = [Float](repeating: 0, count: half)
                for j in 0..<half {
                    let uncond = out[j], text = out[half + j]
                    guided[j] = uncond + guidanceScale * (text - uncond)
                }
                noisePred = try Tensor(shape: latents.shape, scalars: guided)
            }

            // reshape latents: (b, c, f, h, w) -> (b·f, c, h, w)
            let folded = try latents.permuted([0, 2, 1, 3, 4])
            let foldedNoise = try noisePred.permuted([0, 2, 1, 3, 4])

            // compute the previous noisy sample x_t -> x_t-1
            let previous = try scheduler.step(
                modelOutput: foldedNoise.scalars, timestep: t, sample: folded.scalars, generator: &generator)

            // reshape latents back
            latents = try Tensor(shape: [bsz, frames, channel, height, width], scalars: previous).permuted([0, 2, 1, 3, 4])

            callback?(i, t, latents)
            if let progress, !progress(i + 1, n) { throw PipelineError.cancelled(completedSteps: i + 1, totalSteps: n) }
        }
        return latents
    }

    /// `decode_latents(latents)`: `1 / scaling_factor · latents`, frames folded into the batch,
    /// VAE decode (`batchSize` frames at a time, bounding memory; the result is the same), and the
    /// video `(B, 3, F, H, W)` before postprocessing (about [-1, 1]).
    func decodeLatents(_ latents: Tensor, batchSize: Int?) throws -> Tensor {
        guard latents.rank == 5 else {
            throw PipelineError.invalidArgument("latents \(latents.shape) are not (batch, channels, frames, h, w)")
        }
        let scaled = latents.scaled(by: Float(1.0 / Double(vae.config.scalingFactor)))
        let (b, c, f, h, w) = (latents.shape[0], latents.shape[1], latents.shape[2], latents.shape[3], latents.shape[4])
        let folded = try scaled.permuted([0, 2, 1, 3, 4]).reshaped([b * f, c, h, w])
        let image = try vae.decode(folded, batchSize: batchSize)
        return try image.reshaped([b, f, image.shape[1], image.shape[2], image.shape[3]]).permuted([0, 2, 1, 3, 4])
    }
}
