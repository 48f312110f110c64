/// Byte-level BPE. Matches `CLIPTokenizer.bpe` and the byte mapping of `_tokenize` in
/// transformers/models/clip/tokenization_clip.py.
extension CLIPTokenizer {
    /// The UTF-8 bytes of `word` mapped through `bytes_to_unicode`.
    func byteEncoded(_ word: [Unicode.Scalar]) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: word)
        var out = ""
        for b in String(s).utf8 { out.append(ByteEncoder.table[Int(b)]) }
        return out
    }

    /// `self.bpe(token).split(" ")`.
    func bpe(_ token: String) -> [String] {
        if token.isEmpty { return [] }
        if let cached = cache.get(token) { return cached }
        // word = tuple(token[:-1]) + (token[-1] + "</w>",) — over code points.
        var word: [String] = token.unicodeScalars.map { String($0) }
        word[word.count - 1] += "</w>"
        if word.count == 1 {
            cache.set(token, word)
            return word
        }
        while word.count > 1 {
            // bigram = min(pairs, key=rank); stop when no pair is a known merge.
            var best: SymbolPair?
            var bestRank = Int.max
            for i in 0..<(word.count - 1) {
                let pair = SymbolPair(word[i], word[i + 1])
                if let rank = bpeRanks[pair], rank < bestRank {
                    bestRank = rank
                    best = pair
                }
            }
            guard let bigram = best else { break }
            var merged: [String] = []
            merged.reserveCapacity(word.count)
            var i = 0
            while i < word.count {
                if i < word.count - 1 && word[i] == bigram.first && word[i + 1] == bigram.second {
                    merged.append(bigram.first + bigram.second)
                    i += 2
                } else {
                    merged.append(word[i])
                    i += 1
                }
            }
            word = merged
        }
        cache.set(token, word)
        return word
    }
}
