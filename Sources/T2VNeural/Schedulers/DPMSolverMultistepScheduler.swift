import FoundationEssentials
import Glibc

/// DPM-Solver++ (multistep, first and second order). Matches `DPMSolverMultistepScheduler` in
/// diffusers/schedulers/scheduling_dpmsolver_multistep.py (0.33.1) for `algorithm_type`
/// "dpmsolver++": sigmas as float32 (torch), Karras sigmas in float64 (numpy), step coefficients
/// as float32 scalars, element-wise operations in diffusers' order.
public struct DPMSolverMultistepScheduler: Scheduler, Sendable {
    public let config: DPMSolverMultistepSchedulerConfig
    public let betas: [Float]
    public let alphasCumprod: [Float]
    /// `self.lambda_t` (float32).
    public let lambdaT: [Float]
    public let initNoiseSigma: Float = 1.0
    public private(set) var timesteps: [Int]
    /// `self.sigmas` after `setTimesteps` (float32, one more than `timesteps`).
    public private(set) var sigmas: [Float]
    public private(set) var numInferenceSteps: Int?
    /// `self.step_index`.
    public private(set) var stepIndex: Int?
    private var modelOutputs: [[Float]?]
    private var lowerOrderNums = 0

    public var needsVarianceNoise: Bool { false }

    /// Builds the scheduler; throws `SchedulerError.unsupportedConfig` for unsupported values.
    public init(config: DPMSolverMultistepSchedulerConfig = DPMSolverMultistepSchedulerConfig()) throws {
        try config.validate()
        self.config = config
        let betas = try NoiseSchedule.betas(config.schedule)
        self.betas = betas
        var alphasCumprod = NoiseSchedule.cumprod(betas.map { 1 - $0 })
        if config.rescaleBetasZeroSnr, !alphasCumprod.isEmpty {
            alphasCumprod[alphasCumprod.count - 1] = 0x1p-24
        }
        self.alphasCumprod = alphasCumprod
        self.lambdaT = alphasCumprod.map { a in
            Glibc.logf(a.squareRoot()) - Glibc.logf((1 - a).squareRoot())
        }
        self.sigmas = alphasCumprod.map { a in ((1 - a) / a).squareRoot() }
        self.timesteps = Array((0..<config.numTrainTimesteps).reversed())
        self.modelOutputs = Array(repeating: nil, count: config.solverOrder)
    }

    /// `set_timesteps(num_inference_steps)`.
    public mutating func setTimesteps(_ numInferenceSteps: Int) throws {
        let T = config.numTrainTimesteps
        guard numInferenceSteps >= 1 && numInferenceSteps <= T else {
            throw SchedulerError.invalidInferenceSteps(numInferenceSteps, max: T)
        }
        // clipped_idx = searchsorted(flip(lambda_t), lambda_min_clipped)
        let clippedIdx = lambdaT.reversed().filter { Double($0) < config.lambdaMinClipped }.count
        let lastTimestep = T - clippedIdx
        var steps: [Int]
        switch config.timestepSpacing {
        case "linspace":
            steps = Array(NoiseSchedule.npLinspace(0, Double(lastTimestep - 1), numInferenceSteps + 1)
                .map(NoiseSchedule.npRoundToInt).reversed().dropLast())
        case "leading":
            let stepRatio = lastTimestep / (numInferenceSteps + 1)
            steps = Array((0...numInferenceSteps).reversed().dropLast().map { $0 * stepRatio + config.stepsOffset })
        case "trailing":
            let stepRatio = Double(T) / Double(numInferenceSteps)
            steps = NoiseSchedule.npArange(Double(lastTimestep), 0, -stepRatio).map { NoiseSchedule.npRoundToInt($0) - 1 }
        default:
            throw SchedulerError.unsupportedConfig(field: "timestep_spacing", value: config.timestepSpacing)
        }

        // sigmas = np.array(((1 - alphas_cumprod) / alphas_cumprod) ** 0.5)  (float32)
        let trainSigmas: [Float] = alphasCumprod.map { a in ((1 - a) / a).squareRoot() }
        var stepSigmas: [Double]
        if config.useKarrasSigmas {
            let logSigmas = trainSigmas.map { Glibc.logf($0) }
            stepSigmas = Self.karrasSigmas(
                sigmaMin: Double(trainSigmas[0]), sigmaMax: Double(trainSigmas[trainSigmas.count - 1]),
                count: numInferenceSteps)
            let ts = stepSigmas.map { Self.sigmaToT($0, logSigmas: logSigmas) }
            steps = config.betaSchedule == "squaredcos_cap_v2" && config.trainedBetas == nil
                ? ts.map(NoiseSchedule.truncatingToInt) : ts.map(NoiseSchedule.npRoundToInt)
        } else {
            // np.interp(timesteps, arange(len(sigmas)), sigmas): exact at integers, clamped outside.
            stepSigmas = steps.map { t in Double(trainSigmas[Swift.min(Swift.max(t, 0), trainSigmas.count - 1)]) }
        }
        let sigmaLast: Float
        switch config.finalSigmasType {
        case "sigma_min":
            let a = alphasCumprod[0]
            sigmaLast = ((1 - a) / a).squareRoot()
        default:
            sigmaLast = 0
        }
        sigmas = stepSigmas.map { Float($0) } + [sigmaLast]
        timesteps = steps
        self.numInferenceSteps = steps.count
        modelOutputs = Array(repeating: nil, count: config.solverOrder)
        lowerOrderNums = 0
        stepIndex = nil
    }

