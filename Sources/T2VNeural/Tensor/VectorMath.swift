// exp and erf in plain float arithmetic (no libm calls, no branches), written so that LLVM
// vectorises the loops that use them, and so that results are the same bits on every machine, at
// every position in a buffer and for every thread count.

enum VectorMath {
    /// e^x, Cephes' single-precision polynomial (relative error ≈ 1e-7). Inputs are clamped to
    /// [−87.3, 88.3]: very negative inputs give ~1e-38 instead of 0 (harmless after a softmax or a
    /// sigmoid), very large ones ~2e38. NaN stays NaN.
    @inline(__always)
    static func exp(_ input: Float) -> Float {
        let x = input < -87.3 ? -87.3 : (input > 88.3 ? 88.3 : input)
        // n = round(x / ln 2) with the 1.5·2²³ trick (no floor call).
        let t = x * 1.44269504088896341 + 12582912.0
        let n = Int32(bitPattern: t.bitPattern) &- 0x4B40_0000
        let fn = t - 12582912.0
        var r = x - fn * 0.693359375
        r = r + fn * 2.12194440e-4
        var y: Float = 1.9875691500e-4
        y = y * r + 1.3981999507e-3
        y = y * r + 8.3334519073e-3
        y = y * r + 4.1665795894e-2
        y = y * r + 1.6666665459e-1
        y = y * r + 5.0000001201e-1
        y = y * (r * r) + r + 1
        let scale = Float(bitPattern: UInt32(bitPattern: (n &+ 127) &<< 23))
        return y * scale
    }

    /// erf(x) by Abramowitz & Stegun 7.1.26 — the formula PyTorch's vectorised CPU `erf` uses for
    /// float GELU (absolute error ≤ 1.5e-7).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let a = x < 0 ? -x : x
        let t = 1 / (a * 0.3275911 + 1)
        var r: Float = t * 1.061405429 - 1.453152027
        r = r * t + 1.421413741
        r = r * t - 0.284496736
        r = r * t + 0.254829592
        let magnitude = 1 - r * t * exp(-(x * x))
        return x < 0 ? -magnitude : magnitude
    }

    @inline(__always)
    static func gelu(_ x: Float) -> Float { x * 0.5 * (1 + erf(x * 0.70710678118654752)) }

    @inline(__always)
    static func silu(_ x: Float) -> Float { x / (1 + exp(-x)) }

    @inline(__always)
    static func quickGELU(_ x: Float) -> Float { x / (1 + exp(x * -1.702)) }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}

/// An elementwise function, as a type so loops over it are specialised and vectorised.
protocol UnaryFloatFunction {
    static func apply(_ x: Float) -> Float
}

enum GELUFunction: UnaryFloatFunction { @inline(__always) static func apply(_ x: Float) -> Float { VectorMath.gelu(x) } }
enum SiLUFunction: UnaryFloatFunction { @inline(__always) static func apply(_ x: Float) -> Float { VectorMath.silu(x) } }
enum QuickGELUFunction: UnaryFloatFunction { @inline(__always) static func apply(_ x: Float) -> Float { VectorMath.quickGELU(x) } }
enum SigmoidFunction: UnaryFloatFunction { @inline(__always) static func apply(_ x: Float) -> Float { VectorMath.sigmoid(x) } }

extension VectorMath {
    /// dst[i] = F(src[i]) for i in 0..<n (src may equal dst).
    @inline(__always)
    static func apply<F: UnaryFloatFunction>(_: F.Type, _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { dst[i] = F.apply(src[i]) }
    }

    /// `apply` over threads in contiguous ranges (elementwise, so independent of the split).
    static func applyParallel<F: UnaryFloatFunction>(_: F.Type, _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        Parallel.forRanges(n, grain: 1 << 15) { range in
            apply(F.self, src + range.lowerBound, dst + range.lowerBound, range.count)
        }
    }
}
