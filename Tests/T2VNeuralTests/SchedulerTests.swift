import Foundation
import XCTest
@testable import T2VNeural

final class SchedulerTests: XCTestCase {
    static let cases = [
        "ddim", "ddim_vpred", "ddim_trailing", "ddim_eta05",
        "dpm", "dpm_vpred", "dpm_trailing", "dpm_linspace", "dpm_karras", "dpm_no_lower_order_final",
    ]

    func makeScheduler(_ name: String) throws -> any Scheduler {
        let url = SRFixtureFile.fixturesDirectory.appendingPathComponent("schedulers/\(name)/scheduler_config.json")
        if name.hasPrefix("dpm") {
            return try DPMSolverMultistepScheduler(config: .load(from: url))
        }
        return try DDIMScheduler(config: .load(from: url), eta: name == "ddim_eta05" ? 0.5 : 0)
    }

    /// Every fixture run: timesteps equal, alphas_cumprod and sigmas within float rounding, and
    /// each step's prev_sample within 1e-5 relative to the sample's scale, feeding the fixture's
    /// own inputs at each step and also chaining our own outputs through the whole run.
    func testFixtureRuns() throws {
        for name in Self.cases {
            let file = try SRFixtureFile("schedulers/\(name)/steps.safetensors")
            var scheduler = try makeScheduler(name)
            let ac = try file.floats("alphas_cumprod")
            if let ddim = scheduler as? DDIMScheduler { try assertClose(ddim.alphasCumprod, ac, 1e-7, "\(name) alphas_cumprod") }
            if let dpm = scheduler as? DPMSolverMultistepScheduler { try assertClose(dpm.alphasCumprod, ac, 1e-7, "\(name) alphas_cumprod") }
            for n in [10, 25] {
                try scheduler.setTimesteps(n)
                XCTAssertEqual(scheduler.timesteps, try file.ints("n\(n)_timesteps"), "\(name) n=\(n) timesteps")
                if let dpm = scheduler as? DPMSolverMultistepScheduler, file.shape("n\(n)_sigmas") != nil {
                    try assertClose(dpm.sigmas, file.floats("n\(n)_sigmas"), 1e-6, "\(name) n=\(n) sigmas")
                }
                var chained = try file.floats("n\(n)_init_sample")
                var generator = TorchRandomSource(seed: 7)
                var replay = scheduler  // a copy stepping on the fixture's own inputs
                for (i, t) in scheduler.timesteps.enumerated() {
                    let key = String(format: "n%d_step%02d_", n, i)
                    XCTAssertEqual(try file.ints(key + "timestep"), [t])
                    let sample = try file.floats(key + "sample")
                    let modelOutput = try file.floats(key + "model_output")
                    let want = try file.floats(key + "prev_sample")
                    XCTAssertEqual(scheduler.scaleModelInput(sample, timestep: t), sample)
                    let noise = file.shape(key + "variance_noise") != nil ? try file.floats(key + "variance_noise") : nil
                    let got = try replay.step(modelOutput: modelOutput, timestep: t, sample: sample, varianceNoise: noise)
                    try assertClose(got, want, 1e-5, "\(name) n=\(n) step \(i) (t=\(t))")
                    // Chained run: our own samples and generator (noise from TorchRandomSource(seed: 7)).
                    let chainedOut = try scheduler.step(
                        modelOutput: modelOutput, timestep: t, sample: chained, generator: &generator)
                    chained = chainedOut
                }
                try assertClose(chained, file.floats(String(format: "n%d_step%02d_prev_sample", n, scheduler.timesteps.count - 1)),
                                1e-5, "\(name) n=\(n) chained run")
            }
        }
    }

    func testVarianceNoiseMatchesTorchGenerator() throws {
        let file = try SRFixtureFile("schedulers/ddim_eta05/steps.safetensors")
        var generator = TorchRandomSource(seed: 7)
        for i in 0..<10 {
            let want = try file.floats(String(format: "n10_step%02d_variance_noise", i))
            try assertClose(generator.normalArray(count: want.count), want, 1e-6, "variance noise \(i)")
        }
    }

