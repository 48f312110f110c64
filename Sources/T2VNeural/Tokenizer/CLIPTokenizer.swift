import FoundationEssentials

/// CLIP byte-level BPE tokenizer, equal to transformers' slow `CLIPTokenizer` (4.46.3) as used
/// without `ftfy`: `BasicTokenizer(strip_accents=False, do_split_on_punc=False)` clean-up
/// (control characters dropped, whitespace collapsed, CJK isolated, NFC, Python `str.lower`),
/// the CLIP pre-tokenizer regex, byte-level BPE with `</w>`, and special tokens split out first.
/// Matches transformers/models/clip/tokenization_clip.py.
///
/// Thread safety: a `CLIPTokenizer` may be shared between threads; its BPE cache is locked.
public struct CLIPTokenizer: Sendable {
    /// Padding applied by `callAsFunction(_:maxLength:padding:truncation:)`.
    public enum Padding: Sendable {
        /// No padding: the ids end with eos.
        case none
        /// Pad with `padTokenId` up to `maxLength` (what the text-to-video pipeline asks for).
        case maxLength
    }

    /// Token → id (`vocab.json`).
    public let vocab: [String: Int]
    /// Id → token (the inverse of `vocab` plus the added tokens).
    let decoder: [Int: String]
    /// Merge pair → rank (line order of `merges.txt`).
    let bpeRanks: [SymbolPair: Int]
    /// Added (special) tokens that are split out of the text before BPE, with their ids.
    let addedTokens: [AddedToken]

    public let bosToken: String
    public let eosToken: String
    public let unkToken: String
    public let padToken: String
    public let bosTokenId: Int
    public let eosTokenId: Int
    public let unkTokenId: Int
    public let padTokenId: Int
    /// `model_max_length` from `tokenizer_config.json` when present and reasonable, else 77.
    public let modelMaxLength: Int

    let cache: BPECache

    /// An added token, as transformers' `AddedToken` (only `lstrip`/`rstrip` matter for CLIP).
    struct AddedToken: Sendable {
        let content: [Unicode.Scalar]
        let id: Int
        let lstrip: Bool
        let rstrip: Bool
    }

    /// Builds a tokenizer from an in-memory vocabulary and merge list.
    /// - Parameters:
    ///   - vocab: token → id, as `vocab.json`.
    ///   - merges: the merge pairs in rank order (already sliced as transformers does).
    ///   - bosToken/eosToken/unkToken/padToken: special tokens; each must be in `vocab` or `addedTokenIds`.
    ///   - addedTokenIds: extra added tokens (content → id), e.g. from `added_tokens_decoder`.
    ///   - modelMaxLength: the default `maxLength`.
    public init(
        vocab: [String: Int], merges: [(String, String)],
        bosToken: String = "<|startoftext|>", eosToken: String = "<|endoftext|>",
        unkToken: String = "<|endoftext|>", padToken: String = "<|endoftext|>",
        addedTokenIds: [String: Int] = [:], modelMaxLength: Int = 77
    ) throws {
        try self.init(
            vocab: vocab, merges: merges, bosToken: bosToken, eosToken: eosToken, unkToken: unkToken,
            padToken: padToken,
            addedTokenSpecs: addedTokenIds.map { AddedTokenSpec(content: $0.key, id: $0.value) },
            modelMaxLength: modelMaxLength)
    }

    struct AddedTokenSpec {
        var content: String
        var id: Int
        var lstrip = false
        var rstrip = false
    }

    init(
        vocab: [String: Int], merges: [(String, String)], bosToken: String, eosToken: String,
        unkToken: String, padToken: String, addedTokenSpecs: [AddedTokenSpec], modelMaxLength: Int
    ) throws {
        self.vocab = vocab
        var ranks = [SymbolPair: Int](minimumCapacity: merges.count)
        // dict(zip(bpe_merges, range(...))) keeps the LAST rank of a duplicated pair.
        for (rank, merge) in merges.enumerated() { ranks[SymbolPair(merge.0, merge.1)] = rank }
        self.bpeRanks = ranks

        // Added tokens: explicit ones first (added_tokens_decoder), then the special tokens
        // (PreTrainedTokenizer.__init__ adds them with the vocabulary's id).
        var specs: [String: AddedTokenSpec] = [:]
        var order: [String] = []
        for spec in addedTokenSpecs where specs[spec.content] == nil {
            specs[spec.content] = spec
            order.append(spec.content)
        }
        func idOf(_ name: String, _ token: String) throws -> Int {
            if let spec = specs[token] { return spec.id }
            if let id = vocab[token] { return id }
            throw CLIPTokenizerError.missingSpecialToken(name: name, token: token)
        }
        self.bosTokenId = try idOf("bos_token", bosToken)
        self.eosTokenId = try idOf("eos_token", eosToken)
        self.unkTokenId = try idOf("unk_token", unkToken)
        self.padTokenId = try idOf("pad_token", padToken)
        for (token, id) in [(bosToken, bosTokenId), (eosToken, eosTokenId), (unkToken, unkTokenId), (padToken, padTokenId)]
        where specs[token] == nil && !token.isEmpty {
            specs[token] = AddedTokenSpec(content: token, id: id)
            order.append(token)
        }
        // Longest first so that a token that is a prefix of another never wins over it.
        self.addedTokens = order.compactMap { specs[$0] }
            .filter { !$0.content.isEmpty }
            .map { AddedToken(content: Array($0.content.unicodeScalars), id: $0.id, lstrip: $0.lstrip, rstrip: $0.rstrip) }
            .sorted { $0.content.count > $1.content.count }
        self.bosToken = bosToken
        self.eosToken = eosToken
        self.unkToken = unkToken
        self.padToken = padToken
        self.modelMaxLength = modelMaxLength
        var decoder = [Int: String](minimumCapacity: vocab.count)
        for (token, id) in vocab { decoder[id] = token }
        for token in addedTokens { decoder[token.id] = String(String.UnicodeScalarView(token.content)) }
        self.decoder = decoder
        self.cache = BPECache()
    }

