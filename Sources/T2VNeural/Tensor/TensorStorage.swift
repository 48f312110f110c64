// The memory behind a Tensor: owned (allocated here) or borrowed from an object that keeps it alive.

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
    /// Plain `allocate` (glibc malloc; buffers above its mmap threshold are fresh mappings whose
    /// pages fault in on first write, ~14 ms per 32 MB on this VM, as for PyTorch's CPU tensors).
    /// Measured alternatives: `MADV_HUGEPAGE` on 2 MiB-aligned buffers cut that to ~3 ms while huge
    /// pages are free but cost ~75 ms per 32 MB once the kernel must compact memory, so it is
    /// not used; a size-bucketed reuse cache is the better next step.
    init(uninitializedCount count: Int) {
        self.pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
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
        if owner == nil { pointer.deallocate() }
    }
}
