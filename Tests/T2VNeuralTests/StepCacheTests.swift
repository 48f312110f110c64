// DeepCache step caching (UNet3DConditionModel.StepCache): the shallow branch on the kept deep
// features, and the pipeline's schedule of full and shallow steps.

import Foundation
@testable import T2VNeural
import Testing

@Suite("DeepCache step caching")
struct StepCacheTests {
    /// The fixture UNet, its reference sample and text states, and its plain prediction at t = 500.
    private func fixture() throws -> (UNet3DConditionModel, sample: Tensor, text: Tensor, plain: Tensor) {
        let model = try UNet3DConditionModel(directory: UNet3DFixtures.unet)
        let ref = try UNet3DFixtures.reference()
        let sample = try ref.tensor(named: "sample")
        let text = try ref.tensor(named: "encoder_hidden_states")
        return (model, sample, text, try model(sample: sample, timestep: 500, encoderHiddenStates: text))
    }

    @Test("a refresh is the plain forward; a reuse on the same input gives the same bytes from the shallow branch alone")
    func refreshAndReuse() throws {
        let (model, sample, text, plain) = try fixture()
        let cache = UNet3DConditionModel.StepCache()
        let refreshed = try model.forward(sample: sample, timestep: 500, encoderHiddenStates: text, stepCache: .refresh(cache))
        #expect(refreshed.scalars == plain.scalars)
        var names = [String]()
        let reused = try model.forward(sample: sample, timestep: 500, encoderHiddenStates: text, stepCache: .reuse(cache)) {
            name, _ in names.append(name)
        }
        // The last up block sees exactly what it saw in the full pass, so the prediction is identical.
        #expect(reused.scalars == plain.scalars)
        #expect(names.contains("down_blocks.0") && !names.contains("down_blocks.1") && !names.contains("mid_block"), "\(names)")
        #expect(!names.contains("up_blocks.0"), "\(names)")
        // Another timestep on the kept features: a different (approximate) prediction of the same shape.
        let later = try model.forward(sample: sample, timestep: 400, encoderHiddenStates: text, stepCache: .reuse(cache))
        let full = try model(sample: sample, timestep: 400, encoderHiddenStates: text)
        #expect(later.shape == full.shape && later.scalars != full.scalars)
    }

    @Test("a reuse without kept features of the sample's shape runs the whole UNet")
    func reuseWithoutFeatures() throws {
        let (model, sample, text, plain) = try fixture()
        let reused = try model.forward(sample: sample, timestep: 500, encoderHiddenStates: text, stepCache: .reuse(.init()))
        #expect(reused.scalars == plain.scalars)
    }

    @Test("the schedule: full steps every interval, the first always; interval 1 is off")
    func schedule() {
        let cache = UNet3DConditionModel.StepCache()
        let kinds = (0..<7).map { step -> String in
            switch cache.mode(step: step, interval: 3) {
            case .refresh: return "F"
            case .reuse: return "s"
            case nil: return "-"
            }
        }
        #expect(kinds.joined() == "FssFssF")
        #expect(cache.mode(step: 0, interval: 1) == nil && cache.mode(step: 5, interval: 1) == nil)
    }

    @Test("a pipeline with step caching runs, keeps the frames close, and interval 1 is the reference loop")
    func pipeline() throws {
        let pipe = try TextToVideoPipeline(directory: PipelineFixtures.tiny, scheduler: "dpmsolver")
        func frames(_ interval: Int) throws -> Tensor {
            pipe.cacheInterval = interval
            return try pipe.generate(
                prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 6, guidanceScale: 9,
                seed: 42
            ).frames
        }
        let full = try frames(1)
        let cached = try frames(2)
        let parity = try #require(Parity(cached, full))
        #expect(parity.difference > 0 && parity.difference < 0.25, "\(parity)")
        #expect(try frames(1).scalars == full.scalars)
    }
}
