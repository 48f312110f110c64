// diffusers/models/embeddings.py (TimestepEmbedding, act_fn "silu")

/// diffusers' `TimestepEmbedding`: `linear_2(silu(linear_1(sample)))`.
struct TimestepEmbedding: Sendable {
    let linear1: Linear
    let linear2: Linear

    init(_ weights: WeightStore, _ prefix: String, inChannels: Int, timeEmbedDim: Int) throws {
        linear1 = try Linear(weights, "\(prefix).linear_1", inFeatures: inChannels, outFeatures: timeEmbedDim)
        linear2 = try Linear(weights, "\(prefix).linear_2", inFeatures: timeEmbedDim, outFeatures: timeEmbedDim)
    }

    func callAsFunction(_ sample: Tensor) throws -> Tensor { try linear2(linear1(sample).silu()) }
}
