// Parity of AutoencoderKL with diffusers' (Fixtures/reference/vae_*.safetensors, made by
// tools/fixtures/make_fixtures.py from Fixtures/models/tiny-t2v/vae), its config and loading errors.

import Foundation
import T2VNeural
import Testing

@Suite struct AutoencoderKLTests {
    static let directory = ModelFixtures.tiny.appendingPathComponent("vae")

    /// Compares every traced submodule output that the reference recorded as `intermediate.<name>`.
    func checkIntermediates(_ traced: [String: Tensor], _ reference: SafeTensorsFile) throws {
        let names = reference.tensorNames.filter { $0.hasPrefix("intermediate.") }
        #expect(!names.isEmpty)
        for name in names {
            let module = String(name.dropFirst("intermediate.".count))
            guard let actual = traced[module] else {
                Issue.record("no traced output for \(module)")
                continue
            }
            ModelFixtures.expectWithinScale(actual, try reference.tensor(named: name), module)
        }
    }

    @Test func configDecodesTinyFolder() throws {
        let config = try AutoencoderKLConfig(directory: Self.directory)
        #expect(config.blockOutChannels == [16, 32])
        #expect(config.layersPerBlock == 1)
        #expect(config.normNumGroups == 8)
        #expect(config.latentChannels == 4)
        #expect(config.scalingFactor == 0.18215)
        #expect(config.downBlockTypes == ["DownEncoderBlock2D", "DownEncoderBlock2D"])
        #expect(config.latentsMean == nil)
        #expect(config.shiftFactor == nil)
    }

    @Test func configRoundTripsAndIgnoresUnknownKeys() throws {
        let json = #"{"_class_name": "AutoencoderKL", "_diffusers_version": "0.8.0", "_name_or_path": "x", "sample_size": 512, "block_out_channels": [128, 256, 512, 512], "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"], "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"], "layers_per_block": 2}"#
        let config = try JSONDecoder().decode(AutoencoderKLConfig.self, from: Data(json.utf8))
        try config.validate()
        #expect(config.normNumGroups == 32)
        #expect(config.useQuantConv)
        let again = try JSONDecoder().decode(AutoencoderKLConfig.self, from: try JSONEncoder().encode(config))
        #expect(again == config)
        let encoded = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        #expect(encoded.contains("\"block_out_channels\""))
    }

    @Test func decodeMatchesDiffusersFP32() throws {
        let reference = try ModelFixtures.reference("vae_decode")
        let vae = try AutoencoderKL(directory: Self.directory)
        var traced = [String: Tensor]()
        let sample = try vae.decode(try reference.tensor(named: "latents")) { traced[$0] = $1 }
        try checkIntermediates(traced, reference)
        let expected = try reference.tensor(named: "sample")
        ModelFixtures.expectWithinScale(sample, expected, "decode sample fp32")
        print("AutoencoderKL decode fp32: \(ModelFixtures.relativeError(sample, expected).text)")
    }

    @Test func decodeInBatchesEqualsWholeBatch() throws {
        let reference = try ModelFixtures.reference("vae_decode")
        let vae = try AutoencoderKL(directory: Self.directory, parts: .decoder)
        let latents = try reference.tensor(named: "latents")
        let whole = try vae.decode(latents)
        let oneByOne = try vae.decode(latents, batchSize: 1)
        ModelFixtures.expectWithinScale(oneByOne, whole, tolerance: 1e-6, "batched decode")
        ModelFixtures.expectWithinScale(oneByOne, try reference.tensor(named: "sample"), "batched decode vs reference")
    }

    @Test func decodeMatchesDiffusersFP16Weights() throws {
        let reference = try ModelFixtures.reference("vae_decode_fp16")
        let vae = try AutoencoderKL(directory: Self.directory, variant: "fp16", parts: .decoder)
        let sample = try vae.decode(try reference.tensor(named: "latents"))
        let expected = try reference.tensor(named: "sample")
        ModelFixtures.expectWithinScale(sample, expected, "decode sample fp16 weights")
        print("AutoencoderKL decode fp16 weights: \(ModelFixtures.relativeError(sample, expected).text)")
    }

