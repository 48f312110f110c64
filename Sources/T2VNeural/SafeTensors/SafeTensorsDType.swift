// The dtypes of the safetensors format.

/// A safetensors dtype. Every dtype of the format is recognised (so files holding, say, an int64
/// `position_ids` tensor open and validate), but only F32, F16 and BF16 convert to a ``Tensor``.
public enum SafeTensorsDType: String, CaseIterable, Sendable {
    case bool = "BOOL"
    case u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3"
    case i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
    case i32 = "I32", u32 = "U32", f32 = "F32"
    case i64 = "I64", u64 = "U64", f64 = "F64"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3: return 1
        case .i16, .u16, .f16, .bf16: return 2
        case .i32, .u32, .f32: return 4
        case .i64, .u64, .f64: return 8
        }
    }

    /// True for the dtypes ``SafeTensorsFile/tensor(named:)`` reads (F32 zero-copy, F16/BF16 converted).
    public var isSupported: Bool { self == .f32 || self == .f16 || self == .bf16 }
}
