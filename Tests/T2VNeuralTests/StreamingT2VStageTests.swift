// The StreamingT2V streaming stage against reference/streaming_run.safetensors
// (tools/fixtures/make_streamingt2v_fixtures.py): two streamed chunks of 3 DDIM steps (eta 1,
// guidance 7.5) with one generator seeded 33 across chunks, on the tiny models.

import Foundation
@testable import T2VNeural
import Testing

@Suite(.serialized) struct StreamingT2VStageTests {
    static func stage() throws -> StreamingT2VStage {
        let tiny = StreamingT2VFixtures.root.appendingPathComponent("tiny")
        let components = try PipelineComponents(directory: ModelFixtures.tiny, vaeParts: .decoder)
        let unet = tiny.appendingPathComponent("unet"), controlnet = tiny.appendingPathComponent("controlnet")
        let base = try UNet3DConditionModel(
            config: try UNet3DConfig.load(contentsOf: unet.appendingPathComponent("config.json")),
            weights: try WeightStore(directory: unet, weightsName: "diffusion_pytorch_model"), apm: APMTokens(text: 77, image: 4))
        let cam = try StreamingT2VCAM(
            config: try UNet3DConfig.load(contentsOf: controlnet.appendingPathComponent("config.json")),
            weights: try WeightStore(directory: controlnet, weightsName: "diffusion_pytorch_model"), frameEncoderChannels: [8, 16])
        let modules = try WeightStore(files: [try SafeTensorsFile(
            path: StreamingT2VFixtures.root.appendingPathComponent("modules/weights.safetensors").path)])
        let resampler = try ImageContextResampler(weights: modules, prefix: "resampler.", contextDim: 32, innerDim: 40, tokens: 4)
        let tower = try CLIPVisionModelWithProjection(directory: StreamingT2VFixtures.root.appendingPathComponent("image_encoder"))
        let stage = try StreamingT2VStage(components: components, base: base, cam: cam, resampler: resampler, imageEncoder: tower)
        stage.camFrames = 4
        return stage
    }

    @Test func twoStreamedChunksEqualTheReference() throws {
        let reference = try StreamingT2VFixtures.reference("streaming_run")
        let stage = try Self.stage()
        let first = try reference.tensor(named: "first_chunk")
        let anchor = try first.narrowed(dim: 0, start: 0, length: 1)
        let image = try stage.imageTokens(anchor: anchor)
        ModelFixtures.expectWithinScale(image.cond, try reference.tensor(named: "image_tokens"), tolerance: 1e-4, "image tokens")
        ModelFixtures.expectWithinScale(image.uncond, try reference.tensor(named: "image_tokens_uncond"), tolerance: 1e-4, "grey tokens")
        let conditioning = try stage.conditioning(prompt: "a red kite over a beach", anchor: anchor)
        var generator = TorchRandomSource(seed: 33)
        var previous = first
        var steps = [Int]()
        for k in 1...2 {
            let (frames, latents) = try stage.chunk(
                conditioning: conditioning, previousFrames: previous, numFrames: 8, numInferenceSteps: 3, generator: &generator,
                progress: { done, _ in steps.append(done); return true })
            ModelFixtures.expectWithinScale(latents, try reference.tensor(named: "chunk_\(k)_latents"), tolerance: 1e-4, "chunk \(k) latents")
            let expected = try reference.tensor(named: "chunk_\(k)_frames")
            let parity = try #require(Parity(frames, expected))
            #expect(parity.difference <= 2.0 / 255, "chunk \(k) frames: \(parity)")
            previous = frames.map { $0 * 2 - 1 }
        }
        #expect(steps == [0, 1, 2, 3, 0, 1, 2, 3])
    }

    @Test func mismatchedPartsAndShortConditioningAreRefused() throws {
        let stage = try Self.stage()
        let conditioning = try stage.conditioning(prompt: "a kite", anchor: try Tensor(zeros: [1, 3, 16, 16]))
        var generator = TorchRandomSource(seed: 1)
        #expect(throws: PipelineError.self) {
            _ = try stage.chunk(conditioning: conditioning, previousFrames: try Tensor(zeros: [3, 3, 16, 16]), numFrames: 8,
                                numInferenceSteps: 1, generator: &generator)
        }
        #expect(throws: PipelineError.self) {
            _ = try stage.chunk(conditioning: conditioning, previousFrames: try Tensor(zeros: [4, 3, 15, 16]), numFrames: 8,
                                numInferenceSteps: 1, generator: &generator)
        }
    }
}
