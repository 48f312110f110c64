#if canImport(Glibc)
import Glibc
#endif

/// A mutex with one condition variable (pthreads), for the stream's producer/consumer hand-off.
/// The engine does not link Foundation, so this stands in for NSCondition.
public final class Monitor: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        pthread_cond_init(cond, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        cond.deallocate()
        mutex.deallocate()
    }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// The latest deadline a timed wait uses (about 31,700 years of the monotonic clock); a later
    /// or infinite deadline waits without a limit.
    public static let maxDeadline = 1e12

    /// Waits (lock held) until signalled; returns false when `deadline` (monotonic seconds) passed.
    /// nil, or a deadline past ``maxDeadline`` (or NaN), waits until signalled; a deadline before
    /// the clock's start (or −∞) has passed already.
    public func wait(until deadline: Double?) -> Bool {
        guard let deadline, deadline <= Monitor.maxDeadline else {
            pthread_cond_wait(cond, mutex)
            return true
        }
        let clamped = max(0, deadline)
        var ts = timespec()
        let whole = clamped.rounded(.down)
        ts.tv_sec = Int(whole)
        ts.tv_nsec = min(999_999_999, Int((clamped - whole) * 1e9))
        return pthread_cond_timedwait(cond, mutex, &ts) != ETIMEDOUT
    }

    public func broadcast() { pthread_cond_broadcast(cond) }

    /// Seconds on the monotonic clock.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
