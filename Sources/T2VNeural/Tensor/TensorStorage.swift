// The memory behind a Tensor: owned (allocated here) or borrowed from an object that keeps it alive.

import Synchronization

/// Backing memory of a ``Tensor``: `count` contiguous floats.
///
/// Two kinds exist:
/// - **owned** storage is allocated by the runtime and freed when the last tensor using it goes away;
/// - **borrowed** storage points into memory owned by another object — a memory-mapped
///   ``SafeTensorsFile`` — and holds a strong reference to that object, so the mapping stays valid as
///   long as any tensor uses it. Borrowed memory is never written: a tensor that is mutated copies
///   it first (copy on write).
final class TensorStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int
    /// The object owning borrowed memory; nil for owned storage.
    let owner: AnyObject?

    /// Owned storage of `count` floats, uninitialised (callers fill every element).
    ///
    /// Buffers of 1 MiB and more come from ``StorageCache`` when a freed one of exactly this size
    /// is held; otherwise plain `allocate` (glibc malloc; buffers above its mmap threshold are
    /// fresh mappings whose pages fault in on first write, ~14 ms per 32 MB on this VM).
    /// Measured alternative: `MADV_HUGEPAGE` on 2 MiB-aligned buffers cut that to ~3 ms while huge
    /// pages are free but cost ~75 ms per 32 MB once the kernel must compact memory, so it is not used.
    init(uninitializedCount count: Int) {
        self.pointer = StorageCache.take(count) ?? UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        self.count = count
        self.owner = nil
    }

    /// Owned storage of `count` floats set to `value`.
    convenience init(count: Int, repeating value: Float) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    /// Borrowed storage: `pointer` must stay valid and unchanged while `owner` is alive.
    init(borrowing pointer: UnsafePointer<Float>, count: Int, owner: AnyObject) {
        self.pointer = UnsafeMutablePointer(mutating: pointer)
        self.count = count
        self.owner = owner
    }

    var isBorrowed: Bool { owner != nil }

    /// An owned copy.
    func copy() -> TensorStorage {
        let result = TensorStorage(uninitializedCount: count)
        result.pointer.update(from: pointer, count: count)
        return result
    }

    deinit {
        if owner == nil && !StorageCache.put(pointer, count) { pointer.deallocate() }
    }
}

/// Freed large buffers kept for reuse by the next storage of exactly the same size (the layers of a
/// model allocate the same shapes over and over), so that fresh mappings do not fault in their pages
/// on every operation (~14 ms per 32 MB on this VM). Bounded: at most ``capacityBytes`` held, oldest
/// dropped first. Contents of a reused buffer are undefined, as for a fresh allocation.
enum StorageCache {
    static let minimumBytes = 1 << 20
    static let capacityBytes = 256 << 20

    private struct State {
        var entries: [(count: Int, pointer: UnsafeMutablePointer<Float>)] = []
        var bytes = 0
    }

    private static let state = Mutex(State())

    static func take(_ count: Int) -> UnsafeMutablePointer<Float>? {
        if count * 4 < minimumBytes { return nil }
        return state.withLock { s -> UnsafeMutablePointer<Float>? in
            guard let i = s.entries.lastIndex(where: { $0.count == count }) else { return nil }
            let e = s.entries.remove(at: i)
            s.bytes -= e.count * 4
            return e.pointer
        }
    }

    /// Keeps `pointer` (allocated for `count` floats); false when it is not kept (caller frees it).
    static func put(_ pointer: UnsafeMutablePointer<Float>, _ count: Int) -> Bool {
        let bytes = count * 4
        if bytes < minimumBytes || bytes > capacityBytes { return false }
        let evicted: [UnsafeMutablePointer<Float>] = state.withLock { s in
            var out: [UnsafeMutablePointer<Float>] = []
            while s.bytes + bytes > capacityBytes, !s.entries.isEmpty {
                let e = s.entries.removeFirst()
                s.bytes -= e.count * 4
                out.append(e.pointer)
            }
            s.entries.append((count, pointer))
            s.bytes += bytes
            return out
        }
        for p in evicted { p.deallocate() }
        return true
    }
}
