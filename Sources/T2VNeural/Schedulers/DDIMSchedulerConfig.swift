import FoundationEssentials

/// `scheduler_config.json` of diffusers' `DDIMScheduler` (defaults as in its `__init__`).
/// Unknown keys are ignored, as diffusers does; unsupported values are rejected by `validate()`.
public struct DDIMSchedulerConfig: Codable, Equatable, Sendable {
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
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DDIMSchedulerConfig()
        numTrainTimesteps = try c.decodeIfPresent(Int.self, forKey: .numTrainTimesteps) ?? d.numTrainTimesteps
        betaStart = try c.decodeIfPresent(Double.self, forKey: .betaStart) ?? d.betaStart
        betaEnd = try c.decodeIfPresent(Double.self, forKey: .betaEnd) ?? d.betaEnd
        betaSchedule = try c.decodeIfPresent(String.self, forKey: .betaSchedule) ?? d.betaSchedule
        trainedBetas = try c.decodeIfPresent([Double].self, forKey: .trainedBetas)
        clipSample = try c.decodeIfPresent(Bool.self, forKey: .clipSample) ?? d.clipSample
        setAlphaToOne = try c.decodeIfPresent(Bool.self, forKey: .setAlphaToOne) ?? d.setAlphaToOne
        stepsOffset = try c.decodeIfPresent(Int.self, forKey: .stepsOffset) ?? d.stepsOffset
        predictionType = try c.decodeIfPresent(String.self, forKey: .predictionType) ?? d.predictionType
        thresholding = try c.decodeIfPresent(Bool.self, forKey: .thresholding) ?? d.thresholding
        dynamicThresholdingRatio = try c.decodeIfPresent(Double.self, forKey: .dynamicThresholdingRatio) ?? d.dynamicThresholdingRatio
        clipSampleRange = try c.decodeIfPresent(Double.self, forKey: .clipSampleRange) ?? d.clipSampleRange
        sampleMaxValue = try c.decodeIfPresent(Double.self, forKey: .sampleMaxValue) ?? d.sampleMaxValue
        timestepSpacing = try c.decodeIfPresent(String.self, forKey: .timestepSpacing) ?? d.timestepSpacing
        rescaleBetasZeroSnr = try c.decodeIfPresent(Bool.self, forKey: .rescaleBetasZeroSnr) ?? d.rescaleBetasZeroSnr
    }

    /// Decodes `scheduler_config.json` and validates it.
    public static func load(from url: URL) throws -> DDIMSchedulerConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SchedulerError.malformedConfig(reason: "cannot read \(url.path)")
        }
        let config = try SchedulerConfigJSON.decode(DDIMSchedulerConfig.self, from: data)
        try config.validate()
        return config
    }

    /// Throws `SchedulerError.unsupportedConfig` naming the first unsupported field.
    public func validate() throws {
        if numTrainTimesteps < 1 {
            throw SchedulerError.unsupportedConfig(field: "num_train_timesteps", value: "\(numTrainTimesteps)")
        }
        if trainedBetas == nil && !["linear", "scaled_linear", "squaredcos_cap_v2"].contains(betaSchedule) {
            throw SchedulerError.unsupportedConfig(field: "beta_schedule", value: betaSchedule)
        }
        if let trained = trainedBetas, trained.count != numTrainTimesteps {
            throw SchedulerError.unsupportedConfig(field: "trained_betas", value: "\(trained.count) values")
        }
        if !["epsilon", "v_prediction", "sample"].contains(predictionType) {
            throw SchedulerError.unsupportedConfig(field: "prediction_type", value: predictionType)
        }
        if thresholding {
            throw SchedulerError.unsupportedConfig(field: "thresholding", value: "true")
        }
        if !["leading", "trailing", "linspace"].contains(timestepSpacing) {
            throw SchedulerError.unsupportedConfig(field: "timestep_spacing", value: timestepSpacing)
        }
    }
}
