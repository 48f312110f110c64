// diffusers/models/resnet.py (ResnetBlock2D, time_embedding_norm "default", pre-norm, SiLU)

/// diffusers' `ResnetBlock2D`: `norm1` → SiLU → `conv1` (plus `time_emb_proj(silu(temb))` per
/// channel when the block has a time embedding), `norm2` → SiLU → `conv2`, added to the input
/// (through the 1×1 `conv_shortcut` when the widths differ), divided by `outputScaleFactor`.
///
/// Two forwards, kept apart because they round differently and each model's output is pinned to the
/// byte: ``callAsFunction(_:)`` (the VAE, no time embedding) fuses each norm + SiLU into the next
/// convolution's unfold (``GroupNormActivation/silu``) and accumulates the second convolution onto
/// the shortcut; ``callAsFunction(_:tembActivated:)`` (the UNet) normalises with the libm SiLU
/// (``GroupNormActivation/siluLibm``) and adds the shortcut after the convolution.
struct ResnetBlock2D: Sendable {
    let norm1: GroupNorm
    let conv1: Conv2d
    let timeEmbProj: Linear?
    let norm2: GroupNorm
    let conv2: Conv2d
    let convShortcut: Conv2d?
    let outputScaleFactor: Float

    /// `tembChannels` nil: no `time_emb_proj` (`temb_channels=None`, as in the VAE).
    init(_ weights: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, tembChannels: Int? = nil,
         groups: Int, eps: Float, outputScaleFactor: Float = 1) throws {
        norm1 = try GroupNorm(weights, "\(prefix).norm1", groups: groups, channels: inChannels, eps: eps)
        conv1 = try Conv2d.conv3x3(weights, "\(prefix).conv1", inChannels: inChannels, outChannels: outChannels)
        timeEmbProj = try tembChannels.map {
            try Linear(weights, "\(prefix).time_emb_proj", inFeatures: $0, outFeatures: outChannels)
        }
        norm2 = try GroupNorm(weights, "\(prefix).norm2", groups: groups, channels: outChannels, eps: eps)
        conv2 = try Conv2d.conv3x3(weights, "\(prefix).conv2", inChannels: outChannels, outChannels: outChannels)
        convShortcut = inChannels == outChannels
            ? nil : try Conv2d(weights, "\(prefix).conv_shortcut", inChannels: inChannels, outChannels: outChannels, kernelSize: 1)
        self.outputScaleFactor = outputScaleFactor
    }

    /// Without time embedding (the VAE's blocks, `output_scale_factor` 1): fused norm + SiLU + conv.
    func callAsFunction(_ x: Tensor) throws -> Tensor {
        let h = try conv1.fused(x, normSiLU: norm1)
        let shortcut = try convShortcut.map { try $0(x) } ?? x
        return try conv2.fused(h, normSiLU: norm2, residual: shortcut)
    }

    /// With time embedding (the UNet's blocks): `x` `(N, C, H, W)`; `tembActivated` is `silu(temb)`,
    /// `(N, tembChannels)` (one row per frame).
    func callAsFunction(_ x: Tensor, tembActivated: Tensor) throws -> Tensor {
        guard let timeEmbProj else {
            throw NeuralError.unsupported("ResnetBlock2D without time_emb_proj called with a time embedding")
        }
        var h = try conv1(norm1.acrossFrames(x, frames: 1, applySiLU: true))
        let t = try timeEmbProj(tembActivated)
        try h.add(t.reshaped([t.shape[0], t.shape[1], 1, 1]))
        h = try conv2(norm2.acrossFrames(h, frames: 1, applySiLU: true))
        var out = try convShortcut?(x) ?? x
        try out.add(h)
        return outputScaleFactor == 1 ? out : out.scaled(by: 1 / outputScaleFactor)
    }
}
