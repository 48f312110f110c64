// The oneDNN backend against the float32 OpenBLAS kernels, operation by operation and through the
// tiny UNet3D: in float32 on any CPU (its layouts, weight cache, views and fused residual), in bf16
// where the CPU has bf16 instructions (within the stated tolerances, the same bytes run to run).

import Foundation
@testable import T2VNeural
import Testing

/// Deterministic pseudo-random tensors (a 64-bit LCG, values in [-1, 1)).
struct TestTensors {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(Int64(bitPattern: state >> 11) % (1 << 24)) / Float(1 << 23) - 1
    }

    mutating func tensor(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in next() })
    }
}

/// The cases every precision checks: one per operation and variant the models use.
enum OneDNNCases {
    typealias Case = (name: String, run: (any ComputeBackend) throws -> Tensor)

    static func all() throws -> [Case] {
        var r = TestTensors(seed: 7)
        let a = try r.tensor([2, 3, 5, 24]), b = try r.tensor([24, 17]), bt = try r.tensor([17, 24])
        let batchedB = try r.tensor([2, 3, 24, 9]), at = try r.tensor([2, 24, 5])
        let x = try r.tensor([3, 7, 40]), w = try r.tensor([33, 40]), bias = try r.tensor([33])
        let image = try r.tensor([2, 8, 11, 9]), k3 = try r.tensor([12, 8, 3, 3]), k1 = try r.tensor([12, 8, 1, 1])
        let cb = try r.tensor([12]), residual = try r.tensor([2, 12, 11, 9]), up = try r.tensor([2, 12, 22, 18])
        let gw = try r.tensor([8]), gb = try r.tensor([8])
        let video = try r.tensor([2, 8, 5, 6, 7]), k333 = try r.tensor([4, 8, 3, 3, 3]), b4 = try r.tensor([4])
        let frames = try r.tensor([2 * 5, 8, 6, 7]), kt = try r.tensor([12, 8, 3, 1, 1])
        let q = try r.tensor([2, 3, 37, 16]), k = try r.tensor([2, 3, 29, 16]), v = try r.tensor([2, 3, 29, 10])
        let tq = try r.tensor([300, 8, 16]), tk = try r.tensor([300, 8, 16]), tv = try r.tensor([300, 8, 16])
        return [
            ("matmul shared", { try $0.matmul(a, b, transposeA: false, transposeB: false) }),
            ("matmul shared, b transposed", { try $0.matmul(a, bt, transposeA: false, transposeB: true) }),
            ("matmul batched", { try $0.matmul(a, batchedB, transposeA: false, transposeB: false) }),
            ("matmul a transposed", { try $0.matmul(at, b, transposeA: true, transposeB: false) }),
            ("linear with bias", { try $0.linear(x, weight: w, bias: bias) }),
            ("linear without bias", { try $0.linear(x, weight: w, bias: nil) }),
            ("conv2d 3x3", { try $0.conv2d(image, weight: k3, bias: cb, stride: 1, padding: Padding2D(1)) }),
            ("conv2d 3x3 stride 2, asymmetric padding", {
                try $0.conv2d(image, weight: k3, bias: cb, stride: 2, padding: Padding2D(top: 0, bottom: 1, left: 0, right: 1))
            }),
            ("conv2d 1x1 without bias", { try $0.conv2d(image, weight: k1, bias: nil, stride: 1, padding: Padding2D(0)) }),
            ("conv2d residual", {
                try $0.conv2dFused(image, weight: k3, bias: cb, padding: Padding2D(1), upsample2x: false, residual: residual, normSiLU: nil)
            }),
            ("conv2d norm+silu, upsampled, residual", {
                try $0.conv2dFused(image, weight: k3, bias: cb, padding: Padding2D(1), upsample2x: true, residual: up,
                                   normSiLU: (groups: 4, weight: gw, bias: gb, eps: 1e-6))
            }),
            ("conv3d 3x3x3", { try $0.conv3d(video, weight: k333, bias: b4, stride: 1, padding: (1, 1, 1)) }),
            ("temporal conv", { try $0.temporalConv(frames, frames: 5, weight: kt, bias: cb) }),
            ("attention", { try $0.attention(query: q, key: k, value: v, scale: nil, isCausal: false, queryBlockSize: nil) }),
            ("attention causal, query blocks of 8", {
                try $0.attention(query: q, key: k, value: v, scale: 0.3, isCausal: true, queryBlockSize: 8)
            }),
            ("attention, many small heads", { try $0.attention(query: tq, key: tk, value: tv, scale: nil, isCausal: false, queryBlockSize: nil) }),
        ]
    }
}

