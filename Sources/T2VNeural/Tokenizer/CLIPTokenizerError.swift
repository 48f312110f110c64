import FoundationEssentials

/// Errors thrown while loading a CLIP tokenizer folder.
public enum CLIPTokenizerError: Error, CustomStringConvertible, Equatable {
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// `vocab.json` is not a JSON object of token → integer id.
    case malformedVocab(path: String, reason: String)
    /// A line of `merges.txt` is not two space-separated symbols.
    case malformedMerges(path: String, line: Int)
    /// A special token (bos, eos, unk, pad) is neither in the vocabulary nor in `added_tokens_decoder`.
    case missingSpecialToken(name: String, token: String)
    /// `tokenizer_config.json` or `special_tokens_map.json` is malformed.
    case malformedConfig(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason): return "cannot read \(path): \(reason)"
        case let .malformedVocab(path, reason): return "malformed vocabulary \(path): \(reason)"
        case let .malformedMerges(path, line): return "malformed merges file \(path) at line \(line)"
        case let .missingSpecialToken(name, token): return "special token \(name) \"\(token)\" is not in the vocabulary"
        case let .malformedConfig(path, reason): return "malformed tokenizer config \(path): \(reason)"
        }
    }
}
