// diffusers/models/unets/unet_2d_blocks.py (UpDecoderBlock2D)

/// diffusers' `UpDecoderBlock2D`: `layers_per_block + 1` resnets, then an `Upsample2D` unless last.
struct UpDecoderBlock2D: Sendable {
    let resnets: [ResnetBlock2D]
    let upsampler: Upsample2D?

    init(_ w: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, layers: Int, groups: Int, eps: Float,
         addUpsample: Bool) throws {
        resnets = try ResnetBlock2D.sequence(w, prefix, inChannels: inChannels, outChannels: outChannels, layers: layers,
                                             groups: groups, eps: eps)
        upsampler = addUpsample ? try Upsample2D(w, "\(prefix).upsamplers.0", channels: outChannels) : nil
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        let h = try ResnetBlock2D.apply(resnets, x)
        return try upsampler.map { try $0(h) } ?? h
    }
}
