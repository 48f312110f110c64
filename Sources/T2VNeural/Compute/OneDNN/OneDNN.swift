// oneDNN (Debian's libdnnl, 2.6) as the compute runtime sees it: what the CPU offers, its threads,
// and thin owners of its C objects (memory descriptors, memories, primitives).

import CDNNL
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What this process's oneDNN offers.
public enum OneDNN {
    /// oneDNN's version, e.g. "2.6.3".
    public static var version: String {
        guard let v = dnnl_version()?.pointee else { return "unknown" }
        return "\(v.major).\(v.minor).\(v.patch)"
    }

    /// The instruction set oneDNN dispatches to on this CPU (lowered by `DNNL_MAX_CPU_ISA`), e.g.
    /// "avx2", "avx512_core_bf16", "avx512_core_amx".
    public static var isa: String {
        let names: [(dnnl_cpu_isa_t, String)] = [
            (dnnl_cpu_isa_avx512_core_amx, "avx512_core_amx"), (dnnl_cpu_isa_avx512_core_bf16, "avx512_core_bf16"),
            (dnnl_cpu_isa_avx512_core_vnni, "avx512_core_vnni"), (dnnl_cpu_isa_avx512_core, "avx512_core"),
            (dnnl_cpu_isa_avx2_vnni, "avx2_vnni"), (dnnl_cpu_isa_avx2, "avx2"), (dnnl_cpu_isa_avx, "avx"),
            (dnnl_cpu_isa_sse41, "sse41"),
        ]
        let current = dnnl_get_effective_cpu_isa()
        return names.first { $0.0 == current }?.1 ?? "isa 0x\(String(current.rawValue, radix: 16))"
    }

    /// nil where oneDNN runs bf16 products on this CPU's own bf16 instructions (AVX-512 BF16 or
    /// AMX); otherwise why not. `DNNL_MAX_CPU_ISA=AVX512_CORE` (oneDNN's own switch, read once per
    /// process) forces the "no bf16" answer on any CPU.
    public static let bf16Unavailable: String? = {
        let bf16Bits = dnnl_cpu_isa_avx512_core_bf16.rawValue
        guard dnnl_get_effective_cpu_isa().rawValue & bf16Bits == bf16Bits else {
            return "this CPU has no bf16 instructions that oneDNN \(version) uses (it runs \(isa); bf16 needs "
                + "AVX-512 BF16 or AMX)"
        }
        // The kernels themselves: a small bf16 product with float32 output must have an implementation.
        do {
            let engine = try OneDNNEngine.shared.engine
            var a = try MemoryDesc([16, 32], dnnl_bf16, dnnl_ab)
            var b = try MemoryDesc([32, 16], dnnl_bf16, dnnl_format_tag_any)
            var c = try MemoryDesc([16, 16], dnnl_f32, dnnl_ab)
            var desc = dnnl_matmul_desc_t()
            try check(dnnl_matmul_desc_init(&desc, &a.raw, &b.raw, nil, &c.raw), "matmul_desc_init")
            _ = try Primitive(desc: &desc, attr: nil, engine: engine, what: "bf16 matmul")
            return nil
        } catch {
            return "oneDNN \(version) has no bf16 matmul on this CPU (\(isa)): \(error)"
        }
    }()

    private static let setThreadsFunction: (@convention(c) (Int32) -> Void)? = {
        // oneDNN runs on GNU OpenMP (Debian's build); its thread count is OpenMP's, per calling thread.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_num_threads") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Void).self)
    }()

    /// Sets the threads oneDNN's primitives use when called from this thread (OpenMP's
    /// `omp_set_num_threads`; a no-op where oneDNN was built without OpenMP).
    static func setThreadCount(_ count: Int) {
        setThreadsFunction?(Int32(max(1, min(count, 1024))))
    }
}

