// The oneDNN backend: matrix products and convolutions in bf16 (or float32) with float32
// accumulation and output; normalisation, softmax and elementwise work stay float32.

import CDNNL
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// ``ComputeBackend`` on oneDNN.
///
/// - **Data type**: `.bf16` converts each product's operands to bf16 (round to nearest even) and
///   accumulates in float32, as `torch.autocast("cpu", dtype=torch.bfloat16)` does for linear layers,
///   matmuls and convolutions; results are float32 tensors. `.f32` runs the same code with float32
///   operands: it exists so that this backend's layouts, caches and argument handling are checked on
///   any CPU against the OpenBLAS kernels (the tests); it is not a user setting.
/// - **Weights** (of `linear`, `conv2d`, `conv3d` and the temporal convolution) are converted once,
///   on first use, into the layout the primitive prefers (oneDNN's blocked formats), and cached by
///   their storage: the cache holds the storage weakly and drops entries whose model is gone.
/// - **Activations** stay PyTorch-layout float32 tensors between operations: each product converts
///   its input (one reorder, layout and type in one pass) and writes or reorders its float32 output.
/// - **Fused**: bias in every product; a convolution's residual is oneDNN's `sum` post-op.
///   `conv2dFused`'s `silu(group_norm(·))` and ×2 upsampling run in float32 before the convolution.
/// - **Group norm, layer norm, softmax**: float32, the OpenBLAS backend's kernels.
/// - **Threads**: oneDNN's (OpenMP), set per computation by ``ComputeSession``.
/// - **Determinism**: the same inputs give the same bytes run to run for a fixed thread count (oneDNN
///   picks its kernels by shape and machine); results are not bit-equal to the float32 backend.
/// - An operation oneDNN has no implementation for (an unusual shape) runs on the float32 backend
///   instead and is counted in ``fallbacks``.
final class OneDNNBackend: ComputeBackend, @unchecked Sendable {
    enum DataType: String, Sendable {
        case f32, bf16
        /// float32 kernels on operands rounded to bf16 (to nearest even), as the bf16 kernels read
        /// them: bf16's numerics on any CPU, at float32's speed. For tests on CPUs without bf16.
        case bf16Rounded
    }

    let dataType: DataType
    private let type: dnnl_data_type_t
    private let rounds: Bool
    private let engine: OneDNNEngine
    private let fp32 = OpenBLASBackend()
    private let state = Mutex(State())

    private struct CachedWeight {
        weak var storage: TensorStorage?
        let memory: Memory
    }

    /// A cache key: a name and the exact bytes of the memory descriptors involved.
    private struct Key: Hashable {
        var name: String
        var descs: [[UInt8]] = []
    }

    private struct State {
        var primitives: [Key: Primitive] = [:]
        var weights: [Key: CachedWeight] = [:]
        var prunedAt = 0
        var fallbacks: [String: Int] = [:]
    }

    init(_ dataType: DataType) throws {
        if dataType == .bf16, let why = OneDNN.bf16Unavailable { throw NeuralError.unsupported(why) }
        self.dataType = dataType
        rounds = dataType == .bf16Rounded
        type = dataType == .bf16 ? dnnl_bf16 : dnnl_f32
        engine = try OneDNNEngine.shared
    }

    private static let sharedBF16 = Mutex<OneDNNBackend?>(nil)

    /// The process's bf16 backend (one weight cache for every model), made on first use.
    static func bf16() throws -> OneDNNBackend {
        try sharedBF16.withLock { shared in
            if let shared { return shared }
            let made = try OneDNNBackend(.bf16)
            shared = made
            return made
        }
    }

    /// Operations that ran on the float32 backend because oneDNN had no implementation, by name.
    var fallbacks: [String: Int] { state.withLock { $0.fallbacks } }

    /// Cached converted weights (live entries) and primitives.
    var cacheCounts: (weights: Int, primitives: Int) {
        state.withLock { s in (s.weights.values.filter { $0.storage != nil }.count, s.primitives.count) }
    }

