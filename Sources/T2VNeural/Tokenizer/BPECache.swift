import Synchronization

/// Word → BPE tokens cache shared by copies of one `CLIPTokenizer` (transformers' `self.cache`).
final class BPECache: Sendable {
    private let entries = Mutex<[String: [String]]>([
        "<|startoftext|>": ["<|startoftext|>"],
        "<|endoftext|>": ["<|endoftext|>"],
    ])
    /// Bounds memory on long-running streams; transformers' cache is unbounded.
    private let capacity = 100_000

    func get(_ word: String) -> [String]? {
        entries.withLock { $0[word] }
    }

    func set(_ word: String, _ tokens: [String]) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[word] = tokens
        }
    }
}
