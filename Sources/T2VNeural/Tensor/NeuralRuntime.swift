// Threads and scratch memory shared by the tensor operations.

import COpenBLAS
import Dispatch
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

    /// Sets the threads of both OpenBLAS (`openblas_set_num_threads`) and the runtime's own loops.
    /// Values below 1 count as 1. Meant to be called at start-up, not while operations run.
    public static func setThreadCount(_ count: Int) {
        let n = max(1, min(count, 1024))
        threads.store(n, ordering: .relaxed)
        openblas_set_num_threads(Int32(n))
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

/// Deterministic splitting of a loop over contiguous ranges.
enum Parallel {
    /// `forRanges` when `count > 0`; otherwise `body(0..<serialCount)` on the calling thread.
    @inline(__always)
    static func forRanges(_ count: Int, grain: Int, serialCount: Int, _ body: (Range<Int>) -> Void) {
        if count > 0 { forRanges(count, grain: grain, body) } else if serialCount > 0 { body(0..<serialCount) }
    }

    /// Calls `body` on disjoint ranges covering `0..<count`, on up to `NeuralRuntime.threadCount`
    /// workers, each range at least `grain` long (except the last). `body` must write only outputs
    /// owned by its range; then the result is independent of the split.
    @inline(__always)
    static func forRanges(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        if count <= 0 { return }
        let maxTasks = (count + max(grain, 1) - 1) / max(grain, 1)
        let tasks = min(NeuralRuntime.threadCount, maxTasks)
        if tasks <= 1 {
            body(0..<count)
            return
        }
        let per = (count + tasks - 1) / tasks
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: tasks) { t in
                let start = t * per
                let end = min(count, start + per)
                if start < end { body(start..<end) }
            }
        }
    }
}

/// A small pool of reusable float buffers (im2col columns, attention scores), so repeated
/// operations do not map and fault in fresh pages every call.
enum ScratchPool {
    private final class Buffer {
        let pointer: UnsafeMutablePointer<Float>
        let capacity: Int
        init(capacity: Int) {
            self.capacity = capacity
            self.pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(capacity, 1))
        }
        deinit { pointer.deallocate() }
    }

    private static let free = Mutex<[Buffer]>([])
    private static let keep = 4
    private static let keepBytes = 256 << 20

    /// Runs `body` with a buffer of at least `count` floats (contents undefined).
    static func withBuffer<R>(count: Int, _ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        let buffer: Buffer = free.withLock { list in
            if let i = list.indices.filter({ list[$0].capacity >= count }).min(by: { list[$0].capacity < list[$1].capacity }) {
                return list.remove(at: i)
            }
            return Buffer(capacity: count)
        }
        defer {
            free.withLock { list in
                if buffer.capacity * 4 <= keepBytes {
                    list.append(buffer)
                    if list.count > keep {
                        // Drop the smallest.
                        if let i = list.indices.min(by: { list[$0].capacity < list[$1].capacity }) { list.remove(at: i) }
                    }
                }
            }
        }
        return try body(buffer.pointer)
    }
}
