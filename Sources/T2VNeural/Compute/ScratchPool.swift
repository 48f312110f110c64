// Reusable float buffers for the compute kernels' scratch (im2col columns, attention scores).

import Synchronization

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
