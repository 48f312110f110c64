// One neural computation at a time, with its own thread count.

#if canImport(Glibc)
import Glibc
#endif
import T2VSupport

/// The compute runtime's thread settings are process-wide (OpenBLAS has no per-call thread count
/// in the 0.3 series Debian ships), so two computations running at once with different thread
/// counts would change each other's settings mid-run. A session makes that impossible: sessions run
/// one at a time, each with the thread count its caller asks for (a context's `threads`), set when
/// the session starts if it differs from the current one. Direct users of T2VNeural outside
/// sessions share that process-wide setting. On a machine whose cores one computation already
/// fills, queueing costs no throughput; streams of one or several contexts take turns chunk by chunk.
public enum ComputeSession {
    private static let monitor = Monitor()
    nonisolated(unsafe) private static var busy = false

    /// The wait for a session was given up (its caller was cancelled).
    public struct Cancelled: Error, CustomStringConvertible {
        public var description: String { "cancelled while waiting for another computation to finish" }
    }

    /// The online cores (what a thread count of 0 means).
    public static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Runs `body` alone among sessions with `threads` compute threads (0: every online core), its
    /// operations in `precision` (the backend is installed for the session and removed after it).
    /// While another session runs, waits, asking `keepWaiting` every 0.1 s; when it returns false
    /// the wait ends with ``ComputeSession/Cancelled``, so a stream's `stop()` stays prompt.
    public static func run<R>(
        threads: Int, precision: ComputePrecision = .fp32, keepWaiting: () -> Bool, _ body: () throws -> R
    ) throws -> R {
        let backend = try precision.backend()
        try monitor.withLock {
            while busy {
                guard keepWaiting() else { throw Cancelled() }
                _ = monitor.wait(until: Monitor.now() + 0.1)
            }
            busy = true
        }
        defer {
            monitor.withLock {
                busy = false
                monitor.broadcast()
            }
        }
        // Changed only when it differs, and kept afterwards: setting OpenBLAS's count while another
        // thread is inside sgemm (a direct user of T2VNeural, outside any session) is unsafe, so the
        // common case — every context at the default — never touches it.
        let wanted = threads > 0 ? threads : onlineCores
        if NeuralRuntime.threadCount != wanted || NeuralRuntime.blasThreadCount != wanted {
            NeuralRuntime.setThreadCount(wanted)
        }
        if precision == .bf16 { OneDNN.setThreadCount(wanted) }
        return try Compute.using(backend, body)
    }
}
