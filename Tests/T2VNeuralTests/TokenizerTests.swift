import Foundation
import XCTest
@testable import T2VNeural

final class TokenizerTests: XCTestCase {
    struct Table: Decodable {
        struct Case: Decodable {
            let name: String
            let text: String
            let tokens: [String]
            let ids_pad_excl: [Int]
            let ids_pad_eos: [Int]
            let ids_tiny_pad_excl: [Int]
        }
        let max_length: Int
        let cases: [Case]
    }

    static let fixtures = SRFixtureFile.fixturesDirectory
    static let tokenizerDirectory = fixtures.appendingPathComponent("tokenizer")

    /// Loaded once: the full 49,408-token vocabulary takes a moment to parse.
    static let shared: (excl: CLIPTokenizer, eos: CLIPTokenizer)? = {
        let dir = tokenizerDirectory
        guard let excl = try? CLIPTokenizer(
            vocabURL: dir.appendingPathComponent("vocab.json"), mergesURL: dir.appendingPathComponent("merges.txt"),
            padToken: "!"),
            let eos = try? CLIPTokenizer(
                vocabURL: dir.appendingPathComponent("vocab.json"), mergesURL: dir.appendingPathComponent("merges.txt"))
        else { return nil }
        return (excl, eos)
    }()

    func loadTable() throws -> Table {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("tokenizer_ids.json"))
        return try JSONDecoder().decode(Table.self, from: data)
    }

    func testFullVocabularyTable() throws {
        let table = try loadTable()
        let tok = try XCTUnwrap(Self.shared, "tokenizer fixture folder missing")
        XCTAssertEqual(tok.excl.vocab.count, 49408)
        XCTAssertEqual(tok.excl.bosTokenId, 49406)
        XCTAssertEqual(tok.excl.eosTokenId, 49407)
        XCTAssertEqual(tok.excl.padTokenId, 0)
        XCTAssertEqual(tok.eos.padTokenId, 49407)
        XCTAssertGreaterThanOrEqual(table.cases.count, 25)
        for c in table.cases {
            XCTAssertEqual(tok.excl.tokenize(c.text), c.tokens, "tokens of \(c.name): \(c.text.debugDescription)")
            XCTAssertEqual(tok.excl(c.text, maxLength: table.max_length), c.ids_pad_excl, "ids (pad '!') of \(c.name)")
            XCTAssertEqual(tok.eos(c.text, maxLength: table.max_length), c.ids_pad_eos, "ids (pad eos) of \(c.name)")
        }
    }

    func testTinyModelTokenizerFolder() throws {
        let table = try loadTable()
        let dir = Self.fixtures.appendingPathComponent("models/tiny-t2v/tokenizer")
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("vocab.json").path) else {
            throw XCTSkip("models/tiny-t2v/tokenizer not present")
        }
        let tiny = try CLIPTokenizer(directory: dir)
        XCTAssertEqual(tiny.bosTokenId, 998)
        XCTAssertEqual(tiny.eosTokenId, 999)
        XCTAssertEqual(tiny.padToken, "!")
        XCTAssertEqual(tiny.padTokenId, 0)
        XCTAssertEqual(tiny.modelMaxLength, 77)
        for c in table.cases {
            XCTAssertEqual(tiny(c.text, maxLength: tiny.modelMaxLength), c.ids_tiny_pad_excl, "tiny ids of \(c.name)")
        }
    }

    func testEncodeTruncationAndPadding() throws {
        let tok = try XCTUnwrap(Self.shared).excl
        XCTAssertEqual(tok.encode(""), [49406, 49407])
        XCTAssertEqual(tok.encode("a photo of an astronaut riding a horse"),
                       [49406, 320, 1125, 539, 550, 18376, 6765, 320, 4558, 49407])
        let long = String(repeating: "word ", count: 200)
        XCTAssertEqual(tok.encode(long).count, 202)
        let ids = tok(long)
        XCTAssertEqual(ids.count, 77)
        XCTAssertEqual(ids.first, 49406)
        XCTAssertEqual(ids.last, 49407)
        XCTAssertEqual(tok(long, maxLength: 10, padding: .none).count, 10)
        XCTAssertEqual(tok("a cat", padding: .none), [49406, 320, 2368, 49407])
        XCTAssertEqual(tok("a cat", maxLength: 1), [49406, 49407])
        XCTAssertEqual(tok.tokenize("a cat", maxLength: 6), [49406, 320, 2368, 49407, 0, 0])
        XCTAssertEqual(tok.decode(tok("a red kite!")), "a red kite")
    }

    func testDirectoryLoadingReadsSpecialTokensMap() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["vocab.json", "merges.txt"] {
            try FileManager.default.copyItem(
                at: Self.tokenizerDirectory.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        // Legacy layout of text-to-video-ms-1.7b: special_tokens_map.json says pad "!",
        // tokenizer_config.json says "<|endoftext|>"; transformers takes the map's value.
        try Data(#"{"pad_token": "!", "bos_token": {"content": "<|startoftext|>"}}"#.utf8)
            .write(to: dir.appendingPathComponent("special_tokens_map.json"))
        try Data(#"{"pad_token": "<|endoftext|>", "model_max_length": 77, "lambda": -Infinity}"#.utf8)
            .write(to: dir.appendingPathComponent("tokenizer_config.json"))
        XCTAssertThrowsError(try CLIPTokenizer(directory: dir))  // -Infinity is not JSON
        try Data(#"{"pad_token": "<|endoftext|>", "model_max_length": 77}"#.utf8)
            .write(to: dir.appendingPathComponent("tokenizer_config.json"))
        let tok = try CLIPTokenizer(directory: dir)
        XCTAssertEqual(tok.padTokenId, 0)
        XCTAssertEqual(tok("hello!! world", maxLength: 8), [49406, 3306, 0, 0, 1002, 49407, 0, 0])
    }

    func testMissingFilesThrow() {
        XCTAssertThrowsError(try CLIPTokenizer(vocabPath: "/nonexistent/vocab.json", mergesPath: "/nonexistent/merges.txt"))
        XCTAssertThrowsError(try CLIPTokenizer(vocab: ["a": 0], merges: [])) { error in
            XCTAssertEqual(error as? CLIPTokenizerError, .missingSpecialToken(name: "bos_token", token: "<|startoftext|>"))
        }
    }

    func testPythonLowerAndSigma() {
        func lower(_ s: String) -> String {
            String(String.UnicodeScalarView(CLIPTokenizer.pythonLower(Array(s.unicodeScalars))))
        }
        XCTAssertEqual(lower("ΟΔΟΣ"), "\u{3BF}\u{3B4}\u{3BF}\u{3C2}")  // final sigma
        XCTAssertEqual(lower("ΣΑ"), "σα")
        XCTAssertEqual(lower("İ").unicodeScalars.count, 2)
        XCTAssertEqual(lower("ÀB"), "àb")
    }
}
