// diffusers/models/unets/unet_3d_blocks.py (UNetMidBlock3DCrossAttn)

/// `UNetMidBlock3DCrossAttn`: resnet → temp_conv, then per layer attention → temp_attention →
/// resnet → temp_conv.
struct UNet3DMidBlock: Sendable {
    let layers: UNet3DBlockLayers

    init(_ weights: WeightStore, _ prefix: String, channels c: Int, headSize: Int, outputScaleFactor: Float,
         settings: UNet3DBlockSettings, numLayers: Int = 1) throws {
        var layers = UNet3DBlockLayers()
        for i in 0...numLayers {
            if i > 0 { try layers.appendAttention(weights, prefix, i - 1, channels: c, headSize: headSize, settings: settings) }
            try layers.appendResnet(weights, prefix, i, inChannels: c, outChannels: c, settings: settings,
                                    outputScaleFactor: outputScaleFactor)
        }
        self.layers = layers
    }

    func callAsFunction(_ x: Tensor, _ inputs: UNet3DBlockInputs) throws -> Tensor {
        var h = try layers.resnetStep(0, x, inputs)
        for i in layers.attentions.indices {
            h = try layers.resnetStep(i + 1, layers.attentionStep(i, h, inputs), inputs)
        }
        return h
    }
}
