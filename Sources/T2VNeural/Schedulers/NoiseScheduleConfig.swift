// The scheduler_config.json keys diffusers' DDIMScheduler and DPMSolverMultistepScheduler share
// (schedulers/scheduling_ddim.py, scheduling_dpmsolver_multistep.py: __init__ and from_config).

import FoundationEssentials

/// The noise-schedule keys of a scheduler config: what `from_config` carries from one scheduler
/// to another, read, checked and loaded the same way by both configs. A group of ``ConfigFile``
/// keys: the file writes them next to the scheduler's own.
public struct NoiseScheduleKeys: Codable, Equatable, Sendable {
    public var numTrainTimesteps = 1000
    public var betaStart = 0.0001
    public var betaEnd = 0.02
    /// "linear", "scaled_linear" or "squaredcos_cap_v2".
    public var betaSchedule = "linear"
    public var trainedBetas: [Double]? = nil
    /// "epsilon", "v_prediction" or "sample".
    public var predictionType = "epsilon"
    /// Dynamic thresholding is not supported: must be false.
    public var thresholding = false
    public var dynamicThresholdingRatio = 0.995
    public var sampleMaxValue = 1.0
    /// "leading", "trailing" or "linspace" (the default is the scheduler's).
    public var timestepSpacing: String
    public var stepsOffset = 0
    public var rescaleBetasZeroSnr = false

    init(timestepSpacing: String) { self.timestepSpacing = timestepSpacing }

    /// Throws `SchedulerError.unsupportedConfig` naming the first schedule key the engine cannot run
    /// (`timestepSpacings`: the spacings the scheduler implements).
    func validate(timestepSpacings: [String]) throws {
        func fail(_ field: String, _ value: Any) -> SchedulerError { .unsupportedConfig(field: field, value: "\(value)") }
        if let range = ConfigBounds.ranges["num_train_timesteps"], !range.contains(numTrainTimesteps) {
            throw fail("num_train_timesteps", "\(numTrainTimesteps) (must be in \(range))")
        }
        if stepsOffset < 0 || stepsOffset >= numTrainTimesteps {
            throw fail("steps_offset", "\(stepsOffset) (must be in 0..<num_train_timesteps)")
        }
        if trainedBetas == nil && !["linear", "scaled_linear", "squaredcos_cap_v2"].contains(betaSchedule) {
            throw fail("beta_schedule", betaSchedule)
        }
        if let trained = trainedBetas, trained.count != numTrainTimesteps { throw fail("trained_betas", "\(trained.count) values") }
        if !["epsilon", "v_prediction", "sample"].contains(predictionType) { throw fail("prediction_type", predictionType) }
        if thresholding { throw fail("thresholding", true) }
        if !timestepSpacings.contains(timestepSpacing) { throw fail("timestep_spacing", timestepSpacing) }
    }
}

/// The `Fields` of a scheduler config: its own keys and the ``NoiseScheduleKeys`` group.
public protocol NoiseScheduleFields {
    var schedule: NoiseScheduleKeys { get set }
}

/// A scheduler config with a ``NoiseScheduleKeys``, whose keys read and write as its own
/// (`config.betaStart`).
public protocol NoiseScheduleConfig: ConfigFile where Fields: NoiseScheduleFields {}

extension NoiseScheduleConfig {
    public subscript<T>(dynamicMember path: WritableKeyPath<NoiseScheduleKeys, T>) -> T {
        get { fields.schedule[keyPath: path] }
        set { fields.schedule[keyPath: path] = newValue }
    }

    /// Decodes `scheduler_config.json` (Python's `Infinity`/`NaN` tokens accepted) and validates it.
    static func loadValidated(from url: URL) throws -> Self {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SchedulerError.malformedConfig(reason: "cannot read \(url.path)")
        }
        let config = try SchedulerConfigJSON.decode(Self.self, from: data)
        try config.validate()
        return config
    }
}
