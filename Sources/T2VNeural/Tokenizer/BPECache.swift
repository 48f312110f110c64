import Foundation

/// Word → BPE tokens cache shared by copies of one `CLIPTokenizer` (transformers' `self.cache`).
final class BPECache: @unchecked Sendable {
    private var entries: [String: [String]] = [
        "<|startoftext|>": ["<|startoftext|>"],
        "<|endoftext|>": ["<|endoftext|>"],
    ]
    private let lock = NSLock()
    /// Bounds memory on long-running streams; transformers' cache is unbounded.
    private let capacity = 100_000

    func get(_ word: String) -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[word]
    }

    func set(_ word: String, _ tokens: [String]) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[word] = tokens
    }
}
