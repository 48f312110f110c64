// Group normalisation (NCHW) and layer normalisation (last dimension).

extension Tensor {
    /// Group normalisation (`torch.nn.functional.group_norm`) of an `[N, C, *]` tensor: the `C`
    /// channels are split into `groups` groups, each group of each sample is normalised to zero mean
    /// and unit (biased) variance over its channels and spatial positions, then scaled by
    /// `weight[c]` and shifted by `bias[c]` (both `[C]`, optional).
    /// Statistics are accumulated in double precision, one group per worker (deterministic).
    public func groupNorm(groups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
        guard rank >= 2 else { throw NeuralError.shapeMismatch(op: "group_norm", "input must be [N, C, ...], got \(shape)") }
        let n = shape[0]
        let c = shape[1]
        guard groups > 0, c % groups == 0 else {
            throw NeuralError.invalidArgument(op: "group_norm", "\(c) channels do not split into \(groups) groups")
        }
        if let weight { guard weight.shape == [c] else { throw NeuralError.shapeMismatch(op: "group_norm", "weight \(weight.shape) for \(c) channels") } }
        if let bias { guard bias.shape == [c] else { throw NeuralError.shapeMismatch(op: "group_norm", "bias \(bias.shape) for \(c) channels") } }
        let spatial = count / max(n * c, 1)
        let perGroup = c / groups
        let groupSize = perGroup * spatial
        let result = Tensor(uninitializedShape: shape)
        if count == 0 { return result }
        let src = pointer
        let dst = result.pointer
        let w = weight?.pointer
        let b = bias?.pointer
        Parallel.forRanges(n * groups, grain: 1) { range in
            for unit in range {
                let g = unit % groups
                let base = unit * groupSize
                let (mean, variance) = Tensor.moments(src + base, groupSize)
                let rstd = Float(1 / (variance + Double(eps)).squareRoot())
                let m = Float(mean)
                for k in 0..<perGroup {
                    let ch = g * perGroup + k
                    let scale = rstd * (w?[ch] ?? 1)
                    let shift = (b?[ch] ?? 0) - m * scale
                    let x = src + base + k * spatial
                    let y = dst + base + k * spatial
                    for j in 0..<spatial { y[j] = x[j] * scale + shift }
                }
            }
        }
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        return withExtendedLifetime(self) { result }
    }

    /// Layer normalisation over the last dimension (`torch.nn.functional.layer_norm` with
    /// `normalized_shape = [D]`): each row is normalised to zero mean and unit (biased) variance, then
    /// scaled by `weight` and shifted by `bias` (both `[D]`, optional).
    public func layerNorm(weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
        guard rank >= 1, let d = shape.last else { throw NeuralError.shapeMismatch(op: "layer_norm", "scalar input") }
        if let weight { guard weight.shape == [d] else { throw NeuralError.shapeMismatch(op: "layer_norm", "weight \(weight.shape) for last dimension \(d)") } }
        if let bias { guard bias.shape == [d] else { throw NeuralError.shapeMismatch(op: "layer_norm", "bias \(bias.shape) for last dimension \(d)") } }
        let result = Tensor(uninitializedShape: shape)
        if count == 0 { return result }
        let rows = count / d
        let src = pointer
        let dst = result.pointer
        let w = weight?.pointer
        let b = bias?.pointer
        Parallel.forRanges(rows, grain: max(1, 8192 / d)) { range in
            for r in range {
                let x = src + r * d
                let y = dst + r * d
                let (mean, variance) = Tensor.moments(x, d)
                let rstd = Float(1 / (variance + Double(eps)).squareRoot())
                let m = Float(mean)
                switch (w, b) {
                case let (w?, b?): for j in 0..<d { y[j] = (x[j] - m) * rstd * w[j] + b[j] }
                case let (w?, nil): for j in 0..<d { y[j] = (x[j] - m) * rstd * w[j] }
                case let (nil, b?): for j in 0..<d { y[j] = (x[j] - m) * rstd + b[j] }
                case (nil, nil): for j in 0..<d { y[j] = (x[j] - m) * rstd }
                }
            }
        }
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        return withExtendedLifetime(self) { result }
    }

    /// Mean and biased variance of `n` floats, two passes, 8-lane float partial sums folded into
    /// doubles every 1,024 elements.
    static func moments(_ p: UnsafePointer<Float>, _ n: Int) -> (Double, Double) {
        if n == 0 { return (0, 0) }
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
        let mean = total / Double(n)
        let m = Float(mean)
        let mv = SIMD8<Float>(repeating: m)
        var sq = 0.0
        i = 0
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
            sq += s
            i = end
        }
        // Correct for the float rounding of the mean (one-pass correction term is negligible
        // except for huge offsets; the two-pass form is exact enough for 1e-6 relative).
        return (mean, sq / Double(n))
    }
}
