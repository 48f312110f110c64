// diffusers/models/embeddings.py (get_timestep_embedding, as the Timesteps module applies it)

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Sinusoidal timestep embeddings, matching diffusers' `get_timestep_embedding`
    /// (diffusers/models/embeddings.py), computed in float32 like PyTorch:
    /// `freq[i] = exp(−ln(maxPeriod)·i / (dim/2 − downscaleFreqShift))`, `arg = scale·t·freq`,
    /// `[sin(arg), cos(arg)]` (swapped to `[cos, sin]` when `flipSinToCos`), zero-padded by one
    /// column when `dim` is odd. The result is `[timesteps.count, dim]`.
    public static func timestepEmbedding(
        timesteps: [Float], dim: Int, flipSinToCos: Bool = false, downscaleFreqShift: Float = 1,
        scale: Float = 1, maxPeriod: Float = 10000
    ) throws -> Tensor {
        guard dim >= 1 else { throw NeuralError.invalidArgument(op: "timestep_embedding", "embedding dimension \(dim)") }
        let n = timesteps.count
        _ = try Tensor.validatedCount([n, dim])
        let half = dim / 2
        var freqs = [Float](repeating: 0, count: half)
        let logMax = -Float(log(Double(maxPeriod)))
        let denominator = Float(half) - downscaleFreqShift
        for i in 0..<half {
            freqs[i] = expf(logMax * Float(i) / denominator)
        }
        let result = Tensor(uninitializedShape: [n, dim])
        let p = result.pointer
        for (row, t) in timesteps.enumerated() {
            let out = p + row * dim
            let sinAt = flipSinToCos ? half : 0
            let cosAt = flipSinToCos ? 0 : half
            for i in 0..<half {
                let arg = scale * (t * freqs[i])
                out[sinAt + i] = sinf(arg)
                out[cosAt + i] = cosf(arg)
            }
            if dim % 2 == 1 { out[dim - 1] = 0 }
        }
        return result
    }
}
