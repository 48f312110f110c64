// torch/nn/modules/conv.py (Conv2d, groups 1), loaded from a WeightStore by state-dict prefix.

/// `torch.nn.Conv2d` with a square kernel: `<prefix>.weight` `[out, in, k, k]`, `<prefix>.bias` `[out]`
/// (none with `bias: false`).
struct Conv2d: Sendable {
    let weight: Tensor
    let bias: Tensor?
    let stride: Int
    let padding: Padding2D

    init(_ store: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, kernelSize: Int,
         stride: Int = 1, padding: Padding2D = Padding2D(0), bias: Bool = true) throws {
        weight = try store.tensor("\(prefix).weight", shape: [outChannels, inChannels, kernelSize, kernelSize])
        self.bias = bias ? try store.tensor("\(prefix).bias", shape: [outChannels]) : nil
        self.stride = stride
        self.padding = padding
    }

    /// A 3×3 convolution with padding 1 (size-preserving), the form most of the models' convolutions take.
    static func conv3x3(_ store: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int) throws -> Conv2d {
        try Conv2d(store, prefix, inChannels: inChannels, outChannels: outChannels, kernelSize: 3, padding: Padding2D(1))
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.conv2d(weight: weight, bias: bias, stride: stride, padding: padding)
    }

    /// `residual + self(silu(norm(x)))` (either part optional) in one stride-1 pass: the normalised
    /// input is computed while unfolding and the residual is where the products accumulate.
    func fused(_ x: Tensor, normSiLU norm: GroupNorm? = nil, residual: Tensor? = nil, upsample2x: Bool = false) throws -> Tensor {
        try x.conv2dFused(weight: weight, bias: bias, padding: padding, upsample2x: upsample2x, residual: residual,
                          normSiLU: norm.map { ($0.groups, $0.weight, $0.bias, $0.eps) })
    }
}
