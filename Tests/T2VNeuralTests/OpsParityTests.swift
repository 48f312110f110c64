// Parity with PyTorch: op-level fixtures written by tools/fixtures/make_fixtures.py (see
// Fixtures/MANIFEST.json for the versions), read with SafeTensorsFile. Each output must agree
// within 1e-4 of its scale: max |ours − torch| / max |torch| ≤ 1e-4.

import Testing
import T2VNeural
#if canImport(Glibc)
import Glibc
#endif

let opsFixtureDirectory = SharedFixtures.root.appendingPathComponent("ops").path + "/"

/// Opens `Fixtures/ops/<name>.safetensors`.
func opsFixture(_ name: String) throws -> SafeTensorsFile {
    try SafeTensorsFile(path: opsFixtureDirectory + name + ".safetensors")
}

/// max |a − b| / max |b| ≤ `tolerance`, recording the worst element on failure.
func expectParity(
    _ ours: Tensor, _ reference: Tensor, tolerance: Float = 1e-4, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let parity = Parity(ours, reference) else {
        Issue.record("\(label): shape \(ours.shape), PyTorch \(reference.shape)", sourceLocation: sourceLocation)
        return
    }
    let relative = parity.difference / max(parity.scale, .leastNormalMagnitude)
    if getenv("T2V_PARITY_VERBOSE") != nil { print("parity \(label): max|diff|/scale = \(relative)") }
    if !(relative <= tolerance) {
        Issue.record("\(label): \(parity) (PyTorch is the expected side) > \(tolerance)", sourceLocation: sourceLocation)
    }
}

@Suite struct OpsParityTests {
    @Test(arguments: [
        ("conv2d_3x3_pad1", 1, Padding2D(1)), ("conv2d_1x1", 1, Padding2D(0)),
        ("conv2d_3x3_stride2_pad1", 2, Padding2D(1)),
        ("conv2d_3x3_stride2_pad0101", 2, Padding2D(top: 0, bottom: 1, left: 0, right: 1)),
    ])
    func conv2d(name: String, stride: Int, padding: Padding2D) throws {
        let f = try opsFixture(name)
        let out = try f.tensor(named: "input").conv2d(
            weight: try f.tensor(named: "weight"), bias: try f.tensor(named: "bias"), stride: stride, padding: padding)
        expectParity(out, try f.tensor(named: "output"), name)
    }

    @Test func conv3dTemporal() throws {
        let f = try opsFixture("conv3d_temporal_3x1x1")
        let out = try f.tensor(named: "input").conv3d(
            weight: try f.tensor(named: "weight"), bias: try f.tensor(named: "bias"), padding: (1, 0, 0))
        expectParity(out, try f.tensor(named: "output"), "conv3d_temporal_3x1x1")
    }

    @Test(arguments: [("group_norm_g8_eps1e-5", 8, Float(1e-5)), ("group_norm_g8_eps1e-6", 8, 1e-6),
                      ("group_norm_g32_eps1e-6", 32, 1e-6), ("group_norm_5d_g8", 8, 1e-5)])
    func groupNorm(name: String, groups: Int, eps: Float) throws {
        let f = try opsFixture(name)
        let out = try f.tensor(named: "input").groupNorm(
            groups: groups, weight: try f.tensor(named: "weight"), bias: try f.tensor(named: "bias"), eps: eps)
        expectParity(out, try f.tensor(named: "output"), name)
    }

    @Test func layerNorm() throws {
        let f = try opsFixture("layer_norm")
        let out = try f.tensor(named: "input").layerNorm(weight: try f.tensor(named: "weight"), bias: try f.tensor(named: "bias"), eps: 1e-5)
        expectParity(out, try f.tensor(named: "output"), "layer_norm")
    }

    @Test func linearAndGEGLU() throws {
        let l = try opsFixture("linear")
        expectParity(try l.tensor(named: "input").linear(weight: try l.tensor(named: "weight"), bias: try l.tensor(named: "bias")),
                     try l.tensor(named: "output"), "linear")
        let g = try opsFixture("geglu")
        let projected = try g.tensor(named: "input").linear(weight: try g.tensor(named: "weight"), bias: try g.tensor(named: "bias"))
        expectParity(try projected.geglu(), try g.tensor(named: "output"), "geglu")
    }

    @Test func activationsAndSoftmax() throws {
        let cases: [(String, (Tensor) throws -> Tensor)] = [
            ("gelu", { $0.gelu() }), ("gelu_tanh", { $0.geluTanh() }), ("quick_gelu", { $0.quickGELU() }),
            ("silu", { $0.silu() }), ("softmax", { $0.softmax() }), ("upsample_nearest2x", { try $0.upsampleNearest2x() }),
        ]
        for (name, op) in cases {
            let f = try opsFixture(name)
            expectParity(try op(try f.tensor(named: "input")), try f.tensor(named: "output"), name)
        }
    }

    @Test(arguments: [("sdpa_self", false), ("sdpa_cross", false), ("sdpa_causal", true)])
    func attention(name: String, causal: Bool) throws {
        let f = try opsFixture(name)
        let q = try f.tensor(named: "query"), k = try f.tensor(named: "key"), v = try f.tensor(named: "value")
        let expected = try f.tensor(named: "output")
        expectParity(try Tensor.scaledDotProductAttention(query: q, key: k, value: v, isCausal: causal), expected, name)
        // Small query blocks give the same answer.
        expectParity(try Tensor.scaledDotProductAttention(query: q, key: k, value: v, isCausal: causal, queryBlockSize: 7),
                     expected, name + " blocks of 7")
    }

    @Test func timestepEmbedding() throws {
        let f = try opsFixture("timestep_embedding")
        let timesteps = try f.integers(named: "timesteps").values.map { Float($0) }
        for dim in [32, 320] {
            let out = try Tensor.timestepEmbedding(timesteps: timesteps, dim: dim, flipSinToCos: true, downscaleFreqShift: 0)
            expectParity(out, try f.tensor(named: "output_dim\(dim)"), "timestep_embedding dim \(dim)")
        }
        let plain = try Tensor.timestepEmbedding(timesteps: timesteps, dim: 32, flipSinToCos: false, downscaleFreqShift: 1)
        expectParity(plain, try f.tensor(named: "output_dim32_noflip_shift1"), "timestep_embedding noflip shift1")
    }
}
