// diffusers/models/transformers/transformer_temporal.py (TransformerTemporalModel)

/// Attention across frames: GroupNorm (eps 1e-6) over the `(batch, C, frames, H, W)` video, linear
/// `proj_in`, one ``BasicTransformerBlock`` with double self-attention (its `attn2` is a second
/// self-attention), linear `proj_out`, residual. Tokens are the frames of each position.
struct TransformerTemporalModel: Sendable {
    let layers: TransformerLayers

    init(_ weights: WeightStore, _ prefix: String, heads: Int, dimHead: Int, inChannels: Int, groups: Int,
         numLayers: Int = 1) throws {
        layers = try TransformerLayers(weights, prefix, heads: heads, dimHead: dimHead, inChannels: inChannels, groups: groups,
                                       crossAttentionDim: nil, doubleSelfAttention: true, numLayers: numLayers)
    }

    /// `x` `(batch·frames, C, H, W)`.
    func callAsFunction(_ x: Tensor, frames: Int) throws -> Tensor {
        let (n, h, w) = (x.shape[0], x.shape[2], x.shape[3])
        let tokens = try layers.norm.acrossFrames(x, frames: frames).framesToTemporalTokens(frames: frames)
        var out = try layers.transform(tokens, context: nil).temporalTokensToFrames(batch: n / frames, height: h, width: w)
        try out.add(x)
        return out
    }
}
