// diffusers/models/autoencoders/vae.py (Decoder, norm_type "group"), AutoencoderKL's decoder.

/// diffusers' `Decoder`: `conv_in`, mid block, up blocks (each doubling the size except the last),
/// `conv_norm_out` + SiLU, `conv_out`.
struct VAEDecoder: Sendable {
    let convIn: Conv2d
    let midBlock: UNetMidBlock2D
    let upBlocks: [UpDecoderBlock2D]
    let convNormOut: GroupNorm
    let convOut: Conv2d

    init(_ w: WeightStore, _ prefix: String, config: AutoencoderKLConfig) throws {
        let reversed = Array(config.blockOutChannels.reversed())
        let (groups, eps) = (config.normNumGroups, AutoencoderKLConfig.normEps)
        convIn = try Conv2d.conv3x3(w, "\(prefix).conv_in", inChannels: config.latentChannels, outChannels: reversed[0])
        midBlock = try UNetMidBlock2D(w, "\(prefix).mid_block", channels: reversed[0], groups: groups, eps: eps,
                                      addAttention: config.midBlockAddAttention)
        upBlocks = try UpDecoderBlock2D.chain(w, "\(prefix).up_blocks", channels: reversed, layers: config.layersPerBlock + 1,
                                              groups: groups, eps: eps)
        let first = reversed[reversed.count - 1]
        convNormOut = try GroupNorm(w, "\(prefix).conv_norm_out", groups: groups, channels: first, eps: eps)
        convOut = try Conv2d.conv3x3(w, "\(prefix).conv_out", inChannels: first, outChannels: config.outChannels)
    }

    func callAsFunction(_ z: Tensor, trace: AutoencoderKL.Trace?) throws -> Tensor {
        var h = try convIn(z)
        trace?("decoder.conv_in", h)
        h = try midBlock(h)
        trace?("decoder.mid_block", h)
        for (i, block) in upBlocks.enumerated() {
            h = try block(h)
            trace?("decoder.up_blocks.\(i)", h)
        }
        if trace != nil { trace?("decoder.conv_norm_out", try convNormOut(h)) }
        return try convOut.fused(h, normSiLU: convNormOut)
    }
}
