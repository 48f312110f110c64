// The last prompt's guidance embeddings, kept for the next run of the same texts.

import Synchronization

/// A stream asks for chunk after chunk of the same text: its embeddings (`[negative; prompt]`) are
/// computed once per text and kept until another text (or negative text, or guidance on/off) comes.
/// The embeddings depend only on those inputs and the weights, so the frames are the same as without
/// the cache. Thread-safe.
final class PromptCache: Sendable {
    private struct Entry {
        let prompt: String
        let negative: String?
        let guidance: Bool
        let embeddings: Tensor
    }

    private let last = Mutex<Entry?>(nil)

    /// The embeddings of these texts: kept ones, else `make()`'s (then kept).
    func embeddings(_ prompt: String, _ negative: String?, _ guidance: Bool, make: () throws -> Tensor) rethrows -> Tensor {
        if let hit = last.withLock({ e in e.flatMap { $0.prompt == prompt && $0.negative == negative && $0.guidance == guidance ? $0.embeddings : nil } }) {
            return hit
        }
        let made = try make()
        last.withLock { $0 = Entry(prompt: prompt, negative: negative, guidance: guidance, embeddings: made) }
        return made
    }
}
