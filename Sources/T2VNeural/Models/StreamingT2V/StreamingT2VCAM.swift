// StreamingT2V's Conditional Attention Module encoder (its ControlNetModel), written from
// shared/streamingt2v-spec.md §1.3 and §2.2.

/// What the CAM hands the base UNet for one denoising step: its skip features (one per skip
/// connection of the base UNet: `transformer_in` + frame features, then every down-block layer and
/// downsampler) and its mid-block output, each `(batch·frames, C, H, W)`.
public struct CAMFeatures: Sendable {
    public let down: [Tensor]
    public let mid: Tensor
    /// The CAM's frame count (8 in the released model).
    public let frames: Int
    /// nil: every down block and the mid block ran. Otherwise only the first `depth` down blocks ran
    /// (`mid` is empty): features for a DeepCache shallow step of the base UNet, which reads no more.
    public var depth: Int? = nil
}

/// The CAM: a copy of the base UNet's encoder (`conv_in`, `time_embedding`, `transformer_in`,
/// `down_blocks`, `mid_block`, diffusers' names; its cross-attentions see the text only) run on the
/// first `frames` noisy latents of the chunk, with the previous chunk's last frames added after
/// `transformer_in` through the frame encoder `controlnet_cond_embedding`. Its zero convolutions are
/// identities and its conditioning scale 1, so the features are handed over as they are.
public final class StreamingT2VCAM: @unchecked Sendable {
    public let config: UNet3DConfig
    let encoder: UNet3DEncoder
    let frameEncoder: ConditioningFrameEncoder

    /// `config` is the CAM's UNet config (the base UNet's, in the released model); the frame
    /// encoder's widths default to the released model's.
    public init(config: UNet3DConfig, weights: WeightStore, frameEncoderChannels: [Int] = [32, 96, 256, 512]) throws {
        try config.validate()
        self.config = config
        encoder = try UNet3DEncoder(config: config, weights: weights, settings: UNet3DBlockSettings(config: config))
        frameEncoder = try ConditioningFrameEncoder(
            weights: weights, prefix: "controlnet_cond_embedding.", blockOutChannels: frameEncoderChannels,
            outChannels: config.blockOutChannels[0])
    }

    /// - `sample`: `(batch, in_channels, frames, h, w)`, the chunk's first `frames` noisy latents.
    /// - `text`: `(batch, tokens, cross_attention_dim)`, the text tokens only (no image tokens).
    /// - `conditioningFrames`: `(batch·frames, 3, H, W)` in [−1, 1], batch-major: the previous
    ///   chunk's last frames as decoded floats; the frame encoder must bring `H×W` to `h×w`.
    /// - `depth`: run only the first `depth` down blocks and no mid block (a DeepCache shallow step).
    public func callAsFunction(
        sample: Tensor, timestep: Float, text: Tensor, conditioningFrames: Tensor, depth: Int? = nil
    ) throws -> CAMFeatures {
        let op = "StreamingT2V CAM"
        guard sample.rank == 5, sample.shape[1] == config.inChannels, sample.shape[0] >= 1, sample.shape[2] >= 1 else {
            throw NeuralError.shapeMismatch(op: op, "sample \(sample.shape) is not (batch, \(config.inChannels), frames, h, w)")
        }
        let (b, f, h, w) = (sample.shape[0], sample.shape[2], sample.shape[3], sample.shape[4])
        guard text.rank == 3, text.shape[0] == b, text.shape[2] == config.crossAttentionDim else {
            throw NeuralError.shapeMismatch(op: op, "text \(text.shape) for batch \(b) (expected (\(b), tokens, \(config.crossAttentionDim)))")
        }
        guard conditioningFrames.rank == 4, conditioningFrames.shape[0] == b * f, conditioningFrames.shape[1] == 3 else {
            throw NeuralError.shapeMismatch(op: op, "conditioning frames \(conditioningFrames.shape), expected (\(b * f), 3, H, W)")
        }
        let added = try frameEncoder(conditioningFrames)
        guard added.shape[2] == h, added.shape[3] == w else {
            throw NeuralError.shapeMismatch(
                op: op, "conditioning frames of \(conditioningFrames.shape[2])×\(conditioningFrames.shape[3]) encode to "
                    + "\(added.shape[2])×\(added.shape[3]), the latents are \(h)×\(w)")
        }
        let latents = try sample.permuted([0, 2, 1, 3, 4]).reshaped([b * f, config.inChannels, h, w])
        let (x, residuals, inputs) = try encoder.down(
            frames: latents, batch: b, timestep: timestep, context: text, added: added, depth: depth)
        if let depth { return CAMFeatures(down: residuals, mid: try Tensor(zeros: [0]), frames: f, depth: depth) }
        let mid = try encoder.midBlock(x, inputs)
        return CAMFeatures(down: residuals, mid: mid, frames: f)
    }
}
