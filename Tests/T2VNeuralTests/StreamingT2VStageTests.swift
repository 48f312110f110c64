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

/// A StreamingT2V folder in reflection's layout, assembled from the fixtures, loads with
/// `StreamingT2VStage(directory:)` and streams the reference's chunks.
@Suite(.serialized) struct StreamingT2VFolderTests {
    /// tiny-t2v's tokenizer, text encoder, VAE and scheduler; the tiny base UNet and CAM; the
    /// resampler from the module fixtures; the image tower.
    static func makeFolder() throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("t2v-streamingt2v-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["tokenizer", "text_encoder", "vae", "scheduler"] {
            try fm.copyItem(at: ModelFixtures.tiny.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        let tiny = StreamingT2VFixtures.root.appendingPathComponent("tiny")
        try fm.copyItem(at: tiny.appendingPathComponent("unet"), to: root.appendingPathComponent("unet"))
        try fm.copyItem(at: tiny.appendingPathComponent("controlnet"), to: root.appendingPathComponent("controlnet"))
        try ModelFixtures.editConfig(root.appendingPathComponent("controlnet")) { $0["conditioning_embedding_out_channels"] = [8, 16] }
        try fm.copyItem(at: StreamingT2VFixtures.root.appendingPathComponent("image_encoder"), to: root.appendingPathComponent("image_encoder"))
        let resampler = root.appendingPathComponent("resampler")
        try fm.createDirectory(at: resampler, withIntermediateDirectories: true)
        let modules = try SafeTensorsFile(path: StreamingT2VFixtures.root.appendingPathComponent("modules/weights.safetensors").path)
        let tensors = try modules.tensorNames.filter { $0.hasPrefix("resampler.") }
            .map { (name: String($0.dropFirst("resampler.".count)), tensor: try modules.tensor(named: $0)) }
        try Data(try SafeTensorsWriter.serialize(tensors)).write(to: resampler.appendingPathComponent("diffusion_pytorch_model.safetensors"))
        try Data(#"{"context_dim": 32, "inner_dim": 40, "tokens": 4}"#.utf8).write(to: resampler.appendingPathComponent("config.json"))
        let index = """
            {"_class_name": "StreamingT2VPipeline", "tokenizer": ["transformers", "CLIPTokenizer"],
             "text_encoder": ["transformers", "CLIPTextModel"], "vae": ["diffusers", "AutoencoderKL"],
             "unet": ["diffusers", "UNet3DConditionModel"], "controlnet": ["reflection", "StreamingT2VCAM"],
             "resampler": ["reflection", "ImageContextResampler"],
             "image_encoder": ["transformers", "CLIPVisionModelWithProjection"], "scheduler": ["diffusers", "DDIMScheduler"]}
            """
        try Data(index.utf8).write(to: root.appendingPathComponent("model_index.json"))
        return root
    }

    @Test func aFolderLoadsAndStreamsTheReferenceChunks() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stage = try StreamingT2VStage(directory: folder)
        stage.camFrames = 4
        #expect(stage.base.apm == APMTokens(text: 77, image: 4))
        let reference = try StreamingT2VFixtures.reference("streaming_run")
        let first = try reference.tensor(named: "first_chunk")
        let conditioning = try stage.conditioning(prompt: "a red kite over a beach", anchor: try first.narrowed(dim: 0, start: 0, length: 1))
        var generator = TorchRandomSource(seed: 33)
        let (frames, _) = try stage.chunk(
            conditioning: conditioning, previousFrames: first, numFrames: 8, numInferenceSteps: 3, generator: &generator)
        let parity = try #require(Parity(frames, try reference.tensor(named: "chunk_1_frames")))
        #expect(parity.difference <= 2.0 / 255, "\(parity)")
    }

    @Test func brokenFoldersNameTheComponentAndFile() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A ModelScope folder is not a StreamingT2V folder, and the reverse.
        #expect(throws: PipelineError.self) { _ = try StreamingT2VStage(directory: ModelFixtures.tiny) }
        #expect(throws: PipelineError.self) { _ = try PipelineComponents(directory: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("controlnet"))
        do {
            _ = try StreamingT2VStage(directory: folder)
            Issue.record("loaded without controlnet/")
        } catch {
            #expect("\(error)".contains("controlnet"), "\(error)")
        }
        let again = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: again) }
        try Data(#"{"context_dim": 32, "inner_dim": 40, "tokens": 100000}"#.utf8)
            .write(to: again.appendingPathComponent("resampler/config.json"))
        do {
            _ = try StreamingT2VStage(directory: again)
            Issue.record("loaded a resampler of 100,000 tokens")
        } catch {
            #expect("\(error)".contains("tokens") && "\(error)".contains("resampler"), "\(error)")
        }
    }
}