/// A failed oneDNN call as the runtime's error.
@inline(__always)
func check(_ status: dnnl_status_t, _ call: @autoclosure () -> String) throws {
    guard status != dnnl_success else { return }
    let name: String
    switch status {
    case dnnl_out_of_memory: name = "out of memory"
    case dnnl_invalid_arguments: name = "invalid arguments"
    case dnnl_unimplemented: name = "no implementation for these sizes and types on this CPU"
    case dnnl_runtime_error: name = "runtime error"
    default: name = "status \(status.rawValue)"
    }
    throw NeuralError.unsupported("oneDNN \(call()): \(name)")
}

/// The process's CPU engine and its stream (oneDNN executes in order on one stream).
final class OneDNNEngine: @unchecked Sendable {
    let engine: dnnl_engine_t
    let stream: dnnl_stream_t

    private init() throws {
        var engine: dnnl_engine_t?
        try check(dnnl_engine_create(&engine, dnnl_cpu, 0), "engine_create")
        guard let engine else { throw NeuralError.unsupported("oneDNN engine_create returned no engine") }
        var stream: dnnl_stream_t?
        try check(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "stream_create")
        guard let stream else { throw NeuralError.unsupported("oneDNN stream_create returned no stream") }
        self.engine = engine
        self.stream = stream
    }

    private static let made = Result { try OneDNNEngine() }

    /// The engine every backend instance shares (made once; its failure is remembered).
    static var shared: OneDNNEngine { get throws { try made.get() } }
}

/// A oneDNN memory descriptor (a value: dims, data type, layout).
struct MemoryDesc {
    var raw = dnnl_memory_desc_t()

    /// Dense, by a format tag (`dnnl_format_tag_any` lets a primitive choose).
    init(_ dims: [Int], _ type: dnnl_data_type_t, _ tag: dnnl_format_tag_t) throws {
        try check(dnnl_memory_desc_init_by_tag(&raw, Int32(dims.count), dims.map(Int64.init), type, tag),
                  "memory_desc_init_by_tag \(dims)")
    }

    /// A view with explicit strides (elements).
    init(_ dims: [Int], _ type: dnnl_data_type_t, strides: [Int]) throws {
        try check(dnnl_memory_desc_init_by_strides(&raw, Int32(dims.count), dims.map(Int64.init), type, strides.map(Int64.init)),
                  "memory_desc_init_by_strides \(dims) \(strides)")
    }

    init(raw: dnnl_memory_desc_t) { self.raw = raw }

    /// Bytes a buffer of this layout needs.
    var size: Int {
        var copy = raw
        return dnnl_memory_desc_get_size(&copy)
    }

    static func == (a: MemoryDesc, b: MemoryDesc) -> Bool {
        var x = a.raw, y = b.raw
        return dnnl_memory_desc_equal(&x, &y) != 0
    }

    /// The descriptor's bytes, as a cache key (descriptors are fully initialised by oneDNN).
    var keyBytes: [UInt8] { withUnsafeBytes(of: raw) { Array($0) } }
}

/// A oneDNN memory over a buffer: borrowed (a tensor's storage, kept alive by the caller) or owned
/// (a ``TensorStorage`` of its own, so large buffers are recycled by ``StorageCache`` as tensors' are).
final class Memory {
    let handle: dnnl_memory_t
    let desc: MemoryDesc
    let data: UnsafeMutableRawPointer
    private let storage: TensorStorage?

    /// Over `data`, which the caller keeps alive (a tensor's storage).
    convenience init(_ desc: MemoryDesc, engine: dnnl_engine_t, borrowing data: UnsafeMutableRawPointer) throws {
        try self.init(desc, engine: engine, data: data, storage: nil)
    }

    /// Over a new buffer of its own.
    convenience init(_ desc: MemoryDesc, engine: dnnl_engine_t) throws {
        let storage = TensorStorage(uninitializedCount: max(1, (desc.size + 3) / 4))
        try self.init(desc, engine: engine, data: UnsafeMutableRawPointer(storage.pointer), storage: storage)
    }

