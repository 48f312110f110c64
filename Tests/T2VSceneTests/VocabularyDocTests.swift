import Foundation
import T2VScene
import Testing

/// The README lists the built-in model's vocabulary; this keeps the list true.
@Suite struct VocabularyDocTests {
    @Test func readmeListsEveryWordOfEverySection() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for (section, words) in SceneReader.vocabulary {
            let line = "- **\(section)** (\(words.count)): " + words.joined(separator: ", ")
            #expect(text.contains(line), "README.md does not list section \(section) as it is now")
        }
    }
}
