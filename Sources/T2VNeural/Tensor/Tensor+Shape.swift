// Shape operations: reshape, permute/transpose (materialising), concat, split, chunk, narrow.

extension Tensor {
    /// The same elements under a new shape (storage is shared, nothing is copied). One dimension may
    /// be -1 and is then inferred, as in `torch.reshape`.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        var resolved = newShape
        var inferred: Int?
        var known = 1
        for (i, d) in newShape.enumerated() {
            if d == -1 {
                guard inferred == nil else { throw NeuralError.invalidShape("reshape \(shape) → \(newShape): more than one -1") }
                inferred = i
            } else {
                guard d >= 0 else { throw NeuralError.invalidShape("reshape \(shape) → \(newShape): negative dimension") }
                let (p, o) = known.multipliedReportingOverflow(by: d)
                guard !o else { throw NeuralError.invalidShape("reshape \(shape) → \(newShape): too many elements") }
                known = p
            }
        }
        if let i = inferred {
            guard known > 0, count % known == 0 else {
                throw NeuralError.invalidShape("reshape \(shape) → \(newShape): \(count) elements do not divide")
            }
            resolved[i] = count / known
        }
        guard try Tensor.validatedCount(resolved) == count else {
            throw NeuralError.invalidShape("reshape \(shape) (\(count) elements) → \(newShape)")
        }
        return Tensor(shape: resolved, storage: storage)
    }

    /// Dimensions reordered (`torch.permute`), copied into a new contiguous tensor:
    /// output dimension `i` is input dimension `dims[i]`.
    public func permuted(_ dims: [Int]) throws -> Tensor {
        guard dims.count == rank else {
            throw NeuralError.invalidArgument(op: "permute", "\(dims) for a tensor of rank \(rank)")
        }
        var seen = [Bool](repeating: false, count: rank)
        var perm = [Int]()
        for d in dims {
            let n = try Tensor.normalizedDim(d, rank: rank, op: "permute")
            guard !seen[n] else { throw NeuralError.invalidArgument(op: "permute", "\(dims) repeats a dimension") }
            seen[n] = true
            perm.append(n)
        }
        if perm == Array(0..<rank) { return self }
        let outShape = perm.map { shape[$0] }
        let result = Tensor(uninitializedShape: outShape)
        if count == 0 { return result }
        // Input strides, then collapse: walk the output in order, reading with permuted strides.
        var inStrides = [Int](repeating: 1, count: rank)
        var s = 1
        for d in stride(from: rank - 1, through: 0, by: -1) { inStrides[d] = s; s *= shape[d] }
        var sizes = outShape
        var strides = perm.map { inStrides[$0] }
        // Merge adjacent output dims that are also adjacent in the input.
        var i = sizes.count - 1
        while i > 0 {
            if strides[i - 1] == strides[i] * sizes[i] {
                sizes[i] *= sizes[i - 1]
                sizes.remove(at: i - 1)
                strides.remove(at: i - 1)
            }
            i -= 1
        }
        let src = pointer
        let dst = result.pointer
        let r = sizes.count
        let inner = sizes[r - 1]
        let innerStride = strides[r - 1]
        let outer = count / max(inner, 1)
        let outerSizes = Array(sizes[0..<(r - 1)])
        let outerStrides = Array(strides[0..<(r - 1)])
        Parallel.forRanges(outer, grain: max(1, 16384 / max(inner, 1))) { range in
            // Offset of the first row in the range.
            var index = [Int](repeating: 0, count: outerSizes.count)
            var rem = range.lowerBound
            var offset = 0
            for d in stride(from: outerSizes.count - 1, through: 0, by: -1) {
                index[d] = rem % outerSizes[d]
                rem /= outerSizes[d]
                offset += index[d] * outerStrides[d]
            }
            for row in range {
                let out = dst + row * inner
                if innerStride == 1 {
                    out.update(from: src + offset, count: inner)
                } else {
                    var p = src + offset
                    for j in 0..<inner {
                        out[j] = p.pointee
                        p += innerStride
                    }
                }
                // Advance the odometer.
                var d = outerSizes.count - 1
                while d >= 0 {
                    index[d] += 1
                    offset += outerStrides[d]
                    if index[d] < outerSizes[d] { break }
                    offset -= index[d] * outerStrides[d]
                    index[d] = 0
                    d -= 1
                }
            }
        }
        return result
    }

    /// Two dimensions swapped (`torch.transpose`), copied into a new contiguous tensor.
    public func transposed(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        let a = try Tensor.normalizedDim(dim0, rank: rank, op: "transpose")
        let b = try Tensor.normalizedDim(dim1, rank: rank, op: "transpose")
        var perm = Array(0..<rank)
        perm.swapAt(a, b)
        return try permuted(perm)
    }

    /// Tensors joined along `dim` (`torch.cat`); all other dimensions must agree.
    public static func concat(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        guard let first = tensors.first else {
            throw NeuralError.invalidArgument(op: "concat", "no tensors")
        }
        let d = try normalizedDim(dim, rank: first.rank, op: "concat")
        var total = 0
        for t in tensors {
            guard t.rank == first.rank,
                  zip(t.shape, first.shape).enumerated().allSatisfy({ $0.offset == d || $0.element.0 == $0.element.1 })
            else {
                throw NeuralError.shapeMismatch(op: "concat", "\(tensors.map { $0.shape }) along dimension \(dim)")
            }
            let (sum, overflow) = total.addingReportingOverflow(t.shape[d])
            guard !overflow else { throw NeuralError.invalidShape("concat: dimension \(dim) too large") }
            total = sum
        }
        var outShape = first.shape
        outShape[d] = total
        _ = try validatedCount(outShape)
        let result = Tensor(uninitializedShape: outShape)
        let outer = unsafeCount(Array(first.shape[0..<d]))
        let inner = unsafeCount(Array(first.shape[(d + 1)...]))
        let rowOut = total * inner
        var column = 0
        for t in tensors {
            let rowIn = t.shape[d] * inner
            if rowIn > 0 {
                let src = t.pointer
                let dst = result.pointer + column
                for o in 0..<outer {
                    (dst + o * rowOut).update(from: src + o * rowIn, count: rowIn)
                }
            }
            column += rowIn
        }
        return withExtendedLifetime(tensors) { result }
    }

    /// The slice `start..<start+length` of dimension `dim` (`torch.narrow`), copied.
    public func narrowed(dim: Int, start: Int, length: Int) throws -> Tensor {
        let d = try Tensor.normalizedDim(dim, rank: rank, op: "narrow")
        guard start >= 0, length >= 0, start <= shape[d], length <= shape[d] - start else {
            throw NeuralError.invalidArgument(op: "narrow", "range \(start)..<\(start + length) of dimension \(dim) with size \(shape[d])")
        }
        var outShape = shape
        outShape[d] = length
        let result = Tensor(uninitializedShape: outShape)
        let outer = Tensor.unsafeCount(Array(shape[0..<d]))
        let inner = Tensor.unsafeCount(Array(shape[(d + 1)...]))
        let rowIn = shape[d] * inner
        let rowOut = length * inner
        if rowOut > 0 {
            for o in 0..<outer {
                (result.pointer + o * rowOut).update(from: pointer + o * rowIn + start * inner, count: rowOut)
            }
        }
        return result
    }

    /// Pieces of the given sizes along `dim` (`torch.split` with a list); sizes must sum to the
    /// dimension's size.
    public func split(sizes: [Int], dim: Int) throws -> [Tensor] {
        let d = try Tensor.normalizedDim(dim, rank: rank, op: "split")
        var total = 0
        for s in sizes {
            let (sum, overflow) = total.addingReportingOverflow(s)
            guard s >= 0, !overflow else { throw NeuralError.invalidArgument(op: "split", "sizes \(sizes)") }
            total = sum
        }
        guard total == shape[d] else {
            throw NeuralError.invalidArgument(op: "split", "sizes \(sizes) for dimension \(dim) of size \(shape[d])")
        }
        var start = 0
        var pieces = [Tensor]()
        for s in sizes {
            pieces.append(try narrowed(dim: d, start: start, length: s))
            start += s
        }
        return pieces
    }

    /// `chunks` pieces along `dim` as `torch.chunk` makes them: each of size ⌈n / chunks⌉ except
    /// a smaller last one (so fewer than `chunks` pieces can come back).
    public func chunked(_ chunks: Int, dim: Int) throws -> [Tensor] {
        let d = try Tensor.normalizedDim(dim, rank: rank, op: "chunk")
        guard chunks > 0 else { throw NeuralError.invalidArgument(op: "chunk", "\(chunks) chunks") }
        let n = shape[d]
        let size = (n + chunks - 1) / chunks
        if size == 0 { return [self] }
        var sizes = [Int]()
        var left = n
        while left > 0 { sizes.append(min(size, left)); left -= size }
        return try split(sizes: sizes, dim: d)
    }

    /// Rows of an embedding table `[vocab, dim]` picked by `indices` (`torch.nn.functional.embedding`):
    /// the result is `[indices.count, dim]`.
    public func embedding(_ indices: [Int]) throws -> Tensor {
        guard rank == 2 else { throw NeuralError.shapeMismatch(op: "embedding", "table must be [vocab, dim], got \(shape)") }
        let dim = shape[1]
        _ = try Tensor.validatedCount([indices.count, dim])
        let result = Tensor(uninitializedShape: [indices.count, dim])
        for (row, index) in indices.enumerated() {
            guard index >= 0, index < shape[0] else {
                throw NeuralError.invalidArgument(op: "embedding", "index \(index) outside a table of \(shape[0]) rows")
            }
            (result.pointer + row * dim).update(from: pointer + index * dim, count: dim)
        }
        return result
    }
}
