// The OpenBLAS entry points the float32 kernels share: row-major sgemm, the 32-bit size check and
// OpenBLAS thread control.

import COpenBLAS

/// Row-major `C = alpha·op(A)·op(B) + beta·C`. Sizes must already be checked (≥ 0, < 2³¹).
@inline(__always)
func sgemm(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
    c: UnsafeMutablePointer<Float>, ldc: Int
) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        for i in 0..<m {
            let row = c + i * ldc
            for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
        }
        return
    }
    cblas_sgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        blasint(m), blasint(n), blasint(k), alpha, a, blasint(max(lda, 1)), b, blasint(max(ldb, 1)), beta, c,
        blasint(max(ldc, 1)))
}

extension Tensor {
    /// Throws unless every size fits the 32-bit integers of the BLAS interface.
    static func checkBLAS(_ sizes: Int..., op: String) throws {
        for s in sizes where s > Int(Int32.max) {
            throw NeuralError.invalidArgument(op: op, "dimension \(s) exceeds the BLAS limit of 2³¹−1")
        }
    }
}

extension NeuralRuntime {
    /// Runs `body` with OpenBLAS limited to one thread (for sgemms issued from several runtime
    /// workers at once), then restores OpenBLAS's thread count.
    static func withSingleThreadedBLAS<R>(_ body: () throws -> R) rethrows -> R {
        let previous = openblas_get_num_threads()
        if previous <= 1 { return try body() }
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(previous) }
        return try body()
    }
}
