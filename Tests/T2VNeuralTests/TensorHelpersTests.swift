// Helpers (no tests) shared by the tensor, ops and safetensors tests: seeded data, float comparison.

import T2VNeural
import Testing

/// A small deterministic generator (SplitMix64) for test data.
struct TestRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    mutating func uniform() -> Float { Float(next() >> 40) / Float(1 << 23) - 1 }
    mutating func floats(_ n: Int, scale: Float = 1) -> [Float] { (0..<n).map { _ in uniform() * scale } }
    mutating func tensor(_ shape: [Int], scale: Float = 1) throws -> Tensor {
        try Tensor(shape: shape, scalars: floats(shape.reduce(1, *), scale: scale))
    }
}

/// Compares element by element: passes when max |a − e| ≤ `atol` + `rtol`·max |e|; on failure records
/// the worst element with its index.
func expectClose(
    _ actual: [Float], _ expected: [Float], atol: Float = 1e-5, rtol: Float = 1e-5, _ label: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let parity = Parity(actual, expected) else {
        Issue.record("\(label): \(actual.count) elements, expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    let limit = atol + rtol * parity.scale
    if !(parity.difference <= limit) {
        Issue.record("\(label): \(parity) (limit \(limit))", sourceLocation: sourceLocation)
    }
}

func expectClose(
    _ actual: Tensor, _ expected: Tensor, atol: Float = 1e-5, rtol: Float = 1e-5, _ label: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.shape == expected.shape, "\(label): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    expectClose(actual.scalars, expected.scalars, atol: atol, rtol: rtol, label, sourceLocation: sourceLocation)
}

/// The NeuralError a closure throws, or nil.
func neuralError(_ body: () throws -> Void) -> NeuralError? {
    do {
        try body()
        return nil
    } catch let e as NeuralError {
        return e
    } catch {
        return .unsupported("unexpected error type \(error)")
    }
}
