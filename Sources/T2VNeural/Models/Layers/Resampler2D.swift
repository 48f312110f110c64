// diffusers/models/downsampling.py and upsampling.py (Downsample2D, Upsample2D as the VAE's blocks hold them)

/// What ``VAEBlock2D`` needs of ``Downsample2D`` and ``Upsample2D``.
protocol Resampler2D: Sendable {
    /// The module list's name in the state dict (`downsamplers`, `upsamplers`).
    static var stateDictName: String { get }
    init(_ weights: WeightStore, _ prefix: String, channels: Int) throws
    func resample(_ x: Tensor) throws -> Tensor
}

extension Downsample2D: Resampler2D {
    static var stateDictName: String { "downsamplers" }
    init(_ weights: WeightStore, _ prefix: String, channels: Int) throws {
        try self.init(weights, prefix, channels: channels, padding: 0)
    }
    func resample(_ x: Tensor) throws -> Tensor { try self(x) }
}

extension Upsample2D: Resampler2D {
    static var stateDictName: String { "upsamplers" }
    func resample(_ x: Tensor) throws -> Tensor { try self(x) }
}
