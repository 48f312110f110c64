// The tensor operations that go through the compute seam (Compute.swift): each forwards to
// `Compute.backend`. Kernels live in the backends (Compute/OpenBLAS/ for float32).

extension Tensor {
    /// Matrix product (`torch.matmul` for rank ≥ 2).
    ///
    /// - `self` is `[..., M, K]` (or `[..., K, M]` with `transposeSelf`).
    /// - `other` is either `[K, N]` (or `[N, K]` with `transposeOther`), applied to every matrix of
    ///   `self`, or has the same leading (batch) dimensions as `self`.
    /// - The result is `[..., M, N]`.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) throws -> Tensor {
        try Compute.backend.matmul(self, other, transposeA: transposeSelf, transposeB: transposeOther)
    }

    /// A fully connected layer (`torch.nn.functional.linear`): `self` is `[..., in]`, `weight` is
    /// `[out, in]` as PyTorch stores it, `bias` is `[out]`; the result is `[..., out]`.
    public func linear(weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
        try Compute.backend.linear(self, weight: weight, bias: bias)
    }

    /// 2-D convolution (`torch.nn.functional.conv2d`, groups = 1, dilation = 1): `self` `[N, C, H, W]`,
    /// `weight` `[O, C, kh, kw]`, `bias` `[O]`; the result is
    /// `[N, O, (H + 2·pad − kh)/stride + 1, (W + 2·pad − kw)/stride + 1]`.
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) throws -> Tensor {
        try conv2d(weight: weight, bias: bias, stride: stride, padding: Padding2D(padding))
    }

    /// 2-D convolution with explicit padding on each side (e.g. diffusers' asymmetric `(0, 1, 0, 1)`).
    public func conv2d(weight: Tensor, bias: Tensor?, stride: Int, padding: Padding2D) throws -> Tensor {
        try Compute.backend.conv2d(self, weight: weight, bias: bias, stride: stride, padding: padding)
    }

    /// Stride-1 convolution of `self` (read upsampled ×2 when `upsample2x`, read through
    /// `silu(group_norm(·))` when `normSiLU` is given), started from `residual` when given.
    func conv2dFused(
        weight: Tensor, bias: Tensor?, padding: Padding2D, upsample2x: Bool, residual: Tensor?, normSiLU: GroupNormSiLU? = nil
    ) throws -> Tensor {
        try Compute.backend.conv2dFused(self, weight: weight, bias: bias, padding: padding, upsample2x: upsample2x,
                                        residual: residual, normSiLU: normSiLU)
    }

    /// 3-D convolution (`torch.nn.functional.conv3d`, groups = 1, dilation = 1) with symmetric zero
    /// padding `(frames, height, width)` and one stride: `self` `[N, C, F, H, W]`, `weight`
    /// `[O, C, kf, kh, kw]`, `bias` `[O]`.
    public func conv3d(weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: (Int, Int, Int) = (0, 0, 0)) throws -> Tensor {
        try Compute.backend.conv3d(self, weight: weight, bias: bias, stride: stride, padding: padding)
    }

    /// The `nn.Conv3d(C, O, (3, 1, 1), padding=(1, 0, 0))` of `TemporalConvLayer` applied to the
    /// video this `(batch·frames, C, H, W)` tensor holds; the result is `(batch·frames, O, H, W)`.
    func temporalConv(frames: Int, weight: Tensor, bias: Tensor) throws -> Tensor {
        try Compute.backend.temporalConv(self, frames: frames, weight: weight, bias: bias)
    }

    /// Scaled dot-product attention (`torch.nn.functional.scaled_dot_product_attention`, no dropout):
    /// `softmax(q·kᵀ·scale [+ causal mask]) · v`.
    ///
    /// - Shapes: `query` `[..., Lq, D]`, `key` `[..., Lk, D]`, `value` `[..., Lk, Dv]` with equal
    ///   leading dimensions; the result is `[..., Lq, Dv]`.
    /// - `scale` defaults to `1/√D`. `isCausal` masks key `j > i` for query `i` (top-left aligned).
    /// - Memory: queries are processed in blocks of `queryBlockSize` rows (default: as many as fit
    ///   ``NeuralRuntime/attentionMemoryBudget`` bytes of scores); blocking does not change the result.
    public static func scaledDotProductAttention(
        query: Tensor, key: Tensor, value: Tensor, scale: Float? = nil, isCausal: Bool = false,
        queryBlockSize: Int? = nil
    ) throws -> Tensor {
        try Compute.backend.attention(query: query, key: key, value: value, scale: scale, isCausal: isCausal,
                                      queryBlockSize: queryBlockSize)
    }

    /// Group normalisation (`torch.nn.functional.group_norm`) of an `[N, C, *]` tensor: each group
    /// of each sample is normalised to zero mean and unit (biased) variance over its channels and
    /// positions, then scaled by `weight[c]` and shifted by `bias[c]` (both `[C]`, optional).
    /// Statistics in double precision, one group per worker (deterministic).
    public func groupNorm(groups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
        try groupNorm(frames: 1, groups: groups, weight: weight, bias: bias, eps: eps, activation: .identity)
    }

    /// Group normalisation of the `(batch, C, frames, H, W)` video this `(batch·frames, C, H, W)`
    /// tensor holds (statistics over the frames too; `frames` 1 is the plain group norm), followed by
    /// `activation` in the same pass.
    func groupNorm(
        frames: Int, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: GroupNormActivation
    ) throws -> Tensor {
        try Compute.backend.groupNorm(self, frames: frames, groups: groups, weight: weight, bias: bias, eps: eps,
                                      activation: activation)
    }

    /// Layer normalisation over the last dimension (`torch.nn.functional.layer_norm` with
    /// `normalized_shape = [D]`), scaled by `weight` and shifted by `bias` (both `[D]`, optional).
    public func layerNorm(weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
        try Compute.backend.layerNorm(self, weight: weight, bias: bias, eps: eps)
    }
}
