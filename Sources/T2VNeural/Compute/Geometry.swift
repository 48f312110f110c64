// The shape checks of the seam's operations, shared by every backend: each returns the sizes an
// operation runs with after every check its kernels rely on, or throws the error naming the op.

extension Tensor {
    /// `matmul`: `self` `[..., M, K]` (or transposed) by `other` `[K, N]` (shared) or batched like `self`.
    func matmulGeometry(_ other: Tensor, transposeSelf: Bool, transposeOther: Bool) throws
        -> (m: Int, k: Int, n: Int, batch: Int, sharedOther: Bool, outShape: [Int]) {
        guard rank >= 2, other.rank >= 2 else {
            throw NeuralError.shapeMismatch(op: "matmul", "operands must have rank ≥ 2, got \(shape) and \(other.shape)")
        }
        let r0 = shape[rank - 2], r1 = shape[rank - 1]
        let (m, k) = transposeSelf ? (r1, r0) : (r0, r1)
        let o0 = other.shape[other.rank - 2], o1 = other.shape[other.rank - 1]
        let (k2, n) = transposeOther ? (o1, o0) : (o0, o1)
        guard k == k2 else {
            throw NeuralError.shapeMismatch(op: "matmul", "\(shape)\(transposeSelf ? "ᵀ" : "") × \(other.shape)\(transposeOther ? "ᵀ" : ""): inner sizes \(k) and \(k2) differ")
        }
        let batchShape = Array(shape.dropLast(2))
        let batch = Tensor.unsafeCount(batchShape)
        let sharedOther = other.rank == 2
        if !sharedOther {
            guard Array(other.shape.dropLast(2)) == batchShape else {
                throw NeuralError.shapeMismatch(op: "matmul", "batch dimensions of \(shape) and \(other.shape) differ")
            }
        }
        let outShape = batchShape + [m, n]
        _ = try Tensor.validatedCount(outShape)
        _ = try Tensor.validatedCount(batchShape + [m, k, n])
        return (m, k, n, batch, sharedOther, outShape)
    }

    /// `linear`: `self` `[..., in]`, `weight` `[out, in]`, `bias` `[out]`.
    func linearGeometry(weight: Tensor, bias: Tensor?) throws
        -> (outShape: [Int], rows: Int, inFeatures: Int, outFeatures: Int) {
        guard rank >= 1, weight.rank == 2, let inFeatures = shape.last, weight.shape[1] == inFeatures else {
            throw NeuralError.shapeMismatch(op: "linear", "input \(shape) with weight \(weight.shape) (expected [out, \(shape.last ?? 0)])")
        }
        let outFeatures = weight.shape[0]
        if let bias {
            guard bias.shape == [outFeatures] else {
                throw NeuralError.shapeMismatch(op: "linear", "bias \(bias.shape) for \(outFeatures) outputs")
            }
        }
        var outShape = shape
        outShape[rank - 1] = outFeatures
        _ = try Tensor.validatedCount(outShape)
        let rows = try Tensor.validatedCount(Array(shape.dropLast()))
        _ = try Tensor.validatedCount([rows, outFeatures, inFeatures])
        return (outShape, rows, inFeatures, outFeatures)
    }