    @Test func encodeMatchesDiffusers() throws {
        let reference = try ModelFixtures.reference("vae_encode")
        let vae = try AutoencoderKL(directory: Self.directory)
        var traced = [String: Tensor]()
        let dist = try vae.encode(try reference.tensor(named: "image")) { traced[$0] = $1 }
        try checkIntermediates(traced, reference)
        for (name, actual) in [("mean", dist.mean), ("std", dist.std), ("logvar", dist.logvar)] {
            let expected = try reference.tensor(named: name)
            ModelFixtures.expectWithinScale(actual, expected, "encode \(name)")
            print("AutoencoderKL encode \(name): \(ModelFixtures.relativeError(actual, expected).text)")
        }
    }

    @Test func decoderOnlyModelRefusesToEncode() throws {
        let vae = try AutoencoderKL(directory: Self.directory, parts: .decoder)
        let text = ModelFixtures.thrownText { _ = try vae.encode(try Tensor(zeros: [1, 3, 8, 8])) }
        #expect(text?.contains("encoder") == true)
        #expect(ModelFixtures.thrownText { _ = try vae.decode(try Tensor(zeros: [1, 3, 8, 8])) } != nil)
    }

    @Test func missingTensorIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "vae")
        defer { ModelFixtures.remove(dir) }
        let name = "decoder.up_blocks.0.upsamplers.0.conv.weight"
        try ModelFixtures.rewriteWeights(dir, file: "diffusion_pytorch_model.safetensors", drop: name)
        let text = ModelFixtures.thrownText { _ = try AutoencoderKL(directory: dir) }
        #expect(text?.contains(name) == true, "\(text ?? "no error")")
        // The encoder alone does not need it.
        _ = try AutoencoderKL(directory: dir, parts: .encoder)
    }

    @Test func misShapedTensorIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "vae")
        defer { ModelFixtures.remove(dir) }
        let name = "encoder.mid_block.attentions.0.to_q.weight"
        try ModelFixtures.rewriteWeights(
            dir, file: "diffusion_pytorch_model.safetensors", replace: [name: try Tensor(zeros: [32, 32, 1, 1])])
        let text = ModelFixtures.thrownText { _ = try AutoencoderKL(directory: dir) }
        #expect(text?.contains(name) == true && text?.contains("[32, 32, 1, 1]") == true, "\(text ?? "no error")")
    }

    @Test func unsupportedActivationIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "vae")
        defer { ModelFixtures.remove(dir) }
        try ModelFixtures.editConfig(dir) { $0["act_fn"] = "relu" }
        let text = ModelFixtures.thrownText { _ = try AutoencoderKL(directory: dir) }
        #expect(text?.contains("act_fn") == true && text?.contains("relu") == true, "\(text ?? "no error")")
    }

    @Test func unknownBlockTypeIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "vae")
        defer { ModelFixtures.remove(dir) }
        try ModelFixtures.editConfig(dir) { $0["down_block_types"] = ["DownEncoderBlock2D", "AttnDownEncoderBlock2D"] }
        let text = ModelFixtures.thrownText { _ = try AutoencoderKL(directory: dir) }
        #expect(text?.contains("down_block_types") == true && text?.contains("AttnDownEncoderBlock2D") == true,
                "\(text ?? "no error")")
        try ModelFixtures.editConfig(dir) {
            $0["down_block_types"] = ["DownEncoderBlock2D", "DownEncoderBlock2D"]
            $0["up_block_types"] = ["UpDecoderBlock2D", "AttnUpDecoderBlock2D"]
        }
        let upText = ModelFixtures.thrownText { _ = try AutoencoderKL(directory: dir) }
        #expect(upText?.contains("up_block_types") == true && upText?.contains("AttnUpDecoderBlock2D") == true,
                "\(upText ?? "no error")")
    }

    @Test func otherClassIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "vae")
        defer { ModelFixtures.remove(dir) }
        try ModelFixtures.editConfig(dir) { $0["_class_name"] = "AutoencoderKLTemporalDecoder" }
        let text = ModelFixtures.thrownText { _ = try AutoencoderKL(directory: dir) }
        #expect(text?.contains("AutoencoderKLTemporalDecoder") == true, "\(text ?? "no error")")
    }

    @Test func sampleAddsScaledNoise() throws {
        let moments = try Tensor(shape: [1, 2, 1, 1], scalars: [0.5, 2 * log(3)])
        let dist = try DiagonalGaussianDistribution(moments: moments)
        let sample = try dist.sample(noise: try Tensor(shape: [1, 1, 1, 1], scalars: [2]))
        #expect(abs(sample.scalars[0] - 6.5) < 1e-5)
        #expect(dist.mode().scalars == [0.5])
    }
}
