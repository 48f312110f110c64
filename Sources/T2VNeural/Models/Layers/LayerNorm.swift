// torch/nn/modules/normalization.py (LayerNorm over the last dimension, elementwise_affine=True).

/// `torch.nn.LayerNorm(dim, eps)`: `<prefix>.weight`, `<prefix>.bias`, both `[dim]`.
struct LayerNorm: Sendable {
    let weight: Tensor
    let bias: Tensor
    let eps: Float

    init(_ store: WeightStore, _ prefix: String, dim: Int, eps: Float = 1e-5) throws {
        weight = try store.tensor("\(prefix).weight", shape: [dim])
        bias = try store.tensor("\(prefix).bias", shape: [dim])
        self.eps = eps
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try x.layerNorm(weight: weight, bias: bias, eps: eps) }
}