    /// The sizes of a 2-D convolution of this `[N, C, H, W]` tensor read upsampled ×`up` (nearest),
    /// after every check the kernels rely on (ranks, channels, bias, stride, padding, kernel, element
    /// counts); errors name `conv2d`.
    func conv2dGeometry(weight: Tensor, bias: Tensor?, stride: Int, padding: Padding2D, upsample up: Int) throws
        -> (n: Int, c: Int, h: Int, w: Int, o: Int, kh: Int, kw: Int, ho: Int, wo: Int, kdim: Int) {
        guard rank == 4 else { throw NeuralError.shapeMismatch(op: "conv2d", "input must be [N, C, H, W], got \(shape)") }
        guard weight.rank == 4, weight.shape[1] == shape[1] else {
            throw NeuralError.shapeMismatch(op: "conv2d", "weight \(weight.shape) for input \(shape) (expected [O, \(shape[1]), kh, kw])")
        }
        let (n, c, h, w) = (shape[0], shape[1], shape[2] * up, shape[3] * up)
        let (o, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
        if let bias, bias.shape != [o] {
            throw NeuralError.shapeMismatch(op: "conv2d", "bias \(bias.shape) for \(o) output channels")
        }
        let limit = 1 << 31
        guard stride >= 1, stride <= limit else { throw NeuralError.invalidArgument(op: "conv2d", "stride \(stride)") }
        guard padding.top >= 0, padding.bottom >= 0, padding.left >= 0, padding.right >= 0,
              padding.top <= limit, padding.bottom <= limit, padding.left <= limit, padding.right <= limit
        else {
            throw NeuralError.invalidArgument(op: "conv2d", "padding \(padding) out of range")
        }
        guard kh >= 1, kw >= 1 else { throw NeuralError.invalidArgument(op: "conv2d", "empty kernel \(weight.shape)") }
        let paddedH = h + padding.top + padding.bottom
        let paddedW = w + padding.left + padding.right
        guard paddedH >= kh, paddedW >= kw else {
            throw NeuralError.shapeMismatch(op: "conv2d", "kernel \(kh)×\(kw) larger than padded input \(paddedH)×\(paddedW)")
        }
        let ho = (paddedH - kh) / stride + 1
        let wo = (paddedW - kw) / stride + 1
        _ = try Tensor.validatedCount([n, o, ho, wo])
        _ = try Tensor.validatedCount([n, c, h, w])
        let kdim = try Tensor.validatedCount([c, kh, kw])
        _ = try Tensor.validatedCount([kdim, ho, wo])
        return (n, c, h, w, o, kh, kw, ho, wo, kdim)
    }

    /// `conv2dFused`: the stride-1 geometry of this tensor read upsampled ×2 when `upsample2x`, and a
    /// `residual` of the output's shape.
    func conv2dFusedGeometry(weight: Tensor, bias: Tensor?, padding: Padding2D, upsample2x: Bool, residual: Tensor?) throws
        -> (n: Int, c: Int, h: Int, w: Int, o: Int, kh: Int, kw: Int, ho: Int, wo: Int, kdim: Int) {
        let g = try conv2dGeometry(weight: weight, bias: bias, stride: 1, padding: padding, upsample: upsample2x ? 2 : 1)
        if let residual, residual.shape != [g.n, g.o, g.ho, g.wo] {
            throw NeuralError.shapeMismatch(op: "conv2d", "residual \(residual.shape) for output \([g.n, g.o, g.ho, g.wo])")
        }
        return g
    }

    /// The `silu(group_norm(·))` a fused convolution reads its `channels` input channels through.
    static func checkGroupNormSiLU(_ g: GroupNormSiLU, channels c: Int) throws {
        guard g.groups > 0, c % g.groups == 0 else {
            throw NeuralError.invalidArgument(op: "group_norm_silu", "\(c) channels do not split into \(g.groups) groups")
        }
        guard g.weight.shape == [c], g.bias.shape == [c] else {
            throw NeuralError.shapeMismatch(op: "group_norm_silu", "weight \(g.weight.shape), bias \(g.bias.shape) for \(c) channels")
        }
    }

    /// `conv3d` of this `[N, C, F, H, W]` tensor by `[O, C, kf, kh, kw]`, symmetric padding.
    func conv3dGeometry(weight: Tensor, bias: Tensor?, stride: Int, padding: (Int, Int, Int)) throws
        -> (n: Int, c: Int, f: Int, h: Int, w: Int, o: Int, kf: Int, kh: Int, kw: Int, fo: Int, ho: Int, wo: Int, kdim: Int) {
        guard rank == 5 else { throw NeuralError.shapeMismatch(op: "conv3d", "input must be [N, C, F, H, W], got \(shape)") }
        guard weight.rank == 5, weight.shape[1] == shape[1] else {
            throw NeuralError.shapeMismatch(op: "conv3d", "weight \(weight.shape) for input \(shape) (expected [O, \(shape[1]), kf, kh, kw])")
        }
        let (n, c, f, h, w) = (shape[0], shape[1], shape[2], shape[3], shape[4])
        let (o, kf, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3], weight.shape[4])
        if let bias, bias.shape != [o] {
            throw NeuralError.shapeMismatch(op: "conv3d", "bias \(bias.shape) for \(o) output channels")
        }
        let limit = 1 << 31
        let (pf, ph, pw) = padding
        guard stride >= 1, stride <= limit else { throw NeuralError.invalidArgument(op: "conv3d", "stride \(stride)") }
        guard pf >= 0, ph >= 0, pw >= 0, pf <= limit, ph <= limit, pw <= limit else {
            throw NeuralError.invalidArgument(op: "conv3d", "padding \(padding) out of range")
        }
        guard kf >= 1, kh >= 1, kw >= 1 else { throw NeuralError.invalidArgument(op: "conv3d", "empty kernel \(weight.shape)") }
        guard f + 2 * pf >= kf, h + 2 * ph >= kh, w + 2 * pw >= kw else {
            throw NeuralError.shapeMismatch(op: "conv3d", "kernel \(kf)×\(kh)×\(kw) larger than padded input")
        }
        let fo = (f + 2 * pf - kf) / stride + 1
        let ho = (h + 2 * ph - kh) / stride + 1
        let wo = (w + 2 * pw - kw) / stride + 1
        _ = try Tensor.validatedCount([n, o, fo, ho, wo])
        let kdim = try Tensor.validatedCount([c, kf, kh, kw])
        _ = try Tensor.validatedCount([kdim, fo, ho, wo])
        return (n, c, f, h, w, o, kf, kh, kw, fo, ho, wo, kdim)
    }

