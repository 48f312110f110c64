// diffusers/models/transformers/transformer_temporal.py (TransformerTemporalModel)

/// Attention across frames: GroupNorm (eps 1e-6) over the `(batch, C, frames, H, W)` video, linear
/// `proj_in`, one ``UNet3DBasicTransformerBlock`` with double self-attention (its `attn2` is a second
/// self-attention), linear `proj_out`, residual. Tokens are the frames of each position.
struct UNet3DTransformerTemporalModel {
    let norm: UNet3DGroupNorm
    let projIn: UNet3DLinear
    let transformerBlocks: [UNet3DBasicTransformerBlock]
    let projOut: UNet3DLinear

    init(_ weights: WeightStore, _ prefix: String, heads: Int, dimHead: Int, inChannels: Int, groups: Int,
         numLayers: Int = 1) throws {
        let inner = heads * dimHead
        norm = try UNet3DGroupNorm(weights, "\(prefix).norm", channels: inChannels, groups: groups, eps: 1e-6)
        projIn = try UNet3DLinear(weights, "\(prefix).proj_in", in: inChannels, out: inner)
        transformerBlocks = try (0..<numLayers).map {
            try UNet3DBasicTransformerBlock(weights, "\(prefix).transformer_blocks.\($0)", dim: inner, heads: heads, dimHead: dimHead,
                                            crossAttentionDim: nil, doubleSelfAttention: true)
        }
        projOut = try UNet3DLinear(weights, "\(prefix).proj_out", in: inner, out: inChannels)
    }

    /// `x` `(batch·frames, C, H, W)`.
    func callAsFunction(_ x: Tensor, frames: Int) throws -> Tensor {
        let (n, h, w) = (x.shape[0], x.shape[2], x.shape[3])
        var tokens = try norm.acrossFrames(x, frames: frames).framesToTemporalTokens(frames: frames)
        tokens = try projIn(tokens)
        for block in transformerBlocks { tokens = try block(tokens, context: nil) }
        tokens = try projOut(tokens)
        var out = try tokens.temporalTokensToFrames(batch: n / frames, height: h, width: w)
        try out.add(x)
        return out
    }
}
