import FoundationEssentials

/// `scheduler_config.json` of diffusers' `DDIMScheduler` (defaults as in its `__init__`).
/// Unknown keys are ignored, as diffusers does; unsupported values are rejected by `validate()`.
public struct DDIMSchedulerConfig: Codable, Equatable, Sendable, NoiseScheduleConfig {
    public var numTrainTimesteps: Int = 1000
    public var betaStart: Double = 0.0001
    public var betaEnd: Double = 0.02
    /// "linear", "scaled_linear" or "squaredcos_cap_v2".
    public var betaSchedule: String = "linear"
    public var trainedBetas: [Double]? = nil
    public var clipSample: Bool = true
    public var setAlphaToOne: Bool = true
    public var stepsOffset: Int = 0
    /// "epsilon", "v_prediction" or "sample".
    public var predictionType: String = "epsilon"
    /// Dynamic thresholding is not supported: must be false.
    public var thresholding: Bool = false
    public var dynamicThresholdingRatio: Double = 0.995
    public var clipSampleRange: Double = 1.0
    public var sampleMaxValue: Double = 1.0
    /// "leading", "trailing" or "linspace".
    public var timestepSpacing: String = "leading"
    public var rescaleBetasZeroSnr: Bool = false

    enum CodingKeys: String, CodingKey {
        case numTrainTimesteps = "num_train_timesteps"
        case betaStart = "beta_start"
        case betaEnd = "beta_end"
        case betaSchedule = "beta_schedule"
        case trainedBetas = "trained_betas"
        case clipSample = "clip_sample"
        case setAlphaToOne = "set_alpha_to_one"
        case stepsOffset = "steps_offset"
        case predictionType = "prediction_type"
        case thresholding
        case dynamicThresholdingRatio = "dynamic_thresholding_ratio"
        case clipSampleRange = "clip_sample_range"
        case sampleMaxValue = "sample_max_value"
        case timestepSpacing = "timestep_spacing"
        case rescaleBetasZeroSnr = "rescale_betas_zero_snr"
    }

    /// The diffusers defaults.
    public init() {}

    /// text-to-video-ms-1.7b's `scheduler/scheduler_config.json`.
    public static let textToVideoMS = DDIMSchedulerConfig(
        betaStart: 0.00085, betaEnd: 0.012, betaSchedule: "scaled_linear", clipSample: false,
        setAlphaToOne: false, stepsOffset: 1)

    public init(
        numTrainTimesteps: Int = 1000, betaStart: Double = 0.0001, betaEnd: Double = 0.02,
        betaSchedule: String = "linear", trainedBetas: [Double]? = nil, clipSample: Bool = true,
        setAlphaToOne: Bool = true, stepsOffset: Int = 0, predictionType: String = "epsilon",
        timestepSpacing: String = "leading", rescaleBetasZeroSnr: Bool = false
    ) {
        self.numTrainTimesteps = numTrainTimesteps
        self.betaStart = betaStart
        self.betaEnd = betaEnd
        self.betaSchedule = betaSchedule
        self.trainedBetas = trainedBetas
        self.clipSample = clipSample
        self.setAlphaToOne = setAlphaToOne
        self.stepsOffset = stepsOffset
        self.predictionType = predictionType
        self.timestepSpacing = timestepSpacing
        self.rescaleBetasZeroSnr = rescaleBetasZeroSnr
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.update(&numTrainTimesteps, .numTrainTimesteps)
        try c.update(&betaStart, .betaStart)
        try c.update(&betaEnd, .betaEnd)
        try c.update(&betaSchedule, .betaSchedule)
        try c.update(&trainedBetas, .trainedBetas)
        try c.update(&clipSample, .clipSample)
        try c.update(&setAlphaToOne, .setAlphaToOne)
        try c.update(&stepsOffset, .stepsOffset)
        try c.update(&predictionType, .predictionType)
        try c.update(&thresholding, .thresholding)
        try c.update(&dynamicThresholdingRatio, .dynamicThresholdingRatio)
        try c.update(&clipSampleRange, .clipSampleRange)
        try c.update(&sampleMaxValue, .sampleMaxValue)
        try c.update(&timestepSpacing, .timestepSpacing)
        try c.update(&rescaleBetasZeroSnr, .rescaleBetasZeroSnr)
    }

    /// Decodes `scheduler_config.json` and validates it.
    public static func load(from url: URL) throws -> DDIMSchedulerConfig { try loadValidated(from: url) }

    /// Throws `SchedulerError.unsupportedConfig` naming the first unsupported field.
    public func validate() throws {
        try validateSchedule(timestepSpacings: ["leading", "trailing", "linspace"])
    }
}
