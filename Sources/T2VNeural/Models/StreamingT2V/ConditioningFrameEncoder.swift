// StreamingT2V's CAM conditioning-frame encoder (`controlnet_cond_embedding`), which is diffusers'
// ControlNetConditioningEmbedding; shared/streamingt2v-spec.md §1.3 and §2.2 step 4.

/// The CAM's frame encoder: the previous chunk's frames, in [−1, 1], down to the latent grid.
/// `conv_in` (3 → c₀) → SiLU → for each pair of `blocks`: conv cᵢ → cᵢ, SiLU, conv cᵢ → cᵢ₊₁ with
/// stride 2, SiLU → `conv_out` (→ the UNet's first width; no activation). All 3×3, padding 1, with
/// bias, no normalisation. The released model: channels 32, 96, 256, 512 → 320, 256² → 32².
/// Channels are read from the weights.
public struct ConditioningFrameEncoder: Sendable {
    let convIn: Conv2d
    let blocks: [Conv2d]
    let convOut: Conv2d
    public let outChannels: Int

    /// Loads `<prefix>conv_in`, `<prefix>blocks.{0…}`, `<prefix>conv_out` (prefix e.g.
    /// `"controlnet_cond_embedding."`), with diffusers' ControlNetModel names for the sizes
    /// (`conditioning_channels`, `conditioning_embedding_out_channels`, the UNet's first width); the
    /// defaults are the released model's.
    public init(weights: WeightStore, prefix: String, inChannels: Int = 3, blockOutChannels: [Int] = [32, 96, 256, 512],
                outChannels: Int = 320) throws {
        guard let first = blockOutChannels.first, inChannels >= 1, outChannels >= 1, blockOutChannels.allSatisfy({ $0 >= 1 }) else {
            throw NeuralError.invalidArgument(op: "CAM frame encoder", "channels \(inChannels), \(blockOutChannels), \(outChannels)")
        }
        convIn = try Conv2d.conv3x3(weights, "\(prefix)conv_in", inChannels: inChannels, outChannels: first)
        var blocks = [Conv2d]()
        for (c, next) in zip(blockOutChannels, blockOutChannels.dropFirst()) {
            blocks.append(try Conv2d.conv3x3(weights, "\(prefix)blocks.\(blocks.count)", inChannels: c, outChannels: c))
            blocks.append(try Conv2d(
                weights, "\(prefix)blocks.\(blocks.count)", inChannels: c, outChannels: next, kernelSize: 3, stride: 2,
                padding: Padding2D(1)))
        }
        self.blocks = blocks
        convOut = try Conv2d.conv3x3(weights, "\(prefix)conv_out", inChannels: blockOutChannels[blockOutChannels.count - 1], outChannels: outChannels)
        self.outChannels = outChannels
    }

    /// `[N, 3, H, W]` frames → `[N, outChannels, H / 2^(blocks/2), W / 2^(blocks/2)]`.
    public func callAsFunction(_ frames: Tensor) throws -> Tensor {
        var h = try convIn(frames).silu()
        for block in blocks { h = try block(h).silu() }
        return try convOut(h)
    }
}
