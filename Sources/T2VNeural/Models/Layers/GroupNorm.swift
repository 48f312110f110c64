// torch/nn/modules/normalization.py (GroupNorm, affine), loaded from a WeightStore by state-dict prefix.

/// `torch.nn.GroupNorm(groups, channels, eps, affine=True)` of `[N, C, ...]`: `<prefix>.weight`,
/// `<prefix>.bias`, both `[channels]`.
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

    /// `silu(self(x))` in one pass (``GroupNormActivation/silu``, the VAE's form).
    func silu(_ x: Tensor) throws -> Tensor {
        try x.groupNorm(frames: 1, groups: groups, weight: weight, bias: bias, eps: eps, activation: .silu)
    }

    /// The same norm applied to the `(batch, C, frames, H, W)` video that a `(batch·frames, C, H, W)`
    /// tensor holds: statistics over the frames too. `applySiLU` adds the UNet's SiLU
    /// (``GroupNormActivation/siluLibm``) in the same pass.
    func acrossFrames(_ x: Tensor, frames: Int, applySiLU: Bool = false) throws -> Tensor {
        try x.groupNorm(frames: frames, groups: groups, weight: weight, bias: bias, eps: eps,
                        activation: applySiLU ? .siluLibm : .identity)
    }
}
