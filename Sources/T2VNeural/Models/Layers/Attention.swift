// diffusers/models/attention_processor.py (Attention with AttnProcessor2_0, no mask)

/// diffusers' `Attention`: `to_q`, `to_k`, `to_v`, `to_out.0`, `heads` heads of `dimHead`, scale
/// `dimHead^-0.5`, as two models build it:
///
/// - the UNet's transformer blocks (``init(_:_:queryDim:contextDim:heads:dimHead:)``): q/k/v without
///   bias, tokens in, tokens out;
/// - the VAE's mid block (``init(_:_:channels:headDim:groups:eps:)``, `_from_deprecated_attn_block`):
///   q/k/v with bias, a group norm on the `[B, C, H, W]` input, `residual_connection=True`, one
///   head of `channels` dims by default; old checkpoints' names (`query`, `key`, `value`,
///   `proj_attn`) are read too.
///
/// Cross-attention may share one context among several consecutive query rows: when the queries
/// have `N = M·r` batch entries and the context `M`, the `r` frames of each video attend to their
/// video's text without the context being repeated (diffusers `repeat_interleave`s it; the result is
/// the same).
struct Attention: Sendable {
    let heads: Int
    let dimHead: Int
    let groupNorm: GroupNorm?
    let toQ, toK, toV, toOut: Linear

    /// The UNet's form: `queryDim` is the block width; `contextDim` the width of the keys' source (the
    /// text width for cross-attention, `queryDim` for self-attention).
    init(_ weights: WeightStore, _ prefix: String, queryDim: Int, contextDim: Int, heads: Int, dimHead: Int) throws {
        self.heads = heads
        self.dimHead = dimHead
        groupNorm = nil
        let inner = heads * dimHead
        toQ = try Linear(weights, "\(prefix).to_q", inFeatures: queryDim, outFeatures: inner, bias: false)
        toK = try Linear(weights, "\(prefix).to_k", inFeatures: contextDim, outFeatures: inner, bias: false)
        toV = try Linear(weights, "\(prefix).to_v", inFeatures: contextDim, outFeatures: inner, bias: false)
        toOut = try Linear(weights, "\(prefix).to_out.0", inFeatures: inner, outFeatures: queryDim)
    }

    /// The VAE's form (spatial self-attention over the `H·W` positions, with its group norm).
    init(_ weights: WeightStore, _ prefix: String, channels: Int, headDim: Int, groups: Int, eps: Float) throws {
        groupNorm = try GroupNorm(weights, "\(prefix).group_norm", groups: groups, channels: channels, eps: eps)
        let legacy = !weights.contains("\(prefix).to_q.weight") && weights.contains("\(prefix).query.weight")
        func linear(_ name: String, _ old: String) throws -> Linear {
            try Linear(weights, "\(prefix).\(legacy ? old : name)", inFeatures: channels, outFeatures: channels)
        }
        toQ = try linear("to_q", "query")
        toK = try linear("to_k", "key")
        toV = try linear("to_v", "value")
        toOut = try linear("to_out.0", "proj_attn")
        heads = max(1, channels / max(headDim, 1))
        dimHead = channels / heads
    }

    /// `x` is `(N, L, queryDim)`; `context` (nil for self-attention) is `(M, Lk, contextDim)` with
    /// `N` a multiple of `M`. The result is `(N, L, queryDim)`.
    func callAsFunction(_ x: Tensor, context: Tensor? = nil) throws -> Tensor {
        guard x.rank == 3 else { throw NeuralError.shapeMismatch(op: "attention", "input \(x.shape) is not (N, L, C)") }
        let source = context ?? x
        guard source.rank == 3, source.shape[0] >= 1, x.shape[0] % source.shape[0] == 0 else {
            throw NeuralError.shapeMismatch(op: "attention", "query \(x.shape) with context \(source.shape)")
        }
        let n = x.shape[0], l = x.shape[1]
        let m = source.shape[0], lk = source.shape[1]
        let r = n / m
        // (rows, len, heads·dimHead) → (rows, heads, len, dimHead); one head needs no permutation.
        func split(_ t: Tensor, _ rows: Int, _ len: Int) throws -> Tensor {
            heads == 1 ? try t.reshaped([rows, 1, len, dimHead])
                : try t.reshaped([rows, len, heads, dimHead]).permuted([0, 2, 1, 3])
        }
        let q = try split(toQ(x), m, r * l)
        let k = try split(toK(source), m, lk)
        let v = try split(toV(source), m, lk)
        let o = try Tensor.scaledDotProductAttention(query: q, key: k, value: v)
        let merged = heads == 1 ? try o.reshaped([n, l, dimHead])
            : try o.permuted([0, 2, 1, 3]).reshaped([n, l, heads * dimHead])
        return try toOut(merged)
    }

    /// The VAE's spatial form: `x + to_out(attention(gn(x)))` over the `H·W` positions of `[B, C, H, W]`.
    func spatial(_ x: Tensor) throws -> Tensor {
        let (b, c, hh, ww) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let normed = try groupNorm.map { try $0(x) } ?? x
        let tokens = try normed.reshaped([b, c, hh * ww]).transposed(1, 2)
        var out = try self(tokens).transposed(1, 2).reshaped([b, c, hh, ww])
        try out.add(x)
        return out
    }
}