    /// `_convert_to_karras` (rho 7, float64).
    static func karrasSigmas(sigmaMin: Double, sigmaMax: Double, count: Int) -> [Double] {
        let rho = 7.0
        let ramp = NoiseSchedule.npLinspace(0, 1, count)
        let minInvRho = Glibc.pow(sigmaMin, 1 / rho)
        let maxInvRho = Glibc.pow(sigmaMax, 1 / rho)
        return ramp.map { Glibc.pow(maxInvRho + $0 * (minInvRho - maxInvRho), rho) }
    }

    /// `_sigma_to_t(sigma, log_sigmas)` (float64 interpolation in log-sigma).
    static func sigmaToT(_ sigma: Double, logSigmas: [Float]) -> Double {
        let logSigma = Glibc.log(Swift.max(sigma, 1e-10))
        // low_idx = cumsum(dists >= 0).argmax().clip(max=len-2): the first index where the
        // running count of (log_sigma - log_sigmas[i] >= 0) reaches its maximum.
        var count = 0, best = 0, lowIdx = 0
        for (i, ls) in logSigmas.enumerated() {
            if logSigma - Double(ls) >= 0 { count += 1 }
            if count > best { best = count; lowIdx = i }
        }
        lowIdx = Swift.min(lowIdx, logSigmas.count - 2)
        let highIdx = lowIdx + 1
        let low = Double(logSigmas[lowIdx]), high = Double(logSigmas[highIdx])
        var w = (low - logSigma) / (low - high)
        w = Swift.min(Swift.max(w, 0), 1)
        return (1 - w) * Double(lowIdx) + w * Double(highIdx)
    }

    /// `scale_model_input`: unchanged.
    public func scaleModelInput(_ sample: [Float], timestep: Int) -> [Float] { sample }

    /// `_sigma_to_alpha_sigma_t(sigma)` in float32.
    @inline(__always)
    static func alphaSigma(_ sigma: Float) -> (alpha: Float, sigma: Float) {
        let alpha: Float = 1 / (sigma * sigma + 1).squareRoot()
        return (alpha, sigma * alpha)
    }

    /// `add_noise`: `α_t·x + σ_t·ε` at `sigmas[step_index]` (the pipelines' `begin_index`).
    public func addNoiseCoefficients(timestep: Int, stepIndex: Int) throws -> (signal: Float, noise: Float) {
        guard stepIndex >= 0, stepIndex < sigmas.count else { throw SchedulerError.invalidTimestep(timestep) }
        let (alpha, sigma) = Self.alphaSigma(sigmas[stepIndex])
        return (alpha, sigma)
    }

    /// `index_for_timestep`.
    func indexForTimestep(_ timestep: Int) -> Int {
        let candidates = timesteps.indices.filter { timesteps[$0] == timestep }
        if candidates.isEmpty { return timesteps.count - 1 }
        return candidates.count > 1 ? candidates[1] : candidates[0]
    }

    /// `convert_model_output` for dpmsolver++: the predicted x0.
    func convertModelOutput(_ modelOutput: [Float], sample: [Float], stepIndex: Int) throws -> [Float] {
        let (alphaT, sigmaT) = Self.alphaSigma(sigmas[stepIndex])
        switch config.predictionType {
        case "epsilon":
            var x0 = [Float](repeating: 0, count: sample.count)
            for i in 0..<sample.count { x0[i] = (sample[i] - sigmaT * modelOutput[i]) / alphaT }
            return x0
        case "sample":
            return modelOutput
        case "v_prediction":
            var x0 = [Float](repeating: 0, count: sample.count)
            for i in 0..<sample.count { x0[i] = alphaT * sample[i] - sigmaT * modelOutput[i] }
            return x0
        default:
            throw SchedulerError.unsupportedConfig(field: "prediction_type", value: config.predictionType)
        }
    }

