import Foundation
import T2VScene
import Testing

/// docs/vocabulary.md lists the built-in model's vocabulary; this keeps the list true.
@Suite struct VocabularyDocTests {
    @Test func vocabularyDocListsEveryWordOfEverySection() throws {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs").appendingPathComponent("vocabulary.md")
        let text = try String(contentsOf: doc, encoding: .utf8)
        for (section, words) in SceneReader.vocabulary {
            let line = "- **\(section)** (\(words.count)): " + words.joined(separator: ", ")
            #expect(text.contains(line), "docs/vocabulary.md does not list section \(section) as it is now")
        }
    }
}
