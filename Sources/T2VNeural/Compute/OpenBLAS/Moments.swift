// Float sums with double-precision folding, shared by every normalisation kernel (group norm over one
// image or over the frames of a video, layer norm, the fused conv's group-norm affine).

enum Moments {
    /// Σ p[0..<n]: 8-lane float partial sums folded into a double every 1,024 elements.
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Double {
        fold(p, n, Plain())
    }

    /// Σ (p[i] − m)², folded as ``sum(_:_:)``.
    static func squaredDeviations(_ p: UnsafePointer<Float>, _ n: Int, mean m: Float) -> Double {
        fold(p, n, SquaredDeviation(mean: m, meanLanes: SIMD8<Float>(repeating: m)))
    }

    /// Σ term(p[i]): 8-lane float partial sums of `term.lanes`, folded into a double every 1,024
    /// elements, with the tail of each 1,024-block added in double through `term.scalar`.
    @inline(__always)
    private static func fold<T: Term>(_ p: UnsafePointer<Float>, _ n: Int, _ term: T) -> Double {
        let raw = UnsafeRawPointer(p)
        var total = 0.0
        var i = 0
        while i < n {
            let end = min(n, i + 1024)
            var acc = SIMD8<Float>()
            var j = i
            while j + 8 <= end {
                acc += term.lanes(raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self))
                j += 8
            }
            var s = Double(acc.sum())
            while j < end { s += term.scalar(p[j]); j += 1 }
            total += s
            i = end
        }
        return total
    }

    private protocol Term {
        func lanes(_ v: SIMD8<Float>) -> SIMD8<Float>
        func scalar(_ x: Float) -> Double
    }

    private struct Plain: Term {
        @inline(__always) func lanes(_ v: SIMD8<Float>) -> SIMD8<Float> { v }
        @inline(__always) func scalar(_ x: Float) -> Double { Double(x) }
    }

    private struct SquaredDeviation: Term {
        let mean: Float
        let meanLanes: SIMD8<Float>
        @inline(__always) func lanes(_ v: SIMD8<Float>) -> SIMD8<Float> {
            let d = v - meanLanes
            return d * d
        }
        @inline(__always) func scalar(_ x: Float) -> Double {
            let v = Double(x - mean)
            return v * v
        }
    }

    /// Mean and biased variance of `runs` runs of `run` floats, `stride` floats apart (one run: a
    /// contiguous block; several: one group of channels over the frames of a video). Two passes; the
    /// deviations are taken from the mean rounded to float. Empty input gives `(0, 0)`.
    static func meanVariance(_ p: UnsafePointer<Float>, run: Int, runs: Int = 1, stride: Int = 0) -> (mean: Double, variance: Double) {
        if run == 0 || runs == 0 { return (0, 0) }
        let total = Double(runs * run)
        var sum = 0.0
        for r in 0..<runs { sum += Moments.sum(p + r * stride, run) }
        let mean = sum / total
        let m = Float(mean)
        var sq = 0.0
        for r in 0..<runs { sq += squaredDeviations(p + r * stride, run, mean: m) }
        return (mean, sq / total)
    }
}
