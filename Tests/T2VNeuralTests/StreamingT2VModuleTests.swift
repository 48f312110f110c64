// Parity of StreamingT2V's APM and CAM modules with the references of
// tools/fixtures/make_streamingt2v_fixtures.py (written from shared/streamingt2v-spec.md in the
// pinned diffusers/torch stack; tiny sizes, every parameter perturbed, APM alpha nonzero).

import Foundation
@testable import T2VNeural
import Testing

@Suite struct StreamingT2VModuleTests {
    let weights: WeightStore
    let reference: SafeTensorsFile

    init() throws {
        weights = try WeightStore(files: [try SafeTensorsFile(
            path: StreamingT2VFixtures.root.appendingPathComponent("modules/weights.safetensors").path)])
        reference = try StreamingT2VFixtures.reference("modules")
    }

    @Test func resamplerMeansAnchorFramesThenMakesTokens() throws {
        let resampler = try ImageContextResampler(weights: weights, prefix: "resampler.", contextDim: 32, innerDim: 40, tokens: 4)
        let input = try reference.tensor(named: "resampler_input")
        ModelFixtures.expectWithinScale(
            try resampler(input, anchorFrames: 3), try reference.tensor(named: "resampler_3_anchor_frames"), tolerance: 1e-5, "3 anchor frames")
        ModelFixtures.expectWithinScale(
            try resampler(input, anchorFrames: 1), try reference.tensor(named: "resampler_1_anchor_frame"), tolerance: 1e-5, "1 anchor frame")
        #expect(throws: NeuralError.self) { _ = try resampler(input, anchorFrames: 4) }
    }

    @Test func apmMixesImageTokensIntoTheTextContext() throws {
        let tokens = APMTokens(text: 7, image: 4)
        let mixer = try APMContextMixer(weights, "attn2", contextDim: 32, tokens: tokens)
        let attention = try Attention(weights, "attn2", queryDim: 32, contextDim: 32, heads: 2, dimHead: 16)
        let context = try reference.tensor(named: "apm_context")
        // The mixing alone (before the gain), then the attention on the mixed context, a context
        // per video shared by its three frames.
        var mixed = try mixer(context)
        try mixed.add(try context.narrowed(dim: 1, start: 0, length: 7).scaled(by: -1))
        ModelFixtures.expectWithinScale(
            mixed.scaled(by: 1 / mixer.gain), try reference.tensor(named: "apm_mixed_context"), tolerance: 1e-4, "Conv1d + LayerNorm")
        ModelFixtures.expectWithinScale(
            try attention(try reference.tensor(named: "apm_hidden"), context: try mixer(context)),
            try reference.tensor(named: "apm_output"), tolerance: 1e-5, "APM cross-attention")
        // The text tokens alone pass unchanged (APM off); any other count is refused.
        let text = try context.narrowed(dim: 1, start: 0, length: 7)
        #expect(try mixer(text).scalars == text.scalars)
        #expect(throws: NeuralError.self) { _ = try mixer(try context.narrowed(dim: 1, start: 0, length: 9)) }
        // alpha 0 (as initialised) switches the image off: the text context passes unchanged.
        let off = try APMContextMixer(WeightStore(source: "alpha zero") { name, shape in
            name == "attn2.alpha" ? try Tensor(zeros: []) : try weights.tensor(name, shape: shape)
        }, "attn2", contextDim: 32, tokens: tokens)
        #expect(try off(context).scalars == context.narrowed(dim: 1, start: 0, length: 7).scalars)
    }

    @Test func frameEncoderIsDiffusersConditioningEmbedding() throws {
        let encoder = try ConditioningFrameEncoder(
            weights: weights, prefix: "controlnet_cond_embedding.", blockOutChannels: [8, 16, 24], outChannels: 32)
        ModelFixtures.expectWithinScale(
            try encoder(try reference.tensor(named: "frames")), try reference.tensor(named: "frame_encoder_output"),
            tolerance: 1e-5, "frame encoder")
    }