    private init(_ desc: MemoryDesc, engine: dnnl_engine_t, data: UnsafeMutableRawPointer, storage: TensorStorage?) throws {
        var d = desc.raw
        var handle: dnnl_memory_t?
        try check(dnnl_memory_create(&handle, &d, engine, data), "memory_create")
        guard let handle else { throw NeuralError.unsupported("oneDNN memory_create returned no memory") }
        self.handle = handle
        self.desc = desc
        self.data = data
        self.storage = storage
    }

    deinit {
        dnnl_memory_destroy(handle)
    }
}

/// A primitive and its descriptor (queried for the layouts it chose).
final class Primitive {
    let pd: dnnl_primitive_desc_t
    let primitive: dnnl_primitive_t

    /// Creates the primitive of an op descriptor (`dnnl_*_desc_t`), with optional attributes.
    convenience init<Desc>(desc: inout Desc, attr: dnnl_primitive_attr_t?, engine: dnnl_engine_t, what: String) throws {
        var pd: dnnl_primitive_desc_t?
        try withUnsafePointer(to: &desc) { p in
            try check(dnnl_primitive_desc_create(&pd, UnsafeRawPointer(p), attr, engine, nil), "\(what): primitive_desc_create")
        }
        guard let pd else { throw NeuralError.unsupported("oneDNN \(what): no primitive descriptor") }
        try self.init(pd: pd, what: what)
    }

    /// A reorder (layout and/or data type conversion) from `src` to `dst`.
    convenience init(reorderFrom src: MemoryDesc, to dst: MemoryDesc, engine: dnnl_engine_t) throws {
        var s = src.raw, d = dst.raw
        var pd: dnnl_primitive_desc_t?
        try check(dnnl_reorder_primitive_desc_create(&pd, &s, engine, &d, engine, nil), "reorder_primitive_desc_create")
        guard let pd else { throw NeuralError.unsupported("oneDNN reorder: no primitive descriptor") }
        try self.init(pd: pd, what: "reorder")
    }

    private init(pd: dnnl_primitive_desc_t, what: String) throws {
        var primitive: dnnl_primitive_t?
        let status = dnnl_primitive_create(&primitive, pd)
        guard status == dnnl_success, let primitive else {
            dnnl_primitive_desc_destroy(pd)
            try check(status, "\(what): primitive_create")
            throw NeuralError.unsupported("oneDNN \(what): no primitive")
        }
        self.pd = pd
        self.primitive = primitive
    }

    /// The layout the primitive chose for an argument (`dnnl_query_src_md`, `…weights_md`, `…dst_md`).
    func desc(_ what: dnnl_query_t) -> MemoryDesc? {
        guard let md = dnnl_primitive_desc_query_md(pd, what, 0) else { return nil }
        return MemoryDesc(raw: md.pointee)
    }

    /// The implementation oneDNN picked (e.g. "brg:avx512_core_bf16"), for benchmarks and errors.
    var implementation: String {
        var text: UnsafePointer<CChar>?
        guard dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &text) == dnnl_success, let text else { return "?" }
        return String(cString: text)
    }

    /// Runs the primitive on `stream` with `(DNNL_ARG_*, memory)` arguments and waits for it.
    func execute(_ stream: dnnl_stream_t, _ args: [(Int32, Memory)]) throws {
        var list = args.map { dnnl_exec_arg_t(arg: $0.0, memory: $0.1.handle) }
        try check(dnnl_primitive_execute(primitive, stream, Int32(list.count), &list), "\(implementation): execute")
        try check(dnnl_stream_wait(stream), "stream_wait")
        withExtendedLifetime(args) {}
    }

    deinit {
        dnnl_primitive_destroy(primitive)
        dnnl_primitive_desc_destroy(pd)
    }
}

/// oneDNN's argument indices (DNNL_ARG_*).
enum Arg {
    static let src: Int32 = 1, dst: Int32 = 17, weights: Int32 = 33, bias: Int32 = 41
    static let from: Int32 = 1, to: Int32 = 17
}
