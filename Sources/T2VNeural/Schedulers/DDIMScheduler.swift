import FoundationEssentials
import Glibc

/// DDIM. Matches `DDIMScheduler` in diffusers/schedulers/scheduling_ddim.py (0.33.1), with
/// torch's float32 arithmetic: every coefficient is a float32 scalar and every element-wise
/// operation is rounded to float32 in diffusers' order.
public struct DDIMScheduler: Scheduler, Sendable {
    public let config: DDIMSchedulerConfig
    /// `self.betas` (float32).
    public let betas: [Float]
    /// `self.alphas_cumprod` (float32).
    public let alphasCumprod: [Float]
    /// `self.final_alpha_cumprod`.
    public let finalAlphaCumprod: Float
    public let initNoiseSigma: Float = 1.0
    public private(set) var timesteps: [Int]
    public private(set) var numInferenceSteps: Int?
    /// `eta` passed to each `step` by `step(modelOutput:timestep:sample:...)` (0 = deterministic DDIM).
    public var eta: Float = 0

    public var needsVarianceNoise: Bool { eta > 0 }

    /// Builds the scheduler; throws `SchedulerError.unsupportedConfig` for unsupported values.
    public init(config: DDIMSchedulerConfig = DDIMSchedulerConfig(), eta: Float = 0) throws {
        try config.validate()
        self.config = config
        self.eta = eta
        let betas = try NoiseSchedule.betas(config.schedule)
        self.betas = betas
        self.alphasCumprod = NoiseSchedule.cumprod(betas.map { 1 - $0 })
        self.finalAlphaCumprod = config.setAlphaToOne ? 1 : alphasCumprod[0]
        self.timesteps = Array((0..<config.numTrainTimesteps).reversed())
    }

    /// `add_noise`: `√ᾱ_t·x + √(1−ᾱ_t)·ε`.
    public func addNoiseCoefficients(timestep: Int, stepIndex: Int) throws -> (signal: Float, noise: Float) {
        guard timestep >= 0, timestep < alphasCumprod.count else { throw SchedulerError.invalidTimestep(timestep) }
        return (alphasCumprod[timestep].squareRoot(), (1 - alphasCumprod[timestep]).squareRoot())
    }

    /// `set_timesteps(num_inference_steps)`.
    public mutating func setTimesteps(_ numInferenceSteps: Int) throws {
        let T = config.numTrainTimesteps
        guard numInferenceSteps >= 1 && numInferenceSteps <= T else {
            throw SchedulerError.invalidInferenceSteps(numInferenceSteps, max: T)
        }
        self.numInferenceSteps = numInferenceSteps
        switch config.timestepSpacing {
        case "linspace":
            timesteps = NoiseSchedule.npLinspace(0, Double(T - 1), numInferenceSteps)
                .map(NoiseSchedule.npRoundToInt).reversed()
        case "leading":
            let stepRatio = T / numInferenceSteps
            timesteps = (0..<numInferenceSteps).reversed().map { $0 * stepRatio + config.stepsOffset }
        case "trailing":
            let stepRatio = Double(T) / Double(numInferenceSteps)
            timesteps = NoiseSchedule.npArange(Double(T), 0, -stepRatio).map { NoiseSchedule.npRoundToInt($0) - 1 }
        default:
            throw SchedulerError.unsupportedConfig(field: "timestep_spacing", value: config.timestepSpacing)
        }
    }

    /// `scale_model_input`: DDIM leaves the sample unchanged.
    public func scaleModelInput(_ sample: [Float], timestep: Int) -> [Float] { sample }

    /// `step(model_output, timestep, sample, eta=self.eta, variance_noise=varianceNoise).prev_sample`.
    public mutating func step(
        modelOutput: [Float], timestep: Int, sample: [Float], varianceNoise: [Float]?
    ) throws -> [Float] {
        try step(modelOutput: modelOutput, timestep: timestep, sample: sample, eta: eta, varianceNoise: varianceNoise)
    }

    /// `step(model_output, timestep, sample, eta, variance_noise=...)`; `varianceNoise` is required
    /// when `eta > 0`.
    public func step(
        modelOutput: [Float], timestep: Int, sample: [Float], eta: Float, varianceNoise: [Float]?
    ) throws -> [Float] {
        guard let n = numInferenceSteps else { throw SchedulerError.timestepsNotSet }
        guard modelOutput.count == sample.count else {
            throw SchedulerError.shapeMismatch(expected: sample.count, got: modelOutput.count)
        }
        guard timestep >= 0 && timestep < alphasCumprod.count else { throw SchedulerError.invalidTimestep(timestep) }
        // 1. previous step value
        let prevTimestep = timestep - config.numTrainTimesteps / n
        // 2. alphas, betas
        let alphaProdT = alphasCumprod[timestep]
        let alphaProdTPrev: Float
        if prevTimestep >= 0 {
            guard prevTimestep < alphasCumprod.count else { throw SchedulerError.invalidTimestep(prevTimestep) }
            alphaProdTPrev = alphasCumprod[prevTimestep]
        } else {
            alphaProdTPrev = finalAlphaCumprod
        }
        let betaProdT: Float = 1 - alphaProdT
        let sqrtAlphaT = alphaProdT.squareRoot()
        let sqrtBetaT = betaProdT.squareRoot()

        // 3. predicted original sample and epsilon
        let count = sample.count
        var predOriginal = [Float](repeating: 0, count: count)
        var predEpsilon = [Float](repeating: 0, count: count)
        switch config.predictionType {
        case "epsilon":
            for i in 0..<count {
                predOriginal[i] = (sample[i] - sqrtBetaT * modelOutput[i]) / sqrtAlphaT
            }
            predEpsilon = modelOutput
        case "sample":
            predOriginal = modelOutput
            for i in 0..<count {
                predEpsilon[i] = (sample[i] - sqrtAlphaT * predOriginal[i]) / sqrtBetaT
            }
        case "v_prediction":
            for i in 0..<count {
                predOriginal[i] = sqrtAlphaT * sample[i] - sqrtBetaT * modelOutput[i]
                predEpsilon[i] = sqrtAlphaT * modelOutput[i] + sqrtBetaT * sample[i]
            }
        default:
            throw SchedulerError.unsupportedConfig(field: "prediction_type", value: config.predictionType)
        }
        // 4. clip
        if config.clipSample {
            let r = Float(config.clipSampleRange)
            for i in 0..<count { predOriginal[i] = Swift.min(Swift.max(predOriginal[i], -r), r) }
        }
        // 5. variance σ_t(η)
        let betaProdTPrev: Float = 1 - alphaProdTPrev
        let variance: Float = (betaProdTPrev / betaProdT) * (1 - alphaProdT / alphaProdTPrev)
        let stdDevT: Float = eta * variance.squareRoot()
        // 6-7. direction pointing to x_t and x_{t-1} without noise
        let directionScale: Float = (1 - alphaProdTPrev - stdDevT * stdDevT).squareRoot()
        let sqrtAlphaPrev = alphaProdTPrev.squareRoot()
        var prevSample = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let direction = directionScale * predEpsilon[i]
            prevSample[i] = sqrtAlphaPrev * predOriginal[i] + direction
        }
        if eta > 0 {
            guard let noise = varianceNoise else { throw SchedulerError.missingVarianceNoise }
            guard noise.count == count else { throw SchedulerError.shapeMismatch(expected: count, got: noise.count) }
            for i in 0..<count { prevSample[i] = prevSample[i] + stdDevT * noise[i] }
        }
        return prevSample
    }
}
