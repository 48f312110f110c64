// The one error type of the T2VNeural target: tensor operations, file reading and model loading.

/// Every error thrown by T2VNeural. Messages name the operation, the tensor or the file involved,
/// so that they can be shown to a user as they are.
public enum NeuralError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A shape given to a constructor or a reshape is invalid (negative, overflowing, wrong count).
    case invalidShape(String)
    /// The operands of `op` do not fit together.
    case shapeMismatch(op: String, String)
    /// An argument of `op` is out of range.
    case invalidArgument(op: String, String)
    /// A file could not be opened, read or mapped.
    case file(path: String, String)
    /// A safetensors file is malformed. `tensor` names the offending entry when there is one.
    case safeTensors(source: String, tensor: String?, String)
    /// The tensor is stored in a dtype this runtime does not convert to float32.
    case unsupportedDType(dtype: String, tensor: String, source: String)
    /// No tensor of that name is in the file.
    case tensorNotFound(name: String, source: String)
    /// Something the engine does not support (a model option, a block type); the text names it.
    case unsupported(String)

    public var description: String {
        switch self {
        case .invalidShape(let text):
            return "invalid shape: \(text)"
        case .shapeMismatch(let op, let text):
            return "\(op): shape mismatch: \(text)"
        case .invalidArgument(let op, let text):
            return "\(op): invalid argument: \(text)"
        case .file(let path, let text):
            return "\(path): \(text)"
        case .safeTensors(let source, let tensor, let text):
            if let tensor { return "safetensors \(source): tensor '\(tensor)': \(text)" }
            return "safetensors \(source): \(text)"
        case .unsupportedDType(let dtype, let tensor, let source):
            return "safetensors \(source): unsupported dtype \(dtype) for tensor '\(tensor)' (supported: F32, F16, BF16)"
        case .tensorNotFound(let name, let source):
            return "safetensors \(source): no tensor named '\(name)'"
        case .unsupported(let text):
            return "unsupported: \(text)"
        }
    }
}
