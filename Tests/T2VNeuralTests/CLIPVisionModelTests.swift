// Parity of the StreamingT2V image tower (CLIPVisionModelWithProjection, either weight layout) and
// its preprocessing with the references of tools/fixtures/make_streamingt2v_fixtures.py
// (transformers 4.46.3 and kornia 0.7.0 on a tiny tower: Fixtures/streamingt2v/).

import Foundation
import T2VNeural
import Testing

enum StreamingT2VFixtures {
    static let root = SharedFixtures.root.appendingPathComponent("streamingt2v")
    static func reference(_ name: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(path: root.appendingPathComponent("reference/\(name).safetensors").path)
    }
}

@Suite struct CLIPVisionModelTests {
    let reference: SafeTensorsFile

    init() throws { reference = try StreamingT2VFixtures.reference("image_tower") }

    @Test func preprocessingMatchesKornia() throws {
        let pixels = try CLIPImagePreprocessor(size: 224)(try reference.tensor(named: "frames"))
        ModelFixtures.expectWithinScale(pixels, try reference.tensor(named: "pixel_values"), tolerance: 1e-5, "pixel values")
    }

    @Test func antialiasedShrinkAndEnlargeMatchKornia() throws {
        let file = try StreamingT2VFixtures.reference("clip_preprocess")
        let preprocess = CLIPImagePreprocessor(size: 32)
        ModelFixtures.expectWithinScale(
            try preprocess(try file.tensor(named: "shrink_input")), try file.tensor(named: "shrink_output"),
            tolerance: 1e-5, "96x80 → 32 (Gaussian antialias, then bicubic)")
        let grow = try file.tensor(named: "grow_input")
        ModelFixtures.expectWithinScale(
            try preprocess(grow), try file.tensor(named: "grow_output"), tolerance: 1e-5, "20x24 → 32 (no blur)")
        ModelFixtures.expectWithinScale(
            try grow.resizedBicubic(height: 32, width: 32, alignCorners: false),
            try file.tensor(named: "bicubic_align_false"), tolerance: 1e-5, "bicubic, corners not aligned")
    }

    @Test(arguments: ["image_encoder", "image_encoder_openclip"])
    func imageEmbedsMatchTransformers(folder: String) throws {
        let tower = try CLIPVisionModelWithProjection(directory: StreamingT2VFixtures.root.appendingPathComponent(folder))
        if folder.hasSuffix("openclip") {
            #expect(tower.layout == .openCLIP(prefix: "image_encoder.model.visual."))
        } else {
            #expect(tower.layout == .transformers)
        }
        let embeds = try tower(pixelValues: try reference.tensor(named: "pixel_values"))
        ModelFixtures.expectWithinScale(embeds, try reference.tensor(named: "image_embeds"), tolerance: 1e-4, "\(folder) image_embeds")
        // StreamingT2V's unconditional anchor: zeros in [−1, 1], a mid-grey image.
        let grey = try tower(pixelValues: try CLIPImagePreprocessor()(try Tensor(zeros: [1, 3, 256, 256])))
        ModelFixtures.expectWithinScale(grey, try reference.tensor(named: "grey_image_embeds"), tolerance: 1e-4, "\(folder) grey")
    }

    @Test func wrongInputsAndMissingTensorsAreNamed() throws {
        let folder = try ModelFixtures.copy(from: StreamingT2VFixtures.root, component: "image_encoder_openclip")
        defer { ModelFixtures.remove(folder) }
        let tower = try CLIPVisionModelWithProjection(directory: folder)
        #expect(throws: NeuralError.self) { _ = try tower(pixelValues: try Tensor(zeros: [1, 3, 256, 256])) }
        try ModelFixtures.rewriteWeights(folder, file: "model.safetensors", drop: "image_encoder.model.visual.transformer.resblocks.1.attn.in_proj_weight")
        do {
            _ = try CLIPVisionModelWithProjection(directory: folder)
            Issue.record("a tower without a layer's attention weights loaded")
        } catch {
            #expect("\(error)".contains("image_encoder.model.visual.transformer.resblocks.1.attn.in_proj_weight"), "\(error)")
            #expect("\(error)".contains(folder.path), "\(error)")
        }
    }

    @Test func hostileConfigValuesAreRefused() throws {
        for (key, value) in [("image_size", 1 << 40), ("patch_size", 0), ("num_hidden_layers", 1_000_000_000)] {
            let folder = try ModelFixtures.copy(from: StreamingT2VFixtures.root, component: "image_encoder")
            defer { ModelFixtures.remove(folder) }
            try ModelFixtures.editConfig(folder) { $0[key] = value }
            #expect(throws: NeuralError.self, "\(key) = \(value)") { _ = try CLIPVisionModelWithProjection(directory: folder) }
        }
    }

    @Test func viTH14PresetIsTheRealTower() {
        let f = CLIPVisionConfig.openCLIPViTH14.fields
        let sizes: [Int] = [f.hiddenSize, f.intermediateSize, f.projectionDim, f.numHiddenLayers, f.numAttentionHeads, f.patchSize, f.imageSize]
        #expect(sizes == [1280, 5120, 1024, 32, 16, 14, 224])
        #expect(f.hiddenAct == "gelu")
        #expect(CLIPVisionConfig.openCLIPViTH14.tokenCount == 257)
    }
}
