// Scaled dot-product attention in bounded memory: queries in blocks, two sgemms per block.

extension Tensor {
    /// Scaled dot-product attention (`torch.nn.functional.scaled_dot_product_attention`, no dropout):
    /// `softmax(q·kᵀ·scale [+ causal mask]) · v`.
    ///
    /// - Shapes: `query` `[..., Lq, D]`, `key` `[..., Lk, D]`, `value` `[..., Lk, Dv]` with equal
    ///   leading dimensions (e.g. `[batch, heads]`); the result is `[..., Lq, Dv]`.
    /// - `scale` defaults to `1/√D`. `isCausal` masks key `j > i` for query `i` (PyTorch's
    ///   top-left aligned causal mask, as CLIP's text encoder uses).
    /// - Memory: queries are processed in blocks of `queryBlockSize` rows (default: as many as fit
    ///   ``NeuralRuntime/attentionMemoryBudget`` bytes of scores); only one `[block, Lk]` score
    ///   matrix exists at a time. Blocking does not change the result: every row is computed alone.
    static func blasAttention(
        query: Tensor, key: Tensor, value: Tensor, scale: Float? = nil, isCausal: Bool = false,
        queryBlockSize: Int? = nil
    ) throws -> Tensor {
        let g = try attentionGeometry(query: query, key: key, value: value, queryBlockSize: queryBlockSize)
        let (batch, lq, lk, d, dv, outShape) = (g.batch, g.lq, g.lk, g.d, g.dv, g.outShape)
        try Tensor.checkBLAS(lq, lk, d, dv, op: "scaled_dot_product_attention")
        let result = Tensor(uninitializedShape: outShape)
        if result.count == 0 { return result }
        if lk == 0 {
            result.pointer.initialize(repeating: 0, count: result.count)
            return result
        }
        let alpha = scale ?? 1 / Float(d).squareRoot()
        let budgetRows = max(1, NeuralRuntime.attentionMemoryBudget / (4 * lk))
        let block = max(1, min(lq, queryBlockSize ?? budgetRows))
        let q = query.pointer, k = key.pointer, v = value.pointer, out = result.pointer
        let workers = NeuralRuntime.threadCount
        if workers > 1 && batch >= workers && lq * lk * max(d, dv) <= 1 << 22 && block == lq {
            // Many small heads: whole heads per worker, single-threaded sgemms (the same products
            // and row softmaxes as below, so the split does not change results).
            NeuralRuntime.withSingleThreadedBLAS {
                Parallel.forRanges(batch, grain: 1) { range in
                    let sums = UnsafeMutablePointer<Float>.allocate(capacity: lq)
                    defer { sums.deallocate() }
                    ScratchPool.withBuffer(count: lq * lk) { scores in
                        for b in range {
                            let ob = out + b * lq * dv
                            sgemm(transB: true, m: lq, n: lk, k: d, alpha: alpha, a: q + b * lq * d, lda: d,
                                  b: k + b * lk * d, ldb: d, c: scores, ldc: lk)
                            for row in 0..<lq {
                                let valid = isCausal ? min(lk, row + 1) : lk
                                let p = scores + row * lk
                                sums[row] = Tensor.softmaxRowUnnormalized(p, valid)
                                if valid < lk { (p + valid).update(repeating: 0, count: lk - valid) }
                            }
                            sgemm(m: lq, n: dv, k: lk, a: scores, lda: lk, b: v + b * lk * dv, ldb: dv, c: ob, ldc: dv)
                            for row in 0..<lq {
                                let factor = sums[row]
                                let o = ob + row * dv
                                for c in 0..<dv { o[c] *= factor }
                            }
                        }
                    }
                }
            }
            withExtendedLifetime(query) {}
            withExtendedLifetime(key) {}
            withExtendedLifetime(value) {}
            return result
        }
        let inverseSums = UnsafeMutablePointer<Float>.allocate(capacity: block)
        defer { inverseSums.deallocate() }
        ScratchPool.withBuffer(count: block * lk) { scores in
            for b in 0..<batch {
                let qb = q + b * lq * d
                let kb = k + b * lk * d
                let vb = v + b * lk * dv
                let ob = out + b * lq * dv
                var i0 = 0
                while i0 < lq {
                    let rows = min(block, lq - i0)
                    sgemm(transB: true, m: rows, n: lk, k: d, alpha: alpha, a: qb + i0 * d, lda: d, b: kb, ldb: d,
                          c: scores, ldc: lk)
                    // exp(scores − max) per row; the 1/Σ factors scale the output rows after the
                    // second product (Dv columns instead of Lk).
                    let first = i0
                    Parallel.forRanges(rows, grain: max(1, 16384 / lk)) { range in
                        for row in range {
                            let valid = isCausal ? min(lk, first + row + 1) : lk
                            let p = scores + row * lk
                            inverseSums[row] = Tensor.softmaxRowUnnormalized(p, valid)
                            if valid < lk { (p + valid).update(repeating: 0, count: lk - valid) }
                        }
                    }
                    let ob0 = ob + i0 * dv
                    sgemm(m: rows, n: dv, k: lk, a: scores, lda: lk, b: vb, ldb: dv, c: ob0, ldc: dv)
                    for row in 0..<rows {
                        let factor = inverseSums[row]
                        let o = ob0 + row * dv
                        for c in 0..<dv { o[c] *= factor }
                    }
                    i0 += rows
                }
            }
        }
        withExtendedLifetime(query) {}
        withExtendedLifetime(key) {}
        withExtendedLifetime(value) {}
        return result
    }
}
