// The torch.nn layers the model ports are made of, loaded from a WeightStore by state-dict prefix.
// Matches torch.nn.Linear, Conv2d, GroupNorm and LayerNorm (weights `<prefix>.weight`/`.bias`).

/// `torch.nn.Linear`: `<prefix>.weight` `[out, in]`, `<prefix>.bias` `[out]`.
struct Linear: Sendable {
    let weight: Tensor
    let bias: Tensor?

    init(_ store: WeightStore, _ prefix: String, inFeatures: Int, outFeatures: Int, bias: Bool = true) throws {
        weight = try store.tensor("\(prefix).weight", shape: [outFeatures, inFeatures])
        self.bias = bias ? try store.tensor("\(prefix).bias", shape: [outFeatures]) : nil
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try x.linear(weight: weight, bias: bias) }
}

/// `torch.nn.Conv2d` (groups 1): `<prefix>.weight` `[out, in, k, k]`, `<prefix>.bias` `[out]`.
struct Conv2d: Sendable {
    let weight: Tensor
    let bias: Tensor?
    let stride: Int
    let padding: Padding2D

    init(_ store: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, kernelSize: Int,
         stride: Int = 1, padding: Padding2D = Padding2D(0)) throws {
        weight = try store.tensor("\(prefix).weight", shape: [outChannels, inChannels, kernelSize, kernelSize])
        bias = try store.tensor("\(prefix).bias", shape: [outChannels])
        self.stride = stride
        self.padding = padding
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.conv2d(weight: weight, bias: bias, stride: stride, padding: padding)
    }
}

/// `torch.nn.GroupNorm` (affine): `<prefix>.weight`, `<prefix>.bias`, both `[channels]`.
struct GroupNorm: Sendable {
    let groups: Int
    let weight: Tensor
    let bias: Tensor
    let eps: Float

    init(_ store: WeightStore, _ prefix: String, groups: Int, channels: Int, eps: Float) throws {
        guard groups > 0, channels % groups == 0 else {
            throw NeuralError.unsupported("\(prefix): \(channels) channels do not split into \(groups) groups")
        }
        self.groups = groups
        weight = try store.tensor("\(prefix).weight", shape: [channels])
        bias = try store.tensor("\(prefix).bias", shape: [channels])
        self.eps = eps
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.groupNorm(groups: groups, weight: weight, bias: bias, eps: eps)
    }
}

/// `torch.nn.LayerNorm` over the last dimension: `<prefix>.weight`, `<prefix>.bias`, both `[dim]`.
struct LayerNorm: Sendable {
    let weight: Tensor
    let bias: Tensor
    let eps: Float

    init(_ store: WeightStore, _ prefix: String, dim: Int, eps: Float) throws {
        weight = try store.tensor("\(prefix).weight", shape: [dim])
        bias = try store.tensor("\(prefix).bias", shape: [dim])
        self.eps = eps
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try x.layerNorm(weight: weight, bias: bias, eps: eps) }
}
