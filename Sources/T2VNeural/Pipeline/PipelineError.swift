// Errors of the text-to-video pipelines and of loading a diffusers pipeline folder.

/// Every error the pipelines throw themselves (component errors pass through as thrown by the
/// components: ``NeuralError``, ``SchedulerError``, ``CLIPTokenizerError``). Messages name the
/// component, the file or the argument, so that they can be shown to a user as they are.
public enum PipelineError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `model_index.json` is missing or malformed.
    case invalidModelIndex(path: String, String)
    /// A component the pipeline needs is not listed in `model_index.json` or its folder is missing.
    case missingComponent(name: String, path: String)
    /// A component's class (in `model_index.json` or its own config) is not one this engine runs.
    case componentClassMismatch(name: String, found: String, expected: [String])
    /// A component folder holds only PyTorch `.bin` weights; `script` converts them to safetensors.
    case binWeightsOnly(name: String, path: String, script: String)
    /// A scheduler name that is not in ``SchedulerKind/allCases``.
    case unsupportedScheduler(String)
    /// An argument of a pipeline call is out of range.
    case invalidArgument(String)
    /// The progress callback returned false after `completedSteps` of `totalSteps` denoising steps.
    case cancelled(completedSteps: Int, totalSteps: Int)

    public var description: String {
        switch self {
        case .invalidModelIndex(let path, let text):
            return "\(path): invalid model_index.json: \(text)"
        case .missingComponent(let name, let path):
            return "pipeline component '\(name)' is missing: \(path)"
        case .componentClassMismatch(let name, let found, let expected):
            return "pipeline component '\(name)' is a \(found), expected \(expected.joined(separator: " or "))"
        case .binWeightsOnly(let name, let path, let script):
            return "pipeline component '\(name)' has only PyTorch .bin weights (\(path)); convert them to "
                + "safetensors with: reflection convert <model directory> (the Python package's command; from a "
                + "checkout: python \(script) <model directory>; needs torch)"
        case .unsupportedScheduler(let name):
            return "unsupported scheduler '\(name)' (supported: \(SchedulerKind.allCases.map(\.name).joined(separator: ", ")))"
        case .invalidArgument(let text):
            return "invalid argument: \(text)"
        case .cancelled(let done, let total):
            return "cancelled by the progress callback after \(done) of \(total) steps"
        }
    }
}
