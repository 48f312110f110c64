// StreamingT2V's ImgEmbContextResampler (APM), written from shared/streamingt2v-spec.md §1.4 and §2.1(b).

/// The Appearance Preservation Module's resampler: the anchor frames' CLIP image embeddings become
/// `tokens` context tokens for the UNet's cross-attentions.
///
/// `x` `[N·F_a, D]` → `[N, F_a, D]` → mean over the `F_a` anchor frames → `context_embedding.0`
/// (Linear D → inner) → SiLU → `context_embedding.2` (Linear inner → tokens·D) → `[N, tokens, D]`.
/// The released model: D = 1024, inner 1280, 16 tokens, one anchor frame.
public struct ImageContextResampler: Sendable {
    let first: Linear
    let second: Linear
    /// The context width D and the number of tokens made per video.
    public let contextDim: Int
    public let tokens: Int

    /// Loads `<prefix>context_embedding.{0,2}.{weight,bias}` (prefix e.g. `""` in a `resampler/`
    /// folder, `"resampler."` in the checkpoint); the defaults are the released model's sizes.
    public init(weights: WeightStore, prefix: String = "", contextDim: Int = 1024, innerDim: Int = 1280, tokens: Int = 16) throws {
        let (outFeatures, overflow) = tokens.multipliedReportingOverflow(by: contextDim)
        guard contextDim >= 1, innerDim >= 1, tokens >= 1, !overflow else {
            throw NeuralError.invalidArgument(op: "APM resampler", "sizes \(contextDim), \(innerDim), \(tokens) must be positive and small")
        }
        self.contextDim = contextDim
        self.tokens = tokens
        first = try Linear(weights, "\(prefix)context_embedding.0", inFeatures: contextDim, outFeatures: innerDim)
        second = try Linear(weights, "\(prefix)context_embedding.2", inFeatures: innerDim, outFeatures: outFeatures)
    }

    /// `[videos · anchorFrames, D]` image embeddings → `[videos, tokens, D]` context tokens.
    public func callAsFunction(_ embeddings: Tensor, anchorFrames: Int = 1) throws -> Tensor {
        guard embeddings.rank == 2, embeddings.shape[1] == contextDim, anchorFrames >= 1,
              embeddings.shape[0] >= anchorFrames, embeddings.shape[0] % anchorFrames == 0
        else {
            throw NeuralError.shapeMismatch(
                op: "APM resampler", "embeddings \(embeddings.shape) for \(anchorFrames) anchor frames of width \(contextDim)")
        }
        let videos = embeddings.shape[0] / anchorFrames
        var pooled = embeddings
        if anchorFrames > 1 {
            // torch's mean(1): the sum in frame order, divided by the count.
            let x = try embeddings.reshaped([videos, anchorFrames, contextDim])
            pooled = try x.narrowed(dim: 1, start: 0, length: 1).reshaped([videos, contextDim])
            for f in 1..<anchorFrames {
                try pooled.add(try x.narrowed(dim: 1, start: f, length: 1).reshaped([videos, contextDim]))
            }
            pooled = pooled.scaled(by: 1 / Float(anchorFrames))
        }
        return try second(try first(pooled).silu()).reshaped([videos, tokens, contextDim])
    }
}
