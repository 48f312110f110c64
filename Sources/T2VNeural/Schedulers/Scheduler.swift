/// A diffusion scheduler working on flat float32 latents (any shape, element-wise math).
/// Ports keep diffusers' names (`setTimesteps`, `scaleModelInput`, `step`, `initNoiseSigma`).
public protocol Scheduler {
    /// The inference timesteps after `setTimesteps`, in the order the pipeline visits them.
    var timesteps: [Int] { get }
    /// Scale of the initial noise (`init_noise_sigma`).
    var initNoiseSigma: Float { get }
    /// Whether `step` needs variance noise (DDIM with eta > 0).
    var needsVarianceNoise: Bool { get }
    /// `set_timesteps(num_inference_steps)`; resets multistep state.
    mutating func setTimesteps(_ numInferenceSteps: Int) throws
    /// `scale_model_input(sample, timestep)`.
    func scaleModelInput(_ sample: [Float], timestep: Int) -> [Float]
    /// `step(model_output, timestep, sample, variance_noise=...).prev_sample`.
    mutating func step(modelOutput: [Float], timestep: Int, sample: [Float], varianceNoise: [Float]?) throws -> [Float]
    /// The coefficients of `add_noise(original, noise, timestep)` = `signal·original + noise·ε`
    /// at `timestep`, the `stepIndex`-th of `timesteps` (schedulers that index by step use it).
    func addNoiseCoefficients(timestep: Int, stepIndex: Int) throws -> (signal: Float, noise: Float)
}

extension Scheduler {
    /// `step` without variance noise (DDIM with eta 0, DPM-Solver++).
    public mutating func step(modelOutput: [Float], timestep: Int, sample: [Float]) throws -> [Float] {
        try step(modelOutput: modelOutput, timestep: timestep, sample: sample, varianceNoise: nil)
    }

    /// `step(..., generator=generator)`: draws the variance noise from `generator` when needed,
    /// as diffusers' `randn_tensor(model_output.shape, generator=generator)` does.
    public mutating func step<R: RandomSource>(
        modelOutput: [Float], timestep: Int, sample: [Float], generator: inout R
    ) throws -> [Float] {
        let noise = needsVarianceNoise ? generator.normalArray(count: modelOutput.count) : nil
        return try step(modelOutput: modelOutput, timestep: timestep, sample: sample, varianceNoise: noise)
    }
}
