// A scheduler the pipelines can run, built from a folder's stored scheduler config as diffusers'
// `<Scheduler>.from_config(pipe.scheduler.config)` builds it. The registry of kinds is
// SchedulerKind+Registry.swift; docs/adding-a-scheduler.md is the recipe.

import FoundationEssentials
import T2VSupport

/// The configuration of one scheduler class: decoded from `scheduler_config.json` (unknown keys
/// ignored, missing keys at the class's defaults) and checked by `validate()`.
public protocol SchedulerConfiguration: Codable, Sendable {
    func validate() throws
}

/// One scheduler family: its configuration name (`"scheduler": "ddim"`), its diffusers class, and
/// how it is made from a stored config.
///
/// A folder's `scheduler/scheduler_config.json` belongs to the class model_index.json names (DDIM
/// for text-to-video-ms-1.7b). diffusers' `<Class>.from_config(pipe.scheduler.config)` hands the
/// new class the keys the file gave explicitly — the keys the loaded scheduler took at their
/// defaults are listed in its `_use_default_values` and left out (configuration_utils.py,
/// `extract_init_dict`) — and the new class's own defaults fill the rest. So a DPM-Solver made
/// from a DDIM file that has no `timestep_spacing` uses DPM-Solver's `"linspace"`, not DDIM's
/// `"leading"`. ``make(storedConfig:eta:)`` does exactly that with the file's JSON object.
public struct SchedulerKind: Sendable, Hashable, CustomStringConvertible {
    /// The configuration value naming it (`"ddim"`, `"dpmsolver"`).
    public let name: String
    /// The diffusers class (`model_index.json`'s scheduler entry, `_class_name`).
    public let className: String
    private let build: @Sendable (JSONValue, Float) throws -> any Scheduler

    /// A kind whose configuration type is `Config`; `build` makes the scheduler from a validated one.
    public static func family<Config: SchedulerConfiguration>(
        name: String, className: String, config: Config.Type, build: @escaping @Sendable (Config, Float) throws -> any Scheduler
    ) -> SchedulerKind {
        SchedulerKind(
            name: name, className: className,
            build: { stored, eta in
                let config = try SchedulerConfigCoding.decode(Config.self, stored)
                try config.validate()
                return try build(config, eta)
            })
    }

    private init(name: String, className: String, build: @escaping @Sendable (JSONValue, Float) throws -> any Scheduler) {
        self.name = name
        self.className = className
        self.build = build
    }

    /// The kind named `name` exactly (`"ddim"`, `"dpmsolver"`); other names throw
    /// ``PipelineError/unsupportedScheduler(_:)``.
    public init(name: String) throws {
        guard let kind = SchedulerKind.allCases.first(where: { $0.name == name }) else {
            throw PipelineError.unsupportedScheduler(name)
        }
        self = kind
    }

    /// The registered kind of diffusers class `className`, if any.
    public static func forClass(_ className: String) -> SchedulerKind? {
        allCases.first { $0.className == className }
    }

    /// A fresh scheduler of this kind from a stored scheduler_config.json object (the keys it
    /// knows; its defaults for the rest), validated. `eta` is DDIM's; other kinds ignore it.
    public func make(storedConfig: JSONValue, eta: Float = 0) throws -> any Scheduler {
        try build(storedConfig, eta)
    }

    public static func == (a: SchedulerKind, b: SchedulerKind) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { name }
}

/// Between the JSON value of a stored config and the Codable configuration types. Python's `json`
/// writes `Infinity`/`NaN` bare; ``SchedulerConfigJSON`` quotes them before parsing, so they are
/// strings here and decode through the decoder's non-conforming float strategy.
enum SchedulerConfigCoding {
    static func decode<C: Decodable>(_ type: C.Type, _ stored: JSONValue) throws -> C {
        try SchedulerConfigJSON.decode(C.self, from: Data(stored.serialized.utf8))
    }

    /// Reads a scheduler_config.json as a JSON object (bare non-finite numbers quoted).
    static func read(_ url: URL) throws -> JSONValue {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(url.path) } catch {
            throw SchedulerError.malformedConfig(reason: "cannot read \(url.path)")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes: Array(SchedulerConfigJSON.quoteNonFiniteNumbers(Data(bytes)))) } catch {
            throw SchedulerError.malformedConfig(reason: "\(url.path): \(error)")
        }
        guard case .object = value else { throw SchedulerError.malformedConfig(reason: "\(url.path) is not a JSON object") }
        return value
    }
}
