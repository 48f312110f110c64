// diffusers/models/attention_processor.py (Attention with AttnProcessor2_0, no mask, no norms)

/// diffusers' `Attention` as the UNet3D's transformer blocks build it: `to_q`, `to_k`, `to_v`
/// without bias, `to_out.0` with bias, `heads` heads of `dimHead`, scale `dimHead^-0.5`.
///
/// Cross-attention may share one context among several consecutive query rows: when the queries
/// have `N = M·r` batch entries and the context `M`, the `r` frames of each video attend to their
/// video's text without the context being repeated (diffusers `repeat_interleave`s it; the result is
/// the same).
struct UNet3DAttention {
    let heads: Int
    let dimHead: Int
    let toQ: UNet3DLinear
    let toK: UNet3DLinear
    let toV: UNet3DLinear
    let toOut: UNet3DLinear

    /// `queryDim` is the block width; `contextDim` the width of the keys' source (the text width for
    /// cross-attention, `queryDim` for self-attention).
    init(_ weights: WeightStore, _ prefix: String, queryDim: Int, contextDim: Int, heads: Int, dimHead: Int) throws {
        self.heads = heads
        self.dimHead = dimHead
        let inner = heads * dimHead
        toQ = try UNet3DLinear(weights, "\(prefix).to_q", in: queryDim, out: inner, bias: false)
        toK = try UNet3DLinear(weights, "\(prefix).to_k", in: contextDim, out: inner, bias: false)
        toV = try UNet3DLinear(weights, "\(prefix).to_v", in: contextDim, out: inner, bias: false)
        toOut = try UNet3DLinear(weights, "\(prefix).to_out.0", in: inner, out: queryDim)
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
        let q = try toQ(x).reshaped([m, r * l, heads, dimHead]).permuted([0, 2, 1, 3])
        let k = try toK(source).reshaped([m, lk, heads, dimHead]).permuted([0, 2, 1, 3])
        let v = try toV(source).reshaped([m, lk, heads, dimHead]).permuted([0, 2, 1, 3])
        let o = try Tensor.scaledDotProductAttention(query: q, key: k, value: v)
        let merged = try o.permuted([0, 2, 1, 3]).reshaped([n, l, heads * dimHead])
        return try toOut(merged)
    }
}

/// diffusers/models/attention.py (FeedForward with GEGLU): `net.0.proj` to `2·inner`, `a·gelu(b)`,
/// `net.2` back to `dim` (inner = 4·dim).
struct UNet3DFeedForward {
    let proj: UNet3DLinear
    let out: UNet3DLinear

    init(_ weights: WeightStore, _ prefix: String, dim: Int, mult: Int = 4) throws {
        let inner = dim * mult
        proj = try UNet3DLinear(weights, "\(prefix).net.0.proj", in: dim, out: 2 * inner)
        out = try UNet3DLinear(weights, "\(prefix).net.2", in: inner, out: dim)
    }

    /// Rows of tokens per chunk so that the `[rows, 2·inner]` projection stays within 64 MiB: at
    /// 1024×576 the whole projection of 16 frames would be gigabytes. Chunking rows does not change
    /// any result (every row is computed alone).
    static let chunkBytes = 64 << 20

    func callAsFunction(_ x: Tensor, chunkRows: Int? = nil) throws -> Tensor {
        guard let dim = x.shape.last, x.rank >= 2 else { return try out(proj(x).geglu()) }
        let rows = x.count / max(dim, 1)
        let chunk = max(1, chunkRows ?? UNet3DFeedForward.chunkBytes / (4 * max(proj.weight.shape[0], 1)))
        if rows <= chunk { return try out(proj(x).geglu()) }
        let flat = try x.reshaped([rows, dim])
        let outDim = out.weight.shape[0]
        var pieces = [Tensor]()
        var start = 0
        while start < rows {
            let n = min(chunk, rows - start)
            pieces.append(try out(proj(flat.narrowed(dim: 0, start: start, length: n)).geglu()))
            start += n
        }
        var shape = x.shape
        shape[shape.count - 1] = outDim
        return try Tensor.concat(pieces, dim: 0).reshaped(shape)
    }
}
