// torch/nn/modules/linear.py (Linear), loaded from a WeightStore by state-dict prefix.

/// `torch.nn.Linear`: `<prefix>.weight` `[out, in]`, optional `<prefix>.bias` `[out]`.
struct Linear: Sendable {
    let weight: Tensor
    let bias: Tensor?

    init(_ store: WeightStore, _ prefix: String, inFeatures: Int, outFeatures: Int, bias: Bool = true) throws {
        weight = try store.tensor("\(prefix).weight", shape: [outFeatures, inFeatures])
        self.bias = bias ? try store.tensor("\(prefix).bias", shape: [outFeatures]) : nil
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try x.linear(weight: weight, bias: bias) }
}
