// diffusers/models/attention.py (FeedForward with activation_fn "geglu")

/// diffusers' `FeedForward`: `net.0` a ``GEGLU`` to `inner = mult·dim`, `net.2` a linear back to `dim`.
struct FeedForward: Sendable {
    let geglu: GEGLU
    let out: Linear

    init(_ weights: WeightStore, _ prefix: String, dim: Int, mult: Int = 4) throws {
        let inner = dim * mult
        geglu = try GEGLU(weights, "\(prefix).net.0", dimIn: dim, dimOut: inner)
        out = try Linear(weights, "\(prefix).net.2", inFeatures: inner, outFeatures: dim)
    }

    /// Rows of tokens per chunk so that the `[rows, 2·inner]` projection stays within 64 MiB: at
    /// 1024×576 the whole projection of 16 frames would be gigabytes. Chunking rows does not change
    /// any result (every row is computed alone).
    static let chunkBytes = 64 << 20

    func callAsFunction(_ x: Tensor, chunkRows: Int? = nil) throws -> Tensor {
        guard let dim = x.shape.last, x.rank >= 2 else { return try out(geglu(x)) }
        let rows = x.count / max(dim, 1)
        let chunk = max(1, chunkRows ?? FeedForward.chunkBytes / (4 * max(geglu.proj.weight.shape[0], 1)))
        if rows <= chunk { return try out(geglu(x)) }
        let flat = try x.reshaped([rows, dim])
        let outDim = out.weight.shape[0]
        var pieces = [Tensor]()
        var start = 0
        while start < rows {
            let n = min(chunk, rows - start)
            pieces.append(try out(geglu(flat.narrowed(dim: 0, start: start, length: n))))
            start += n
        }
        var shape = x.shape
        shape[shape.count - 1] = outDim
        return try Tensor.concat(pieces, dim: 0).reshaped(shape)
    }
}
