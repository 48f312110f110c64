import FoundationEssentials

/// `scheduler_config.json` of diffusers' `DPMSolverMultistepScheduler` (defaults as in its
/// `__init__`). Unknown keys are ignored (a DDIM config loads, as `from_config` does);
/// unsupported values are rejected by `validate()`.
public struct DPMSolverMultistepSchedulerConfig: Codable, Equatable, Sendable, NoiseScheduleConfig {
    public var numTrainTimesteps: Int = 1000
    public var betaStart: Double = 0.0001
    public var betaEnd: Double = 0.02
    public var betaSchedule: String = "linear"
    public var trainedBetas: [Double]? = nil
    /// 1 or 2 (third order is not supported).
    public var solverOrder: Int = 2
    /// "epsilon", "v_prediction" or "sample".
    public var predictionType: String = "epsilon"
    public var thresholding: Bool = false
    public var dynamicThresholdingRatio: Double = 0.995
    public var sampleMaxValue: Double = 1.0
    /// "dpmsolver++" ("deis" is read as "dpmsolver++", as diffusers does).
    public var algorithmType: String = "dpmsolver++"
    /// "midpoint" or "heun" ("logrho", "bh1", "bh2" are read as "midpoint", as diffusers does).
    public var solverType: String = "midpoint"
    public var lowerOrderFinal: Bool = true
    public var eulerAtFinal: Bool = false
    public var useKarrasSigmas: Bool = false
    public var useExponentialSigmas: Bool = false
    public var useBetaSigmas: Bool = false
    public var useLuLambdas: Bool = false
    public var useFlowSigmas: Bool = false
    public var flowShift: Double = 1.0
    /// "zero" or "sigma_min".
    public var finalSigmasType: String = "zero"
    public var lambdaMinClipped: Double = -.infinity
    /// nil (learned variances are not supported).
    public var varianceType: String? = nil
    /// "linspace", "leading" or "trailing".
    public var timestepSpacing: String = "linspace"
    public var stepsOffset: Int = 0
    public var rescaleBetasZeroSnr: Bool = false

    enum CodingKeys: String, CodingKey {
        case numTrainTimesteps = "num_train_timesteps"
        case betaStart = "beta_start"
        case betaEnd = "beta_end"
        case betaSchedule = "beta_schedule"
        case trainedBetas = "trained_betas"
        case solverOrder = "solver_order"
        case predictionType = "prediction_type"
        case thresholding
        case dynamicThresholdingRatio = "dynamic_thresholding_ratio"
        case sampleMaxValue = "sample_max_value"
        case algorithmType = "algorithm_type"
        case solverType = "solver_type"
        case lowerOrderFinal = "lower_order_final"
        case eulerAtFinal = "euler_at_final"
        case useKarrasSigmas = "use_karras_sigmas"
        case useExponentialSigmas = "use_exponential_sigmas"
        case useBetaSigmas = "use_beta_sigmas"
        case useLuLambdas = "use_lu_lambdas"
        case useFlowSigmas = "use_flow_sigmas"
        case flowShift = "flow_shift"
        case finalSigmasType = "final_sigmas_type"
        case lambdaMinClipped = "lambda_min_clipped"
        case varianceType = "variance_type"
        case timestepSpacing = "timestep_spacing"
        case stepsOffset = "steps_offset"
        case rescaleBetasZeroSnr = "rescale_betas_zero_snr"
    }

    /// The diffusers defaults.
    public init() {}

    /// `DPMSolverMultistepScheduler.from_config(ddim.config)`: the schedule keys of a DDIM config
    /// with DPM defaults for the rest, as the pipelines' scheduler swap does.
    public init(fromDDIM ddim: DDIMSchedulerConfig) {
        copySchedule(from: ddim)
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.update(&numTrainTimesteps, .numTrainTimesteps)
        try c.update(&betaStart, .betaStart)
        try c.update(&betaEnd, .betaEnd)
        try c.update(&betaSchedule, .betaSchedule)
        try c.update(&trainedBetas, .trainedBetas)
        try c.update(&solverOrder, .solverOrder)
        try c.update(&predictionType, .predictionType)
        try c.update(&thresholding, .thresholding)
        try c.update(&dynamicThresholdingRatio, .dynamicThresholdingRatio)
        try c.update(&sampleMaxValue, .sampleMaxValue)
        try c.update(&algorithmType, .algorithmType)
        try c.update(&solverType, .solverType)
        try c.update(&lowerOrderFinal, .lowerOrderFinal)
        try c.update(&eulerAtFinal, .eulerAtFinal)
        try c.update(&useKarrasSigmas, .useKarrasSigmas)
        try c.update(&useExponentialSigmas, .useExponentialSigmas)
        try c.update(&useBetaSigmas, .useBetaSigmas)
        try c.update(&useLuLambdas, .useLuLambdas)
        try c.update(&useFlowSigmas, .useFlowSigmas)
        try c.update(&flowShift, .flowShift)
        try c.update(&finalSigmasType, .finalSigmasType)
        try c.update(&lambdaMinClipped, .lambdaMinClipped)
        try c.update(&varianceType, .varianceType)
        try c.update(&timestepSpacing, .timestepSpacing)
        try c.update(&stepsOffset, .stepsOffset)
        try c.update(&rescaleBetasZeroSnr, .rescaleBetasZeroSnr)
        // diffusers' __init__ re-registers these aliases.
        if algorithmType == "deis" { algorithmType = "dpmsolver++" }
        if ["logrho", "bh1", "bh2"].contains(solverType) { solverType = "midpoint" }
    }

    /// Decodes `scheduler_config.json` (Python's `-Infinity` accepted) and validates it.
    public static func load(from url: URL) throws -> DPMSolverMultistepSchedulerConfig { try loadValidated(from: url) }

    /// Throws `SchedulerError.unsupportedConfig` naming the first unsupported field.
    public func validate() throws {
        func fail(_ field: String, _ value: Any) -> SchedulerError {
            .unsupportedConfig(field: field, value: "\(value)")
        }
        try validateSchedule(timestepSpacings: ["linspace", "leading", "trailing"])
        if !(1...2).contains(solverOrder) { throw fail("solver_order", solverOrder) }
        if algorithmType != "dpmsolver++" { throw fail("algorithm_type", algorithmType) }
        if !["midpoint", "heun"].contains(solverType) { throw fail("solver_type", solverType) }
        if useExponentialSigmas { throw fail("use_exponential_sigmas", true) }
        if useBetaSigmas { throw fail("use_beta_sigmas", true) }
        if useLuLambdas { throw fail("use_lu_lambdas", true) }
        if useFlowSigmas { throw fail("use_flow_sigmas", true) }
        if !["zero", "sigma_min"].contains(finalSigmasType) { throw fail("final_sigmas_type", finalSigmasType) }
        if let v = varianceType { throw fail("variance_type", v) }
    }
}
