// Group normalisation (over one image, or over the frames of a video held as (batch·frames, C, H, W),
// optionally followed by a SiLU) and layer normalisation, float32 with double-precision statistics.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Group normalisation of an `[N, C, *]` tensor whose `N = batch·frames` rows are `frames`
    /// consecutive frames per video (frames 1: `torch.nn.functional.group_norm`; more: the norm of
    /// the `(batch, C, frames, H, W)` video, as diffusers' `TemporalConvLayer` and
    /// `TransformerTemporalModel` apply it). Each group's statistics run over its channels, frames
    /// and positions (double precision, two passes, one group per worker, so deterministic); then
    /// `y = x·scale + shift` with `scale = rstd·weight[c]`, `shift = bias[c] − mean·scale`, and
    /// `activation` applied to `y` while the row is in cache.
    func blasGroupNorm(
        frames f: Int, groups g: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: GroupNormActivation
    ) throws -> Tensor {
        let op = f > 1 ? "group_norm (over frames)" : activation == .silu ? "group_norm_silu" : "group_norm"
        guard rank >= 2 else { throw NeuralError.shapeMismatch(op: op, "input must be [N, C, ...], got \(shape)") }
        guard f >= 1, shape[0] % f == 0 else {
            throw NeuralError.shapeMismatch(op: op, "input \(shape) is not (batch·\(f) frames, C, ...)")
        }
        let n = shape[0], c = shape[1]
        guard g > 0, c % g == 0 else { throw NeuralError.invalidArgument(op: op, "\(c) channels do not split into \(g) groups") }
        if let weight { guard weight.shape == [c] else { throw NeuralError.shapeMismatch(op: op, "weight \(weight.shape) for \(c) channels") } }
        if let bias { guard bias.shape == [c] else { throw NeuralError.shapeMismatch(op: op, "bias \(bias.shape) for \(c) channels") } }
        let result = Tensor(uninitializedShape: shape)
        if count == 0 { return result }
        switch activation {
        case .identity: groupNormKernel(IdentityFunction.self, frames: f, groups: g, weight: weight, bias: bias, eps: eps, into: result)
        case .silu: groupNormKernel(SiLUFunction.self, frames: f, groups: g, weight: weight, bias: bias, eps: eps, into: result)
        case .siluLibm: groupNormKernel(LibmSiLUFunction.self, frames: f, groups: g, weight: weight, bias: bias, eps: eps, into: result)
        }
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        return withExtendedLifetime(self) { result }
    }

    private func groupNormKernel<F: UnaryFloatFunction>(
        _: F.Type, frames f: Int, groups g: Int, weight: Tensor?, bias: Tensor?, eps: Float, into result: Tensor
    ) {
        let n = shape[0], c = shape[1]
        let s = count / (n * c), cpg = c / g, run = cpg * s
        let src = pointer, dst = result.pointer, w = weight?.pointer, b = bias?.pointer
        Parallel.forEach((n / f) * g) { unit in
            let bi = unit / g, gi = unit % g
            let first = (bi * f * c + gi * cpg) * s
            let (mean, variance) = Moments.meanVariance(src + first, run: run, runs: f, stride: c * s)
            let rstd = Float(1 / (variance + Double(eps)).squareRoot())
            let m = Float(mean)
            for fi in 0..<f {
                for k in 0..<cpg {
                    let ch = gi * cpg + k
                    let scale = rstd * (w?[ch] ?? 1)
                    let shift = (b?[ch] ?? 0) - m * scale
                    let off = first + fi * c * s + k * s
                    let x = src + off, y = dst + off
                    for j in 0..<s { y[j] = F.apply(x[j] * scale + shift) }
                }
            }
        }
    }

    /// Per-(sample, channel) `scale` then `shift` (`2·n·c` floats) such that
    /// `group_norm(x)[n, c] = x·scale + shift`, with the statistics of ``blasGroupNorm(frames:groups:weight:bias:eps:activation:)``
    /// (for the fused convolution, which applies them while unfolding).
    static func groupNormAffine(
        _ src: UnsafePointer<Float>, n: Int, c: Int, spatial: Int, groups: Int,
        weight w: UnsafePointer<Float>, bias b: UnsafePointer<Float>, eps: Float
    ) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * n * c)
        if n * c == 0 { return out }
        let perGroup = c / groups
        let groupSize = perGroup * spatial
        out.withUnsafeMutableBufferPointer { buf in
            let scales = buf.baseAddress!, shifts = buf.baseAddress! + n * c
            Parallel.forEach(n * groups) { unit in
                let img = unit / groups, g = unit % groups
                let (mean, variance) = Moments.meanVariance(src + unit * groupSize, run: groupSize)
                let rstd = Float(1 / (variance + Double(eps)).squareRoot())
                let m = Float(mean)
                for k in 0..<perGroup {
                    let ch = g * perGroup + k
                    let scale = rstd * w[ch]
                    scales[img * c + ch] = scale
                    shifts[img * c + ch] = b[ch] - m * scale
                }
            }
        }
        return out
    }

    /// Layer normalisation over the last dimension (`torch.nn.functional.layer_norm` with
    /// `normalized_shape = [D]`): each row is normalised to zero mean and unit (biased) variance, then
    /// scaled by `weight` and shifted by `bias` (both `[D]`, optional).
    func blasLayerNorm(weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
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
                let (mean, variance) = Moments.meanVariance(x, run: d)
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
}

/// `v·σ(v)` with libm's `expf` (the UNet's group-norm + SiLU; ``SiLUFunction`` uses ``VectorMath/exp(_:)``).
enum LibmSiLUFunction: UnaryFloatFunction {
    @inline(__always) static func apply(_ v: Float) -> Float { v / (1 + expf(-v)) }
}

/// `y = x`, so the plain group norm shares the activated kernel's loop.
enum IdentityFunction: UnaryFloatFunction {
    @inline(__always) static func apply(_ v: Float) -> Float { v }
}
