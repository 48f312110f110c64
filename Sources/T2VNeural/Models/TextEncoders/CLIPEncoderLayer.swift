// transformers/models/clip/modeling_clip.py (CLIPEncoderLayer with CLIPAttention and CLIPMLP)

/// transformers' `CLIPEncoderLayer`: `h + attn(ln1(h))`, then `h + mlp(ln2(h))`. The text
/// tower's attention is causal, the image tower's is not.
struct CLIPEncoderLayer: Sendable {
    let layerNorm1: LayerNorm
    let layerNorm2: LayerNorm
    let qProj, kProj, vProj, outProj: Linear
    let fc1, fc2: Linear
    let heads: Int

    init(_ w: WeightStore, _ prefix: String, hiddenSize d: Int, intermediateSize: Int, heads: Int, eps: Float) throws {
        layerNorm1 = try LayerNorm(w, "\(prefix).layer_norm1", dim: d, eps: eps)
        layerNorm2 = try LayerNorm(w, "\(prefix).layer_norm2", dim: d, eps: eps)
        qProj = try Linear(w, "\(prefix).self_attn.q_proj", inFeatures: d, outFeatures: d)
        kProj = try Linear(w, "\(prefix).self_attn.k_proj", inFeatures: d, outFeatures: d)
        vProj = try Linear(w, "\(prefix).self_attn.v_proj", inFeatures: d, outFeatures: d)
        outProj = try Linear(w, "\(prefix).self_attn.out_proj", inFeatures: d, outFeatures: d)
        fc1 = try Linear(w, "\(prefix).mlp.fc1", inFeatures: d, outFeatures: intermediateSize)
        fc2 = try Linear(w, "\(prefix).mlp.fc2", inFeatures: intermediateSize, outFeatures: d)
        self.heads = heads
    }

    func callAsFunction(_ x: Tensor, activation: String, causal: Bool) throws -> Tensor {
        var h = x
        try h.add(try selfAttention(try layerNorm1(x), causal: causal))
        var m = try fc1(try layerNorm2(h))
        switch activation {
        case "quick_gelu": m = m.quickGELU()
        case "gelu_new", "gelu_pytorch_tanh": m = m.geluTanh()
        default: m = m.gelu()
        }
        try h.add(try fc2(m))
        return h
    }

    /// `CLIPAttention.forward`, with the causal mask or none, and no padding mask.
    func selfAttention(_ x: Tensor, causal: Bool) throws -> Tensor {
        let (b, l, d) = (x.shape[0], x.shape[1], x.shape[2])
        let hd = d / heads
        func split(_ t: Tensor) throws -> Tensor { try t.reshaped([b, l, heads, hd]).permuted([0, 2, 1, 3]) }
        let q = try split(try qProj(x)), k = try split(try kProj(x)), v = try split(try vProj(x))
        let o = try Tensor.scaledDotProductAttention(
            query: q, key: k, value: v, scale: 1 / Float(hd).squareRoot(), isCausal: causal)
        return try outProj(try o.permuted([0, 2, 1, 3]).reshaped([b, l, d]))
    }
}
