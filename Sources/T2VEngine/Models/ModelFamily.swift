import FoundationEssentials
import T2VNeural
#if canImport(Glibc)
import Glibc
#endif

/// A family of model folders, chosen by the `_class_name` of the folder's `model_index.json`: the
/// pipeline classes it runs and how it loads a folder once per context. The registry is
/// ``ModelFamily/all``; docs/adding-a-model-family.md is the recipe.
public struct ModelFamily: Sendable {
    /// A short name for messages and docs.
    public let name: String
    /// The `model_index.json` `_class_name` values this family runs.
    public let pipelineClassNames: [String]
    /// Loads the folder at `directory` with the context's settings (weights variant); errors name
    /// the folder and the component, file or tensor at fault.
    let load: @Sendable (_ directory: String, _ settings: Settings) throws -> ModelResources

    /// Every family, in the order the documentation lists them.
    public static let all: [ModelFamily] = [.modelScopeTextToVideo, .streamingT2V]

    /// The family whose pipeline classes include `className`.
    public static func forPipelineClass(_ className: String) -> ModelFamily? {
        all.first { $0.pipelineClassNames.contains(className) }
    }

    /// Loads what `settings.model` names: the built-in model's (empty) resources, or a folder
    /// through the family its model_index.json names. An unknown class is `T2VError.unsupported`
    /// naming it and the classes that are known.
    public static func load(settings: Settings) throws -> ModelResources {
        guard case .folder(let directory) = settings.model else { return BuiltinResources() }
        try checkFolderExists(directory)
        let className: String
        do {
            className = try PipelineComponents.pipelineClassName(directory: URL(fileURLWithPath: directory, isDirectory: true))
        } catch {
            throw T2VError.invalidArgument("model \"\(directory)\" cannot be loaded: \(error)")
        }
        guard let family = forPipelineClass(className) else {
            let known = all.flatMap(\.pipelineClassNames).joined(separator: ", ")
            throw T2VError.unsupported(
                "model \"\(directory)\" cannot be used: model_index.json names pipeline class \(className); supported: \(known)")
        }
        return try family.load(directory, settings)
    }
}

extension ModelFamily {
    /// A model that is not a folder here: an error saying so, and, when the name has the shape of a
    /// Hugging Face repository id ("owner/name"), how to download it.
    static func checkFolderExists(_ directory: String) throws {
        var status = stat()
        if stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { return }
        let parts = directory.split(separator: "/", omittingEmptySubsequences: false)
        let looksLikeRepository = parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
            && !directory.hasPrefix("~")
        guard looksLikeRepository else {
            throw T2VError.invalidArgument("model \"\(directory)\" is not a folder (\"builtin\" or the path of a model folder)")
        }
        throw T2VError.invalidArgument(
            "model \"\(directory)\" is not a folder here; it looks like a Hugging Face repository id, which reflection does not "
                + "download. Download it, then give the folder: huggingface-cli download \(directory) --local-dir /models/\(parts[1]) "
                + "(README.md, Diffusion models, lists the files to include), or the snapshot folder of the Hugging Face cache "
                + "(~/.cache/huggingface/hub/models--\(parts[0])--\(parts[1])/snapshots/<revision>)")
    }
}

/// The built-in model needs nothing loaded.
final class BuiltinResources: ModelResources {
    func validate(_ settings: Settings) throws {}
    func makeModel(_ settings: Settings) throws -> VideoModel { BuiltinVideoModel(settings: settings) }
}