    @Test func mergerAttendsFromEachPixelsFramesToItsCAMFrames() throws {
        let merger = try CAMMerger(weights, "cross_attention_merger_mid_block.", channels: 128)
        let x = try reference.tensor(named: "merger_x"), cam = try reference.tensor(named: "merger_cam")
        let out = try merger(x, cam: cam, frames: 4, camFrames: 3)
        ModelFixtures.expectWithinScale(out, try reference.tensor(named: "merger_output"), tolerance: 1e-5, "merger")
        // The CAM matters: other CAM features give another result.
        let other = try merger(x, cam: cam.scaled(by: -1), frames: 4, camFrames: 3)
        #expect(ModelFixtures.relativeError(other, out).error > 1e-2)
        #expect(throws: NeuralError.self) { _ = try merger(x, cam: cam, frames: 3, camFrames: 3) }
    }

    @Test func missingAPMTensorsAreNamed() throws {
        let store = WeightStore(source: "test store") { name, shape in
            if name == "attn2.conv_ln.weight" { throw NeuralError.tensorNotFound(name: name, source: "test store") }
            return try weights.tensor(name, shape: shape)
        }
        do {
            _ = try APMContextMixer(store, "attn2", contextDim: 32, tokens: APMTokens(text: 7, image: 4))
            Issue.record("loaded without conv_ln")
        } catch {
            #expect("\(error)".contains("attn2.conv_ln.weight"), "\(error)")
        }
    }
}

/// One CFG noise prediction of the tiny StreamingT2V base UNet (APM in every spatial
/// cross-attention, CAM mergers) with its CAM, against `reference/unet_step.safetensors`.
@Suite struct StreamingT2VUNetStepTests {
    static let tiny = StreamingT2VFixtures.root.appendingPathComponent("tiny")
    let reference: SafeTensorsFile
    let base: UNet3DConditionModel
    let cam: StreamingT2VCAM

    init() throws {
        reference = try StreamingT2VFixtures.reference("unet_step")
        let unetFolder = Self.tiny.appendingPathComponent("unet")
        let config = try UNet3DConfig.load(contentsOf: unetFolder.appendingPathComponent("config.json"))
        base = try UNet3DConditionModel(
            config: config, weights: try WeightStore(directory: unetFolder, weightsName: "diffusion_pytorch_model"),
            apm: APMTokens(text: 77, image: 4))
        let camFolder = Self.tiny.appendingPathComponent("controlnet")
        cam = try StreamingT2VCAM(
            config: try UNet3DConfig.load(contentsOf: camFolder.appendingPathComponent("config.json")),
            weights: try WeightStore(directory: camFolder, weightsName: "diffusion_pytorch_model"),
            frameEncoderChannels: [8, 16])
    }

    func camFeatures() throws -> CAMFeatures {
        let latents = try reference.tensor(named: "latents")
        return try cam(
            sample: try latents.narrowed(dim: 2, start: 0, length: 4), timestep: 981, text: try reference.tensor(named: "text"),
            conditioningFrames: try reference.tensor(named: "previous_frames"))
    }

    func context() throws -> Tensor {
        try Tensor.concat([try reference.tensor(named: "text"), try reference.tensor(named: "image_tokens")], dim: 1)
    }

    @Test func camFeaturesMatch() throws {
        let features = try camFeatures()
        #expect(features.down.count == 6)
        for (i, feature) in features.down.enumerated() {
            ModelFixtures.expectWithinScale(feature, try reference.tensor(named: "cam_down_\(i)"), tolerance: 1e-4, "CAM skip \(i)")
        }
        ModelFixtures.expectWithinScale(features.mid, try reference.tensor(named: "cam_mid"), tolerance: 1e-4, "CAM mid")
    }

