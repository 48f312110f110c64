// diffusers/models/resnet.py (Downsample2D and Upsample2D with use_conv=True)

/// `Downsample2D`: 3×3 convolution `conv` with stride 2 and padding `downsample_padding`
/// (padding 0 pads right and bottom by one first, as diffusers does).
struct UNet3DDownsample2D {
    let conv: UNet3DConv2d

    init(_ weights: WeightStore, _ prefix: String, channels: Int, padding: Int) throws {
        conv = try UNet3DConv2d(weights, "\(prefix).conv", in: channels, out: channels, kernel: 3, stride: 2, padding: padding)
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        if conv.padding == 0 {
            return try x.conv2d(weight: conv.weight, bias: conv.bias, stride: 2, padding: Padding2D(top: 0, bottom: 1, left: 0, right: 1))
        }
        return try conv(x)
    }
}

/// `Upsample2D`: nearest-neighbour ×2 (or to `outputSize` when the UNet forwards one), then the
/// 3×3 convolution `conv`.
struct UNet3DUpsample2D {
    let conv: UNet3DConv2d

    init(_ weights: WeightStore, _ prefix: String, channels: Int) throws {
        conv = try UNet3DConv2d(weights, "\(prefix).conv", in: channels, out: channels, kernel: 3, padding: 1)
    }

    func callAsFunction(_ x: Tensor, outputSize: (height: Int, width: Int)? = nil) throws -> Tensor {
        if let outputSize {
            return try conv(x.upsampleNearest(height: outputSize.height, width: outputSize.width))
        }
        return try conv(x.upsampleNearest2x())
    }
}
