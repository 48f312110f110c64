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
        let channels = config.blockOutChannels
        let groups = config.normNumGroups
        let eps: Float = 1e-6
        let last = channels[channels.count - 1]
        convIn = try Conv2d(w, "\(prefix).conv_in", inChannels: config.latentChannels, outChannels: last,
                            kernelSize: 3, padding: Padding2D(1))
        midBlock = try UNetMidBlock2D(w, "\(prefix).mid_block", channels: last, groups: groups, eps: eps,
                                      addAttention: config.midBlockAddAttention)
        let reversed = Array(channels.reversed())
        var blocks = [UpDecoderBlock2D]()
        var output = reversed[0]
        for i in 0..<reversed.count {
            let previous = output
            output = reversed[i]
            blocks.append(try UpDecoderBlock2D(
                w, "\(prefix).up_blocks.\(i)", inChannels: previous, outChannels: output,
                layers: config.layersPerBlock + 1, groups: groups, eps: eps, addUpsample: i != reversed.count - 1))
        }
        upBlocks = blocks
        convNormOut = try GroupNorm(w, "\(prefix).conv_norm_out", groups: groups, channels: channels[0], eps: eps)
        convOut = try Conv2d(w, "\(prefix).conv_out", inChannels: channels[0], outChannels: config.outChannels,
                             kernelSize: 3, padding: Padding2D(1))
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
