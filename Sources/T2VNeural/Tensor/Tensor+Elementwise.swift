// Elementwise arithmetic with NumPy/PyTorch broadcasting, and scalar arithmetic.

protocol BinaryFloatOp {
    static func apply(_ a: Float, _ b: Float) -> Float
}

enum AddOp: BinaryFloatOp { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b } }
enum SubOp: BinaryFloatOp { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b } }
enum MulOp: BinaryFloatOp { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b } }
enum DivOp: BinaryFloatOp { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a / b } }

extension Tensor {
    /// `self + other`, broadcasting as PyTorch does (trailing dimensions aligned; size-1 stretches).
    public func adding(_ other: Tensor) throws -> Tensor { try broadcast(other, AddOp.self, op: "add") }
    /// `self - other`, broadcasting.
    public func subtracting(_ other: Tensor) throws -> Tensor { try broadcast(other, SubOp.self, op: "sub") }
    /// `self * other` elementwise, broadcasting.
    public func multiplying(_ other: Tensor) throws -> Tensor { try broadcast(other, MulOp.self, op: "mul") }
    /// `self / other` elementwise, broadcasting.
    public func dividing(_ other: Tensor) throws -> Tensor { try broadcast(other, DivOp.self, op: "div") }

    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.adding(rhs) }
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.subtracting(rhs) }
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.multiplying(rhs) }
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.dividing(rhs) }

    /// Adds `other` into `self` in place; `other` must broadcast to `self`'s shape.
    public mutating func add(_ other: Tensor) throws {
        let outShape = try Tensor.broadcastShape(shape, other.shape, op: "add")
        guard outShape == shape else {
            throw NeuralError.shapeMismatch(op: "add", "\(other.shape) does not broadcast into \(shape) in place")
        }
        makeUnique()
        Tensor.binaryLoop(AddOp.self, shape: shape, a: pointer, aShape: shape, b: other.pointer, bShape: other.shape, out: pointer)
        withExtendedLifetime(other) {}
    }

    /// Every element multiplied by `factor`.
    public func scaled(by factor: Float) -> Tensor {
        map { $0 * factor }
    }

    /// `factor * self + offset`, elementwise.
    public func affine(scale factor: Float, offset: Float) -> Tensor {
        map { $0 * factor + offset }
    }

    /// `scalar` added to every element.
    public func adding(scalar: Float) -> Tensor {
        map { $0 + scalar }
    }

    /// Every element limited to `min...max` (`torch.clamp`; NaN stays NaN).
    public func clamped(min lo: Float, max hi: Float) -> Tensor {
        map { x in x < lo ? lo : (x > hi ? hi : x) }
    }

    /// Applies `transform` to every element (split over threads for large tensors). Public for model
    /// code that needs an odd elementwise function; `transform` must be pure.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        var result = self
        result.mapInPlace(transform)
        return result
    }

    /// Replaces every element `x` by `transform(x)`.
    public mutating func mapInPlace(_ transform: (Float) -> Float) {
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let n = buffer.count
            Parallel.forRanges(n, grain: 1 << 15) { range in
                for i in range { base[i] = transform(base[i]) }
            }
        }
    }

    // MARK: Broadcasting machinery

    /// PyTorch's broadcast of two shapes.
    static func broadcastShape(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let r = max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let da = i < r - a.count ? 1 : a[i - (r - a.count)]
            let db = i < r - b.count ? 1 : b[i - (r - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else {
                throw NeuralError.shapeMismatch(op: op, "\(a) and \(b) do not broadcast")
            }
        }
        return out
    }

    func broadcast<Op: BinaryFloatOp>(_ other: Tensor, _: Op.Type, op: String) throws -> Tensor {
        let outShape = try Tensor.broadcastShape(shape, other.shape, op: op)
        _ = try Tensor.validatedCount(outShape)
        let result = Tensor(uninitializedShape: outShape)
        Tensor.binaryLoop(Op.self, shape: outShape, a: pointer, aShape: shape, b: other.pointer, bShape: other.shape, out: result.pointer)
        withExtendedLifetime(self) {}
        withExtendedLifetime(other) {}
        return result
    }

    /// out[i] = Op(a[i'], b[i'']) over `shape`, with a and b broadcast to it.
    static func binaryLoop<Op: BinaryFloatOp>(
        _: Op.Type, shape: [Int], a: UnsafePointer<Float>, aShape: [Int], b: UnsafePointer<Float>, bShape: [Int],
        out: UnsafeMutablePointer<Float>
    ) {
        let total = unsafeCount(shape)
        if total == 0 { return }
        if aShape == shape && bShape == shape {
            Parallel.forRanges(total, grain: 1 << 15) { range in
                for i in range { out[i] = Op.apply(a[i], b[i]) }
            }
            return
        }
        let r = shape.count
        func strides(_ s: [Int]) -> [Int] {
            var st = [Int](repeating: 0, count: r)
            var acc = 1
            for i in stride(from: r - 1, through: 0, by: -1) {
                let j = i - (r - s.count)
                let d = j >= 0 ? s[j] : 1
                st[i] = d == 1 ? 0 : acc
                acc *= d
            }
            return st
        }
        let fullA = strides(aShape)
        let fullB = strides(bShape)
        // Drop size-1 dimensions, then merge neighbours that are contiguous for both operands.
        var sizes = [Int]()
        var sa = [Int]()
        var sb = [Int]()
        for d in 0..<r where shape[d] != 1 {
            sizes.append(shape[d])
            sa.append(fullA[d])
            sb.append(fullB[d])
        }
        if sizes.isEmpty { sizes = [1]; sa = [0]; sb = [0] }
        var i = sizes.count - 1
        while i > 0 {
            if sa[i - 1] == sa[i] * sizes[i] && sb[i - 1] == sb[i] * sizes[i] {
                sizes[i] *= sizes[i - 1]
                sizes.remove(at: i - 1)
                sa.remove(at: i - 1)
                sb.remove(at: i - 1)
            }
            i -= 1
        }
        let inner = sizes[sizes.count - 1]
        let ia = sa[sizes.count - 1]
        let ib = sb[sizes.count - 1]
        let outerSizes = Array(sizes.dropLast())
        let outerA = Array(sa.dropLast())
        let outerB = Array(sb.dropLast())
        let outer = total / inner
        Parallel.forRanges(outer, grain: max(1, 16384 / inner)) { range in
            for row in range {
                var rem = row
                var offA = 0
                var offB = 0
                for d in stride(from: outerSizes.count - 1, through: 0, by: -1) {
                    let idx = rem % outerSizes[d]
                    rem /= outerSizes[d]
                    offA += idx * outerA[d]
                    offB += idx * outerB[d]
                }
                let o = out + row * inner
                let pa = a + offA
                let pb = b + offB
                switch (ia, ib) {
                case (1, 1): for j in 0..<inner { o[j] = Op.apply(pa[j], pb[j]) }
                case (1, 0): let y = pb.pointee; for j in 0..<inner { o[j] = Op.apply(pa[j], y) }
                case (0, 1): let x = pa.pointee; for j in 0..<inner { o[j] = Op.apply(x, pb[j]) }
                default: for j in 0..<inner { o[j] = Op.apply(pa[j * ia], pb[j * ib]) }
                }
            }
        }
    }
}
