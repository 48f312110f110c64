// diffusers/models/attention.py (BasicTransformerBlock, norm_type "layer_norm", GEGLU feed-forward)

/// `BasicTransformerBlock` as the UNet3D uses it: `norm1` + self-attention `attn1`, `norm2` +
/// `attn2` (cross-attention to the text in ``Transformer2DModel``; a second self-attention when
/// `doubleSelfAttention`, as in ``TransformerTemporalModel``), `norm3` + feed-forward `ff`, each
/// added to the residual stream. LayerNorm eps 1e-5. With `apm` (StreamingT2V's base UNet), the
/// cross-attention's context is first mixed by the block's ``APMContextMixer``.
struct BasicTransformerBlock: Sendable {
    let norm1, norm2, norm3: LayerNorm
    let attn1, attn2: Attention
    let ff: FeedForward
    let doubleSelfAttention: Bool
    let contextMixer: APMContextMixer?

    init(_ weights: WeightStore, _ prefix: String, dim: Int, heads: Int, dimHead: Int, crossAttentionDim: Int?,
         doubleSelfAttention: Bool, apm: APMTokens? = nil) throws {
        self.doubleSelfAttention = doubleSelfAttention
        norm1 = try LayerNorm(weights, "\(prefix).norm1", dim: dim)
        attn1 = try Attention(weights, "\(prefix).attn1", queryDim: dim, contextDim: dim, heads: heads, dimHead: dimHead)
        norm2 = try LayerNorm(weights, "\(prefix).norm2", dim: dim)
        let contextDim = doubleSelfAttention ? dim : (crossAttentionDim ?? dim)
        attn2 = try Attention(weights, "\(prefix).attn2", queryDim: dim, contextDim: contextDim, heads: heads, dimHead: dimHead)
        contextMixer = try apm.flatMap { tokens in
            doubleSelfAttention ? nil : try APMContextMixer(weights, "\(prefix).attn2", contextDim: contextDim, tokens: tokens)
        }
        norm3 = try LayerNorm(weights, "\(prefix).norm3", dim: dim)
        ff = try FeedForward(weights, "\(prefix).ff", dim: dim)
    }

    /// `x` is `(N, L, dim)`; `context` `(M, 77, crossAttentionDim)` with `N` a multiple of `M`
    /// (ignored when `doubleSelfAttention`).
    func callAsFunction(_ x: Tensor, context: Tensor?) throws -> Tensor {
        var h = x
        try h.add(attn1(norm1(h)))
        var crossContext = doubleSelfAttention ? nil : context
        if let contextMixer, let text = crossContext { crossContext = try contextMixer(text) }
        try h.add(attn2(norm2(h), context: crossContext))
        try h.add(ff(norm3(h)))
        return h
    }
}
