// Parity of UNet3DConditionModel with diffusers' (Fixtures/reference/unet.safetensors, made by
// tools/fixtures/make_fixtures.py from Fixtures/models/tiny-t2v/unet), its config and loading errors.

import Foundation
@testable import T2VNeural
import Testing

enum UNet3DFixtures {
    static let root = SharedFixtures.root
    static let unet = root.appendingPathComponent("models/tiny-t2v/unet")
    static func reference() throws -> SafeTensorsFile {
        try SafeTensorsFile(path: root.appendingPathComponent("reference/unet.safetensors").path)
    }

    /// max |a − b| / max |b| and the worst element, as text.
    static func relativeError(_ actual: Tensor, _ expected: Tensor) -> (error: Float, text: String) {
        guard let parity = Parity(actual, expected) else {
            return (.infinity, "shape \(actual.shape) vs expected \(expected.shape)")
        }
        return (parity.relative, actual.count == 0 ? "empty" : "\(parity)")
    }

    /// A copy of the tiny `unet/` folder in a fresh temporary directory, for breaking it.
    static func copy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2v-unet3d-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("unet")
        try FileManager.default.copyItem(at: unet, to: target)
        return target
    }

    static func remove(_ dir: URL) { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }

    static func editConfig(_ dir: URL, _ edit: (inout [String: Any]) -> Void) throws {
        let url = dir.appendingPathComponent("config.json")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    static func rewriteWeights(_ dir: URL, drop: String? = nil, replace: [String: Tensor] = [:]) throws {
        let path = dir.appendingPathComponent("diffusion_pytorch_model.safetensors").path
        let source = try SafeTensorsFile(path: path)
        var tensors = [(name: String, tensor: Tensor)]()
        for name in source.tensorNames where name != drop {
            tensors.append((name, try replace[name] ?? source.tensor(named: name)))
        }
        let bytes = try SafeTensorsWriter.serialize(tensors)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func loadError(_ dir: URL) -> String? {
        do {
            _ = try UNet3DConditionModel(directory: dir)
            return nil
        } catch {
            return "\(error)"
        }
    }
}

@Suite("UNet3D")
struct UNet3DTests {
    @Test("UNet3D forward matches diffusers within 1e-4 of the output's scale, layer by layer")
    func forwardParity() throws {
        let model = try UNet3DConditionModel(directory: UNet3DFixtures.unet)
        #expect(model.unusedWeightNames.isEmpty, "unused weights: \(model.unusedWeightNames)")
        let ref = try UNet3DFixtures.reference()
        let timestep = try ref.integers(named: "timestep").values
        #expect(timestep == [500])
        var observed = [(String, Tensor)]()
        let start = Date()
        let output = try model.forward(
            sample: ref.tensor(named: "sample"), timestep: Float(timestep[0]),
            encoderHiddenStates: ref.tensor(named: "encoder_hidden_states")) { observed.append(($0, $1)) }
        let seconds = Date().timeIntervalSince(start)
        // Layer by layer, in order, so the first failing module is the one to look at.
        for (name, tensor) in observed {
            let key = "intermediate.\(name)"
            guard ref.contains(key) else { continue }
            let (error, text) = UNet3DFixtures.relativeError(tensor, try ref.tensor(named: key))
            print("UNet3D \(name): \(text)")
            #expect(error <= 1e-4, "\(name): \(text)")
        }
        #expect(observed.count == 11)
        let (error, text) = UNet3DFixtures.relativeError(output, try ref.tensor(named: "output"))
        print("UNet3D output: \(text); forward \(String(format: "%.3f", seconds)) s")
        #expect(error <= 1e-4, "output: \(text)")
    }

    @Test("UNet3D callAsFunction equals forward and is deterministic")
    func deterministic() throws {
        let model = try UNet3DConditionModel(path: UNet3DFixtures.unet.path)
        let ref = try UNet3DFixtures.reference()
        let sample = try ref.tensor(named: "sample")
        let text = try ref.tensor(named: "encoder_hidden_states")
        let a = try model(sample: sample, timestep: 500, encoderHiddenStates: text)
        let b = try model.forward(sample: sample, timestep: 500, encoderHiddenStates: text)
        #expect(a.scalars == b.scalars)
    }

    @Test("UNet3D config decodes the fixture and diffusers' defaults")
    func config() throws {
        let config = try UNet3DConfig.load(contentsOf: UNet3DFixtures.unet.appendingPathComponent("config.json"))
        #expect(config.blockOutChannels == [16, 32])
        #expect(config.attentionHeadDim == [8])
        #expect(config.downBlockTypes == ["CrossAttnDownBlock3D", "DownBlock3D"])
        #expect(config.normNumGroups == 8)
        #expect(config.timeEmbedDim == 64)
        try config.validate()
        let defaults = try JSONDecoder().decode(UNet3DConfig.self, from: Data("{}".utf8))
        #expect(defaults == UNet3DConfig())
        #expect(defaults.blockOutChannels == [320, 640, 1280, 1280] && defaults.crossAttentionDim == 1024)
        let roundTrip = try JSONDecoder().decode(UNet3DConfig.self, from: JSONEncoder().encode(config))
        #expect(roundTrip == config)
    }

    @Test("UNet3D loading errors name the block type, key, tensor and shape")
    func loadingErrors() throws {
        let dir = try UNet3DFixtures.copy()
        defer { UNet3DFixtures.remove(dir) }

        try UNet3DFixtures.editConfig(dir) { $0["down_block_types"] = ["CrossAttnDownBlock3D", "DownBlockMotion"] }
        let blockType = UNet3DFixtures.loadError(dir) ?? "no error"
        #expect(blockType.contains("DownBlockMotion"), "\(blockType)")

        try UNet3DFixtures.editConfig(dir) {
            $0["down_block_types"] = ["CrossAttnDownBlock3D", "DownBlock3D"]
            $0["act_fn"] = "gelu"
        }
        let act = UNet3DFixtures.loadError(dir) ?? "no error"
        #expect(act.contains("act_fn") && act.contains("gelu"), "\(act)")

        try UNet3DFixtures.editConfig(dir) {
            $0["act_fn"] = "silu"
            $0["use_linear_projection"] = false
        }
        let linear = UNet3DFixtures.loadError(dir) ?? "no error"
        #expect(linear.contains("use_linear_projection"), "\(linear)")

        try UNet3DFixtures.editConfig(dir) {
            $0.removeValue(forKey: "use_linear_projection")
            $0["_class_name"] = "UNet2DConditionModel"
        }
        let className = UNet3DFixtures.loadError(dir) ?? "no error"
        #expect(className.contains("UNet2DConditionModel"), "\(className)")

        // A config that disagrees with the weights: the tensor and both shapes are named.
        try UNet3DFixtures.editConfig(dir) {
            $0["_class_name"] = "UNet3DConditionModel"
            $0["cross_attention_dim"] = 48
        }
        let shape = UNet3DFixtures.loadError(dir) ?? "no error"
        #expect(shape.contains("down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight") && shape.contains("[16, 32]")
                && shape.contains("[16, 48]"), "\(shape)")
        try UNet3DFixtures.editConfig(dir) { $0["cross_attention_dim"] = 32 }
        #expect(UNet3DFixtures.loadError(dir) == nil)

        // The temporal-conv index trap: conv1's conv is at index 2, conv2's at 3.
        let missing = "mid_block.temp_convs.1.conv1.2.weight"
        try UNet3DFixtures.rewriteWeights(dir, drop: missing)
        let dropped = UNet3DFixtures.loadError(dir) ?? "no error"
        #expect(dropped.contains(missing), "\(dropped)")

        // No weights at all; only .bin weights.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("diffusion_pytorch_model.safetensors"))
        let none = UNet3DFixtures.loadError(dir) ?? "no error"
        #expect(none.contains("diffusion_pytorch_model"), "\(none)")
        try Data([0]).write(to: dir.appendingPathComponent("diffusion_pytorch_model.bin"))
        let bin = UNet3DFixtures.loadError(dir) ?? "no error"
        #expect(bin.contains(".bin") && bin.contains("safetensors"), "\(bin)")
    }

    @Test("UNet3D feed-forward in row chunks equals the whole")
    func feedForwardChunks() throws {
        var rng = TestRNG(seed: 3)
        let weights = WeightStore(source: "random") { _, shape in try rng.tensor(shape, scale: 0.3) }
        let ff = try FeedForward(weights, "ff", dim: 8)
        let x = try rng.tensor([3, 13, 8])
        let whole = try ff(x)
        let chunked = try ff(x, chunkRows: 7)
        #expect(chunked.shape == [3, 13, 8])
        // Equal up to float rounding, not bit for bit: OpenBLAS may use another kernel for a
        // remainder of rows (seen with 0.3.21 on AMD EPYC, where 7-row calls round differently).
        #expect(ModelFixtures.relativeError(chunked, whole).error <= 1e-6)
    }

    @Test("UNet3D forward rejects inputs of the wrong shape")
    func inputErrors() throws {
        let model = try UNet3DConditionModel(directory: UNet3DFixtures.unet)
        let text = try Tensor(zeros: [1, 77, 32])
        #expect(throws: NeuralError.self) { try model(sample: Tensor(zeros: [1, 3, 2, 8, 8]), timestep: 1, encoderHiddenStates: text) }
        #expect(throws: NeuralError.self) { try model(sample: Tensor(zeros: [1, 4, 8, 8]), timestep: 1, encoderHiddenStates: text) }
        #expect(throws: NeuralError.self) {
            try model(sample: Tensor(zeros: [1, 4, 2, 8, 8]), timestep: 1, encoderHiddenStates: Tensor(zeros: [1, 77, 16]))
        }
        // Odd sizes take diffusers' forwarded upsample size and keep the input's size.
        let odd = try model(sample: Tensor(shape: [1, 4, 2, 7, 5], repeating: 0.5), timestep: 10, encoderHiddenStates: text)
        #expect(odd.shape == [1, 4, 2, 7, 5])
    }
}