    @Test func guidedNoisePredictionMatches() throws {
        let eps = try base.forward(
            sample: try reference.tensor(named: "latents"), timestep: 981, encoderHiddenStates: try context(), cam: try camFeatures())
        ModelFixtures.expectWithinScale(eps, try reference.tensor(named: "noise_pred"), tolerance: 1e-4, "noise prediction")
        let uncond = try eps.narrowed(dim: 0, start: 0, length: 1), cond = try eps.narrowed(dim: 0, start: 1, length: 1)
        let guided = try uncond + (try cond - uncond).scaled(by: 7.5)
        ModelFixtures.expectWithinScale(guided, try reference.tensor(named: "guided_7_5"), tolerance: 1e-4, "guided, scale 7.5")
        // The APM and the CAM matter: the reference without the APM's gain differs, and so does a
        // prediction with other CAM features.
        let withoutAPM = try reference.tensor(named: "noise_pred_alpha_zero")
        #expect(ModelFixtures.relativeError(withoutAPM, try reference.tensor(named: "noise_pred")).error > 1e-3)
        let features = try camFeatures()
        let otherCAM = CAMFeatures(down: features.down.map { $0.scaled(by: 0.5) }, mid: features.mid.scaled(by: 0.5), frames: features.frames)
        let changed = try base.forward(
            sample: try reference.tensor(named: "latents"), timestep: 981, encoderHiddenStates: try context(), cam: otherCAM)
        #expect(ModelFixtures.relativeError(changed, eps).error > 1e-3)
    }

    @Test("a DeepCache shallow step of the base UNet with the CAM's first down block alone equals the full step on the same input")
    func shallowStepWithShallowCAM() throws {
        let latents = try reference.tensor(named: "latents")
        let full = try base.forward(sample: latents, timestep: 981, encoderHiddenStates: try context(), cam: try camFeatures())
        let cache = UNet3DConditionModel.StepCache()
        _ = try base.forward(sample: latents, timestep: 981, encoderHiddenStates: try context(), cam: try camFeatures(),
                             stepCache: .refresh(cache))
        #expect(base.reuses(.reuse(cache), sample: latents) && !base.reuses(.refresh(cache), sample: latents))
        let shallowCAM = try cam(
            sample: try latents.narrowed(dim: 2, start: 0, length: 4), timestep: 981, text: try reference.tensor(named: "text"),
            conditioningFrames: try reference.tensor(named: "previous_frames"), depth: 1)
        let fullCount = try camFeatures().down.count
        #expect(shallowCAM.depth == 1 && shallowCAM.down.count < fullCount)
        let shallow = try base.forward(sample: latents, timestep: 981, encoderHiddenStates: try context(), cam: shallowCAM,
                                       stepCache: .reuse(cache))
        #expect(shallow.scalars == full.scalars)
        // Shallow CAM features cannot drive a full step.
        #expect(throws: NeuralError.self) {
            _ = try base.forward(sample: latents, timestep: 981, encoderHiddenStates: try context(), cam: shallowCAM)
        }
    }

    @Test func wrongContextsAndFeaturesAreRefused() throws {
        let latents = try reference.tensor(named: "latents")
        // Text and image tokens, or text alone (APM off); nothing else.
        let text = try reference.tensor(named: "text")
        #expect(throws: NeuralError.self) {
            _ = try base.forward(sample: latents, timestep: 981, encoderHiddenStates: try text.narrowed(dim: 1, start: 0, length: 70))
        }
        #expect(throws: Never.self) { _ = try base.forward(sample: latents, timestep: 981, encoderHiddenStates: text) }
        let features = try camFeatures()
        let short = CAMFeatures(down: Array(features.down.dropLast()), mid: features.mid, frames: features.frames)
        #expect(throws: NeuralError.self) {
            _ = try base.forward(sample: latents, timestep: 981, encoderHiddenStates: try context(), cam: short)
        }
    }
}
