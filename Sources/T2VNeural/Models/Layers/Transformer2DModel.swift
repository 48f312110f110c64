// diffusers/models/transformers/transformer_2d.py (Transformer2DModel, continuous input, use_linear_projection=True)

/// The spatial transformer of the UNet3D blocks: GroupNorm (eps 1e-6), linear `proj_in`, one
/// ``BasicTransformerBlock`` with cross-attention to the text, linear `proj_out`, residual.
/// Tokens are the `H·W` positions of each frame.
struct Transformer2DModel: Sendable {
    let layers: TransformerLayers

    init(_ weights: WeightStore, _ prefix: String, heads: Int, dimHead: Int, inChannels: Int, groups: Int,
         crossAttentionDim: Int, numLayers: Int = 1, apm: APMTokens? = nil) throws {
        layers = try TransformerLayers(weights, prefix, heads: heads, dimHead: dimHead, inChannels: inChannels, groups: groups,
                                       crossAttentionDim: crossAttentionDim, doubleSelfAttention: false, numLayers: numLayers,
                                       apm: apm)
    }

    /// `x` `(batch·frames, C, H, W)`, `context` `(batch, 77, D)` (with the APM, `(batch, 77 + 16, D)`).
    func callAsFunction(_ x: Tensor, context: Tensor) throws -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let tokens = try layers.norm(x).reshaped([n, c, h * w]).permuted([0, 2, 1])
        var out = try layers.transform(tokens, context: context).permuted([0, 2, 1]).reshaped([n, c, h, w])
        try out.add(x)
        return out
    }
}
