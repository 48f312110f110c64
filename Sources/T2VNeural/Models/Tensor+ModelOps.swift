// Operations the model ports need beyond the tensor runtime's public set: fused group norm + SiLU
// (diffusers' `nonlinearity(norm(x))` in ResnetBlock2D and the VAE's `conv_norm_out`/`conv_act`) and
// nearest ×2 upsampling followed by a 3×3 convolution (Upsample2D).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// `silu(group_norm(x))` in one pass over the output: the same statistics as
    /// ``groupNorm(groups:weight:bias:eps:)`` (double-precision moments per group), then
    /// `y = x·scale + shift` and `y·σ(y)` while the row is in cache.
    func groupNormSiLU(groups: Int, weight: Tensor, bias: Tensor, eps: Float) throws -> Tensor {
        guard rank >= 2 else { throw NeuralError.shapeMismatch(op: "group_norm_silu", "input must be [N, C, ...], got \(shape)") }
        let n = shape[0], c = shape[1]
        guard groups > 0, c % groups == 0 else {
            throw NeuralError.invalidArgument(op: "group_norm_silu", "\(c) channels do not split into \(groups) groups")
        }
        guard weight.shape == [c], bias.shape == [c] else {
            throw NeuralError.shapeMismatch(op: "group_norm_silu", "weight \(weight.shape), bias \(bias.shape) for \(c) channels")
        }
        let result = Tensor(uninitializedShape: shape)
        if count == 0 { return result }
        let spatial = count / (n * c)
        let perGroup = c / groups
        let groupSize = perGroup * spatial
        let src = pointer, dst = result.pointer, w = weight.pointer, b = bias.pointer
        Parallel.forRanges(n * groups, grain: 1) { range in
            for unit in range {
                let g = unit % groups
                let base = unit * groupSize
                let (mean, variance) = Tensor.moments(src + base, groupSize)
                let rstd = Float(1 / (variance + Double(eps)).squareRoot())
                let m = Float(mean)
                for k in 0..<perGroup {
                    let ch = g * perGroup + k
                    let scale = rstd * w[ch]
                    let shift = b[ch] - m * scale
                    let x = src + base + k * spatial
                    let y = dst + base + k * spatial
                    for j in 0..<spatial {
                        let v = x[j] * scale + shift
                        y[j] = VectorMath.silu(v)
                    }
                }
            }
        }
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        return withExtendedLifetime(self) { result }
    }

    /// `conv(interpolate(x, scale_factor=2, mode="nearest"))` for a 3×3, stride-1, padding-1 `conv`.
    func upsampleNearest2xConv3x3(_ conv: Conv2d) throws -> Tensor {
        try conv2dFused(weight: conv.weight, bias: conv.bias, padding: conv.padding, upsample2x: true, residual: nil)
    }
}

extension GroupNorm {
    /// The layer's parameters, for ``Tensor/conv2dFused(weight:bias:padding:upsample2x:residual:normSiLU:)``.
    var parameters: (groups: Int, weight: Tensor, bias: Tensor, eps: Float) { (groups, weight, bias, eps) }

    /// `silu(self(x))`, fused.
    func silu(_ x: Tensor) throws -> Tensor {
        try x.groupNormSiLU(groups: groups, weight: weight, bias: bias, eps: eps)
    }
}
