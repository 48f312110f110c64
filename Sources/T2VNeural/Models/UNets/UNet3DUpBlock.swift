// diffusers/models/unets/unet_3d_blocks.py (CrossAttnUpBlock3D, UpBlock3D)

/// An up block: `CrossAttnUpBlock3D` when it has attentions, else `UpBlock3D`. Each layer
/// concatenates the last remaining skip output along channels, then resnet → temp_conv
/// (→ attention → temp_attention); an upsampler follows on all but the last block.
struct UNet3DUpBlock: Sendable {
    let layers: UNet3DBlockLayers
    let upsamplers: [Upsample2D]

    init(_ weights: WeightStore, _ prefix: String, crossAttention: Bool, numLayers: Int, inChannels: Int, outChannels: Int,
         prevOutputChannels: Int, tembChannels: Int, addUpsample: Bool, eps: Float, groups: Int, crossAttentionDim: Int,
         headSize: Int) throws {
        var layers = UNet3DBlockLayers()
        for i in 0..<numLayers {
            let skip = i == numLayers - 1 ? inChannels : outChannels
            let cin = i == 0 ? prevOutputChannels : outChannels
            try layers.appendResnet(weights, prefix, i, inChannels: cin + skip, outChannels: outChannels,
                                    tembChannels: tembChannels, groups: groups, eps: eps)
            if crossAttention {
                try layers.appendAttention(weights, prefix, i, channels: outChannels, groups: groups,
                                           crossAttentionDim: crossAttentionDim, headSize: headSize)
            }
        }
        self.layers = layers
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
