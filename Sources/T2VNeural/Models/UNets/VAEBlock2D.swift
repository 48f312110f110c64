// diffusers/models/unets/unet_2d_blocks.py (DownEncoderBlock2D, UpDecoderBlock2D)

/// diffusers' `DownEncoderBlock2D` (``Downsample2D``) and `UpDecoderBlock2D` (``Upsample2D``): `layers`
/// resnets without time embedding, then the resampler (`downsamplers.0` / `upsamplers.0`) unless the
/// block is the last.
struct VAEBlock2D<Sampler: Resampler2D>: Sendable {
    let resnets: [ResnetBlock2D]
    let sampler: Sampler?

    init(_ w: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, layers: Int, groups: Int, eps: Float,
         addSampler: Bool) throws {
        resnets = try (0..<layers).map {
            try ResnetBlock2D(w, "\(prefix).resnets.\($0)", inChannels: $0 == 0 ? inChannels : outChannels,
                              outChannels: outChannels, groups: groups, eps: eps)
        }
        sampler = addSampler ? try Sampler(w, "\(prefix).\(Sampler.stateDictName).0", channels: outChannels) : nil
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        let h = try resnets.reduce(x) { h, block in try block(h) }
        return try sampler.map { try $0.resample(h) } ?? h
    }
}

extension VAEBlock2D {
    /// The blocks `<prefix>.i` of an encoder or decoder over `channels`: block `i` maps
    /// `channels[i − 1]` (`channels[0]` for the first) to `channels[i]`; all but the last resample.
    static func chain(_ w: WeightStore, _ prefix: String, channels: [Int], layers: Int, groups: Int, eps: Float) throws -> [Self] {
        try channels.indices.map { i in
            try Self(w, "\(prefix).\(i)", inChannels: channels[max(i - 1, 0)], outChannels: channels[i], layers: layers,
                     groups: groups, eps: eps, addSampler: i != channels.count - 1)
        }
    }
}

typealias DownEncoderBlock2D = VAEBlock2D<Downsample2D>
typealias UpDecoderBlock2D = VAEBlock2D<Upsample2D>
