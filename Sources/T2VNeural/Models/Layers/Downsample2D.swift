// diffusers/models/downsampling.py (Downsample2D, use_conv=True)

/// diffusers' `Downsample2D`: 3×3 convolution `conv` with stride 2 and padding `padding`; padding 0
/// pads right and bottom by one first, as diffusers does (the VAE's form).
struct Downsample2D: Sendable {
    let conv: Conv2d

    init(_ weights: WeightStore, _ prefix: String, channels: Int, padding: Int) throws {
        conv = try Conv2d(weights, "\(prefix).conv", inChannels: channels, outChannels: channels, kernelSize: 3, stride: 2,
                          padding: padding == 0 ? Padding2D(top: 0, bottom: 1, left: 0, right: 1) : Padding2D(padding))
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try conv(x) }
}
