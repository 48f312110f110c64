// Serialises float32 tensors as a safetensors file (tests, tools, fixtures written from Swift).

import T2VSupport

/// Writes tensors in the safetensors format: an 8-byte length, a JSON header padded with spaces to
/// a multiple of 8 bytes (so float32 data stays aligned), then the data in the given order.
public enum SafeTensorsWriter {
    /// The bytes of a safetensors file holding `tensors` as F32 (or F16 when `dtype` is `.f16`,
    /// rounding to nearest even; BF16 by truncation with rounding). Names must be unique.
    public static func serialize(
        _ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:], dtype: SafeTensorsDType = .f32
    ) throws -> [UInt8] {
        guard dtype.isSupported else { throw NeuralError.unsupported("writing dtype \(dtype.rawValue)") }
        var names = Set<String>()
        var members: [(String, JSONValue)] = []
        var offset = 0
        if !metadata.isEmpty {
            members.append(("__metadata__", .object(metadata.keys.sorted().map { ($0, .string(metadata[$0] ?? "")) })))
        }
        for (name, tensor) in tensors {
            guard name != "__metadata__", names.insert(name).inserted else {
                throw NeuralError.invalidArgument(op: "safetensors write", "duplicate or reserved tensor name '\(name)'")
            }
            let bytes = tensor.count * dtype.byteSize
            members.append((name, .object([
                ("dtype", .string(dtype.rawValue)),
                ("shape", .array(tensor.shape.map { .int(Int64($0)) })),
                ("data_offsets", .array([.int(Int64(offset)), .int(Int64(offset + bytes))])),
            ])))
            offset += bytes
        }
        let header = JSONValue.object(members).serialized
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for (_, tensor) in tensors {
            tensor.withUnsafeBufferPointer { buffer in
                for x in buffer {
                    switch dtype {
                    case .f16:
                        withUnsafeBytes(of: Float16(x).bitPattern.littleEndian) { out.append(contentsOf: $0) }
                    case .bf16:
                        withUnsafeBytes(of: bfloat16(x).littleEndian) { out.append(contentsOf: $0) }
                    default:
                        withUnsafeBytes(of: x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
                    }
                }
            }
        }
        return out
    }

    /// Float → bfloat16 bits, rounding to nearest even (NaN kept NaN).
    static func bfloat16(_ x: Float) -> UInt16 {
        let bits = x.bitPattern
        if x.isNaN { return UInt16(bits >> 16) | 0x40 }
        let rounding = 0x7FFF + ((bits >> 16) & 1)
        return UInt16((bits &+ rounding) >> 16)
    }
}