/// A timing probe on random weights, off unless `T2V_UNET3D_BENCH` is set, e.g.
/// `T2V_UNET3D_BENCH=320,640,1280,1280:16:32 swift test -c release --filter UNet3DBench`
/// (block_out_channels : frames : latent size; batch 2, text (2, 77, 1024), 64-wide heads).
@Suite("UNet3DBench")
struct UNet3DBench {
    @Test("UNet3D forward time on random weights", .enabled(if: ProcessInfo.processInfo.environment["T2V_UNET3D_BENCH"] != nil))
    func forwardTime() throws {
        let spec = (ProcessInfo.processInfo.environment["T2V_UNET3D_BENCH"] ?? "").split(separator: ":").map(String.init)
        let channels = (spec.first ?? "320,640").split(separator: ",").compactMap { Int($0) }
        let frames = spec.count > 1 ? Int(spec[1]) ?? 16 : 16
        let size = spec.count > 2 ? Int(spec[2]) ?? 32 : 32
        var config = UNet3DConfig()
        config.blockOutChannels = channels
        config.downBlockTypes = Array(repeating: "CrossAttnDownBlock3D", count: channels.count - 1) + ["DownBlock3D"]
        config.upBlockTypes = ["UpBlock3D"] + Array(repeating: "CrossAttnUpBlock3D", count: channels.count - 1)
        var parameters = 0
        let weights = WeightStore(source: "random") { name, shape in
            let n = shape.reduce(1, *)
            parameters += n
            var state = UInt32(truncatingIfNeeded: name.hashValue) | 1
            let isNormWeight = name.hasSuffix(".weight") && shape.count == 1
            return try Tensor(shape: shape) { p in
                for i in 0..<n {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    let u = Float(state >> 8) / Float(1 << 24) - 0.5
                    p[i] = isNormWeight ? 1 + 0.1 * u : 0.04 * u
                }
            }
        }
        let model = try UNet3DConditionModel(config: config, weights: weights)
        var rng = TestRNG(seed: 7)
        let sample = try rng.tensor([2, 4, frames, size, size])
        let text = try rng.tensor([2, 77, config.crossAttentionDim])
        let start = Date()
        let out = try model(sample: sample, timestep: 500, encoderHiddenStates: text)
        let seconds = Date().timeIntervalSince(start)
        print("UNet3DBench \(channels) frames \(frames) latent \(size)x\(size): \(parameters / 1_000_000) M parameters, forward \(String(format: "%.2f", seconds)) s, out \(out.shape)")
        #expect(out.shape == sample.shape)
    }
}
