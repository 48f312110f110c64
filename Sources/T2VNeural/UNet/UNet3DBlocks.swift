// diffusers/models/unets/unet_3d_blocks.py (CrossAttnDownBlock3D, DownBlock3D, UNetMidBlock3DCrossAttn,
// UpBlock3D, CrossAttnUpBlock3D)

/// What the UNet passes to every block.
struct UNet3DBlockInputs {
    /// `silu(time_embedding)` repeated per frame, `(batch·frames, temb)`.
    let tembActivated: Tensor
    /// The text, `(batch, 77, D)` (not repeated per frame).
    let context: Tensor
    let frames: Int
}

/// A down block: `CrossAttnDownBlock3D` when it has `attentions`, else `DownBlock3D`. Each layer is
/// resnet → temp_conv (→ attention → temp_attention); the output of every layer and of the
/// downsampler is kept for the skip connections.
struct UNet3DDownBlock {
    let resnets: [UNetResnetBlock]
    let tempConvs: [UNet3DTemporalConvLayer]
    let attentions: [UNet3DTransformer2DModel]
    let tempAttentions: [UNet3DTransformerTemporalModel]
    let downsamplers: [UNet3DDownsample2D]

    init(_ weights: WeightStore, _ prefix: String, crossAttention: Bool, numLayers: Int, inChannels: Int, outChannels: Int,
         tembChannels: Int, addDownsample: Bool, eps: Float, groups: Int, crossAttentionDim: Int, headSize: Int,
         downsamplePadding: Int) throws {
        var resnets = [UNetResnetBlock](), tempConvs = [UNet3DTemporalConvLayer]()
        var attentions = [UNet3DTransformer2DModel](), tempAttentions = [UNet3DTransformerTemporalModel]()
        let heads = outChannels / headSize
        for i in 0..<numLayers {
            let cin = i == 0 ? inChannels : outChannels
            resnets.append(try UNetResnetBlock(weights, "\(prefix).resnets.\(i)", inChannels: cin, outChannels: outChannels,
                                               tembChannels: tembChannels, groups: groups, eps: eps))
            tempConvs.append(try UNet3DTemporalConvLayer(weights, "\(prefix).temp_convs.\(i)", inDim: outChannels, outDim: outChannels, groups: groups))
            if crossAttention {
                attentions.append(try UNet3DTransformer2DModel(weights, "\(prefix).attentions.\(i)", heads: heads, dimHead: headSize,
                                                               inChannels: outChannels, groups: groups, crossAttentionDim: crossAttentionDim))
                tempAttentions.append(try UNet3DTransformerTemporalModel(weights, "\(prefix).temp_attentions.\(i)", heads: heads,
                                                                         dimHead: headSize, inChannels: outChannels, groups: groups))
            }
        }
        self.resnets = resnets
        self.tempConvs = tempConvs
        self.attentions = attentions
        self.tempAttentions = tempAttentions
        downsamplers = addDownsample
            ? [try UNet3DDownsample2D(weights, "\(prefix).downsamplers.0", channels: outChannels, padding: downsamplePadding)] : []
    }

    func callAsFunction(_ x: Tensor, _ inputs: UNet3DBlockInputs) throws -> (Tensor, [Tensor]) {
        var h = x
        var outputStates = [Tensor]()
        for i in 0..<resnets.count {
            h = try resnets[i](h, tembActivated: inputs.tembActivated)
            h = try tempConvs[i](h, frames: inputs.frames)
            if !attentions.isEmpty {
                h = try attentions[i](h, context: inputs.context)
                h = try tempAttentions[i](h, frames: inputs.frames)
            }
            outputStates.append(h)
        }
        for downsampler in downsamplers {
            h = try downsampler(h)
            outputStates.append(h)
        }
        return (h, outputStates)
    }
}

/// `UNetMidBlock3DCrossAttn` (one layer): resnet → temp_conv → attention → temp_attention →
/// resnet → temp_conv.
struct UNet3DMidBlock {
    let resnets: [UNetResnetBlock]
    let tempConvs: [UNet3DTemporalConvLayer]
    let attentions: [UNet3DTransformer2DModel]
    let tempAttentions: [UNet3DTransformerTemporalModel]

