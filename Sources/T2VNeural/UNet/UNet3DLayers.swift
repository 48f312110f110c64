// The torch.nn layers the UNet3D is built from, loaded by state-dict name with shape checks.
// torch.nn.Linear / Conv2d / GroupNorm / LayerNorm as diffusers instantiates them.

/// `nn.Linear`: weight `[out, in]`, optional bias `[out]`.
struct UNet3DLinear {
    let weight: Tensor
    let bias: Tensor?

    init(_ weights: WeightStore, _ prefix: String, in inFeatures: Int, out outFeatures: Int, bias hasBias: Bool = true) throws {
        weight = try weights.tensor("\(prefix).weight", shape: [outFeatures, inFeatures])
        bias = hasBias ? try weights.tensor("\(prefix).bias", shape: [outFeatures]) : nil
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.linear(weight: weight, bias: bias)
    }
}

/// `nn.Conv2d` with a square kernel: weight `[out, in, k, k]`, bias `[out]`.
struct UNet3DConv2d {
    let weight: Tensor
    let bias: Tensor
    let stride: Int
    let padding: Int

    init(_ weights: WeightStore, _ prefix: String, in inChannels: Int, out outChannels: Int, kernel: Int,
         stride: Int = 1, padding: Int = 0) throws {
        weight = try weights.tensor("\(prefix).weight", shape: [outChannels, inChannels, kernel, kernel])
        bias = try weights.tensor("\(prefix).bias", shape: [outChannels])
        self.stride = stride
        self.padding = padding
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.conv2d(weight: weight, bias: bias, stride: stride, padding: padding)
    }
}

/// `nn.GroupNorm(groups, channels, eps, affine=True)` of `[N, C, ...]` (per sample).
struct UNet3DGroupNorm {
    let weight: Tensor
    let bias: Tensor
    let groups: Int
    let eps: Float

    init(_ weights: WeightStore, _ prefix: String, channels: Int, groups: Int, eps: Float) throws {
        weight = try weights.tensor("\(prefix).weight", shape: [channels])
        bias = try weights.tensor("\(prefix).bias", shape: [channels])
        self.groups = groups
        self.eps = eps
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.groupNorm(groups: groups, weight: weight, bias: bias, eps: eps)
    }

    /// The same norm applied to the `(batch, C, frames, H, W)` video that an
    /// `(batch·frames, C, H, W)` tensor holds: statistics over the frames too.
    func acrossFrames(_ x: Tensor, frames: Int, applySiLU: Bool = false) throws -> Tensor {
        try x.groupNorm(frames: frames, groups: groups, weight: weight, bias: bias, eps: eps, activation: applySiLU ? .siluLibm : .identity)
    }
}

/// `nn.LayerNorm(dim, eps, elementwise_affine=True)` over the last dimension.
struct UNet3DLayerNorm {
    let weight: Tensor
    let bias: Tensor
    let eps: Float

    init(_ weights: WeightStore, _ prefix: String, dim: Int, eps: Float = 1e-5) throws {
        weight = try weights.tensor("\(prefix).weight", shape: [dim])
        bias = try weights.tensor("\(prefix).bias", shape: [dim])
        self.eps = eps
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.layerNorm(weight: weight, bias: bias, eps: eps)
    }
}
