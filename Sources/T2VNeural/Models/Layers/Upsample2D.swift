// diffusers/models/upsampling.py (Upsample2D, use_conv=True)

/// diffusers' `Upsample2D`: nearest-neighbour ×2 (or to `outputSize` when the UNet forwards one),
/// then the 3×3 convolution `conv`.
struct Upsample2D: Sendable {
    let conv: Conv2d

    init(_ weights: WeightStore, _ prefix: String, channels: Int) throws {
        conv = try Conv2d.conv3x3(weights, "\(prefix).conv", inChannels: channels, outChannels: channels)
    }

    /// ×2 is read by the convolution without materialising the upsampled tensor.
    func callAsFunction(_ x: Tensor, outputSize: (height: Int, width: Int)? = nil) throws -> Tensor {
        if let outputSize {
            return try conv(x.upsampleNearest(height: outputSize.height, width: outputSize.width))
        }
        return try conv.fused(x, upsample2x: true)
    }
}
