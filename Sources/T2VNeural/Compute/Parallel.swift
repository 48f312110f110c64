// Deterministic splitting of loops over the runtime's threads (every index handled by one worker).

import Dispatch

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

    /// `body(i)` for every `i` in `0..<count`, in ranges of at least `minimumPerTask` indices
    /// (each index handled by one worker, so results do not depend on the thread count).
    static func forEach(_ count: Int, minimumPerTask: Int = 1, _ body: (Int) -> Void) {
        forRanges(count, grain: minimumPerTask) { range in
            for i in range { body(i) }
        }
    }
}
