// StreamingT2V's APM mixing in the base UNet's spatial cross-attentions (its XFormersAttnProcessor
// with use_image_embedding), written from shared/streamingt2v-spec.md §2.4.

/// A spatial cross-attention of the base UNet with the Appearance Preservation Module: before the
/// keys and values are made, the context of `textTokens` text tokens followed by the image tokens is
/// mixed down to `textTokens` tokens,
///
///     mixed = LayerNorm(Conv1d(textTokens + imageTokens → textTokens, k=3, pad=1)(ctx))
///     ctx'  = ctx[:, :textTokens] + SiLU(alpha) · mixed
///
/// where the convolution takes the tokens as its channels and slides along the feature axis
/// (`conv.weight` `[77, 93, 3]` in the released model), `conv_ln` normalises each token's
/// features, and `alpha` is the layer's learned scalar gain (0 at initialisation: no image).
/// Then diffusers' attention: `q = to_q(h)`, `k = to_k(ctx')`, `v = to_v(ctx')`, heads of `dimHead`.
struct APMCrossAttention: Sendable {
    let attention: Attention
    let convWeight: Tensor
    let convBias: Tensor
    let convNorm: LayerNorm
    /// SiLU(alpha), the gain of the mixed tokens.
    let gain: Float
    let textTokens: Int
    let contextTokens: Int

    /// `prefix` is the attention's (`…transformer_blocks.0.attn2`); its `conv`, `conv_ln` and `alpha`
    /// sit beside `to_q`…`to_out.0`. The released model has 77 text and 16 image tokens of 1024.
    init(_ weights: WeightStore, _ prefix: String, queryDim: Int, contextDim: Int, heads: Int, dimHead: Int,
         textTokens: Int = 77, imageTokens: Int = 16) throws {
        attention = try Attention(weights, prefix, queryDim: queryDim, contextDim: contextDim, heads: heads, dimHead: dimHead)
        guard textTokens >= 1, imageTokens >= 0 else {
            throw NeuralError.invalidArgument(op: "APM cross-attention", "\(textTokens) text and \(imageTokens) image tokens")
        }
        self.textTokens = textTokens
        contextTokens = textTokens + imageTokens
        convWeight = try weights.tensor("\(prefix).conv.weight", shape: [textTokens, contextTokens, 3])
            .reshaped([textTokens, contextTokens, 1, 3])
        convBias = try weights.tensor("\(prefix).conv.bias", shape: [textTokens])
        convNorm = try LayerNorm(weights, "\(prefix).conv_ln", dim: contextDim, eps: 1e-5)
        // SiLU(alpha) as torch computes it (x · sigmoid(x)), through the same kernel as the tensors'.
        gain = try weights.tensor("\(prefix).alpha", shape: []).silu().scalars[0]
    }

    /// The mixed context `[M, textTokens, D]` of `context` `[M, textTokens + imageTokens, D]`.
    func mixedContext(_ context: Tensor) throws -> Tensor {
        guard context.rank == 3, context.shape[1] == contextTokens else {
            throw NeuralError.shapeMismatch(
                op: "APM cross-attention", "context \(context.shape), expected [M, \(contextTokens), D] (text and image tokens)")
        }
        let (m, d) = (context.shape[0], context.shape[2])
        let conv = try context.reshaped([m, contextTokens, 1, d])
            .conv2d(weight: convWeight, bias: convBias, stride: 1, padding: Padding2D(top: 0, bottom: 0, left: 1, right: 1))
        let mixed = try convNorm(try conv.reshaped([m, textTokens, d]))
        var text = try context.narrowed(dim: 1, start: 0, length: textTokens)
        try text.add(mixed.scaled(by: gain))
        return text
    }

    /// `x` `(N, L, queryDim)` attends to the mixed `context` `(M, textTokens + imageTokens, D)`, `N` a
    /// multiple of `M` (the frames of a video share its context).
    func callAsFunction(_ x: Tensor, context: Tensor) throws -> Tensor {
        try attention(x, context: try mixedContext(context))
    }
}
