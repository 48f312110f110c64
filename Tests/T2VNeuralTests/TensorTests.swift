// Construction, value semantics, shape operations and broadcasting of Tensor.

import T2VNeural
import Testing

@Suite struct TensorTests {
    @Test func constructionChecksShapes() throws {
        let t = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.shape == [2, 3] && t.count == 6 && t.rank == 2)
        #expect(try t.size(-1) == 3)
        #expect(neuralError { _ = try Tensor(shape: [2, 2], scalars: [1, 2, 3]) } != nil)
        #expect(neuralError { _ = try Tensor(zeros: [2, -1]) } != nil)
        #expect(neuralError { _ = try Tensor(zeros: [Int.max, 4]) } != nil)
        #expect(neuralError { _ = try t.size(2) } != nil)
        let s = Tensor(scalar: 3)
        #expect(s.shape == [] && s.scalars == [3])
        let e = try Tensor(zeros: [0, 5])
        #expect(e.count == 0)
        // Empty tensors may not hide huge dimensions (their products must stay representable).
        #expect(neuralError { _ = try Tensor(zeros: [0, 1 << 40, 1 << 40]) } != nil)
        let wide = try Tensor(zeros: [0, 1 << 59])
        #expect(neuralError { _ = try Tensor.concat([wide, wide, wide], dim: 1) } != nil)
        #expect(neuralError { _ = try wide.split(sizes: [Int.max, Int.max], dim: 1) } != nil)
        let row = try Tensor(zeros: [1 << 31, 0]), column = try Tensor(zeros: [1, 0, 1 << 31])
        #expect(neuralError { _ = try row.transposed(0, 1).reshaped([0, 1, 1 << 31]) + column } == nil)
    }

    @Test func copyOnWrite() throws {
        let a = try Tensor(shape: [3], scalars: [1, 2, 3])
        var b = a
        b.withUnsafeMutableBufferPointer { $0[0] = 9 }
        #expect(a.scalars == [1, 2, 3])
        #expect(b.scalars == [9, 2, 3])
        var c = try a.reshaped([1, 3])
        c.mapInPlace { $0 * 2 }
        #expect(a.scalars == [1, 2, 3] && c.scalars == [2, 4, 6])
    }

    @Test func reshape() throws {
        var rng = TestRNG(seed: 1)
        let t = try rng.tensor([2, 3, 4])
        #expect(try t.reshaped([6, -1]).shape == [6, 4])
        #expect(try t.reshaped([-1]).shape == [24])
        #expect(neuralError { _ = try t.reshaped([5, -1]) } != nil)
        #expect(neuralError { _ = try t.reshaped([-1, -1]) } != nil)
        #expect(neuralError { _ = try t.reshaped([25]) } != nil)
    }

    /// Naive permute: output index → input index by the definition.
    func naivePermute(_ t: Tensor, _ p: [Int]) -> [Float] {
        let shape = t.shape
        let outShape = p.map { shape[$0] }
        var inStrides = [Int](repeating: 1, count: shape.count)
        for d in stride(from: shape.count - 2, through: 0, by: -1) { inStrides[d] = inStrides[d + 1] * shape[d + 1] }
        let x = t.scalars
        var out = [Float]()
        let total = outShape.reduce(1, *)
        for flat in 0..<total {
            var rem = flat
            var off = 0
            for d in stride(from: outShape.count - 1, through: 0, by: -1) {
                let i = rem % outShape[d]
                rem /= outShape[d]
                off += i * inStrides[p[d]]
            }
            out.append(x[off])
        }
        return out
    }

    @Test(arguments: [[0, 2, 1, 3], [3, 2, 1, 0], [1, 0, 2, 3], [0, 1, 3, 2], [2, 0, 3, 1], [0, 1, 2, 3]])
    func permute(_ p: [Int]) throws {
        var rng = TestRNG(seed: 2)
        let t = try rng.tensor([2, 3, 4, 5])
        let out = try t.permuted(p)
        #expect(out.shape == p.map { t.shape[$0] })
        #expect(out.scalars == naivePermute(t, p))
    }

    @Test func permuteErrors() throws {
        let t = try Tensor(zeros: [2, 3])
        #expect(neuralError { _ = try t.permuted([0]) } != nil)
        #expect(neuralError { _ = try t.permuted([0, 0]) } != nil)
        #expect(neuralError { _ = try t.permuted([0, 2]) } != nil)
        #expect(try t.transposed(0, 1).shape == [3, 2])
        #expect(try t.transposed(-1, -2).scalars == naivePermute(t, [1, 0]))
    }

    @Test func concatSplitChunkNarrow() throws {
        var rng = TestRNG(seed: 3)
        let a = try rng.tensor([2, 3, 4])
        let b = try rng.tensor([2, 1, 4])
        let c = try Tensor.concat([a, b], dim: 1)
        #expect(c.shape == [2, 4, 4])
        let parts = try c.split(sizes: [3, 1], dim: 1)
        #expect(parts[0].scalars == a.scalars && parts[1].scalars == b.scalars)
        #expect(neuralError { _ = try Tensor.concat([a, b], dim: 2) } != nil)
        #expect(neuralError { _ = try Tensor.concat([], dim: 0) } != nil)
        #expect(neuralError { _ = try c.split(sizes: [3, 2], dim: 1) } != nil)
        // torch.chunk(7 elements, 3) → sizes 3, 3, 1.
        let x = try Tensor(shape: [7], scalars: (0..<7).map(Float.init))
        #expect(try x.chunked(3, dim: 0).map(\.shape) == [[3], [3], [1]])
        #expect(try x.chunked(2, dim: -1).map(\.scalars) == [[0, 1, 2, 3], [4, 5, 6]])
        #expect(try x.narrowed(dim: 0, start: 2, length: 3).scalars == [2, 3, 4])
        #expect(neuralError { _ = try x.narrowed(dim: 0, start: 5, length: 3) } != nil)
        #expect(neuralError { _ = try x.chunked(0, dim: 0) } != nil)
        let last = try c.chunked(2, dim: -1)
        #expect(last.count == 2 && last[0].shape == [2, 4, 2])
        #expect(try Tensor.concat(last, dim: -1).scalars == c.scalars)
    }

    @Test func broadcasting() throws {
        var rng = TestRNG(seed: 4)
        let x = try rng.tensor([2, 3, 4, 5])
        let bias = try rng.tensor([1, 3, 1, 1])
        let row = try rng.tensor([5])
        let col = try rng.tensor([4, 1])
        let xs = x.scalars, bs = bias.scalars, rs = row.scalars, cs = col.scalars
        var expectedBias = [Float](), expectedRow = [Float](), expectedCol = [Float]()
        for n in 0..<2 { for c in 0..<3 { for h in 0..<4 { for w in 0..<5 {
            let i = ((n * 3 + c) * 4 + h) * 5 + w
            expectedBias.append(xs[i] + bs[c])
            expectedRow.append(xs[i] * rs[w])
            expectedCol.append(xs[i] - cs[h])
        } } } }
        #expect(try x.adding(bias).scalars == expectedBias)
        #expect(try (bias + x).scalars == expectedBias)
        #expect(try x.multiplying(row).scalars == expectedRow)
        #expect(try (x - col).scalars == expectedCol)
        #expect(try (x * x).scalars == xs.map { $0 * $0 })
        #expect(try (x / Tensor(scalar: 2)).scalars == xs.map { $0 / 2 })
        // [2,1,5] + [3,1] → [2,3,5]
        let p = try rng.tensor([2, 1, 5]), q = try rng.tensor([3, 1])
        let pq = try p + q
        #expect(pq.shape == [2, 3, 5])
        let ps = p.scalars, qs = q.scalars
        var expected = [Float]()
        for i in 0..<2 { for j in 0..<3 { for k in 0..<5 { expected.append(ps[i * 5 + k] + qs[j]) } } }
        #expect(pq.scalars == expected)
        #expect(neuralError { _ = try x + (try Tensor(zeros: [3, 5])) } != nil)
        var y = x
        try y.add(bias)
        #expect(y.scalars == expectedBias && x.scalars == xs)
        #expect(neuralError { var z = bias; try z.add(x) } != nil)
    }

    @Test func scalarOps() throws {
        let x = try Tensor(shape: [4], scalars: [-2, -0.5, 0.5, 3])
        #expect(x.scaled(by: 2).scalars == [-4, -1, 1, 6])
        #expect(x.adding(scalar: 1).scalars == [-1, 0.5, 1.5, 4])
        #expect(x.affine(scale: 0.5, offset: 0.5).scalars == [-0.5, 0.25, 0.75, 2])
        #expect(x.clamped(min: -1, max: 1).scalars == [-1, -0.5, 0.5, 1])
    }

    @Test func embeddingLookup() throws {
        let table = try Tensor(shape: [3, 2], scalars: [0, 1, 10, 11, 20, 21])
        #expect(try table.embedding([2, 0, 2]).scalars == [20, 21, 0, 1, 20, 21])
        #expect(neuralError { _ = try table.embedding([3]) } != nil)
        #expect(neuralError { _ = try table.embedding([-1]) } != nil)
    }
}
