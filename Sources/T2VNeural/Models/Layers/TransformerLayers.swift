// The layers diffusers' transformers/transformer_2d.py (Transformer2DModel) and
// transformers/transformer_temporal.py (TransformerTemporalModel) both have.

/// GroupNorm `norm` (eps 1e-6), linear `proj_in`, `transformer_blocks` (``BasicTransformerBlock``),
/// linear `proj_out`: the state dict of both continuous-input transformer models.
struct TransformerLayers: Sendable {
    let norm: GroupNorm
    let projIn: Linear
    let transformerBlocks: [BasicTransformerBlock]
    let projOut: Linear

    init(_ weights: WeightStore, _ prefix: String, heads: Int, dimHead: Int, inChannels: Int, groups: Int,
         crossAttentionDim: Int?, doubleSelfAttention: Bool, numLayers: Int, apm: APMTokens? = nil) throws {
        let inner = heads * dimHead
        norm = try GroupNorm(weights, "\(prefix).norm", groups: groups, channels: inChannels, eps: 1e-6)
        projIn = try Linear(weights, "\(prefix).proj_in", inFeatures: inChannels, outFeatures: inner)
        transformerBlocks = try (0..<numLayers).map {
            try BasicTransformerBlock(weights, "\(prefix).transformer_blocks.\($0)", dim: inner, heads: heads, dimHead: dimHead,
                                      crossAttentionDim: crossAttentionDim, doubleSelfAttention: doubleSelfAttention, apm: apm)
        }
        projOut = try Linear(weights, "\(prefix).proj_out", inFeatures: inner, outFeatures: inChannels)
    }

    /// `proj_out(blocks(proj_in(tokens)))` for `(N, L, inChannels)` tokens.
    func transform(_ tokens: Tensor, context: Tensor?) throws -> Tensor {
        var h = try projIn(tokens)
        for block in transformerBlocks { h = try block(h, context: context) }
        return try projOut(h)
    }
}