    init(_ weights: WeightStore, _ prefix: String, inChannels c: Int, tembChannels: Int, eps: Float, groups: Int,
         outputScaleFactor: Float, crossAttentionDim: Int, headSize: Int, numLayers: Int = 1) throws {
        let heads = c / headSize
        var resnets = [try UNetResnetBlock(weights, "\(prefix).resnets.0", inChannels: c, outChannels: c, tembChannels: tembChannels,
                                           groups: groups, eps: eps, outputScaleFactor: outputScaleFactor)]
        var tempConvs = [try UNet3DTemporalConvLayer(weights, "\(prefix).temp_convs.0", inDim: c, outDim: c, groups: groups)]
        var attentions = [UNet3DTransformer2DModel](), tempAttentions = [UNet3DTransformerTemporalModel]()
        for i in 0..<numLayers {
            attentions.append(try UNet3DTransformer2DModel(weights, "\(prefix).attentions.\(i)", heads: heads, dimHead: headSize,
                                                           inChannels: c, groups: groups, crossAttentionDim: crossAttentionDim))
            tempAttentions.append(try UNet3DTransformerTemporalModel(weights, "\(prefix).temp_attentions.\(i)", heads: heads,
                                                                     dimHead: headSize, inChannels: c, groups: groups))
            resnets.append(try UNetResnetBlock(weights, "\(prefix).resnets.\(i + 1)", inChannels: c, outChannels: c,
                                               tembChannels: tembChannels, groups: groups, eps: eps, outputScaleFactor: outputScaleFactor))
            tempConvs.append(try UNet3DTemporalConvLayer(weights, "\(prefix).temp_convs.\(i + 1)", inDim: c, outDim: c, groups: groups))
        }
        self.resnets = resnets
        self.tempConvs = tempConvs
        self.attentions = attentions
        self.tempAttentions = tempAttentions
    }

    func callAsFunction(_ x: Tensor, _ inputs: UNet3DBlockInputs) throws -> Tensor {
        var h = try resnets[0](x, tembActivated: inputs.tembActivated)
        h = try tempConvs[0](h, frames: inputs.frames)
        for i in 0..<attentions.count {
            h = try attentions[i](h, context: inputs.context)
            h = try tempAttentions[i](h, frames: inputs.frames)
            h = try resnets[i + 1](h, tembActivated: inputs.tembActivated)
            h = try tempConvs[i + 1](h, frames: inputs.frames)
        }
        return h
    }
}

/// An up block: `CrossAttnUpBlock3D` when it has `attentions`, else `UpBlock3D`. Each layer
/// concatenates the last remaining skip output along channels, then resnet → temp_conv
/// (→ attention → temp_attention); an upsampler follows on all but the last block.
struct UNet3DUpBlock {
    let resnets: [UNetResnetBlock]
    let tempConvs: [UNet3DTemporalConvLayer]
    let attentions: [UNet3DTransformer2DModel]
    let tempAttentions: [UNet3DTransformerTemporalModel]
    let upsamplers: [UNet3DUpsample2D]

    init(_ weights: WeightStore, _ prefix: String, crossAttention: Bool, numLayers: Int, inChannels: Int, outChannels: Int,
         prevOutputChannels: Int, tembChannels: Int, addUpsample: Bool, eps: Float, groups: Int, crossAttentionDim: Int,
         headSize: Int) throws {
        var resnets = [UNetResnetBlock](), tempConvs = [UNet3DTemporalConvLayer]()
        var attentions = [UNet3DTransformer2DModel](), tempAttentions = [UNet3DTransformerTemporalModel]()
        let heads = outChannels / headSize
        for i in 0..<numLayers {
            let skip = i == numLayers - 1 ? inChannels : outChannels
            let cin = i == 0 ? prevOutputChannels : outChannels
            resnets.append(try UNetResnetBlock(weights, "\(prefix).resnets.\(i)", inChannels: cin + skip, outChannels: outChannels,
                                               tembChannels: tembChannels, groups: groups, eps: eps))
            tempConvs.append(try UNet3DTemporalConvLayer(weights, "\(prefix).temp_convs.\(i)", inDim: outChannels, outDim: outChannels, groups: groups))
            if crossAttention {
                attentions.append(try UNet3DTransformer2DModel(weights, "\(prefix).attentions.\(i)", heads: heads, dimHead: headSize,
                                                               inChannels: outChannels, groups: groups, crossAttentionDim: crossAttentionDim))
                tempAttentions.append(try UNet3DTransformerTemporalModel(weights, "\(prefix).temp_attentions.\(i)", heads: heads,
                                                                         dimHead: headSize, inChannels: outChannels, groups: groups))
            }
        }
        self.resnets = resnets
        self.tempConvs = tempConvs
        self.attentions = attentions
        self.tempAttentions = tempAttentions
        upsamplers = addUpsample ? [try UNet3DUpsample2D(weights, "\(prefix).upsamplers.0", channels: outChannels)] : []
    }

    /// `residuals` are this block's skip outputs in down-pass order (the last is used first).
    func callAsFunction(_ x: Tensor, residuals: [Tensor], _ inputs: UNet3DBlockInputs,
                        upsampleSize: (height: Int, width: Int)?) throws -> Tensor {
        guard residuals.count == resnets.count else {
            throw NeuralError.shapeMismatch(op: "UNet3D up block", "\(residuals.count) skip outputs for \(resnets.count) resnets")
        }
        var h = x
        var skips = residuals
        for i in 0..<resnets.count {
            let skip = skips.removeLast()
            h = try Tensor.concat([h, skip], dim: 1)
            h = try resnets[i](h, tembActivated: inputs.tembActivated)
            h = try tempConvs[i](h, frames: inputs.frames)
            if !attentions.isEmpty {
                h = try attentions[i](h, context: inputs.context)
                h = try tempAttentions[i](h, frames: inputs.frames)
            }
        }
        for upsampler in upsamplers { h = try upsampler(h, outputSize: upsampleSize) }
        return h
    }
}
