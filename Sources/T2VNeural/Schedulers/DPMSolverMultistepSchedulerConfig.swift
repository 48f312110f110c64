import FoundationEssentials

/// `scheduler_config.json` of diffusers' `DPMSolverMultistepScheduler` (defaults as in its
/// `__init__`). Unknown keys are ignored (a DDIM config loads, as `from_config` does);
/// unsupported values are rejected by `validate()`.
public struct DPMSolverMultistepSchedulerConfig: NoiseScheduleConfig, Equatable, Sendable {
    /// The keys, with diffusers' defaults.
    public struct Fields: Codable, Equatable, Sendable, NoiseScheduleFields {
        public var schedule = NoiseScheduleKeys(timestepSpacing: "linspace")
        /// 1 or 2 (third order is not supported).
        public var solverOrder = 2
        /// "dpmsolver++" ("deis" is read as "dpmsolver++", as diffusers does).
        public var algorithmType = "dpmsolver++"
        /// "midpoint" or "heun" ("logrho", "bh1", "bh2" are read as "midpoint", as diffusers does).
        public var solverType = "midpoint"
        public var lowerOrderFinal = true
        public var eulerAtFinal = false
        public var useKarrasSigmas = false
        public var useExponentialSigmas = false
        public var useBetaSigmas = false
        public var useLuLambdas = false
        public var useFlowSigmas = false
        public var flowShift = 1.0
        /// "zero" or "sigma_min".
        public var finalSigmasType = "zero"
        public var lambdaMinClipped = -Double.infinity
        /// nil (learned variances are not supported).
        public var varianceType: String? = nil
    }

    public var fields = Fields()

    /// The diffusers defaults.
    public init() {}

    /// `DPMSolverMultistepScheduler.from_config(ddim.config)`: the schedule keys of a DDIM config
    /// with DPM defaults for the rest, as the pipelines' scheduler swap does.
    public init(fromDDIM ddim: DDIMSchedulerConfig) {
        fields.schedule = ddim.fields.schedule
    }

    /// diffusers' `__init__` re-registers these aliases.
    public static let keyRules: [String: ConfigKeyRule] = [
        "algorithm_type": .aliases(["deis": "dpmsolver++"]),
        "solver_type": .aliases(["logrho": "midpoint", "bh1": "midpoint", "bh2": "midpoint"]),
    ]

    /// Decodes `scheduler_config.json` (Python's `-Infinity` accepted) and validates it.
    public static func load(from url: URL) throws -> DPMSolverMultistepSchedulerConfig { try loadValidated(from: url) }

    /// Throws `SchedulerError.unsupportedConfig` naming the first unsupported field.
    public func validate() throws { try fields.validate() }
}

extension DPMSolverMultistepSchedulerConfig.Fields {
    func validate() throws {
        func fail(_ field: String, _ value: Any) -> SchedulerError {
            .unsupportedConfig(field: field, value: "\(value)")
        }
        try schedule.validate(timestepSpacings: ["linspace", "leading", "trailing"])
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
