// Float sums with double-precision folding, shared by every normalisation kernel (group norm over one
// image or over the frames of a video, layer norm, the fused conv's group-norm affine).

enum Moments {
    /// Σ p[0..<n]: 8-lane float partial sums folded into a double every 1,024 elements.
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Double {
        let raw = UnsafeRawPointer(p)
        var total = 0.0
        var i = 0
        while i < n {
            let end = min(n, i + 1024)
            var acc = SIMD8<Float>()
            var j = i
            while j + 8 <= end {
                acc += raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
                j += 8
            }
            var s = Double(acc.sum())
            while j < end { s += Double(p[j]); j += 1 }
            total += s
            i = end
        }
        return total
    }

    /// Σ (p[i] − m)², folded as ``sum(_:_:)``.
    static func squaredDeviations(_ p: UnsafePointer<Float>, _ n: Int, mean m: Float) -> Double {
        let raw = UnsafeRawPointer(p)
        let mv = SIMD8<Float>(repeating: m)
        var total = 0.0
        var i = 0
        while i < n {
            let end = min(n, i + 1024)
            var acc = SIMD8<Float>()
            var j = i
            while j + 8 <= end {
                let v = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) - mv
                acc += v * v
                j += 8
            }
            var s = Double(acc.sum())
            while j < end { let v = Double(p[j] - m); s += v * v; j += 1 }
            total += s
            i = end
        }
        return total
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
