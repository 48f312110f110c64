// The model-folder targets of t2v-fuzz-config: a folder's model_index.json and its tokenizer files.
// Both go through the code that reads them from disk (a context over a model folder, and
// CLIPTokenizer(directory:), which PipelineComponents uses), so each input is written into a
// private scratch folder made once per process, next to links to the tiny fixture model's parts.

import FoundationEssentials
import T2VEngine
import T2VNeural
#if canImport(Glibc)
import Glibc
#endif

/// The fixture model folder: Tests/Fixtures/models/tiny-t2v, found from this file's path, or
/// from the working directory (the repository root, as `make fuzz` runs).
let fixtureModel: String? = {
    let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/models/tiny-t2v").path
    for candidate in [fromSource, "Tests/Fixtures/models/tiny-t2v"]
    where FileBytes.exists(candidate + "/model_index.json") {
        guard !candidate.hasPrefix("/"), let cwd = getcwd(nil, 0) else { return candidate }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + candidate
    }
    return nil
}()

/// The private scratch folders, made on first use and removed at exit:
///   model/      model_index.json (the input) and links to the fixture's five component folders
///   tokenizer/  vocab.json and merges.txt (the input)
///   specials/   special_tokens_map.json and tokenizer_config.json (the input), links to the
///               fixture's vocab.json and merges.txt
enum Scratch {
    static let root: String? = {
        var template = Array("/tmp/t2v-fuzz-config.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { return nil }
        let root = String(cString: made)
        atexit { Scratch.removeAll() }
        return root
    }()
    nonisolated(unsafe) private static var made: [String] = []

    /// A subfolder of the scratch root with `links` (name → target); nil without the fixture.
    static func folder(_ name: String, links: [(String, String)]) -> String? {
        guard let root, let fixture = fixtureModel else { return nil }
        let path = root + "/" + name
        guard mkdir(path, 0o700) == 0 else { return nil }
        made.append(path)
        for (link, target) in links {
            guard symlink(fixture + "/" + target, path + "/" + link) == 0 else { return nil }
            made.append(path + "/" + link)
        }
        return path
    }

    static let model = folder("model", links: ["tokenizer", "text_encoder", "unet", "vae", "scheduler"].map { ($0, $0) })
    static let tokenizer = folder("tokenizer", links: [])
    static let specials = folder(
        "specials", links: [("vocab.json", "tokenizer/vocab.json"), ("merges.txt", "tokenizer/merges.txt")])

    /// Writes `bytes` to `path` (replacing it), or removes `path` when `bytes` is nil.
    static func write(_ bytes: ArraySlice<UInt8>?, to path: String) throws {
        guard let bytes else {
            unlink(path)
            return
        }
        if !made.contains(path) { made.append(path) }
        guard let file = fopen(path, "wb") else { throw ScratchError(path: path) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard fclose(file) == 0, written == bytes.count else { throw ScratchError(path: path) }
    }

    /// Removes what was made, deepest first.
    static func removeAll() {
        for path in made.reversed() where unlink(path) != 0 { rmdir(path) }
        if let root { rmdir(root) }
    }
}

struct ScratchError: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot write the scratch file \(path)" }
}

/// An input as two files: the bytes before the first NUL byte, and those after it (nil, the file
/// absent, when there is no NUL byte).
func splitAtNUL(_ bytes: [UInt8]) -> (ArraySlice<UInt8>, ArraySlice<UInt8>?) {
    guard let nul = bytes.firstIndex(of: 0) else { return (bytes[...], nil) }
    return (bytes[..<nul], bytes[(nul + 1)...])
}

/// model_index.json of a folder whose components are the fixture's: a context is made over it
/// (the C API's path: pipeline class, family, every component's entry and class, then loading and
/// validating them).
func runModelIndex(_ bytes: [UInt8]) throws -> String {
    guard let folder = Scratch.model else { return "skipped: no fixture model folder (Tests/Fixtures/models/tiny-t2v)" }
    try Scratch.write(bytes[...], to: folder + "/model_index.json")
    var settings = Settings()
    try settings.set("model", .string(folder))
    try settings.set("resolution", .string("64x48"))
    let context = try Context(settings: settings)
    let components = (context.resources as? DiffusersResources)?.components
    return "ok: \(components?.pipelineClassName ?? "?"), scheduler \(components?.schedulerClassName ?? "?")"
}

/// vocab.json, then merges.txt after the first NUL byte: the tokenizer loads from the folder and
/// encodes the sample texts.
func runTokenizerFiles(_ bytes: [UInt8]) throws -> String {
    guard let folder = Scratch.tokenizer else { return "skipped: no scratch folder" }
    let (vocab, merges) = splitAtNUL(bytes)
    try Scratch.write(vocab, to: folder + "/vocab.json")
    try Scratch.write(merges, to: folder + "/merges.txt")
    return encodeSamples(try CLIPTokenizer(directory: URL(fileURLWithPath: folder, isDirectory: true)))
}

/// special_tokens_map.json, then tokenizer_config.json after the first NUL byte, with the fixture's
/// vocab.json and merges.txt.
func runTokenizerSpecials(_ bytes: [UInt8]) throws -> String {
    guard let folder = Scratch.specials else { return "skipped: no fixture model folder (Tests/Fixtures/models/tiny-t2v)" }
    let (map, config) = splitAtNUL(bytes)
    try Scratch.write(map, to: folder + "/special_tokens_map.json")
    try Scratch.write(config, to: folder + "/tokenizer_config.json")
    return encodeSamples(try CLIPTokenizer(directory: URL(fileURLWithPath: folder, isDirectory: true)))
}

/// Texts that reach the tokenizer's paths: words and merges, special tokens inside a text,
/// punctuation, digits, accents, CJK, emoji, control and combining characters, whitespace only.
let sampleTexts = [
    "a red kite over a beach at sunset",
    "<|startoftext|>the cat's 3 hats<|endoftext|>!!! ... <|endoftext|",
    "Ünïcödé Straße 東京タワー 🎈🎈 e\u{301} \u{7}\t\n  x",
    " ",
]

/// Encodes every sample text each way the engine and Python do, checking what must hold whatever
/// the files say: encode starts with bos and ends with eos, and padding gives exactly the length
/// asked for (two at least: bos and eos).
func encodeSamples(_ tokenizer: CLIPTokenizer) -> String {
    var count = 0
    for text in sampleTexts {
        let ids = tokenizer.encode(text)
        guard ids.first == tokenizer.bosTokenId, ids.last == tokenizer.eosTokenId, ids.count >= 2 else {
            fatalError("encode(\(text.debugDescription)) = \(ids.prefix(8)) does not start with bos and end with eos")
        }
        for maxLength in [0, 1, 2, 77] {
            let padded = tokenizer(text, maxLength: maxLength)
            guard padded.count == max(2, maxLength) else {
                fatalError("tokenizer(\(text.debugDescription), maxLength: \(maxLength)) has \(padded.count) ids")
            }
        }
        _ = tokenizer.tokenize(text)
        _ = tokenizer.decode(ids, skipSpecialTokens: true)
        _ = tokenizer.decode(ids, skipSpecialTokens: false)
        count += ids.count
    }
    return "ok: \(tokenizer.vocab.count) tokens, \(count) ids for \(sampleTexts.count) texts"
}
