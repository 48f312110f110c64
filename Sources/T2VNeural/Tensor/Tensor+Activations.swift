// Activations (GELU, quick-GELU, GEGLU, SiLU, sigmoid) and the last-dimension softmax.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// GELU with erf, `x·½(1 + erf(x/√2))` (`torch.nn.functional.gelu`, approximate="none").
    /// erf is computed in plain float arithmetic (Abramowitz & Stegun 7.1.26, |error| ≤ 1.5e-7, the
    /// formula of PyTorch's vectorised CPU kernel), so results are identical on every machine.
    public func gelu() -> Tensor {
        elementwise(GELUFunction.self)
    }

    /// A new tensor with `F` applied to every element (vectorised, split over threads).
    func elementwise<F: UnaryFloatFunction>(_: F.Type) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        VectorMath.applyParallel(F.self, pointer, result.pointer, count)
        return withExtendedLifetime(self) { result }
    }

    /// Tanh-approximated GELU (`gelu(approximate="tanh")`):
    /// `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`.
    public func geluTanh() -> Tensor {
        map { x in 0.5 * x * (1 + tanhf(0.7978845608028654 * (x + 0.044715 * x * x * x))) }
    }

    /// Quick GELU of CLIP, `x·σ(1.702x)`.
    public func quickGELU() -> Tensor {
        elementwise(QuickGELUFunction.self)
    }

    /// SiLU (swish), `x·σ(x)`.
    public func silu() -> Tensor {
        elementwise(SiLUFunction.self)
    }

    /// Logistic sigmoid, `1 / (1 + e^{-x})`.
    public func sigmoid() -> Tensor {
        elementwise(SigmoidFunction.self)
    }

    /// GEGLU as diffusers applies it after its projection: the last dimension is split in halves
    /// `(a, b)` and the result is `a · gelu(b)`, with half the last dimension.
    public func geglu() throws -> Tensor {
        guard rank >= 1, let last = shape.last, last % 2 == 0 else {
            throw NeuralError.shapeMismatch(op: "geglu", "last dimension must be even, got \(shape)")
        }
        let half = last / 2
        var outShape = shape
        outShape[rank - 1] = half
        let result = Tensor(uninitializedShape: outShape)
        let rows = count / max(last, 1)
        let src = pointer
        let dst = result.pointer
        if half > 0 {
            Parallel.forRanges(rows, grain: max(1, 8192 / half)) { range in
                for r in range {
                    let a = src + r * last
                    let b = a + half
                    let o = dst + r * half
                    for j in 0..<half { o[j] = a[j] * VectorMath.gelu(b[j]) }
                }
            }
        }
        return withExtendedLifetime(self) { result }
    }

    /// Softmax over the last dimension (`torch.softmax(x, dim=-1)`), numerically stable: each row
    /// has its maximum subtracted before `exp`.
    public func softmax() -> Tensor {
        guard rank >= 1, let last = shape.last, last > 0 else { return self }
        var result = self
        result.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            Tensor.softmaxRows(base, rows: buffer.count / last, length: last, stride: last)
        }
        return result
    }

    /// In-place stable softmax of `rows` rows of `length` elements, `stride` apart.
    static func softmaxRows(_ base: UnsafeMutablePointer<Float>, rows: Int, length: Int, stride: Int) {
        Parallel.forRanges(rows, grain: max(1, 16384 / max(length, 1))) { range in
            for r in range { softmaxRow(base + r * stride, length) }
        }
    }

    /// Stable softmax of one row in place (see ``softmaxRowUnnormalized(_:_:)``).
    @inline(__always)
    static func softmaxRow(_ row: UnsafeMutablePointer<Float>, _ n: Int) {
        let inv = softmaxRowUnnormalized(row, n)
        for k in 0..<n { row[k] *= inv }
    }

    /// Replaces a row by `exp(x − max)` and returns `1 / Σ exp(x − max)`, the factor that turns it
    /// into the softmax (attention applies it to the much shorter output row instead). Max, exp and
    /// sum run in a fixed order (8 partial sums), so the result does not depend on where the row
    /// sits or on threads. A row of only −∞ (every key masked) becomes zeros with factor 0
    /// (PyTorch gives NaN there).
    @inline(__always)
    static func softmaxRowUnnormalized(_ row: UnsafeMutablePointer<Float>, _ n: Int) -> Float {
        if n == 0 { return 0 }
        // A NaN element is skipped by the max but turns its whole row into NaN through the sum.
        // Eight independent running maxima (vectorisable, no serial dependency), then combined.
        let lowest = -Float.infinity
        var m0 = lowest, m1 = lowest, m2 = lowest, m3 = lowest, m4 = lowest, m5 = lowest, m6 = lowest, m7 = lowest
        var j = 0
        while j + 8 <= n {
            let p = row + j
            m0 = p[0] > m0 ? p[0] : m0
            m1 = p[1] > m1 ? p[1] : m1
            m2 = p[2] > m2 ? p[2] : m2
            m3 = p[3] > m3 ? p[3] : m3
            m4 = p[4] > m4 ? p[4] : m4
            m5 = p[5] > m5 ? p[5] : m5
            m6 = p[6] > m6 ? p[6] : m6
            m7 = p[7] > m7 ? p[7] : m7
            j += 8
        }
        let low: Float = Swift.max(Swift.max(m0, m1), Swift.max(m2, m3))
        let high: Float = Swift.max(Swift.max(m4, m5), Swift.max(m6, m7))
        var m: Float = Swift.max(low, high)
        while j < n {
            m = row[j] > m ? row[j] : m
            j += 1
        }
        if m == -.infinity {
            for k in 0..<n { row[k] = row[k] != row[k] ? .nan : 0 }
            return 0
        }
        for j in 0..<n { row[j] = VectorMath.exp(row[j] - m) }
        let raw = UnsafeMutableRawPointer(row)
        var acc = SIMD8<Float>()
        j = 0
        while j + 8 <= n {
            acc += raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            j += 8
        }
        var sum = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))
        while j < n { sum += row[j]; j += 1 }
        return 1 / sum
    }
}
