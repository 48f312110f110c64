// diffusers/models/resnet.py (ResnetBlock2D, time_embedding_norm "default", pre-norm, SiLU)

/// `ResnetBlock2D` with time conditioning: `norm1`→SiLU→`conv1`, plus `time_emb_proj(silu(temb))`
/// per channel, `norm2`→SiLU→`conv2`, added to the input (through the 1×1 `conv_shortcut` when the
/// widths differ) and divided by `outputScaleFactor`. GroupNorm eps is the config's `norm_eps`.
struct UNetResnetBlock {
    let norm1: UNet3DGroupNorm
    let conv1: UNet3DConv2d
    let timeEmbProj: UNet3DLinear
    let norm2: UNet3DGroupNorm
    let conv2: UNet3DConv2d
    let convShortcut: UNet3DConv2d?
    let outputScaleFactor: Float

    init(_ weights: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, tembChannels: Int, groups: Int,
         eps: Float, outputScaleFactor: Float = 1) throws {
        norm1 = try UNet3DGroupNorm(weights, "\(prefix).norm1", channels: inChannels, groups: groups, eps: eps)
        conv1 = try UNet3DConv2d(weights, "\(prefix).conv1", in: inChannels, out: outChannels, kernel: 3, padding: 1)
        timeEmbProj = try UNet3DLinear(weights, "\(prefix).time_emb_proj", in: tembChannels, out: outChannels)
        norm2 = try UNet3DGroupNorm(weights, "\(prefix).norm2", channels: outChannels, groups: groups, eps: eps)
        conv2 = try UNet3DConv2d(weights, "\(prefix).conv2", in: outChannels, out: outChannels, kernel: 3, padding: 1)
        convShortcut = inChannels == outChannels
            ? nil : try UNet3DConv2d(weights, "\(prefix).conv_shortcut", in: inChannels, out: outChannels, kernel: 1)
        self.outputScaleFactor = outputScaleFactor
    }

    /// `x` `(N, C, H, W)`; `tembActivated` is `silu(temb)`, `(N, tembChannels)` (one row per frame).
    func callAsFunction(_ x: Tensor, tembActivated: Tensor) throws -> Tensor {
        var h = try conv1(norm1.acrossFrames(x, frames: 1, applySiLU: true))
        let t = try timeEmbProj(tembActivated)
        try h.add(t.reshaped([t.shape[0], t.shape[1], 1, 1]))
        h = try conv2(norm2.acrossFrames(h, frames: 1, applySiLU: true))
        var out = try convShortcut?(x) ?? x
        try out.add(h)
        return outputScaleFactor == 1 ? out : out.scaled(by: 1 / outputScaleFactor)
    }
}
