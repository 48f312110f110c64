// diffusers/models/unets/unet_3d_blocks.py (CrossAttnDownBlock3D, DownBlock3D)

/// A down block: `CrossAttnDownBlock3D` when it has attentions, else `DownBlock3D`. Each layer is
/// resnet → temp_conv (→ attention → temp_attention); the output of every layer and of the
/// downsampler is kept for the skip connections.
struct UNet3DDownBlock: Sendable {
    let layers: UNet3DBlockLayers
    let downsamplers: [Downsample2D]

    init(_ weights: WeightStore, _ prefix: String, crossAttention: Bool, numLayers: Int, inChannels: Int, outChannels: Int,
         headSize: Int, addDownsample: Bool, downsamplePadding: Int, settings: UNet3DBlockSettings) throws {
        layers = try UNet3DBlockLayers(weights, prefix, numLayers: numLayers, crossAttention: crossAttention,
                                       resnetInChannels: { $0 == 0 ? inChannels : outChannels }, outChannels: outChannels,
                                       headSize: headSize, settings: settings)
        downsamplers = addDownsample
            ? [try Downsample2D(weights, "\(prefix).downsamplers.0", channels: outChannels, padding: downsamplePadding)] : []
    }

    func callAsFunction(_ x: Tensor, _ inputs: UNet3DBlockInputs) throws -> (Tensor, [Tensor]) {
        var h = x
        var outputStates = [Tensor]()
        for i in layers.resnets.indices {
            h = try layers.layer(i, h, inputs)
            outputStates.append(h)
        }
        for downsampler in downsamplers {
            h = try downsampler(h)
            outputStates.append(h)
        }
        return (h, outputStates)
    }
}
