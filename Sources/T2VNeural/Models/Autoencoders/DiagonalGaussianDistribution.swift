// diffusers/models/autoencoders/vae.py (DiagonalGaussianDistribution)

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The posterior `encode` returns (diffusers' `DiagonalGaussianDistribution`): `mean` and `logvar`
/// are the halves of the moments along channels, `logvar` clamped to [-30, 20],
/// `std = exp(0.5·logvar)`.
public struct DiagonalGaussianDistribution: Sendable {
    public var mean: Tensor
    public var logvar: Tensor
    public var std: Tensor

    /// Splits `moments` `[N, 2·C, H, W]` into mean and log-variance.
    public init(moments: Tensor) throws {
        let parts = try moments.chunked(2, dim: 1)
        guard parts.count == 2, parts[0].shape == parts[1].shape else {
            throw NeuralError.shapeMismatch(op: "DiagonalGaussianDistribution", "moments \(moments.shape) do not split into two halves")
        }
        mean = parts[0]
        logvar = parts[1].clamped(min: -30, max: 20)
        std = logvar.map { expf(0.5 * $0) }
    }

    /// `mean + std · noise` (`sample(generator)` with the noise drawn by the caller).
    public func sample(noise: Tensor) throws -> Tensor {
        guard noise.shape == mean.shape else {
            throw NeuralError.shapeMismatch(op: "DiagonalGaussianDistribution.sample", "noise \(noise.shape) for mean \(mean.shape)")
        }
        return try mean.adding(try std.multiplying(noise))
    }

    /// The mode, i.e. the mean.
    public func mode() -> Tensor { mean }
}
