// Operations the model ports need beyond the tensor runtime's public set: fused group norm + SiLU
// (diffusers' `nonlinearity(norm(x))` in ResnetBlock2D and the VAE's `conv_norm_out`/`conv_act`) and
// nearest ×2 upsampling followed by a 3×3 convolution (Upsample2D).

extension Tensor {
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
        try x.groupNorm(frames: 1, groups: groups, weight: weight, bias: bias, eps: eps, activation: .silu)
    }
}
