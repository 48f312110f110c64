// diffusers/models/unets/unet_2d_blocks.py (DownEncoderBlock2D)

/// diffusers' `DownEncoderBlock2D`: `layers_per_block` resnets, then a `Downsample2D` unless last.
struct DownEncoderBlock2D: Sendable {
    let resnets: [ResnetBlock2D]
    let downsampler: Downsample2D?

    init(_ w: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, layers: Int, groups: Int, eps: Float,
         addDownsample: Bool) throws {
        resnets = try ResnetBlock2D.sequence(w, prefix, inChannels: inChannels, outChannels: outChannels, layers: layers,
                                             groups: groups, eps: eps)
        downsampler = addDownsample ? try Downsample2D(w, "\(prefix).downsamplers.0", channels: outChannels) : nil
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        let h = try ResnetBlock2D.apply(resnets, x)
        return try downsampler.map { try $0(h) } ?? h
    }
}