@Suite("oneDNN backend", .serialized)
struct OneDNNBackendTests {
    static let bf16 = ComputePrecision.bf16Unavailable == nil

    @Test("float32 on oneDNN equals the OpenBLAS kernels within 2e-5 of the output's scale, operation by operation")
    func float32Operations() throws {
        let backend = try OneDNNBackend(.f32)
        for c in try OneDNNCases.all() {
            let expected = try c.run(OpenBLASBackend())
            let actual = try c.run(backend)
            let parity = try #require(Parity(actual, expected), "\(c.name): shape \(actual.shape) vs \(expected.shape)")
            #expect(parity.relative <= 2e-5, "\(c.name): \(parity)")
        }
        #expect(backend.fallbacks.isEmpty, "\(backend.fallbacks)")
    }

    @Test("bf16 is within 2e-2 of float32 per operation and gives the same bytes twice",
          .enabled(if: bf16, "this CPU has no bf16 instructions: \(ComputePrecision.bf16Unavailable ?? "")"))
    func bf16Operations() throws {
        let backend = try OneDNNBackend.bf16()
        for c in try OneDNNCases.all() {
            let expected = try c.run(OpenBLASBackend())
            let actual = try c.run(backend)
            let parity = try #require(Parity(actual, expected), "\(c.name)")
            #expect(parity.relative <= 2e-2 && parity.relative > 0, "\(c.name): \(parity)")
            #expect(try c.run(backend).scalars == actual.scalars, "\(c.name): bytes differ run to run")
        }
        #expect(backend.fallbacks.isEmpty, "\(backend.fallbacks)")
    }

    @Test("bf16's numerics (float32 kernels on bf16-rounded operands) stay within the bf16 tolerances, per operation and through the UNet")
    func bf16Numerics() throws {
        let backend = try OneDNNBackend(.bf16Rounded)
        for c in try OneDNNCases.all() {
            let expected = try c.run(OpenBLASBackend())
            let parity = try #require(Parity(try c.run(backend), expected), "\(c.name)")
            #expect(parity.relative <= 2e-2 && parity.relative > 0, "\(c.name): \(parity)")
        }
        try unet(backend: backend, tolerance: 3e-2)
    }

    @Test("the tiny pipeline's frames under bf16's numerics stay as close to fp32 as PyTorch's bf16 autocast does (within 2x)")
    func bf16PipelineQuality() throws {
        let url = SharedFixtures.root.appendingPathComponent("reference/torch_bf16_tiny.json")
        let torch = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let torchMax = try #require(torch["max_abs"] as? Double), torchMean = try #require(torch["mean_abs"] as? Double)
        let pipe = try TextToVideoPipeline(directory: PipelineFixtures.tiny)
        func bytes() throws -> [Float] {
            try pipe.generate(prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 3,
                              guidanceScale: 9, seed: 42).frames.scalars.map { ($0 * 255).rounded() }
        }
        let fp32 = try bytes()
        let bf16 = try Compute.using(try OneDNNBackend(.bf16Rounded)) { try bytes() }
        let differences = zip(fp32, bf16).map { abs($0 - $1) }
        let worst = differences.max() ?? 0, mean = differences.reduce(0, +) / Float(differences.count)
        print("tiny pipeline, bf16 numerics vs fp32: max \(worst)/255, mean \(mean)/255 (PyTorch bf16: \(torchMax), \(torchMean))")
        #expect(mean > 0 && Double(mean) <= 2 * max(torchMean, 0.5))
        #expect(Double(worst) <= 2 * max(torchMax, 4))
    }

