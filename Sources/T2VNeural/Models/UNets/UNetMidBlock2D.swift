// diffusers/models/unets/unet_2d_blocks.py (UNetMidBlock2D, temb_channels=None, as the VAE builds it)

/// diffusers' `UNetMidBlock2D` without time embedding: `resnets[0]`, then for each attention
/// `attentions[i]` followed by `resnets[i + 1]` (one attention, two resnets in the VAE).
struct UNetMidBlock2D: Sendable {
    let resnets: [ResnetBlock2D]
    let attentions: [Attention]

    init(_ w: WeightStore, _ prefix: String, channels: Int, groups: Int, eps: Float, addAttention: Bool) throws {
        resnets = try (0..<2).map {
            try ResnetBlock2D(w, "\(prefix).resnets.\($0)", inChannels: channels, outChannels: channels, groups: groups, eps: eps)
        }
        attentions = addAttention
            ? [try Attention(w, "\(prefix).attentions.0", channels: channels, headDim: channels, groups: groups, eps: eps)]
            : []
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        var h = try resnets[0](x)
        for i in 1..<resnets.count {
            if attentions.indices.contains(i - 1) { h = try attentions[i - 1].spatial(h) }
            h = try resnets[i](h)
        }
        return h
    }
}
