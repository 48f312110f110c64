// The default compute backend: float32 kernels on OpenBLAS sgemm and the runtime's workers.

/// ``ComputeBackend`` in float32 on OpenBLAS (the kernels in this folder). Deterministic: results do
/// not depend on the thread count.
struct OpenBLASBackend: ComputeBackend {
    func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) throws -> Tensor {
        try a.blasMatmul(b, transposeSelf: transposeA, transposeOther: transposeB)
    }

    func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        try x.blasLinear(weight: weight, bias: bias)
    }

    func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Padding2D) throws -> Tensor {
        try x.blasConv2d(weight: weight, bias: bias, stride: stride, padding: padding)
    }

    func conv2dFused(
        _ x: Tensor, weight: Tensor, bias: Tensor?, padding: Padding2D, upsample2x: Bool, residual: Tensor?,
        normSiLU: GroupNormSiLU?
    ) throws -> Tensor {
        try x.blasConv2dFused(weight: weight, bias: bias, padding: padding, upsample2x: upsample2x, residual: residual,
                              normSiLU: normSiLU)
    }

    func conv3d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: (Int, Int, Int)) throws -> Tensor {
        try x.blasConv3d(weight: weight, bias: bias, stride: stride, padding: padding)
    }

    func temporalConv(_ x: Tensor, frames: Int, weight: Tensor, bias: Tensor) throws -> Tensor {
        try x.blasTemporalConv(frames: frames, weight: weight, bias: bias)
    }

    func attention(
        query: Tensor, key: Tensor, value: Tensor, scale: Float?, isCausal: Bool, queryBlockSize: Int?
    ) throws -> Tensor {
        try Tensor.blasAttention(query: query, key: key, value: value, scale: scale, isCausal: isCausal,
                                 queryBlockSize: queryBlockSize)
    }

    func groupNorm(
        _ x: Tensor, frames: Int, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: GroupNormActivation
    ) throws -> Tensor {
        try x.blasGroupNorm(frames: frames, groups: groups, weight: weight, bias: bias, eps: eps, activation: activation)
    }

    func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor {
        try x.blasLayerNorm(weight: weight, bias: bias, eps: eps)
    }
}
