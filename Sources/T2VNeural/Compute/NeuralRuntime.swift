// Process-wide settings of the compute runtime: threads and scratch budgets.

import COpenBLAS
import Synchronization

/// Process-wide settings of the tensor runtime.
///
/// Matrix products run on OpenBLAS's own threads; the other loops (im2col, normalisation,
/// softmax, activations) are split into contiguous ranges over `threadCount` Dispatch workers.
/// Every output element is computed by exactly one worker in a fixed order, so results never depend
/// on the thread count.
public enum NeuralRuntime {
    private static let threads = Atomic<Int>(NeuralRuntime.defaultThreadCount())

    private static func defaultThreadCount() -> Int {
        let blas = Int(openblas_get_num_threads())
        return max(1, blas)
    }

    /// Threads used by the non-BLAS loops (initially OpenBLAS's thread count).
    public static var threadCount: Int { threads.load(ordering: .relaxed) }

    /// Sets the threads of OpenBLAS (`openblas_set_num_threads`), the runtime's own loops and oneDNN
    /// (OpenMP's count for the calling thread).
    /// Values below 1 count as 1. Meant to be called at start-up, not while operations run.
    public static func setThreadCount(_ count: Int) {
        let n = max(1, min(count, 1024))
        threads.store(n, ordering: .relaxed)
        openblas_set_num_threads(Int32(n))
        OneDNN.setThreadCount(n)
    }

    /// The thread count OpenBLAS reports (`openblas_get_num_threads`).
    public static var blasThreadCount: Int { Int(openblas_get_num_threads()) }

    private static let attentionBudget = Atomic<Int>(16 << 20)

    /// Bytes of attention scores held at once by ``Tensor/scaledDotProductAttention(query:key:value:scale:isCausal:queryBlockSize:)``
    /// (default 16 MiB: 1,024 queries × 4,096 keys). The query block size is derived from it.
    public static var attentionMemoryBudget: Int { attentionBudget.load(ordering: .relaxed) }

    /// Sets ``attentionMemoryBudget`` (at least one score row is always allowed).
    public static func setAttentionMemoryBudget(_ bytes: Int) {
        attentionBudget.store(max(0, bytes), ordering: .relaxed)
    }

    private static let convBudget = Atomic<Int>(32 << 20)

    /// Bytes of unfolded-input (im2col) scratch a convolution may use at once (default 32 MiB,
    /// shared by the workers); larger images are processed in bands of output rows.
    public static var convolutionScratchBudget: Int { convBudget.load(ordering: .relaxed) }

    /// Sets ``convolutionScratchBudget`` (at least one output row is always allowed).
    public static func setConvolutionScratchBudget(_ bytes: Int) {
        convBudget.store(max(0, bytes), ordering: .relaxed)
    }
}
