// A float32 tensor: contiguous, row-major (PyTorch's default layout, so NCHW weights drop in).

/// An n-dimensional array of `Float`, contiguous and row-major, with value semantics.
///
/// - Layout: element `[i0, i1, …, in]` lives at offset `((i0·s1 + i1)·s2 + …)·sn + in`, as in a
///   contiguous PyTorch tensor. Images are NCHW, sequences `[batch, tokens, channels]`, attention
///   heads `[batch, heads, tokens, headDim]`, linear weights `[out, in]`, conv weights
///   `[out, in, kh, kw]`.
/// - Storage is shared between copies and copied on the first mutation (copy on write); `reshaped`
///   shares it too. Storage may be *borrowed* from a memory-mapped ``SafeTensorsFile``: such a tensor
///   keeps the file object (and so the mapping) alive, and is copied before any write.
/// - Every operation checks its operands and throws ``NeuralError`` on a mismatch; none traps on
///   any input (running out of memory for a legitimately huge tensor aborts, as `Array` does).
/// - Operations (names as in PyTorch where sensible): through the compute seam
///   (Compute/Tensor+Compute.swift, kernels in Compute/OpenBLAS/): `matmul`, `linear`, `conv2d`,
///   `conv3d`, `groupNorm`, `layerNorm`, `scaledDotProductAttention`. In this folder:
///   `softmax`, `gelu`, `geluTanh`, `quickGELU`, `geglu`, `silu`, `sigmoid` (Tensor+Activations);
///   `adding`/`+`, `subtracting`/`-`, `multiplying`/`*`, `dividing`/`/` with broadcasting, `add` in
///   place, `scaled`, `affine`, `clamped`, `map` (Tensor+Elementwise); `reshaped`, `permuted`,
///   `transposed`, `concat`, `narrowed`, `split`, `chunked`, `embedding` (Tensor+Shape);
///   `upsampleNearest2x`, `upsampleNearest`, `repeatInterleaved` and the frames ↔ temporal-token
///   layouts (Tensor+Resampling). `timestepEmbedding` is in Models/Layers/Timesteps.swift.
/// - Threads: matrix products use OpenBLAS's threads; the other loops split over
///   ``NeuralRuntime/threadCount`` workers such that results are bit-identical for any thread count.
/// - `Sendable`: a tensor may be passed between threads; a single tensor value must not be mutated
///   from two threads at once (as for `Array`).
public struct Tensor: @unchecked Sendable {
    /// The size of each dimension; empty for a scalar.
    public private(set) var shape: [Int]
    var storage: TensorStorage

    // MARK: Creating tensors

    /// Internal: owned, uninitialised storage for an already validated shape.
    init(uninitializedShape shape: [Int]) {
        self.shape = shape
        self.storage = TensorStorage(uninitializedCount: Tensor.unsafeCount(shape))
    }

    /// Internal: a tensor over existing storage whose count matches `shape`.
    init(shape: [Int], storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of `shape` filled with zeros.
    public init(zeros shape: [Int]) throws {
        try self.init(shape: shape, repeating: 0)
    }

    /// A tensor of `shape` with every element `value`.
    public init(shape: [Int], repeating value: Float) throws {
        let count = try Tensor.validatedCount(shape)
        self.shape = shape
        self.storage = TensorStorage(count: count, repeating: value)
    }

    /// A tensor of `shape` holding `scalars` in row-major order; their count must match.
    public init(shape: [Int], scalars: [Float]) throws {
        let count = try Tensor.validatedCount(shape)
        guard scalars.count == count else {
            throw NeuralError.invalidShape("\(scalars.count) scalars for shape \(shape), which holds \(count)")
        }
        self.shape = shape
        self.storage = TensorStorage(uninitializedCount: count)
        let p = storage.pointer
        scalars.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { p.update(from: base, count: count) }
        }
    }

    /// A tensor of `shape` whose elements `fill` writes (the buffer starts uninitialised; `fill`
    /// must set every element).
    public init(shape: [Int], fill: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        let count = try Tensor.validatedCount(shape)
        self.shape = shape
        self.storage = TensorStorage(count: count, repeating: 0)
        try fill(UnsafeMutableBufferPointer(start: storage.pointer, count: count))
    }

    /// A rank-0 tensor holding `value`.
    public init(scalar value: Float) {
        self.shape = []
        self.storage = TensorStorage(count: 1, repeating: value)
    }

    // MARK: Properties

    /// Number of elements (the product of `shape`; 1 for a scalar).
    public var count: Int { storage.count }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// True when the elements live in memory borrowed from a memory-mapped file.
    public var isBorrowed: Bool { storage.isBorrowed }

    /// A copy of the elements in row-major order.
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// The size of dimension `dim` (negative counts from the end, as in PyTorch).
    public func size(_ dim: Int) throws -> Int {
        shape[try Tensor.normalizedDim(dim, rank: rank, op: "size")]
    }

    /// Calls `body` with the elements in row-major order. The pointer is valid only inside `body`.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) {
            try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
        }
    }

    /// Calls `body` with writable elements, copying shared or borrowed storage first.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try withExtendedLifetime(storage) {
            try body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
        }
    }

    /// Ensures the storage is owned and referenced only by this value.
    mutating func makeUnique() {
        if storage.isBorrowed || !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy()
        }
    }

    /// Internal fast access for operations (read only unless the tensor was just created).
    var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    // MARK: Shape helpers

    /// Largest product of the non-zero dimensions of a shape (2⁶⁰). Because it bounds the
    /// non-zero dimensions even of empty tensors, any product of some of a valid shape's dimensions
    /// fits an `Int`, and byte counts (×4, ×8) do too.
    public static let maxElementCount = 1 << 60

    /// Product of `shape` after checking that every dimension is ≥ 0 and that the product of the
    /// non-zero dimensions is at most ``maxElementCount``.
    static func validatedCount(_ shape: [Int]) throws -> Int {
        var nonZero = 1
        var hasZero = false
        for d in shape {
            guard d >= 0 else { throw NeuralError.invalidShape("negative dimension in \(shape)") }
            if d == 0 { hasZero = true; continue }
            let (p, overflow) = nonZero.multipliedReportingOverflow(by: d)
            guard !overflow, p <= maxElementCount else { throw NeuralError.invalidShape("\(shape) has too many elements") }
            nonZero = p
        }
        return hasZero ? 0 : nonZero
    }

    /// Product of an already validated shape.
    static func unsafeCount(_ shape: [Int]) -> Int {
        var count = 1
        for d in shape { count &*= d }
        return count
    }

    /// Maps a PyTorch-style dimension (negative from the end) to 0..<rank.
    static func normalizedDim(_ dim: Int, rank: Int, op: String) throws -> Int {
        let d = dim < 0 ? dim + rank : dim
        guard d >= 0, d < rank else {
            throw NeuralError.invalidArgument(op: op, "dimension \(dim) out of range for rank \(rank)")
        }
        return d
    }
}

extension Tensor: CustomStringConvertible {
    /// Shape and the first few elements, e.g. `Tensor([2, 3]: 0.1, 0.2, 0.3, …)`.
    public var description: String {
        let shown = min(count, 6)
        var text = "Tensor(\(shape):"
        for i in 0..<shown { text += (i == 0 ? " " : ", ") + "\(pointer[i])" }
        if count > shown { text += ", …" }
        return text + ")"
    }
}
