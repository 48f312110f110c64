// The scheduler_config.json keys diffusers' DDIMScheduler and DPMSolverMultistepScheduler share
// (schedulers/scheduling_ddim.py, scheduling_dpmsolver_multistep.py: __init__ and from_config).

import FoundationEssentials

/// The noise-schedule part of a scheduler config: what `from_config` carries from one scheduler to
/// another, read, checked and loaded the same way by both configs.
protocol NoiseScheduleConfig: Decodable {
    var numTrainTimesteps: Int { get set }
    var betaStart: Double { get set }
    var betaEnd: Double { get set }
    var betaSchedule: String { get set }
    var trainedBetas: [Double]? { get set }
    var predictionType: String { get set }
    var thresholding: Bool { get set }
    var dynamicThresholdingRatio: Double { get set }
    var sampleMaxValue: Double { get set }
    var timestepSpacing: String { get set }
    var stepsOffset: Int { get set }
    var rescaleBetasZeroSnr: Bool { get set }

    func validate() throws
}

extension NoiseScheduleConfig {
    /// Takes the schedule keys of `other` (diffusers' `from_config` between schedulers).
    mutating func copySchedule(from other: some NoiseScheduleConfig) {
        numTrainTimesteps = other.numTrainTimesteps
        betaStart = other.betaStart
        betaEnd = other.betaEnd
        betaSchedule = other.betaSchedule
        trainedBetas = other.trainedBetas
        predictionType = other.predictionType
        thresholding = other.thresholding
        dynamicThresholdingRatio = other.dynamicThresholdingRatio
        sampleMaxValue = other.sampleMaxValue
        timestepSpacing = other.timestepSpacing
        stepsOffset = other.stepsOffset
        rescaleBetasZeroSnr = other.rescaleBetasZeroSnr
    }

    /// Throws `SchedulerError.unsupportedConfig` naming the first schedule key the engine cannot run
    /// (`timestepSpacings`: the spacings the scheduler implements).
    func validateSchedule(timestepSpacings: [String]) throws {
        func fail(_ field: String, _ value: Any) -> SchedulerError { .unsupportedConfig(field: field, value: "\(value)") }
        if numTrainTimesteps < 1 { throw fail("num_train_timesteps", numTrainTimesteps) }
        if trainedBetas == nil && !["linear", "scaled_linear", "squaredcos_cap_v2"].contains(betaSchedule) {
            throw fail("beta_schedule", betaSchedule)
        }
        if let trained = trainedBetas, trained.count != numTrainTimesteps { throw fail("trained_betas", "\(trained.count) values") }
        if !["epsilon", "v_prediction", "sample"].contains(predictionType) { throw fail("prediction_type", predictionType) }
        if thresholding { throw fail("thresholding", true) }
        if !timestepSpacings.contains(timestepSpacing) { throw fail("timestep_spacing", timestepSpacing) }
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