    func testDefaultsAndTextToVideoConfig() throws {
        var ddim = try DDIMScheduler(config: .textToVideoMS)
        try ddim.setTimesteps(50)
        XCTAssertEqual(ddim.timesteps.count, 50)
        XCTAssertEqual(ddim.timesteps.first, 981)
        XCTAssertEqual(ddim.timesteps.last, 1)
        XCTAssertEqual(ddim.initNoiseSigma, 1)
        var dpm = try DPMSolverMultistepScheduler(config: .init(fromDDIM: .textToVideoMS))
        try dpm.setTimesteps(25)
        XCTAssertEqual(dpm.timesteps.count, 25)
        XCTAssertEqual(dpm.sigmas.count, 26)
        XCTAssertEqual(dpm.sigmas.last, 0)
    }

    func testUnsupportedValuesAreNamedErrors() throws {
        func dpmError(_ json: String) -> SchedulerError? {
            do {
                let c = try SchedulerConfigJSON.decode(DPMSolverMultistepSchedulerConfig.self, from: Data(json.utf8))
                _ = try DPMSolverMultistepScheduler(config: c)
                return nil
            } catch { return error as? SchedulerError }
        }
        XCTAssertEqual(dpmError(#"{"algorithm_type": "sde-dpmsolver++"}"#),
                       .unsupportedConfig(field: "algorithm_type", value: "sde-dpmsolver++"))
        XCTAssertEqual(dpmError(#"{"solver_order": 3}"#), .unsupportedConfig(field: "solver_order", value: "3"))
        XCTAssertEqual(dpmError(#"{"timestep_spacing": "karras"}"#), .unsupportedConfig(field: "timestep_spacing", value: "karras"))
        XCTAssertEqual(dpmError(#"{"lambda_min_clipped": -Infinity, "algorithm_type": "deis"}"#), nil)
        XCTAssertEqual(dpmError(#"{"beta_schedule": "sigmoid"}"#), .unsupportedConfig(field: "beta_schedule", value: "sigmoid"))
        if case .malformedConfig? = dpmError(#"{"solver_order": "two"}"#) {} else { XCTFail("expected malformedConfig") }

        var c = DDIMSchedulerConfig()
        c.predictionType = "flow_prediction"
        XCTAssertThrowsError(try DDIMScheduler(config: c)) { error in
            XCTAssertEqual(error as? SchedulerError, .unsupportedConfig(field: "prediction_type", value: "flow_prediction"))
        }
        c = DDIMSchedulerConfig()
        c.thresholding = true
        XCTAssertThrowsError(try DDIMScheduler(config: c))

        var ddim = try DDIMScheduler()
        XCTAssertThrowsError(try ddim.step(modelOutput: [0], timestep: 999, sample: [0])) { error in
            XCTAssertEqual(error as? SchedulerError, .timestepsNotSet)
        }
        XCTAssertThrowsError(try ddim.setTimesteps(0))
        XCTAssertThrowsError(try ddim.setTimesteps(1001))
        try ddim.setTimesteps(10)
        XCTAssertThrowsError(try ddim.step(modelOutput: [0, 1], timestep: 901, sample: [0]))
        XCTAssertThrowsError(try ddim.step(modelOutput: [0], timestep: 5000, sample: [0]))
        ddim.eta = 1
        XCTAssertThrowsError(try ddim.step(modelOutput: [0], timestep: 901, sample: [0])) { error in
            XCTAssertEqual(error as? SchedulerError, .missingVarianceNoise)
        }
    }

    func testOtherBetaSchedulesAreFinite() throws {
        for schedule in ["linear", "scaled_linear", "squaredcos_cap_v2"] {
            for rescale in [false, true] {
                var c = DDIMSchedulerConfig()
                c.betaSchedule = schedule
                c.rescaleBetasZeroSnr = rescale
                c.timestepSpacing = "trailing"
                var s = try DDIMScheduler(config: c)
                try s.setTimesteps(7)
                var x: [Float] = [0.5, -0.25, 1]
                for t in s.timesteps { x = try s.step(modelOutput: [0.1, 0.2, -0.3], timestep: t, sample: x) }
                XCTAssertTrue(x.allSatisfy(\.isFinite), "\(schedule) rescale=\(rescale)")
            }
        }
    }

    private func assertClose(_ got: [Float], _ want: [Float], _ rel: Float, _ name: String,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        guard let w = srWorst(got, want) else {
            XCTFail("\(name): count \(got.count) != \(want.count)", file: file, line: line)
            return
        }
        let scale = max(1e-30, want.map { abs($0) }.max() ?? 0)
        XCTAssertLessThanOrEqual(w.diff, rel * max(scale, 1e-3),
            "\(name): worst |diff| \(w.diff) at \(w.index): got \(w.got), want \(w.want) (scale \(scale))",
            file: file, line: line)
    }
}
