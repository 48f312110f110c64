// StreamingT2V's APM mixing in the base UNet's spatial cross-attentions (its XFormersAttnProcessor
// with use_image_embedding), written from shared/streamingt2v-spec.md §2.4.

/// How many text and image tokens the context of an APM UNet holds (77 and 16 in the released model).
public struct APMTokens: Equatable, Sendable {
    public var text: Int
    public var image: Int
    public init(text: Int = 77, image: Int = 16) {
        self.text = text
        self.image = image
    }
}

/// The Appearance Preservation Module's step in a spatial cross-attention of the base UNet: before
/// the keys and values are made, the context of text tokens followed by image tokens is mixed down
/// to the text tokens,
///
///     mixed = LayerNorm(Conv1d(text + image → text, k=3, pad=1)(ctx))
///     ctx'  = ctx[:, :text] + SiLU(alpha) · mixed
///
/// where the convolution takes the tokens as its channels and slides along the feature axis
/// (`conv.weight` `[77, 93, 3]` in the released model), `conv_ln` normalises each token's
/// features, and `alpha` is the layer's learned scalar gain (0 at initialisation: no image). The
/// attention then runs as usual on `ctx'` (``BasicTransformerBlock``).
struct APMContextMixer: Sendable {
    let convWeight: Tensor
    let convBias: Tensor
    let convNorm: LayerNorm
    /// SiLU(alpha), the gain of the mixed tokens.
    let gain: Float
    let tokens: APMTokens

    /// `prefix` is the attention's (`…transformer_blocks.0.attn2`); its `conv`, `conv_ln` and `alpha`
    /// sit beside `to_q`…`to_out.0`.
    init(_ weights: WeightStore, _ prefix: String, contextDim: Int, tokens: APMTokens) throws {
        guard tokens.text >= 1, tokens.image >= 0, tokens.text <= 65_536, tokens.image <= 65_536 else {
            throw NeuralError.invalidArgument(op: "APM", "\(tokens.text) text and \(tokens.image) image tokens")
        }
        self.tokens = tokens
        let all = tokens.text + tokens.image
        convWeight = try weights.tensor("\(prefix).conv.weight", shape: [tokens.text, all, 3]).reshaped([tokens.text, all, 1, 3])
        convBias = try weights.tensor("\(prefix).conv.bias", shape: [tokens.text])
        convNorm = try LayerNorm(weights, "\(prefix).conv_ln", dim: contextDim, eps: 1e-5)
        // SiLU(alpha) as torch computes it (x · sigmoid(x)), through the same kernel as the tensors'.
        gain = try weights.tensor("\(prefix).alpha", shape: []).silu().scalars[0]
    }

    /// The mixed context `[M, text, D]` of `context` `[M, text + image, D]`. A context of the text
    /// tokens alone passes unchanged: the APM is off (a first chunk, made before any anchor exists).
    func callAsFunction(_ context: Tensor) throws -> Tensor {
        if context.rank == 3, context.shape[1] == tokens.text { return context }
        let all = tokens.text + tokens.image
        guard context.rank == 3, context.shape[1] == all else {
            throw NeuralError.shapeMismatch(
                op: "APM", "context \(context.shape), expected [M, \(all), D] (\(tokens.text) text and \(tokens.image) image tokens)")
        }
        let (m, d) = (context.shape[0], context.shape[2])
        let conv = try context.reshaped([m, all, 1, d])
            .conv2d(weight: convWeight, bias: convBias, stride: 1, padding: Padding2D(top: 0, bottom: 0, left: 1, right: 1))
        let mixed = try convNorm(try conv.reshaped([m, tokens.text, d]))
        var text = try context.narrowed(dim: 1, start: 0, length: tokens.text)
        try text.add(mixed.scaled(by: gain))
        return text
    }
}