    // MARK: The seam

    func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) throws -> Tensor {
        let g = try a.matmulGeometry(b, transposeSelf: transposeA, transposeOther: transposeB)
        let empty = g.m == 0 || g.k == 0 || g.n == 0 || g.batch == 0
        return try orFallback("matmul", empty: empty, { try self.fp32.matmul(a, b, transposeA: transposeA, transposeB: transposeB) }) {
            let (m, k, n, batch) = (g.m, g.k, g.n, g.batch)
            let aView = try MemoryDesc([batch, m, k], dnnl_f32, strides: transposeA ? [m * k, 1, m] : [m * k, k, 1])
            let bBatch = g.sharedOther ? 1 : batch
            let bView = try MemoryDesc([bBatch, k, n], dnnl_f32, strides: transposeB ? [k * n, 1, k] : [k * n, n, 1])
            let result = Tensor(uninitializedShape: g.outShape)
            try state.withLock { s in
                let src = try converted(&s, aView, a.pointer, to: MemoryDesc([batch, m, k], type, dnnl_abc))
                let wei = try converted(&s, bView, b.pointer, to: MemoryDesc([bBatch, k, n], type, dnnl_abc))
                let dst = try Memory(MemoryDesc([batch, m, n], dnnl_f32, dnnl_abc), engine: engine.engine, borrowing: result.pointer)
                try product(&s, src, wei, bias: nil, dst)
            }
            withExtendedLifetime((a, b)) {}
            return result
        }
    }

    func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        let g = try x.linearGeometry(weight: weight, bias: bias)
        let empty = g.rows == 0 || g.inFeatures == 0 || g.outFeatures == 0
        return try orFallback("linear", empty: empty, { try self.fp32.linear(x, weight: weight, bias: bias) }) {
            let (m, k, n) = (g.rows, g.inFeatures, g.outFeatures)
            let result = Tensor(uninitializedShape: g.outShape)
            try state.withLock { s in
                let key = Key(name: "linear \(m) \(k) \(n) \(bias != nil)")
                let p = try primitive(&s, key) {
                    var desc = dnnl_matmul_desc_t()
                    var src = try MemoryDesc([m, k], type, dnnl_ab), wei = try MemoryDesc([k, n], type, dnnl_format_tag_any)
                    var dst = try MemoryDesc([m, n], dnnl_f32, dnnl_ab), b = try MemoryDesc([1, n], dnnl_f32, dnnl_ab)
                    try check(bias == nil ? dnnl_matmul_desc_init(&desc, &src.raw, &wei.raw, nil, &dst.raw)
                                          : dnnl_matmul_desc_init(&desc, &src.raw, &wei.raw, &b.raw, &dst.raw), "matmul_desc_init")
                    return try Primitive(desc: &desc, attr: nil, engine: engine.engine, what: "linear \(m)×\(k)×\(n)")
                }
                let src = try converted(&s, MemoryDesc([m, k], dnnl_f32, dnnl_ab), x.pointer, to: required(p, dnnl_query_src_md))
                let wei = try cachedWeight(&s, weight, as: MemoryDesc([k, n], dnnl_f32, dnnl_ba), to: required(p, dnnl_query_weights_md))
                let dst = try Memory(MemoryDesc([m, n], dnnl_f32, dnnl_ab), engine: engine.engine, borrowing: result.pointer)
                var args = [(Arg.src, src), (Arg.weights, wei), (Arg.dst, dst)]
                if let bias { args.append((Arg.bias, try Memory(MemoryDesc([1, n], dnnl_f32, dnnl_ab), engine: engine.engine, borrowing: bias.pointer))) }
                try p.execute(engine.stream, args)
            }
            withExtendedLifetime((x, weight, bias)) {}
            return result
        }
    }

    func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Padding2D) throws -> Tensor {
        let g = try x.conv2dGeometry(weight: weight, bias: bias, stride: stride, padding: padding, upsample: 1)
        let empty = g.n == 0 || g.c == 0 || g.o == 0 || g.ho == 0 || g.wo == 0
        return try orFallback("conv2d", empty: empty, { try self.fp32.conv2d(x, weight: weight, bias: bias, stride: stride, padding: padding) }) {
            try convolution(
                x, src: [g.n, g.c, g.h, g.w], weight: weight, bias: bias, out: [g.n, g.o, g.ho, g.wo],
                strides: [stride, stride], left: [padding.top, padding.left], right: [padding.bottom, padding.right],
                residual: nil)
        }
    }

    func conv2dFused(
        _ x: Tensor, weight: Tensor, bias: Tensor?, padding: Padding2D, upsample2x: Bool, residual: Tensor?,
        normSiLU: GroupNormSiLU?
    ) throws -> Tensor {
        let g = try x.conv2dFusedGeometry(weight: weight, bias: bias, padding: padding, upsample2x: upsample2x, residual: residual)
        let outShape = [g.n, g.o, g.ho, g.wo]
        let fallback = {
            try self.fp32.conv2dFused(x, weight: weight, bias: bias, padding: padding, upsample2x: upsample2x, residual: residual,
                                      normSiLU: normSiLU)
        }
        guard g.n > 0, g.c > 0, g.o > 0, g.ho > 0, g.wo > 0 else { return try fallback() }
        var input = x
        if let ns = normSiLU {
            try Tensor.checkGroupNormSiLU(ns, channels: g.c)
            input = try fp32.groupNorm(input, frames: 1, groups: ns.groups, weight: ns.weight, bias: ns.bias, eps: ns.eps, activation: .silu)
        }
        if upsample2x { input = try input.upsampleNearest2x() }
        let source = input
        return try orFallback("conv2d", fallback) {
            try convolution(
                source, src: [g.n, g.c, g.h, g.w], weight: weight, bias: bias, out: outShape, strides: [1, 1],
                left: [padding.top, padding.left], right: [padding.bottom, padding.right], residual: residual)
        }
    }

    func conv3d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: (Int, Int, Int)) throws -> Tensor {
        let g = try x.conv3dGeometry(weight: weight, bias: bias, stride: stride, padding: padding)
        let empty = g.n == 0 || g.c == 0 || g.o == 0 || g.fo == 0 || g.ho == 0 || g.wo == 0
        let pads = [padding.0, padding.1, padding.2]
        return try orFallback("conv3d", empty: empty, { try self.fp32.conv3d(x, weight: weight, bias: bias, stride: stride, padding: padding) }) {
            try convolution(
                x, src: [g.n, g.c, g.f, g.h, g.w], weight: weight, bias: bias, out: [g.n, g.o, g.fo, g.ho, g.wo],
                strides: [stride, stride, stride], left: pads, right: pads, residual: nil)
        }
    }

    func temporalConv(_ x: Tensor, frames: Int, weight: Tensor, bias: Tensor) throws -> Tensor {
        let g = try x.temporalConvGeometry(frames: frames, weight: weight, bias: bias)
        let empty = g.n == 0 || g.c == 0 || g.o == 0 || g.spatial == 0
        return try orFallback("temporal conv3d", empty: empty, { try self.fp32.temporalConv(x, frames: frames, weight: weight, bias: bias) }) {
            // The (batch·frames, C, S) tensor read as the video (batch, C, frames, 1, S) through strides.
            let (b, f, c, o, s) = (g.n / frames, frames, g.c, g.o, g.spatial)
            let result = Tensor(uninitializedShape: g.outShape)
            let srcView = try MemoryDesc([b, c, f, 1, s], dnnl_f32, strides: [f * c * s, s, c * s, s, 1])
            let dstView = try MemoryDesc([b, o, f, 1, s], dnnl_f32, strides: [f * o * s, s, o * s, s, 1])
            try state.withLock { s0 in
                try convolve(&s0, x.pointer, view: srcView, dims: [b, c, f, 1, s], weight: weight, bias: bias,
                             out: [b, o, f, 1, s], strides: [1, 1, 1], left: [1, 0, 0], right: [1, 0, 0],
                             residual: nil, into: result.pointer, view: dstView)
            }
            withExtendedLifetime((x, weight, bias)) {}
            return result
        }
    }

    func attention(
        query: Tensor, key: Tensor, value: Tensor, scale: Float?, isCausal: Bool, queryBlockSize: Int?
    ) throws -> Tensor {
        let g = try Tensor.attentionGeometry(query: query, key: key, value: value, queryBlockSize: queryBlockSize)
        let fallback = {
            try self.fp32.attention(query: query, key: key, value: value, scale: scale, isCausal: isCausal, queryBlockSize: queryBlockSize)
        }
        let empty = g.batch == 0 || g.lq == 0 || g.lk == 0 || g.d == 0 || g.dv == 0
        return try orFallback("scaled_dot_product_attention", empty: empty, fallback) {
            try blockedAttention(query, key, value, g, scale: scale ?? 1 / Float(g.d).squareRoot(), isCausal: isCausal,
                                 queryBlockSize: queryBlockSize)
        }
    }

    func groupNorm(
        _ x: Tensor, frames: Int, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: GroupNormActivation
    ) throws -> Tensor {
        try fp32.groupNorm(x, frames: frames, groups: groups, weight: weight, bias: bias, eps: eps, activation: activation)
    }

    func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor {
        try fp32.layerNorm(x, weight: weight, bias: bias, eps: eps)
    }

    // MARK: Building blocks

    /// Runs `body`; an operation oneDNN cannot implement runs `fallback` (float32) and is counted.
    /// An `empty` one (a zero size: no product to compute) runs `fallback` without counting.
    private func orFallback(
        _ op: String, empty: Bool = false, _ fallback: () throws -> Tensor, _ body: () throws -> Tensor
    ) throws -> Tensor {
        if empty { return try fallback() }
        do {
            return try body()
        } catch NeuralError.unsupported(let text) where text.hasSuffix("no implementation for these sizes and types on this CPU") {
            state.withLock { $0.fallbacks[op, default: 0] += 1 }
            return try fallback()
        }
    }

    private func primitive(_ s: inout State, _ key: Key, _ make: () throws -> Primitive) throws -> Primitive {
        if let p = s.primitives[key] { return p }
        let p = try make()
        s.primitives[key] = p
        return p
    }

    private func required(_ p: Primitive, _ what: dnnl_query_t) throws -> MemoryDesc {
        guard let d = p.desc(what) else { throw NeuralError.unsupported("oneDNN \(p.implementation): no layout for argument") }
        return d
    }

    /// A reorder between two layouts, cached.
    private func reorder(_ s: inout State, from src: Memory, to dst: Memory) throws {
        let key = Key(name: "reorder", descs: [src.desc.keyBytes, dst.desc.keyBytes])
        let p = try primitive(&s, key) { try Primitive(reorderFrom: src.desc, to: dst.desc, engine: engine.engine) }
        try p.execute(engine.stream, [(Arg.from, src), (Arg.to, dst)])
    }

    /// The float32 data at `pointer`, read through `view`, in `layout`: the tensor's own memory when
    /// the layouts are equal, else a converted copy.
    private func converted(_ s: inout State, _ view: MemoryDesc, _ pointer: UnsafeMutablePointer<Float>, to layout: MemoryDesc) throws -> Memory {
        let user = try Memory(view, engine: engine.engine, borrowing: UnsafeMutableRawPointer(pointer))
        if view == layout && !rounds { return user }
        let copy = try Memory(layout, engine: engine.engine)
        if view == layout {
            copy.data.copyMemory(from: user.data, byteCount: layout.size)
        } else {
            try reorder(&s, from: user, to: copy)
        }
        if rounds {
            let floats = copy.data.bindMemory(to: UInt32.self, capacity: layout.size / 4)
            for i in 0..<(layout.size / 4) {
                let bits = floats[i]
                floats[i] = (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) & 0xFFFF_0000
            }
        }
        return copy
    }

    /// `weight` (float32, read through `view`) in `layout`, converted on first use and cached by storage.
    private func cachedWeight(_ s: inout State, _ weight: Tensor, as view: MemoryDesc, to layout: MemoryDesc) throws -> Memory {
        let storage = weight.storage
        let key = Key(name: "weight \(UInt(bitPattern: ObjectIdentifier(storage).hashValue))", descs: [view.keyBytes, layout.keyBytes])
        if let hit = s.weights[key], hit.storage === storage { return hit.memory }
        let memory = try converted(&s, view, weight.pointer, to: layout)
        // A borrowed result would alias the tensor; keep an owned copy so the cache never outlives its data.
        let owned: Memory
        if memory.data == UnsafeMutableRawPointer(weight.pointer) {
            owned = try Memory(layout, engine: engine.engine)
            owned.data.copyMemory(from: memory.data, byteCount: layout.size)
        } else {
            owned = memory
        }
        s.weights[key] = CachedWeight(storage: storage, memory: owned)
        if storage.isBorrowed { Self.releasePages(of: weight) }
        if s.weights.count >= 2 * max(s.prunedAt, 64) {
            s.weights = s.weights.filter { $0.value.storage != nil }
            s.prunedAt = s.weights.count
        }
        return owned
    }

    /// Drops the resident pages of a weight memory-mapped from its safetensors file (read-only,
    /// private): once converted, the bf16 path never reads them, and a float32 computation that
    /// does reads them back from the file. Only whole pages inside the tensor are released.
    private static func releasePages(of weight: Tensor) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = UInt(bitPattern: weight.pointer), end = start + UInt(weight.count * 4)
        let first = (start + UInt(page) - 1) / UInt(page) * UInt(page), last = end / UInt(page) * UInt(page)
        guard last > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(p, Int(last - first), MADV_DONTNEED)
    }

    /// `src × wei (+ bias)` into `dst` (plain layouts, batched when rank 3), the primitive cached.
    private func product(_ s: inout State, _ src: Memory, _ wei: Memory, bias: Memory?, _ dst: Memory) throws {
        let key = Key(name: "matmul", descs: [src.desc.keyBytes, wei.desc.keyBytes, dst.desc.keyBytes])
        let p = try primitive(&s, key) {
            var desc = dnnl_matmul_desc_t()
            var a = src.desc, b = wei.desc, c = dst.desc
            try check(dnnl_matmul_desc_init(&desc, &a.raw, &b.raw, nil, &c.raw), "matmul_desc_init")
            return try Primitive(desc: &desc, attr: nil, engine: engine.engine, what: "matmul")
        }
        try p.execute(engine.stream, [(Arg.src, src), (Arg.weights, wei), (Arg.dst, dst)])
    }

    /// A convolution of a plain (N, C, spatial…) float32 tensor into a new one.
    private func convolution(
        _ x: Tensor, src: [Int], weight: Tensor, bias: Tensor?, out: [Int], strides: [Int], left: [Int], right: [Int],
        residual: Tensor?
    ) throws -> Tensor {
        let tag = src.count == 4 ? dnnl_abcd : dnnl_abcde
        let result = Tensor(uninitializedShape: out)
        try state.withLock { s in
            try convolve(&s, x.pointer, view: MemoryDesc(src, dnnl_f32, tag), dims: src, weight: weight, bias: bias, out: out,
                         strides: strides, left: left, right: right, residual: residual?.pointer,
                         into: result.pointer, view: MemoryDesc(out, dnnl_f32, tag))
        }
        withExtendedLifetime((x, weight, bias, residual)) {}
        return result
    }

    /// The convolution primitive for these sizes (layouts left to oneDNN), run on float32 data read
    /// through `srcView` and written through `dstView`; `residual` (laid out as `dstView`) is added
    /// by the `sum` post-op.
    private func convolve(
        _ s: inout State, _ x: UnsafeMutablePointer<Float>, view srcView: MemoryDesc, dims: [Int], weight: Tensor,
        bias: Tensor?, out: [Int], strides: [Int], left: [Int], right: [Int], residual: UnsafeMutablePointer<Float>?,
        into y: UnsafeMutablePointer<Float>, view dstView: MemoryDesc
    ) throws {
        let key = Key(name: "conv \(dims) \(weight.shape) \(out) \(strides) \(left) \(right) \(bias != nil) \(residual != nil)")
        let p = try primitive(&s, key) {
            var desc = dnnl_convolution_desc_t()
            var srcMD = try MemoryDesc(dims, type, dnnl_format_tag_any)
            var weiMD = try MemoryDesc(weight.shape, type, dnnl_format_tag_any)
            var dstMD = try MemoryDesc(out, dnnl_f32, dnnl_format_tag_any)
            var biasMD = try MemoryDesc([out[1]], dnnl_f32, dnnl_a)
            let (st, l, r) = (strides.map(Int64.init), left.map(Int64.init), right.map(Int64.init))
            try check(bias == nil
                ? dnnl_convolution_forward_desc_init(&desc, dnnl_forward_inference, dnnl_convolution_direct, &srcMD.raw, &weiMD.raw,
                                                     nil, &dstMD.raw, st, l, r)
                : dnnl_convolution_forward_desc_init(&desc, dnnl_forward_inference, dnnl_convolution_direct, &srcMD.raw, &weiMD.raw,
                                                     &biasMD.raw, &dstMD.raw, st, l, r), "convolution_forward_desc_init")
            var attr: dnnl_primitive_attr_t?
            if residual != nil {
                var ops: dnnl_post_ops_t?
                try check(dnnl_primitive_attr_create(&attr), "primitive_attr_create")
                try check(dnnl_post_ops_create(&ops), "post_ops_create")
                try check(dnnl_post_ops_append_sum(ops, 1), "post_ops_append_sum")
                try check(dnnl_primitive_attr_set_post_ops(attr, ops), "primitive_attr_set_post_ops")
                dnnl_post_ops_destroy(ops)
            }
            defer { if let attr { dnnl_primitive_attr_destroy(attr) } }
            return try Primitive(desc: &desc, attr: attr, engine: engine.engine, what: "convolution \(dims) by \(weight.shape)")
        }
        let srcMem = try converted(&s, srcView, x, to: required(p, dnnl_query_src_md))
        let weiTag = weight.rank == 4 ? dnnl_abcd : dnnl_abcde
        let weiMem = try cachedWeight(&s, weight, as: MemoryDesc(weight.shape, dnnl_f32, weiTag), to: required(p, dnnl_query_weights_md))
        let dstLayout = try required(p, dnnl_query_dst_md)
        let user = try Memory(dstView, engine: engine.engine, borrowing: UnsafeMutableRawPointer(y))
        let dstMem = dstLayout == dstView ? user : try Memory(dstLayout, engine: engine.engine)
        if let residual {
            let r = try Memory(dstView, engine: engine.engine, borrowing: UnsafeMutableRawPointer(residual))
            if dstMem === user { y.update(from: residual, count: dstView.size / 4) } else { try reorder(&s, from: r, to: dstMem) }
        }
        var args = [(Arg.src, srcMem), (Arg.weights, weiMem), (Arg.dst, dstMem)]
        if let bias {
            args.append((Arg.bias, try Memory(MemoryDesc([out[1]], dnnl_f32, dnnl_a), engine: engine.engine, borrowing: bias.pointer)))
        }
        try p.execute(engine.stream, args)
        if dstMem !== user { try reorder(&s, from: dstMem, to: user) }
        withExtendedLifetime(bias) {}
    }

    /// Attention in blocks of heads and query rows whose float32 scores fit the runtime's budget:
    /// `q·kᵀ` in the backend's type into float32 scores, a float32 softmax (scaled, masked), the
    /// unnormalised probabilities converted back for `·v`, each output row scaled by 1/Σ.
    private func blockedAttention(
        _ query: Tensor, _ key: Tensor, _ value: Tensor, _ g: (batch: Int, lq: Int, lk: Int, d: Int, dv: Int, outShape: [Int]),
        scale: Float, isCausal: Bool, queryBlockSize: Int?
    ) throws -> Tensor {
        let (batch, lq, lk, d, dv) = (g.batch, g.lq, g.lk, g.d, g.dv)
        let budgetRows = max(1, NeuralRuntime.attentionMemoryBudget / (4 * lk))
        let rows = max(1, min(lq, queryBlockSize ?? budgetRows))
        let heads = rows == lq ? max(1, min(batch, budgetRows / lq)) : 1
        let result = Tensor(uninitializedShape: g.outShape)
        let element = dataType == .bf16 ? 2 : 4
        try state.withLock { s in
            let e = engine.engine
            let q = try converted(&s, MemoryDesc([batch, lq, d], dnnl_f32, dnnl_abc), query.pointer, to: MemoryDesc([batch, lq, d], type, dnnl_abc))
            let kt = try converted(&s, MemoryDesc([batch, d, lk], dnnl_f32, strides: [lk * d, 1, d]), key.pointer,
                                   to: MemoryDesc([batch, d, lk], type, dnnl_abc))
            let v = try converted(&s, MemoryDesc([batch, lk, dv], dnnl_f32, dnnl_abc), value.pointer, to: MemoryDesc([batch, lk, dv], type, dnnl_abc))
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: heads * rows * lk)
            defer { scores.deallocate() }
            let inverse = UnsafeMutablePointer<Float>.allocate(capacity: heads * rows)
            defer { inverse.deallocate() }
            var b0 = 0
            while b0 < batch {
                let hb = min(heads, batch - b0)
                var i0 = 0
                while i0 < lq {
                    let r = min(rows, lq - i0)
                    let qBlock = try Memory(MemoryDesc([hb, r, d], type, dnnl_abc), engine: e, borrowing: q.data + (b0 * lq + i0) * d * element)
                    let kBlock = try Memory(MemoryDesc([hb, d, lk], type, dnnl_abc), engine: e, borrowing: kt.data + b0 * d * lk * element)
                    let sMem = try Memory(MemoryDesc([hb, r, lk], dnnl_f32, dnnl_abc), engine: e, borrowing: UnsafeMutableRawPointer(scores))
                    try product(&s, qBlock, kBlock, bias: nil, sMem)
                    let first = i0
                    Parallel.forRanges(hb * r, grain: max(1, 16384 / lk)) { range in
                        for row in range {
                            let p = scores + row * lk
                            for j in 0..<lk { p[j] *= scale }
                            let valid = isCausal ? min(lk, first + row % r + 1) : lk
                            inverse[row] = Tensor.softmaxRowUnnormalized(p, valid)
                            if valid < lk { (p + valid).update(repeating: 0, count: lk - valid) }
                        }
                    }
                    let probabilities = try converted(&s, sMem.desc, scores, to: MemoryDesc([hb, r, lk], type, dnnl_abc))
                    let vBlock = try Memory(MemoryDesc([hb, lk, dv], type, dnnl_abc), engine: e, borrowing: v.data + b0 * lk * dv * element)
                    let out = result.pointer + (b0 * lq + i0) * dv
                    let oMem = try Memory(MemoryDesc([hb, r, dv], dnnl_f32, dnnl_abc), engine: e, borrowing: UnsafeMutableRawPointer(out))
                    try product(&s, probabilities, vBlock, bias: nil, oMem)
                    for row in 0..<(hb * r) {
                        let factor = inverse[row]
                        let o = out + (row / r) * lq * dv + (row % r) * dv
                        for c in 0..<dv { o[c] *= factor }
                    }
                    i0 += r
                }
                b0 += hb
            }
        }
        withExtendedLifetime((query, key, value)) {}
        return result
    }
}
