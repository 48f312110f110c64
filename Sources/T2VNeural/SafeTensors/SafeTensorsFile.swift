// A safetensors file, memory-mapped and validated up front; float32 tensors are zero-copy views.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import T2VSupport

/// A read-only safetensors file (https://github.com/huggingface/safetensors, format section).
///
/// Layout: an 8-byte little-endian header length `N`, `N` bytes of UTF-8 JSON (an object mapping
/// tensor names to `{"dtype", "shape", "data_offsets": [begin, end]}`, plus an optional
/// `"__metadata__"` object of strings), then the data buffer; offsets are relative to the buffer.
///
/// **Validation** happens entirely in the initialiser, so a file that opens can be read without
/// surprises: header length within the file and ≤ 100 MB; JSON valid UTF-8, nesting ≤ 64, no
/// duplicate keys, top level an object; each entry an object with a known dtype, a shape of
/// non-negative integers whose byte size does not overflow, and `data_offsets` of two integers with
/// `begin ≤ end ≤ buffer size` and `end − begin = elements × dtype size`; `__metadata__` maps strings
/// to strings. Like the reference implementation (safetensors' `Metadata::validate`), the entries
/// must tile the buffer exactly: sorted by offset, each begins where the previous ended, and the
/// last ends at the end of the file — overlaps, gaps and trailing bytes are errors (the format
/// forbids holes to prevent polyglot files). Unknown keys inside an entry are ignored, as the
/// reference does. Every error is a ``NeuralError`` naming the file and, where there is one, the tensor.
///
/// **Lifetime**: the file is mapped with `mmap(PROT_READ, MAP_PRIVATE)` and unmapped in `deinit`.
/// Float32 tensors whose data is 4-byte aligned borrow the mapping; each such tensor holds a strong
/// reference to this object, so the mapping lives as long as any of them. F16/BF16 (and unaligned
/// F32) tensors are converted into owned memory. As with any mapping, truncating the file on disk
/// while it is open makes later reads fault (SIGBUS); model files are assumed not to change while
/// read.
///
/// Thread safety: immutable after `init`; any number of threads may call `tensor(named:)` at once.
public final class SafeTensorsFile: @unchecked Sendable {
    /// One entry of the header.
    public struct TensorInfo: Equatable, Sendable {
        public let name: String
        public let dtype: SafeTensorsDType
        public let shape: [Int]
        /// Byte range inside the data buffer (after the header).
        public let dataOffsets: Range<Int>
    }

    /// Largest header accepted (the reference implementation's limit).
    public static let maxHeaderBytes = 100_000_000

    /// The path, or the name given to ``init(bytes:name:)``; used in error messages.
    public let source: String
    /// The `__metadata__` strings (empty when absent).
    public let metadata: [String: String]
    /// The tensors in header order.
    public let infos: [TensorInfo]
    private let index: [String: Int]

    private let base: UnsafeRawPointer
    private let length: Int
    private let dataStart: Int
    private let mapped: Bool

    /// Names of the tensors, in header order.
    public var tensorNames: [String] { infos.map(\.name) }

    /// Opens and validates the file at `path`; throws ``NeuralError`` for I/O failures and for
    /// every malformed header.
    public init(path: String) throws {
        // O_NONBLOCK: a FIFO opens at once (instead of waiting for a writer) and is refused below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw NeuralError.file(path: path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw NeuralError.file(path: path, "cannot stat: \(String(cString: strerror(errno)))") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw NeuralError.file(path: path, "not a regular file") }
        let size = Int(st.st_size)
        guard size >= 8 else {
            throw NeuralError.safeTensors(source: path, tensor: nil, "file is \(size) bytes, shorter than the 8-byte header length")
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw NeuralError.file(path: path, "cannot map \(size) bytes: \(String(cString: strerror(errno)))")
        }
        let raw = UnsafeRawPointer(p)
        do {
            let parsed = try SafeTensorsFile.validate(UnsafeRawBufferPointer(start: raw, count: size), source: path)
            (source, metadata, infos, index, dataStart) = (path, parsed.metadata, parsed.infos, parsed.index, parsed.dataStart)
        } catch {
            munmap(p, size)
            throw error
        }
        base = raw
        length = size
        mapped = true
    }

    /// Validates a safetensors image held in memory. The bytes are copied, so the buffer need not
    /// outlive the call (this is the entry point the fuzz target uses).
    public convenience init(bytes: UnsafeRawBufferPointer, name: String = "<memory>") throws {
        let copy = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        if let src = bytes.baseAddress, bytes.count > 0 { copy.copyMemory(from: src, byteCount: bytes.count) }
        try self.init(adopting: copy, count: bytes.count, name: name)
    }

