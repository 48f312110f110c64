// diffusers/models/unets/unet_3d_blocks.py (CrossAttnUpBlock3D, UpBlock3D)

/// An up block: `CrossAttnUpBlock3D` when it has attentions, else `UpBlock3D`. Each layer
/// concatenates the last remaining skip output along channels, then resnet → temp_conv
/// (→ attention → temp_attention); an upsampler follows on all but the last block.
struct UNet3DUpBlock: Sendable {
    let layers: UNet3DBlockLayers
    let upsamplers: [Upsample2D]

    /// Resnet `i` reads the previous output (`prevOutputChannels`, the block below's, for the first)
    /// concatenated with a skip (`inChannels` wide for the last, else `outChannels`).
    init(_ weights: WeightStore, _ prefix: String, crossAttention: Bool, numLayers: Int, inChannels: Int, outChannels: Int,
         prevOutputChannels: Int, headSize: Int, addUpsample: Bool, settings: UNet3DBlockSettings) throws {
        layers = try UNet3DBlockLayers(
            weights, prefix, numLayers: numLayers, crossAttention: crossAttention,
            resnetInChannels: { ($0 == 0 ? prevOutputChannels : outChannels) + ($0 == numLayers - 1 ? inChannels : outChannels) },
            outChannels: outChannels, headSize: headSize, settings: settings)
        upsamplers = addUpsample ? [try Upsample2D(weights, "\(prefix).upsamplers.0", channels: outChannels)] : []
    }

    /// `residuals` are this block's skip outputs in down-pass order (the last is used first).
    func callAsFunction(_ x: Tensor, residuals: [Tensor], _ inputs: UNet3DBlockInputs,
                        upsampleSize: (height: Int, width: Int)?) throws -> Tensor {
        guard residuals.count == layers.resnets.count else {
            throw NeuralError.shapeMismatch(op: "UNet3D up block", "\(residuals.count) skip outputs for \(layers.resnets.count) resnets")
        }
        var h = x
        var skips = residuals
        for i in layers.resnets.indices {
            let skip = skips.removeLast()
            h = try layers.layer(i, Tensor.concat([h, skip], dim: 1), inputs)
        }
        for upsampler in upsamplers { h = try upsampler(h, outputSize: upsampleSize) }
        return h
    }
}
