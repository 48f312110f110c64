import FoundationEssentials
import Glibc

/// Normal samples equal to PyTorch's CPU generator: after `torch.manual_seed(seed)`,
/// `torch.randn(shape)` (float32) equals `normalArray(count: shape.product)`, and consecutive
/// calls continue the generator as consecutive `torch.randn` calls do.
///
/// Matches `normal_kernel` / `normal_fill` / `NormalFill16` in
/// ATen/native/cpu/DistributionTemplates.h and `normal_distribution<double>` in
/// ATen/core/DistributionsHelper.h:
/// - fewer than 16 values: one double Box–Muller pair per two values from 53-bit uniforms,
///   the second value cached in the generator (`next_double_normal_sample`);
/// - 16 or more: 24-bit float uniforms for every element, Box–Muller in float on blocks of 16
///   (first 8 with last 8), and, when the count is not a multiple of 16, the last 16 values
///   recomputed from 16 fresh uniforms.
///
/// The float path uses libm's `logf`/`cosf`/`sinf`, as PyTorch's scalar kernel does (CPUs whose
/// PyTorch kernel level is AVX-512 or the default). `.avx2` reproduces PyTorch's AVX2 kernel
/// (avx_mathfun polynomials), used by PyTorch on CPUs with AVX2 but not AVX-512.
public struct TorchRandomSource: RandomSource, Sendable {
    /// Which PyTorch CPU kernel the 16-wide float Box–Muller reproduces.
    public enum Kernel: Sendable {
        /// `std::log`/`std::cos`/`std::sin` in float (PyTorch's default and AVX-512 builds).
        case scalar
        /// `log256_ps`/`sincos256_ps` of avx_mathfun.h (PyTorch's AVX2 kernel).
        case avx2
    }

    private var engine: MersenneTwister
    private var nextDoubleNormal: Double?
    /// The float kernel being reproduced.
    public var kernel: Kernel
    /// The seed given to `init(seed:)`.
    public let seed: UInt64

    /// `torch.manual_seed(seed)`: only the low 32 bits seed the Mersenne Twister, as in PyTorch.
    public init(seed: UInt64, kernel: Kernel = .scalar) {
        self.seed = seed
        self.engine = MersenneTwister(seed: seed)
        self.nextDoubleNormal = nil
        self.kernel = kernel
    }

    /// `torch.randn(count)`.
    public mutating func normalArray(count: Int) -> [Float] {
        guard count > 0 else { return [] }
        if count < 16 {
            var out = [Float](repeating: 0, count: count)
            for i in 0..<count { out[i] = Float(nextNormalDouble()) }
            return out
        }
        var data = [Float](repeating: 0, count: count)
        data.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in 0..<count { base[i] = nextUniformFloat() }
            var i = 0
            while i + 16 <= count {
                normalFill16(base + i)
                i += 16
            }
            if count % 16 != 0 {
                let tail = base + (count - 16)
                for j in 0..<16 { tail[j] = nextUniformFloat() }
                normalFill16(tail)
            }
        }
        return data
    }

    /// `uniform_real_distribution<float>(0, 1)`: the low 24 bits of one 32-bit output × 2⁻²⁴.
    @inline(__always)
    private mutating func nextUniformFloat() -> Float {
        Float(engine.nextUInt32() & 0xFF_FFFF) * (1.0 / 16_777_216.0)
    }

    /// `uniform_real_distribution<double>(0, 1)`: the low 53 bits of `random64()` × 2⁻⁵³.
    @inline(__always)
    private mutating func nextUniformDouble() -> Double {
        Double(engine.nextUInt64() & ((1 << 53) - 1)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `normal_distribution<double>(0, 1)(generator)`.
    private mutating func nextNormalDouble() -> Double {
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            return cached
        }
        let u1 = nextUniformDouble()
        let u2 = nextUniformDouble()
        let r = (-2.0 * Glibc.log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        nextDoubleNormal = r * Glibc.sin(theta)
        return r * Glibc.cos(theta)
    }

    private func normalFill16(_ data: UnsafeMutablePointer<Float>) {
        switch kernel {
        case .scalar:
            for j in 0..<8 {
                let u1: Float = 1 - data[j]
                let u2 = data[j + 8]
                let radius = (-2 * Glibc.logf(u1)).squareRoot()
                // `2.0f * c10::pi<double> * u2`: PyTorch's compiled kernel rounds 2π to float and
                // multiplies in float (checked bit for bit against torch 2.x on an AVX-512 CPU).
                let theta = Float(2.0 * Double.pi) * u2
                // fma(x, std = 1, mean = 0) == x.
                data[j] = radius * Glibc.cosf(theta)
                data[j + 8] = radius * Glibc.sinf(theta)
            }
        case .avx2:
            for j in 0..<8 {
                let u1: Float = 1 - data[j]
                let u2 = data[j + 8]
                let radius = (Float(-2) * AVXMathFun.log(u1)).squareRoot()
                let theta = Float(2.0 * Double.pi) * u2
                let (s, c) = AVXMathFun.sincos(theta)
                data[j] = radius * c
                data[j + 8] = radius * s
            }
        }
    }
}