    /// `step(model_output, timestep, sample).prev_sample`. `varianceNoise` is unused (ODE solver).
    public mutating func step(
        modelOutput: [Float], timestep: Int, sample: [Float], varianceNoise: [Float]? = nil
    ) throws -> [Float] {
        guard numInferenceSteps != nil else { throw SchedulerError.timestepsNotSet }
        guard modelOutput.count == sample.count else {
            throw SchedulerError.shapeMismatch(expected: sample.count, got: modelOutput.count)
        }
        let index = stepIndex ?? indexForTimestep(timestep)
        guard index + 1 < sigmas.count else { throw SchedulerError.invalidTimestep(timestep) }
        let n = timesteps.count
        let lowerOrderFinal = index == n - 1
            && (config.eulerAtFinal || (config.lowerOrderFinal && n < 15) || config.finalSigmasType == "zero")
        let lowerOrderSecond = index == n - 2 && config.lowerOrderFinal && n < 15
        _ = lowerOrderSecond  // only selects between second and third order, and order ≤ 2 here

        let x0 = try convertModelOutput(modelOutput, sample: sample, stepIndex: index)
        for i in 0..<(config.solverOrder - 1) { modelOutputs[i] = modelOutputs[i + 1] }
        modelOutputs[config.solverOrder - 1] = x0

        let prevSample: [Float]
        if config.solverOrder == 1 || lowerOrderNums < 1 || lowerOrderFinal {
            prevSample = firstOrderUpdate(x0, sample: sample, index: index)
        } else if let m1 = modelOutputs[config.solverOrder - 2] {
            prevSample = secondOrderUpdate(m0: x0, m1: m1, sample: sample, index: index)
        } else {
            prevSample = firstOrderUpdate(x0, sample: sample, index: index)
        }
        if lowerOrderNums < config.solverOrder { lowerOrderNums += 1 }
        stepIndex = index + 1
        return prevSample
    }

    /// `dpm_solver_first_order_update` (dpmsolver++).
    func firstOrderUpdate(_ m0: [Float], sample: [Float], index: Int) -> [Float] {
        let (alphaT, sigmaT) = Self.alphaSigma(sigmas[index + 1])
        let (alphaS, sigmaS) = Self.alphaSigma(sigmas[index])
        let lambdaT = Glibc.logf(alphaT) - Glibc.logf(sigmaT)
        let lambdaS = Glibc.logf(alphaS) - Glibc.logf(sigmaS)
        let h: Float = lambdaT - lambdaS
        let c1: Float = sigmaT / sigmaS
        let c2: Float = alphaT * (Glibc.expf(-h) - 1.0)
        var out = [Float](repeating: 0, count: sample.count)
        for i in 0..<sample.count { out[i] = c1 * sample[i] - c2 * m0[i] }
        return out
    }

    /// `multistep_dpm_solver_second_order_update` (dpmsolver++, midpoint or heun).
    func secondOrderUpdate(m0: [Float], m1: [Float], sample: [Float], index: Int) -> [Float] {
        let (alphaT, sigmaT) = Self.alphaSigma(sigmas[index + 1])
        let (alphaS0, sigmaS0) = Self.alphaSigma(sigmas[index])
        let (alphaS1, sigmaS1) = Self.alphaSigma(sigmas[index - 1])
        let lambdaT = Glibc.logf(alphaT) - Glibc.logf(sigmaT)
        let lambdaS0 = Glibc.logf(alphaS0) - Glibc.logf(sigmaS0)
        let lambdaS1 = Glibc.logf(alphaS1) - Glibc.logf(sigmaS1)
        let h: Float = lambdaT - lambdaS0
        let h0: Float = lambdaS0 - lambdaS1
        let r0: Float = h0 / h
        let invR0: Float = 1.0 / r0
        let c1: Float = sigmaT / sigmaS0
        let expm1: Float = Glibc.expf(-h) - 1.0
        let c2: Float = alphaT * expm1
        var out = [Float](repeating: 0, count: sample.count)
        if config.solverType == "heun" {
            let c3: Float = alphaT * (expm1 / h + 1.0)
            for i in 0..<sample.count {
                let d1 = invR0 * (m0[i] - m1[i])
                out[i] = (c1 * sample[i] - c2 * m0[i]) + c3 * d1
            }
        } else {
            let c3: Float = 0.5 * c2
            for i in 0..<sample.count {
                let d1 = invR0 * (m0[i] - m1[i])
                out[i] = (c1 * sample[i] - c2 * m0[i]) - c3 * d1
            }
        }
        return out
    }
}
