// diffusers/models/autoencoders/vae.py (Encoder, double_z=True), AutoencoderKL's encoder.

/// diffusers' `Encoder`: `conv_in`, down blocks (each halving the size except the last), mid block,
/// `conv_norm_out` + SiLU, `conv_out` to `2·latent_channels` (mean and log-variance).
struct VAEEncoder: Sendable {
    let convIn: Conv2d
    let downBlocks: [DownEncoderBlock2D]
    let midBlock: UNetMidBlock2D
    let convNormOut: GroupNorm
    let convOut: Conv2d

    init(_ w: WeightStore, _ prefix: String, config: AutoencoderKLConfig) throws {
        let channels = config.blockOutChannels, last = channels[channels.count - 1]
        let (groups, eps) = (config.normNumGroups, AutoencoderKLConfig.normEps)
        convIn = try Conv2d.conv3x3(w, "\(prefix).conv_in", inChannels: config.inChannels, outChannels: channels[0])
        downBlocks = try DownEncoderBlock2D.chain(w, "\(prefix).down_blocks", channels: channels, layers: config.layersPerBlock,
                                                  groups: groups, eps: eps)
        midBlock = try UNetMidBlock2D(w, "\(prefix).mid_block", channels: last, groups: groups, eps: eps,
                                      addAttention: config.midBlockAddAttention)
        convNormOut = try GroupNorm(w, "\(prefix).conv_norm_out", groups: groups, channels: last, eps: eps)
        convOut = try Conv2d.conv3x3(w, "\(prefix).conv_out", inChannels: last, outChannels: 2 * config.latentChannels)
    }

    func callAsFunction(_ x: Tensor, trace: AutoencoderKL.Trace?) throws -> Tensor {
        var h = try convIn(x)
        trace?("encoder.conv_in", h)
        for (i, block) in downBlocks.enumerated() {
            h = try block(h)
            trace?("encoder.down_blocks.\(i)", h)
        }
        h = try midBlock(h)
        trace?("encoder.mid_block", h)
        h = try convOut(try convNormOut.silu(h))
        trace?("encoder.conv_out", h)
        return h
    }
}
