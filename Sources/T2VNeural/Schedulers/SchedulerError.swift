/// Errors of the schedulers, thrown inside Swift (turned into status codes at the C boundary).
public enum SchedulerError: Error, CustomStringConvertible, Equatable {
    /// A `scheduler_config.json` field holds a value this engine does not support.
    case unsupportedConfig(field: String, value: String)
    /// The JSON could not be read or decoded.
    case malformedConfig(reason: String)
    /// `setTimesteps` was given a step count outside 1...num_train_timesteps.
    case invalidInferenceSteps(Int, max: Int)
    /// `step` was called before `setTimesteps`.
    case timestepsNotSet
    /// A timestep outside the training range.
    case invalidTimestep(Int)
    /// `modelOutput`, `sample` and noise must have the same number of elements.
    case shapeMismatch(expected: Int, got: Int)
    /// The step needs variance noise (DDIM with eta > 0) and none was given.
    case missingVarianceNoise

    public var description: String {
        switch self {
        case let .unsupportedConfig(field, value): return "unsupported scheduler config: \(field) = \(value)"
        case let .malformedConfig(reason): return "malformed scheduler config: \(reason)"
        case let .invalidInferenceSteps(n, max): return "num_inference_steps \(n) must be in 1...\(max)"
        case .timestepsNotSet: return "setTimesteps must be called before step"
        case let .invalidTimestep(t): return "timestep \(t) is outside the schedule"
        case let .shapeMismatch(expected, got): return "expected \(expected) elements, got \(got)"
        case .missingVarianceNoise: return "this step needs variance noise (eta > 0): pass a RandomSource or varianceNoise"
        }
    }
}
