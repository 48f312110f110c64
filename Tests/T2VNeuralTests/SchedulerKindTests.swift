import Foundation
import Testing
import T2VSupport
@testable import T2VNeural

/// The scheduler registry: one strict parser for the names, and schedulers made from a stored
/// config as diffusers' `from_config` makes them.
@Suite struct SchedulerKindTests {
    static let schedulers = SharedFixtures.root.appendingPathComponent("schedulers")

    @Test func namesAreExactAndUnique() throws {
        #expect(SchedulerKind.allCases.map(\.name) == ["ddim", "dpmsolver"])
        #expect(Set(SchedulerKind.allCases.map(\.className)).count == SchedulerKind.allCases.count)
        for kind in SchedulerKind.allCases { #expect(try SchedulerKind(name: kind.name) == kind) }
        for alias in ["DDIM", "dpm", "dpmsolver++", "euler", ""] {
            #expect(throws: PipelineError.self) { try SchedulerKind(name: alias) }
        }
        #expect(SchedulerKind.forClass("DPMSolverMultistepScheduler") == .dpmSolver)
    }

    /// The `dpm` fixture is what diffusers 0.33.1 made with `DPMSolverMultistepScheduler.from_config`
    /// of a DDIM scheduler whose config never set `timestep_spacing`: it took DPM-Solver's own
    /// default (`linspace`, as its saved config shows), not DDIM's `leading`.
    @Test func fromConfigTakesOnlyTheKeysTheFileGave() throws {
        let ddimFile = Self.schedulers.appendingPathComponent("ddim/scheduler_config.json")
        var stored = try SchedulerConfigCoding.read(ddimFile)
        guard case .object(let members) = stored else { Issue.record("not an object"); return }
        stored = .object(members.filter { $0.0 != "timestep_spacing" })  // as DDIM's own default, unset
        var made = try SchedulerKind.dpmSolver.make(storedConfig: stored)
        var reference = try DPMSolverMultistepScheduler(
            config: .load(from: Self.schedulers.appendingPathComponent("dpm/scheduler_config.json")))
        for n in [10, 25] {
            try made.setTimesteps(n)
            try reference.setTimesteps(n)
            #expect(made.timesteps == reference.timesteps)
        }
        // With the key in the file (as every folder saved by a recent diffusers has it), DPM-Solver takes it.
        var leading = try SchedulerKind.dpmSolver.make(storedConfig: try SchedulerConfigCoding.read(ddimFile))
        try leading.setTimesteps(10)
        #expect(leading.timesteps != reference.timesteps)
        #expect(leading.timesteps.first == 901)  // leading spacing with steps_offset 1
    }

    @Test func aBadStoredConfigNamesTheField() throws {
        let stored = JSONValue.object([("thresholding", .bool(true))])
        #expect(throws: SchedulerError.self) { _ = try SchedulerKind.ddim.make(storedConfig: stored) }
    }
}

/// Found by t2v-fuzz-config: betas outside (0, 1) made alphas_cumprod negative and the Karras
/// sigmas NaN, and converting a NaN timestep to an integer trapped. Now the config is refused.
@Suite struct SchedulerBetaBoundsTests {
    @Test(arguments: [("beta_end", 5.012), ("beta_start", -0.1), ("beta_end", 1.0), ("beta_start", 0.0)])
    func betasOutsideZeroToOneAreRefused(key: String, value: Double) throws {
        for kind in SchedulerKind.allCases {
            let stored = JSONValue.object([
                ("beta_schedule", .string("scaled_linear")), (key, .double(value)), ("use_karras_sigmas", .bool(true)),
            ])
            #expect(throws: SchedulerError.self, "\(kind) \(key) \(value)") {
                var scheduler = try kind.make(storedConfig: stored)
                try scheduler.setTimesteps(25)
            }
        }
    }
}
