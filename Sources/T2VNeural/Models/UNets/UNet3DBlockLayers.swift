// diffusers/models/unets/unet_3d_blocks.py (the resnets/temp_convs/attentions/temp_attentions lists
// every 3-D block holds)

/// The layers of a 3-D UNet block, in the state dict's lists: `resnets.i` + `temp_convs.i` (one
/// resnet step), and in cross-attention blocks `attentions.i` + `temp_attentions.i` (one attention
/// step). The blocks differ only in the order of the steps.
struct UNet3DBlockLayers: Sendable {
    private(set) var resnets = [ResnetBlock2D]()
    private(set) var tempConvs = [TemporalConvLayer]()
    private(set) var attentions = [Transformer2DModel]()
    private(set) var tempAttentions = [TransformerTemporalModel]()

    init() {}

    /// The layers of a down or up block: for each `i`, `resnets.i` from `resnetInChannels(i)` to
    /// `outChannels` with `temp_convs.i`, and in cross-attention blocks `attentions.i` and
    /// `temp_attentions.i` with heads of `headSize`.
    init(_ weights: WeightStore, _ prefix: String, numLayers: Int, crossAttention: Bool, resnetInChannels: (Int) -> Int,
         outChannels: Int, headSize: Int, settings: UNet3DBlockSettings) throws {
        for i in 0..<numLayers {
            try appendResnet(weights, prefix, i, inChannels: resnetInChannels(i), outChannels: outChannels, settings: settings)
            if crossAttention {
                try appendAttention(weights, prefix, i, channels: outChannels, headSize: headSize, settings: settings)
            }
        }
    }

    /// Loads `resnets.i` (with time embedding) and `temp_convs.i`.
    mutating func appendResnet(_ weights: WeightStore, _ prefix: String, _ i: Int, inChannels: Int, outChannels: Int,
                               settings s: UNet3DBlockSettings, outputScaleFactor: Float = 1) throws {
        resnets.append(try ResnetBlock2D(weights, "\(prefix).resnets.\(i)", inChannels: inChannels, outChannels: outChannels,
                                         tembChannels: s.tembChannels, groups: s.groups, eps: s.eps,
                                         outputScaleFactor: outputScaleFactor))
        tempConvs.append(try TemporalConvLayer(weights, "\(prefix).temp_convs.\(i)", inDim: outChannels, outDim: outChannels,
                                               groups: s.groups))
    }

    /// Loads `attentions.i` (cross-attention to the text) and `temp_attentions.i`.
    mutating func appendAttention(_ weights: WeightStore, _ prefix: String, _ i: Int, channels: Int, headSize: Int,
                                  settings s: UNet3DBlockSettings) throws {
        let heads = channels / headSize
        attentions.append(try Transformer2DModel(weights, "\(prefix).attentions.\(i)", heads: heads, dimHead: headSize,
                                                 inChannels: channels, groups: s.groups, crossAttentionDim: s.crossAttentionDim,
                                                 apm: s.apm))
        tempAttentions.append(try TransformerTemporalModel(weights, "\(prefix).temp_attentions.\(i)", heads: heads,
                                                           dimHead: headSize, inChannels: channels, groups: s.groups))
    }

    /// `temp_convs[i](resnets[i](h, temb))`.
    func resnetStep(_ i: Int, _ h: Tensor, _ inputs: UNet3DBlockInputs) throws -> Tensor {
        try tempConvs[i](resnets[i](h, tembActivated: inputs.tembActivated), frames: inputs.frames)
    }

    /// `temp_attentions[i](attentions[i](h, text))`.
    func attentionStep(_ i: Int, _ h: Tensor, _ inputs: UNet3DBlockInputs) throws -> Tensor {
        try tempAttentions[i](attentions[i](h, context: inputs.context), frames: inputs.frames)
    }

    /// A layer of a down or up block: the resnet step, then the attention step when the block has one.
    func layer(_ i: Int, _ h: Tensor, _ inputs: UNet3DBlockInputs) throws -> Tensor {
        let r = try resnetStep(i, h, inputs)
        return attentions.isEmpty ? r : try attentionStep(i, r, inputs)
    }
}
