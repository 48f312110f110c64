// Matrix products through OpenBLAS cblas_sgemm: matmul (plain and batched) and linear.

extension Tensor {
    /// Matrix product (`torch.matmul` for rank ≥ 2).
    ///
    /// - `self` is `[..., M, K]` (or `[..., K, M]` with `transposeSelf`).
    /// - `other` is either `[K, N]` (or `[N, K]` with `transposeOther`), applied to every matrix of
    ///   `self` in one sgemm, or has the same leading (batch) dimensions as `self`, giving one sgemm
    ///   per batch entry.
    /// - The result is `[..., M, N]`.
    func blasMatmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) throws -> Tensor {
        let g = try matmulGeometry(other, transposeSelf: transposeSelf, transposeOther: transposeOther)
        let (m, k, n, batch, sharedOther, outShape) = (g.m, g.k, g.n, g.batch, g.sharedOther, g.outShape)
        let r1 = shape[rank - 1], o1 = other.shape[other.rank - 1]
        try Tensor.checkBLAS(m, n, k, batch * m, op: "matmul")
        let result = Tensor(uninitializedShape: outShape)
        let a = pointer, b = other.pointer, c = result.pointer
        let lda = r1, ldb = o1
        if sharedOther && !transposeSelf {
            // All of self's rows at once.
            sgemm(transB: transposeOther, m: batch * m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: n)
        } else {
            for i in 0..<batch {
                sgemm(transA: transposeSelf, transB: transposeOther, m: m, n: n, k: k,
                      a: a + i * m * k, lda: lda, b: sharedOther ? b : b + i * k * n, ldb: ldb, c: c + i * m * n, ldc: n)
            }
        }
        withExtendedLifetime(other) {}
        return withExtendedLifetime(self) { result }
    }

    /// A fully connected layer (`torch.nn.functional.linear`): `self` is `[..., in]`, `weight` is
    /// `[out, in]` as PyTorch stores it, `bias` is `[out]`; the result is `[..., out]` =
    /// `self · weightᵀ + bias`, one sgemm.
    func blasLinear(weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
        let g = try linearGeometry(weight: weight, bias: bias)
        let (outShape, rowsForShape, inFeatures, outFeatures) = (g.outShape, g.rows, g.inFeatures, g.outFeatures)
        try Tensor.checkBLAS(rowsForShape, outFeatures, inFeatures, op: "linear")
        let result = Tensor(uninitializedShape: outShape)
        let c = result.pointer
        let workers = NeuralRuntime.threadCount
        if workers > 1 && outFeatures >= 64 * workers && rowsForShape * outFeatures * inFeatures >= 1 << 20 {
            // Output features split over the runtime's workers, single-threaded sgemms: each
            // element is the same K-long dot product whatever the split.
            let a = pointer, wp = weight.pointer, bp = bias?.pointer
            NeuralRuntime.withSingleThreadedBLAS {
                Parallel.forRanges(outFeatures, grain: 64) { range in
                    if let bp {
                        for r in 0..<rowsForShape { (c + r * outFeatures + range.lowerBound).update(from: bp + range.lowerBound, count: range.count) }
                    }
                    sgemm(transB: true, m: rowsForShape, n: range.count, k: inFeatures, a: a, lda: inFeatures,
                          b: wp + range.lowerBound * inFeatures, ldb: inFeatures, beta: bp == nil ? 0 : 1,
                          c: c + range.lowerBound, ldc: outFeatures)
                }
            }
            withExtendedLifetime(weight) {}
            withExtendedLifetime(bias) {}
            return withExtendedLifetime(self) { result }
        }
        if let bias {
            let bp = bias.pointer
            for r in 0..<rowsForShape { (c + r * outFeatures).update(from: bp, count: outFeatures) }
        }
        sgemm(transB: true, m: rowsForShape, n: outFeatures, k: inFeatures, a: pointer, lda: inFeatures,
              b: weight.pointer, ldb: inFeatures, beta: bias == nil ? 0 : 1, c: c, ldc: outFeatures)
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        return withExtendedLifetime(self) { result }
    }
}
