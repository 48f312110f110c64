import FoundationEssentials
import T2VSupport

/// Loading from a diffusers `tokenizer/` folder. Matches `CLIPTokenizer.__init__`
/// (transformers/models/clip/tokenization_clip.py) and the special-token resolution of
/// `PreTrainedTokenizerBase._from_pretrained` (special_tokens_map.json over tokenizer_config.json).
extension CLIPTokenizer {
    /// Loads `vocab.json` and `merges.txt` with the given special tokens.
    public init(
        vocabURL: URL, mergesURL: URL, padToken: String = "<|endoftext|>", modelMaxLength: Int = 77
    ) throws {
        try self.init(
            vocab: Self.readVocab(vocabURL), merges: Self.readMerges(mergesURL),
            bosToken: "<|startoftext|>", eosToken: "<|endoftext|>", unkToken: "<|endoftext|>",
            padToken: padToken, addedTokenSpecs: [], modelMaxLength: modelMaxLength)
    }

    /// Loads `vocab.json` and `merges.txt` given as file paths.
    public init(vocabPath: String, mergesPath: String, padToken: String = "<|endoftext|>") throws {
        try self.init(
            vocabURL: URL(fileURLWithPath: vocabPath), mergesURL: URL(fileURLWithPath: mergesPath),
            padToken: padToken)
    }

    /// Loads a tokenizer folder: `vocab.json`, `merges.txt`, and when present
    /// `special_tokens_map.json` and `tokenizer_config.json` (special tokens, `added_tokens_decoder`,
    /// `model_max_length`). The pad token of text-to-video-ms-1.7b comes out as "!" (id 0).
    public init(directory: URL) throws {
        let vocab = try Self.readVocab(directory.appendingPathComponent("vocab.json"))
        let merges = try Self.readMerges(directory.appendingPathComponent("merges.txt"))
        let configURL = directory.appendingPathComponent("tokenizer_config.json")
        let mapURL = directory.appendingPathComponent("special_tokens_map.json")
        let config = try Self.readOptionalJSONObject(configURL)
        let map = try Self.readOptionalJSONObject(mapURL)

        func special(_ key: String, _ fallback: String) throws -> String {
            if let value = map?[key] {
                guard let token = Self.tokenContent(value) else {
                    throw CLIPTokenizerError.malformedConfig(path: mapURL.path, reason: "\(key) is not a token")
                }
                return token
            }
            if let value = config?[key] {
                guard let token = Self.tokenContent(value) else {
                    throw CLIPTokenizerError.malformedConfig(path: configURL.path, reason: "\(key) is not a token")
                }
                return token
            }
            return fallback
        }

        var specs: [AddedTokenSpec] = []
        if let decoder = config?["added_tokens_decoder"] {
            guard let entries = decoder.objectMembers else {
                throw CLIPTokenizerError.malformedConfig(path: configURL.path, reason: "added_tokens_decoder is not an object")
            }
            for (key, entry) in entries.sorted(by: { (Int($0.0) ?? 0) < (Int($1.0) ?? 0) }) {
                guard let id = Int(key), case .object = entry, let content = entry["content"]?.stringValue else {
                    throw CLIPTokenizerError.malformedConfig(
                        path: configURL.path, reason: "added_tokens_decoder entry \(key) is malformed")
                }
                specs.append(AddedTokenSpec(
                    content: content, id: id, lstrip: entry["lstrip"] == .bool(true),
                    rstrip: entry["rstrip"] == .bool(true)))
            }
        }
        var maxLength = 77
        if let d = config?["model_max_length"]?.number, d >= 1 && d <= 1_000_000 {
            maxLength = Int(d)
        }
        try self.init(
            vocab: vocab, merges: merges,
            bosToken: try special("bos_token", "<|startoftext|>"),
            eosToken: try special("eos_token", "<|endoftext|>"),
            unkToken: try special("unk_token", "<|endoftext|>"),
            padToken: try special("pad_token", "<|endoftext|>"),
            addedTokenSpecs: specs, modelMaxLength: maxLength)
    }

    /// A token given as a string or as `{"content": ...}` (a serialized `AddedToken`).
    static func tokenContent(_ value: JSONValue) -> String? {
        if let s = value.stringValue { return s }
        return value["content"]?.stringValue
    }

    static func readData(_ url: URL) throws -> [UInt8] {
        do {
            return try FileBytes.read(url.path)
        } catch let error as FileReadError {
            throw CLIPTokenizerError.unreadableFile(path: url.path, reason: error.reason)
        }
    }

    static func readOptionalJSONObject(_ url: URL) throws -> JSONValue? {
        guard FileBytes.exists(url.path) else { return nil }
        let data = try readData(url)
        do {
            let object = try JSONValue.parse(bytes: data)
            guard case .object = object else {
                throw CLIPTokenizerError.malformedConfig(path: url.path, reason: "not a JSON object")
            }
            return object
        } catch let error as JSONParseError {
            throw CLIPTokenizerError.malformedConfig(path: url.path, reason: "\(error)")
        }
    }

    /// `json.load(vocab_handle)`.
    static func readVocab(_ url: URL) throws -> [String: Int] {
        let data = try readData(url)
        let fail = CLIPTokenizerError.malformedVocab(path: url.path, reason: "expected an object of token to integer id")
        guard let members = (try? JSONValue.parse(bytes: data))?.objectMembers else { throw fail }
        var vocab = [String: Int](minimumCapacity: members.count)
        for (token, id) in members {
            guard case .int(let value) = id, let i = Int(exactly: value) else { throw fail }
            vocab[token] = i
        }
        return vocab
    }

    /// `merges_handle.read().strip().split("\n")[1 : 49152 - 256 - 2 + 1]`, each line split on
    /// whitespace; lines that are not two symbols keep their rank but can never match.
    static func readMerges(_ url: URL) throws -> [(String, String)] {
        let data = try readData(url)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CLIPTokenizerError.unreadableFile(path: url.path, reason: "not UTF-8")
        }
        // Python's universal newlines turn \r\n and \r into \n.
        let unified = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        let trimmed = unified.unicodeScalars
            .drop(while: isPythonSpace)
            .reversed().drop(while: isPythonSpace).reversed()
        let lines = String(String.UnicodeScalarView(trimmed)).split(separator: "\n", omittingEmptySubsequences: false)
        let end = min(lines.count, 49152 - 256 - 2 + 1)
        guard end > 1 else { return [] }
        var merges: [(String, String)] = []
        merges.reserveCapacity(end - 1)
        for line in lines[1..<end] {
            let parts = line.unicodeScalars.split(whereSeparator: isPythonSpace)
            if parts.count == 2 {
                merges.append((String(String.UnicodeScalarView(parts[0])), String(String.UnicodeScalarView(parts[1]))))
            } else {
                // Keeps the rank numbering; "\u{0}" never occurs in a byte-encoded word.
                merges.append(("\u{0}", "\u{0}"))
            }
        }
        return merges
    }
}
