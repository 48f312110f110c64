import FoundationEssentials

/// `scheduler_config.json` of diffusers' `DDIMScheduler` (defaults as in its `__init__`).
/// Unknown keys are ignored, as diffusers does; unsupported values are rejected by `validate()`.
public struct DDIMSchedulerConfig: NoiseScheduleConfig, Equatable, Sendable {
    /// The keys, with diffusers' defaults.
    public struct Fields: Codable, Equatable, Sendable, NoiseScheduleFields {
        public var schedule = NoiseScheduleKeys(timestepSpacing: "leading")
        public var clipSample = true
        public var setAlphaToOne = true
        public var clipSampleRange = 1.0
    }

    public var fields = Fields()

    /// The diffusers defaults.
    public init() {}

    /// text-to-video-ms-1.7b's `scheduler/scheduler_config.json`.
    public static let textToVideoMS = DDIMSchedulerConfig {
        $0.betaStart = 0.00085
        $0.betaEnd = 0.012
        $0.betaSchedule = "scaled_linear"
        $0.clipSample = false
        $0.setAlphaToOne = false
        $0.stepsOffset = 1
    }

    /// Decodes `scheduler_config.json` and validates it.
    public static func load(from url: URL) throws -> DDIMSchedulerConfig { try loadValidated(from: url) }

    /// Throws `SchedulerError.unsupportedConfig` naming the first unsupported field.
    public func validate() throws {
        try fields.schedule.validate(timestepSpacings: ["leading", "trailing", "linspace"])
    }
}