    @Test("the shape checks and errors are the OpenBLAS kernels'")
    func errors() throws {
        let backend = try OneDNNBackend(.f32)
        var r = TestTensors(seed: 3)
        let x = try r.tensor([2, 3, 8, 8]), w = try r.tensor([4, 5, 3, 3])
        for op in [backend as any ComputeBackend, OpenBLASBackend()] {
            #expect(throws: NeuralError.shapeMismatch(op: "conv2d", "weight [4, 5, 3, 3] for input [2, 3, 8, 8] (expected [O, 3, kh, kw])")) {
                try op.conv2d(x, weight: w, bias: nil, stride: 1, padding: Padding2D(1))
            }
            #expect(throws: NeuralError.shapeMismatch(op: "linear", "input [2, 3] with weight [4, 5] (expected [out, 3])")) {
                try op.linear(r.tensor([2, 3]), weight: r.tensor([4, 5]), bias: nil)
            }
        }
        // Empty operands take the float32 kernels' path and give their (empty or zero) results.
        let empty = try backend.linear(Tensor(zeros: [0, 4]), weight: r.tensor([3, 4]), bias: nil)
        #expect(empty.shape == [0, 3])
    }

    @Test("converted weights are cached by storage and dropped with their model")
    func weightCache() throws {
        let backend = try OneDNNBackend(.f32)
        var r = TestTensors(seed: 5)
        let x = try r.tensor([4, 16])
        do {
            let weight = try r.tensor([8, 16])
            let first = try backend.linear(x, weight: weight, bias: nil)
            let second = try backend.linear(x, weight: weight, bias: nil)
            #expect(first.scalars == second.scalars)
            #expect(backend.cacheCounts.weights == 1)
            // Another weight of the same shape is another entry, not a stale hit.
            let other = try r.tensor([8, 16])
            let third = try backend.linear(x, weight: other, bias: nil)
            let parity = try #require(Parity(third, try OpenBLASBackend().linear(x, weight: other, bias: nil)))
            #expect(parity.relative <= 2e-5, "\(parity)")
            #expect(backend.cacheCounts.weights == 2)
        }
        #expect(backend.cacheCounts.weights == 0, "entries of freed weights must not count as live")
    }

    @Test("the tiny UNet3D through oneDNN (float32) equals the OpenBLAS forward within 1e-4")
    func unetFloat32() throws {
        try unet(backend: OneDNNBackend(.f32), tolerance: 1e-4)
    }

    @Test("the tiny UNet3D in bf16 is within 3e-2 of float32 and repeats its bytes",
          .enabled(if: bf16, "this CPU has no bf16 instructions: \(ComputePrecision.bf16Unavailable ?? "")"))
    func unetBF16() throws {
        let repeated = try unet(backend: OneDNNBackend.bf16(), tolerance: 3e-2)
        #expect(repeated)
    }

    /// Runs the fixture UNet under `backend` twice and against float32; returns whether the two runs were bit-equal.
    @discardableResult
    private func unet(backend: any ComputeBackend, tolerance: Float) throws -> Bool {
        let model = try UNet3DConditionModel(directory: UNet3DFixtures.unet)
        let ref = try UNet3DFixtures.reference()
        let sample = try ref.tensor(named: "sample")
        let text = try ref.tensor(named: "encoder_hidden_states")
        let expected = try model(sample: sample, timestep: 500, encoderHiddenStates: text)
        let actual = try Compute.using(backend) { try model(sample: sample, timestep: 500, encoderHiddenStates: text) }
        let again = try Compute.using(backend) { try model(sample: sample, timestep: 500, encoderHiddenStates: text) }
        let parity = try #require(Parity(actual, expected))
        #expect(parity.relative <= tolerance, "\(parity)")
        print("UNet3D through \((backend as? OneDNNBackend)?.dataType.rawValue ?? "?"): \(parity)")
        #expect(Compute.backend is OpenBLASBackend, "the backend must be scoped to the computation")
        return actual.scalars == again.scalars
    }

    @Test("a session in bf16 says why it cannot run where the CPU has no bf16 instructions",
          .enabled(if: !bf16, "this CPU runs bf16"))
    func bf16Unavailable() throws {
        let why = try #require(ComputePrecision.bf16Unavailable)
        #expect(why.contains("bf16"), "\(why)")
        #expect(throws: NeuralError.unsupported(why)) {
            try ComputeSession.run(threads: 1, precision: .bf16, keepWaiting: { true }) { 0 }
        }
    }
}