    /// `TemporalConvLayer`'s (3, 1, 1) convolution of this `(batch·frames, C, ...)` tensor.
    func temporalConvGeometry(frames f: Int, weight: Tensor, bias: Tensor) throws
        -> (n: Int, c: Int, o: Int, spatial: Int, outShape: [Int]) {
        let op = "temporal conv3d (3,1,1)"
        guard rank >= 2, f >= 1, shape[0] % f == 0 else {
            throw NeuralError.shapeMismatch(op: op, "input \(shape) is not (batch·\(f) frames, C, ...)")
        }
        let n = shape[0], c = shape[1]
        guard weight.rank == 5, weight.shape[1] == c, Array(weight.shape[2...]) == [3, 1, 1] else {
            throw NeuralError.shapeMismatch(op: op, "weight \(weight.shape) for \(c) input channels (expected [O, \(c), 3, 1, 1])")
        }
        let o = weight.shape[0]
        guard bias.shape == [o] else { throw NeuralError.shapeMismatch(op: op, "bias \(bias.shape) for \(o) outputs") }
        let s = n * c == 0 ? 0 : count / (n * c)
        var outShape = shape
        outShape[1] = o
        _ = try Tensor.validatedCount(outShape)
        return (n, c, o, s, outShape)
    }

    /// `scaled_dot_product_attention` of `[..., Lq, D]` queries, `[..., Lk, D]` keys, `[..., Lk, Dv]` values.
    static func attentionGeometry(query: Tensor, key: Tensor, value: Tensor, queryBlockSize: Int?) throws
        -> (batch: Int, lq: Int, lk: Int, d: Int, dv: Int, outShape: [Int]) {
        guard query.rank >= 2, key.rank == query.rank, value.rank == query.rank,
              query.shape.dropLast(2) == key.shape.dropLast(2), key.shape.dropLast(2) == value.shape.dropLast(2)
        else {
            throw NeuralError.shapeMismatch(op: "scaled_dot_product_attention", "query \(query.shape), key \(key.shape), value \(value.shape)")
        }
        let r = query.rank
        let lq = query.shape[r - 2], d = query.shape[r - 1]
        let lk = key.shape[r - 2]
        let dv = value.shape[r - 1]
        guard key.shape[r - 1] == d, value.shape[r - 2] == lk else {
            throw NeuralError.shapeMismatch(op: "scaled_dot_product_attention", "query \(query.shape), key \(key.shape), value \(value.shape)")
        }
        if let queryBlockSize, queryBlockSize < 1 {
            throw NeuralError.invalidArgument(op: "scaled_dot_product_attention", "query block size \(queryBlockSize)")
        }
        let batch = Tensor.unsafeCount(Array(query.shape.dropLast(2)))
        let outShape = Array(query.shape.dropLast(2)) + [lq, dv]
        _ = try Tensor.validatedCount(outShape)
        _ = try Tensor.validatedCount([lq, lk, max(d, dv, 1)])
        return (batch, lq, lk, d, dv, outShape)
    }
}
