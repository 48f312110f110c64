// Parity of CLIPTextModel with transformers' (Fixtures/reference/text_encoder*.safetensors, made by
// tools/fixtures/make_fixtures.py from Fixtures/models/tiny-t2v/text_encoder), its config and
// loading errors. Also the fixture helpers shared with AutoencoderKLTests.

import Foundation
import T2VNeural
import Testing

/// Paths of the model fixtures and helpers to compare against them.
enum ModelFixtures {
    static let root = SharedFixtures.root
    static let tiny = root.appendingPathComponent("models/tiny-t2v")
    static func reference(_ name: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(path: root.appendingPathComponent("reference/\(name).safetensors").path)
    }

    /// A copy of `<root>/<component>` (`tiny-t2v/` by default) in a fresh temporary folder, for breaking it.
    static func copy(from root: URL = tiny, component: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("t2v-model-test-\(UUID().uuidString)").appendingPathComponent(component)
        try FileManager.default.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent(component), to: dir)
        return dir
    }

    static func remove(_ dir: URL) { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }

    /// Rewrites `<dir>/<file>` with every tensor except `drop`, and `replace` substituted.
    static func rewriteWeights(_ dir: URL, file: String, drop: String? = nil, replace: [String: Tensor] = [:]) throws {
        let path = dir.appendingPathComponent(file).path
        let source = try SafeTensorsFile(path: path)
        var tensors = [(name: String, tensor: Tensor)]()
        for name in source.tensorNames where name != drop {
            tensors.append((name, try replace[name] ?? source.tensor(named: name)))
        }
        let bytes = try SafeTensorsWriter.serialize(tensors)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Rewrites `<dir>/config.json` with `edit` applied to its JSON object.
    static func editConfig(_ dir: URL, _ edit: (inout [String: Any]) -> Void) throws {
        let url = dir.appendingPathComponent("config.json")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    /// max |a − b| / max |b|, with the worst element, for a failure message.
    static func relativeError(_ actual: Tensor, _ expected: Tensor) -> (error: Float, text: String) {
        guard let parity = Parity(actual, expected) else {
            return (.infinity, "shape \(actual.shape) vs expected \(expected.shape)")
        }
        return (parity.difference / max(parity.scale, .leastNormalMagnitude), "\(parity)")
    }

    /// Expects `actual` within `tolerance` of `expected`'s scale; prints the worst element otherwise.
    static func expectWithinScale(
        _ actual: Tensor, _ expected: Tensor, tolerance: Float = 1e-4, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (error, text) = relativeError(actual, expected)
        #expect(error <= tolerance, "\(label): \(text)", sourceLocation: sourceLocation)
    }

    /// The error `body` throws, described, or nil.
    static func thrownText(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }
}

@Suite struct CLIPTextModelTests {
    static let directory = ModelFixtures.tiny.appendingPathComponent("text_encoder")

    func inputIds(_ reference: SafeTensorsFile) throws -> [[Int]] {
        let (shape, values) = try reference.integers(named: "input_ids")
        return (0..<shape[0]).map { Array(values[($0 * shape[1])..<(($0 + 1) * shape[1])]) }
    }

    @Test func configDecodesTinyFolder() throws {
        let config = try CLIPTextConfig(directory: Self.directory)
        #expect(config.vocabSize == 1000)
        #expect(config.hiddenSize == 32)
        #expect(config.numHiddenLayers == 2)
        #expect(config.numAttentionHeads == 4)
        #expect(config.intermediateSize == 37)
        #expect(config.hiddenAct == "gelu")
        #expect(config.layerNormEps == 1e-5)
        #expect(config.maxPositionEmbeddings == 77)
    }

    @Test func configRoundTripsAndIgnoresUnknownKeys() throws {
        let json = #"{"hidden_size": 64, "num_attention_heads": 2, "hidden_act": "quick_gelu", "_name_or_path": "x", "architectures": ["CLIPTextModel"], "torch_dtype": "float16"}"#
        let config = try JSONDecoder().decode(CLIPTextConfig.self, from: Data(json.utf8))
        #expect(config.hiddenSize == 64)
        #expect(config.vocabSize == 49408)
        try config.validate()
        let again = try JSONDecoder().decode(CLIPTextConfig.self, from: try JSONEncoder().encode(config))
        #expect(again == config)
        let encoded = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        #expect(encoded.contains("\"hidden_act\""))
        #expect(encoded.contains("\"num_hidden_layers\""))
    }

    @Test func lastHiddenStateMatchesTransformersFP32() throws {
        let reference = try ModelFixtures.reference("text_encoder")
        let model = try CLIPTextModel(directory: Self.directory)
        let output = try model.forward(inputIds: try inputIds(reference), outputHiddenStates: true)
        for i in 0..<output.hiddenStates.count {
            ModelFixtures.expectWithinScale(output.hiddenStates[i], try reference.tensor(named: "hidden_states_\(i)"), "hidden_states_\(i)")
        }
        let expected = try reference.tensor(named: "last_hidden_state")
        ModelFixtures.expectWithinScale(output.lastHiddenState, expected, "last_hidden_state fp32")
        print("CLIPTextModel fp32: \(ModelFixtures.relativeError(output.lastHiddenState, expected).text)")
    }

    @Test func lastHiddenStateMatchesTransformersFP16Weights() throws {
        let reference = try ModelFixtures.reference("text_encoder_fp16")
        let model = try CLIPTextModel(directory: Self.directory, variant: "fp16")
        let output = try model(inputIds: try inputIds(reference))
        let expected = try reference.tensor(named: "last_hidden_state")
        ModelFixtures.expectWithinScale(output, expected, "last_hidden_state fp16 weights")
        print("CLIPTextModel fp16 weights: \(ModelFixtures.relativeError(output, expected).text)")
    }

    @Test func shorterInputUsesLeadingPositions() throws {
        // Causal attention: the first k outputs do not depend on later tokens.
        let reference = try ModelFixtures.reference("text_encoder")
        let ids = try inputIds(reference)
        let model = try CLIPTextModel(directory: Self.directory)
        let full = try model(inputIds: [ids[0]])
        let short = try model(inputIds: [Array(ids[0].prefix(10))])
        ModelFixtures.expectWithinScale(short, try full.narrowed(dim: 1, start: 0, length: 10), tolerance: 1e-5, "prefix")
    }

    @Test func rejectsBadInputIds() throws {
        let model = try CLIPTextModel(directory: Self.directory)
        #expect(ModelFixtures.thrownText { _ = try model(inputIds: [[1, 2], [3]]) } != nil)
        #expect(ModelFixtures.thrownText { _ = try model(inputIds: [Array(repeating: 1, count: 78)]) } != nil)
        #expect(ModelFixtures.thrownText { _ = try model(inputIds: [[1000]]) } != nil)
        #expect(ModelFixtures.thrownText { _ = try model(inputIds: []) } != nil)
    }

    @Test func missingTensorIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "text_encoder")
        defer { ModelFixtures.remove(dir) }
        let name = "text_model.encoder.layers.1.mlp.fc2.bias"
        try ModelFixtures.rewriteWeights(dir, file: "model.safetensors", drop: name)
        let text = ModelFixtures.thrownText { _ = try CLIPTextModel(directory: dir) }
        #expect(text?.contains(name) == true, "\(text ?? "no error")")
    }

    @Test func misShapedTensorIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "text_encoder")
        defer { ModelFixtures.remove(dir) }
        let name = "text_model.encoder.layers.0.self_attn.k_proj.weight"
        try ModelFixtures.rewriteWeights(dir, file: "model.safetensors", replace: [name: try Tensor(zeros: [32, 31])])
        let text = ModelFixtures.thrownText { _ = try CLIPTextModel(directory: dir) }
        #expect(text?.contains(name) == true && text?.contains("[32, 31]") == true, "\(text ?? "no error")")
    }

    @Test func missingWeightsFileIsNamed() throws {
        let text = ModelFixtures.thrownText { _ = try CLIPTextModel(directory: Self.directory, variant: "bf16") }
        #expect(text?.contains("model.bf16.safetensors") == true, "\(text ?? "no error")")
    }

    @Test func unsupportedActivationIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "text_encoder")
        defer { ModelFixtures.remove(dir) }
        try ModelFixtures.editConfig(dir) { $0["hidden_act"] = "relu" }
        let text = ModelFixtures.thrownText { _ = try CLIPTextModel(directory: dir) }
        #expect(text?.contains("hidden_act") == true && text?.contains("relu") == true, "\(text ?? "no error")")
    }

    @Test func quickGELUConfigLoads() throws {
        let dir = try ModelFixtures.copy(component: "text_encoder")
        defer { ModelFixtures.remove(dir) }
        try ModelFixtures.editConfig(dir) { $0["hidden_act"] = "quick_gelu" }
        let model = try CLIPTextModel(directory: dir)
        let out = try model(inputIds: [[998, 5, 999]])
        #expect(out.shape == [1, 3, 32])
        let finite = out.scalars.allSatisfy { $0.isFinite }
        #expect(finite)
    }

    @Test func wronglyTypedConfigValueIsNamed() throws {
        let dir = try ModelFixtures.copy(component: "text_encoder")
        defer { ModelFixtures.remove(dir) }
        try ModelFixtures.editConfig(dir) { $0["hidden_size"] = "big" }
        let text = ModelFixtures.thrownText { _ = try CLIPTextModel(directory: dir) }
        #expect(text?.contains("hidden_size") == true, "\(text ?? "no error")")
    }

    @Test func weightsWithoutTextModelPrefixLoad() throws {
        // transformers 5.x saves CLIPTextModel without the `text_model.` prefix.
        let source = try SafeTensorsFile(path: Self.directory.appendingPathComponent("model.safetensors").path)
        let tensors = try source.tensorNames.map { name in
            (name: name.hasPrefix("text_model.") ? String(name.dropFirst("text_model.".count)) : name,
             tensor: try source.tensor(named: name))
        }
        let stripped = try SafeTensorsFile(bytes: try SafeTensorsWriter.serialize(tensors))
        let model = try CLIPTextModel(config: try CLIPTextConfig(directory: Self.directory),
                                      weights: WeightStore(files: [stripped]))
        let reference = try ModelFixtures.reference("text_encoder")
        ModelFixtures.expectWithinScale(try model(inputIds: try inputIds(reference)),
                                        try reference.tensor(named: "last_hidden_state"), "no prefix")
    }
}