    /// The BPE tokens of `text` (without bos/eos), as transformers' `tokenizer.tokenize(text)`.
    public func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        for piece in splitOnAddedTokens(text) {
            switch piece {
            case let .added(token):
                tokens.append(String(String.UnicodeScalarView(token.content)))
            case let .text(scalars):
                for word in preTokenize(scalars) {
                    tokens.append(contentsOf: bpe(byteEncoded(word)))
                }
            }
        }
        return tokens
    }

    /// Ids of `text` with bos and eos, neither truncated nor padded
    /// (`tokenizer(text).input_ids`).
    public func encode(_ text: String) -> [Int] {
        [bosTokenId] + encodeWithoutSpecialTokens(text) + [eosTokenId]
    }

    /// Ids of `text` without bos/eos.
    public func encodeWithoutSpecialTokens(_ text: String) -> [Int] {
        var ids: [Int] = []
        for piece in splitOnAddedTokens(text) {
            switch piece {
            case let .added(token):
                ids.append(token.id)
            case let .text(scalars):
                for word in preTokenize(scalars) {
                    for token in bpe(byteEncoded(word)) {
                        ids.append(vocab[token] ?? unkTokenId)
                    }
                }
            }
        }
        return ids
    }

    /// `tokenizer(text, padding="max_length", max_length=77, truncation=True).input_ids`:
    /// bos, at most `maxLength - 2` text ids, eos, then pad ids up to `maxLength`.
    /// A `maxLength` below 2 keeps bos and eos only.
    public func callAsFunction(
        _ text: String, maxLength: Int = 77, padding: Padding = .maxLength, truncation: Bool = true
    ) -> [Int] {
        var ids = encodeWithoutSpecialTokens(text)
        if truncation {
            let room = max(0, maxLength - 2)
            if ids.count > room { ids.removeLast(ids.count - room) }
        }
        var result = [bosTokenId] + ids + [eosTokenId]
        if padding == .maxLength, result.count < maxLength {
            result.append(contentsOf: repeatElement(padTokenId, count: maxLength - result.count))
        }
        return result
    }

    /// Same as `callAsFunction(_:maxLength:padding:truncation:)`.
    public func tokenize(
        _ text: String, maxLength: Int, padding: Padding = .maxLength, truncation: Bool = true
    ) -> [Int] {
        callAsFunction(text, maxLength: maxLength, padding: padding, truncation: truncation)
    }

    /// Text of `ids` as transformers' `decode(ids, skip_special_tokens:)` for the slow tokenizer
    /// (bytes decoded as UTF-8 with replacement, `</w>` read as a space).
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = true) -> String {
        let special = Set([bosTokenId, eosTokenId, unkTokenId, padTokenId])
        var bytes: [UInt8] = []
        for id in ids {
            if skipSpecialTokens && special.contains(id) { continue }
            guard let token = decoder[id] else { continue }
            for ch in token.replacing("</w>", with: " ") {
                if let b = ByteEncoder.decodeTable[ch] { bytes.append(b) }
                else { bytes.append(contentsOf: Array(String(ch).utf8)) }
            }
        }
        // str.strip() of the whitespace that `trimmingCharacters(in: .whitespaces)` removes:
        // spaces, tabs and the other horizontal (Zs) separators.
        let text = String(decoding: bytes, as: UTF8.self).unicodeScalars
        let isSpace = { (u: Unicode.Scalar) in u == "\t" || u.properties.generalCategory == .spaceSeparator }
        return String(String.UnicodeScalarView(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed()))
    }
}

/// A BPE merge pair.
struct SymbolPair: Hashable, Sendable {
    let first: String
    let second: String
    init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }
}