    /// Validates a safetensors image given as bytes (copied).
    public convenience init(bytes: [UInt8], name: String = "<memory>") throws {
        let copy = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { src in
            if let base = src.baseAddress, src.count > 0 { copy.copyMemory(from: base, byteCount: src.count) }
        }
        try self.init(adopting: copy, count: bytes.count, name: name)
    }

    /// Takes ownership of `memory` (allocated with `UnsafeMutableRawPointer.allocate`), freeing it on
    /// failure or in `deinit`.
    private init(adopting memory: UnsafeMutableRawPointer, count size: Int, name: String) throws {
        do {
            guard size >= 8 else {
                throw NeuralError.safeTensors(source: name, tensor: nil, "file is \(size) bytes, shorter than the 8-byte header length")
            }
            let parsed = try SafeTensorsFile.validate(UnsafeRawBufferPointer(start: memory, count: size), source: name)
            (source, metadata, infos, index, dataStart) = (name, parsed.metadata, parsed.infos, parsed.index, parsed.dataStart)
        } catch {
            memory.deallocate()
            throw error
        }
        base = UnsafeRawPointer(memory)
        length = size
        mapped = false
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), length)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// True when the file has a tensor named `name`.
    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The header entry of `name`.
    public func info(named name: String) throws -> TensorInfo {
        guard let i = index[name] else { throw NeuralError.tensorNotFound(name: name, source: source) }
        return infos[i]
    }

    /// The tensor `name` as float32: F32 data is borrowed from the mapping when 4-byte aligned
    /// (zero-copy; the tensor keeps this file alive), F16 and BF16 are converted exactly. Other
    /// dtypes throw ``NeuralError/unsupportedDType(dtype:tensor:source:)``.
    public func tensor(named name: String) throws -> Tensor {
        let info = try info(named: name)
        let count = Tensor.unsafeCount(info.shape)
        let start = base + dataStart + info.dataOffsets.lowerBound
        switch info.dtype {
        case .f32:
            if count > 0 && Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 {
                let storage = TensorStorage(borrowing: start.assumingMemoryBound(to: Float.self), count: count, owner: self)
                return Tensor(shape: info.shape, storage: storage)
            }
            let storage = TensorStorage(uninitializedCount: count)
            for i in 0..<count {
                storage.pointer[i] = Float(bitPattern: UInt32(littleEndian: start.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            }
            return Tensor(shape: info.shape, storage: storage)
        case .f16, .bf16:
            let storage = TensorStorage(uninitializedCount: count)
            HalfPrecision.convert(halfs: start, count: count, bfloat16: info.dtype == .bf16, into: storage.pointer)
            return Tensor(shape: info.shape, storage: storage)
        default:
            throw NeuralError.unsupportedDType(dtype: info.dtype.rawValue, tensor: name, source: source)
        }
    }

    /// An integer tensor (I64, I32, I16, I8, U8, U16, U32, U64, BOOL) as `Int`s in row-major order,
    /// with its shape — token ids, timesteps, position ids. Float dtypes and U64 values above
    /// `Int.max` throw.
    public func integers(named name: String) throws -> (shape: [Int], values: [Int]) {
        let info = try info(named: name)
        let count = Tensor.unsafeCount(info.shape)
        let start = base + dataStart + info.dataOffsets.lowerBound
        var values = [Int]()
        values.reserveCapacity(count)
        for i in 0..<count {
            let v: Int
            switch info.dtype {
            case .i64: v = Int(Int64(littleEndian: start.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)))
            case .u64:
                let u = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                guard u <= UInt64(Int.max) else {
                    throw NeuralError.safeTensors(source: source, tensor: name, "U64 value \(u) does not fit Int")
                }
                v = Int(u)
            case .i32: v = Int(Int32(littleEndian: start.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
            case .u32: v = Int(UInt32(littleEndian: start.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            case .i16: v = Int(Int16(littleEndian: start.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)))
            case .u16: v = Int(UInt16(littleEndian: start.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
            case .i8: v = Int(start.load(fromByteOffset: i, as: Int8.self))
            case .u8, .bool: v = Int(start.load(fromByteOffset: i, as: UInt8.self))
            default:
                throw NeuralError.safeTensors(source: source, tensor: name, "dtype \(info.dtype.rawValue) is not an integer type")
            }
            values.append(v)
        }
        return (info.shape, values)
    }

    // MARK: Validation

    private struct Parsed {
        var metadata: [String: String]
        var infos: [TensorInfo]
        var index: [String: Int]
        var dataStart: Int
    }

    private static func validate(_ file: UnsafeRawBufferPointer, source: String) throws -> Parsed {
        func fail(_ tensor: String?, _ reason: String) -> NeuralError {
            NeuralError.safeTensors(source: source, tensor: tensor, reason)
        }
        let size = file.count
        let headerLength = UInt64(littleEndian: file.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        guard headerLength <= UInt64(maxHeaderBytes) else {
            throw fail(nil, "header length \(headerLength) exceeds the \(maxHeaderBytes)-byte limit")
        }
        guard headerLength <= UInt64(size - 8) else {
            throw fail(nil, "header length \(headerLength) runs past the end of the \(size)-byte file")
        }
        let n = Int(headerLength)
        let header = UnsafeRawBufferPointer(rebasing: file[8..<(8 + n)])
        guard n >= 2, header[0] == UInt8(ascii: "{") else { throw fail(nil, "header does not start with '{'") }
        guard String(validating: header, as: UTF8.self) != nil else { throw fail(nil, "header is not valid UTF-8") }
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes: Array(header))
        } catch let e as JSONParseError {
            throw fail(nil, "header JSON: \(e.message) at byte \(e.offset)")
        }
        guard case .object(let members) = json else { throw fail(nil, "header is \(json.typeName), not an object") }

        let dataSize = size - 8 - n
        var metadata = [String: String]()
        var infos = [TensorInfo]()
        var index = [String: Int]()
        for (name, value) in members {
            if name == "__metadata__" {
                guard case .object(let pairs) = value else { throw fail(nil, "__metadata__ is \(value.typeName), not an object of strings") }
                for (key, v) in pairs {
                    guard case .string(let s) = v else { throw fail(nil, "__metadata__ value of '\(key)' is \(v.typeName), not a string") }
                    metadata[key] = s
                }
                continue
            }
            guard case .object(let fields) = value else { throw fail(name, "entry is \(value.typeName), not an object") }
            func field(_ key: String) throws -> JSONValue {
                guard let v = fields.first(where: { $0.0 == key })?.1 else { throw fail(name, "missing '\(key)'") }
                return v
            }
            guard case .string(let dtypeName) = try field("dtype") else { throw fail(name, "dtype is not a string") }
            guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
                throw fail(name, "unknown dtype '\(dtypeName.prefix(32))'")
            }
            guard case .array(let dims) = try field("shape") else { throw fail(name, "shape is not an array") }
            var shape = [Int]()
            var elements = 1
            for d in dims {
                guard let v = d.nonNegativeInt else { throw fail(name, "shape holds \(d.typeName), not a non-negative integer") }
                shape.append(v)
                let (p, o) = elements.multipliedReportingOverflow(by: v)
                guard !o else { throw fail(name, "shape \(shape)… has too many elements") }
                elements = p
            }
            guard (try? Tensor.validatedCount(shape)) != nil else { throw fail(name, "shape \(shape) is too large") }
            let bytes = elements * dtype.byteSize
            guard case .array(let offsets) = try field("data_offsets"), offsets.count == 2,
                  let begin = offsets[0].nonNegativeInt, let end = offsets[1].nonNegativeInt
            else { throw fail(name, "data_offsets is not an array of two non-negative integers") }
            guard begin <= end else { throw fail(name, "data_offsets [\(begin), \(end)] begin after they end") }
            guard end <= dataSize else {
                throw fail(name, "data_offsets [\(begin), \(end)] run past the \(dataSize)-byte data buffer (file truncated?)")
            }
            guard end - begin == bytes else {
                throw fail(name, "data_offsets [\(begin), \(end)] hold \(end - begin) bytes but shape \(shape) of \(dtypeName) needs \(bytes)")
            }
            index[name] = infos.count
            infos.append(TensorInfo(name: name, dtype: dtype, shape: shape, dataOffsets: begin..<end))
        }
        // The entries must tile the buffer: no overlap, no gap, nothing after the last.
        let order = infos.indices.sorted {
            (infos[$0].dataOffsets.lowerBound, infos[$0].dataOffsets.upperBound) < (infos[$1].dataOffsets.lowerBound, infos[$1].dataOffsets.upperBound)
        }
        var end = 0
        var previous: String?
        for i in order {
            let r = infos[i].dataOffsets
            if r.lowerBound < end {
                throw fail(infos[i].name, "data_offsets [\(r.lowerBound), \(r.upperBound)] overlap tensor '\(previous ?? "")' (which ends at \(end))")
            }
            if r.lowerBound > end {
                throw fail(infos[i].name, "gap of \(r.lowerBound - end) bytes before data_offsets [\(r.lowerBound), \(r.upperBound)] (the format forbids holes)")
            }
            end = r.upperBound
            previous = infos[i].name
        }
        guard end == dataSize else {
            throw fail(previous, "\(dataSize - end) bytes after the last tensor's data are not part of any tensor")
        }
        return Parsed(metadata: metadata, infos: infos, index: index, dataStart: 8 + n)
    }
}
