import FoundationEssentials

/// `scheduler_config.json` of diffusers' `DPMSolverMultistepScheduler` (defaults as in its
/// `__init__`). Unknown keys are ignored (a DDIM config loads, as `from_config` does);
/// unsupported values are rejected by `validate()`.
public struct DPMSolverMultistepSchedulerConfig: Codable, Equatable, Sendable {
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
        numTrainTimesteps = ddim.numTrainTimesteps
        betaStart = ddim.betaStart
        betaEnd = ddim.betaEnd
        betaSchedule = ddim.betaSchedule
        trainedBetas = ddim.trainedBetas
        predictionType = ddim.predictionType
        thresholding = ddim.thresholding
        dynamicThresholdingRatio = ddim.dynamicThresholdingRatio
        sampleMaxValue = ddim.sampleMaxValue
        timestepSpacing = ddim.timestepSpacing
        stepsOffset = ddim.stepsOffset
        rescaleBetasZeroSnr = ddim.rescaleBetasZeroSnr
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DPMSolverMultistepSchedulerConfig()
        numTrainTimesteps = try c.decodeIfPresent(Int.self, forKey: .numTrainTimesteps) ?? d.numTrainTimesteps
        betaStart = try c.decodeIfPresent(Double.self, forKey: .betaStart) ?? d.betaStart
        betaEnd = try c.decodeIfPresent(Double.self, forKey: .betaEnd) ?? d.betaEnd
        betaSchedule = try c.decodeIfPresent(String.self, forKey: .betaSchedule) ?? d.betaSchedule
        trainedBetas = try c.decodeIfPresent([Double].self, forKey: .trainedBetas)
        solverOrder = try c.decodeIfPresent(Int.self, forKey: .solverOrder) ?? d.solverOrder
        predictionType = try c.decodeIfPresent(String.self, forKey: .predictionType) ?? d.predictionType
        thresholding = try c.decodeIfPresent(Bool.self, forKey: .thresholding) ?? d.thresholding
        dynamicThresholdingRatio = try c.decodeIfPresent(Double.self, forKey: .dynamicThresholdingRatio) ?? d.dynamicThresholdingRatio
        sampleMaxValue = try c.decodeIfPresent(Double.self, forKey: .sampleMaxValue) ?? d.sampleMaxValue
        algorithmType = try c.decodeIfPresent(String.self, forKey: .algorithmType) ?? d.algorithmType
        solverType = try c.decodeIfPresent(String.self, forKey: .solverType) ?? d.solverType
        lowerOrderFinal = try c.decodeIfPresent(Bool.self, forKey: .lowerOrderFinal) ?? d.lowerOrderFinal
        eulerAtFinal = try c.decodeIfPresent(Bool.self, forKey: .eulerAtFinal) ?? d.eulerAtFinal
        useKarrasSigmas = try c.decodeIfPresent(Bool.self, forKey: .useKarrasSigmas) ?? d.useKarrasSigmas
        useExponentialSigmas = try c.decodeIfPresent(Bool.self, forKey: .useExponentialSigmas) ?? d.useExponentialSigmas
        useBetaSigmas = try c.decodeIfPresent(Bool.self, forKey: .useBetaSigmas) ?? d.useBetaSigmas
        useLuLambdas = try c.decodeIfPresent(Bool.self, forKey: .useLuLambdas) ?? d.useLuLambdas
        useFlowSigmas = try c.decodeIfPresent(Bool.self, forKey: .useFlowSigmas) ?? d.useFlowSigmas
        flowShift = try c.decodeIfPresent(Double.self, forKey: .flowShift) ?? d.flowShift
        finalSigmasType = try c.decodeIfPresent(String.self, forKey: .finalSigmasType) ?? d.finalSigmasType
        lambdaMinClipped = try c.decodeIfPresent(Double.self, forKey: .lambdaMinClipped) ?? d.lambdaMinClipped
        varianceType = try c.decodeIfPresent(String.self, forKey: .varianceType)
        timestepSpacing = try c.decodeIfPresent(String.self, forKey: .timestepSpacing) ?? d.timestepSpacing
        stepsOffset = try c.decodeIfPresent(Int.self, forKey: .stepsOffset) ?? d.stepsOffset
        rescaleBetasZeroSnr = try c.decodeIfPresent(Bool.self, forKey: .rescaleBetasZeroSnr) ?? d.rescaleBetasZeroSnr
        // diffusers' __init__ re-registers these aliases.
        if algorithmType == "deis" { algorithmType = "dpmsolver++" }
        if ["logrho", "bh1", "bh2"].contains(solverType) { solverType = "midpoint" }
    }

    /// Decodes `scheduler_config.json` (Python's `-Infinity` accepted) and validates it.
    public static func load(from url: URL) throws -> DPMSolverMultistepSchedulerConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SchedulerError.malformedConfig(reason: "cannot read \(url.path)")
        }
        let config = try SchedulerConfigJSON.decode(DPMSolverMultistepSchedulerConfig.self, from: data)
        try config.validate()
        return config
    }

    /// Throws `SchedulerError.unsupportedConfig` naming the first unsupported field.
    public func validate() throws {
        func fail(_ field: String, _ value: Any) -> SchedulerError {
            .unsupportedConfig(field: field, value: "\(value)")
        }
        if numTrainTimesteps < 1 { throw fail("num_train_timesteps", numTrainTimesteps) }
        if trainedBetas == nil && !["linear", "scaled_linear", "squaredcos_cap_v2"].contains(betaSchedule) {
            throw fail("beta_schedule", betaSchedule)
        }
        if let trained = trainedBetas, trained.count != numTrainTimesteps { throw fail("trained_betas", "\(trained.count) values") }
        if !(1...2).contains(solverOrder) { throw fail("solver_order", solverOrder) }
        if !["epsilon", "v_prediction", "sample"].contains(predictionType) { throw fail("prediction_type", predictionType) }
        if thresholding { throw fail("thresholding", true) }
        if algorithmType != "dpmsolver++" { throw fail("algorithm_type", algorithmType) }
        if !["midpoint", "heun"].contains(solverType) { throw fail("solver_type", solverType) }
        if useExponentialSigmas { throw fail("use_exponential_sigmas", true) }
        if useBetaSigmas { throw fail("use_beta_sigmas", true) }
        if useLuLambdas { throw fail("use_lu_lambdas", true) }
        if useFlowSigmas { throw fail("use_flow_sigmas", true) }
        if !["zero", "sigma_min"].contains(finalSigmasType) { throw fail("final_sigmas_type", finalSigmasType) }
        if let v = varianceType { throw fail("variance_type", v) }
        if !["linspace", "leading", "trailing"].contains(timestepSpacing) { throw fail("timestep_spacing", timestepSpacing) }
    }
}
