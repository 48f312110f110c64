// Splitting text into words, and the variation hash over them.

extension SceneReader {
    /// One lowercased word of the text. `clauseStart` is true for the first word and for a word that
    /// follows sentence punctuation (. ! ? ; : …) or a line break.
    struct Token: Sendable, Equatable {
        var word: String
        var clauseStart: Bool
    }

    /// Words are runs of letters, digits and non-ASCII symbols (emoji); everything else (spaces,
    /// punctuation, apostrophes, hyphens, ASCII symbols, control characters) separates them, so
    /// "dark-green" reads as "dark green" and "dog's" as "dog s".
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var clauseStart = true
        for ch in text {
            if isWordCharacter(ch) {
                current.append(ch)
                continue
            }
            if !current.isEmpty {
                tokens.append(Token(word: current.lowercased(), clauseStart: clauseStart))
                clauseStart = false
                current = ""
            }
            if isClauseBreak(ch) { clauseStart = true }
        }
        if !current.isEmpty { tokens.append(Token(word: current.lowercased(), clauseStart: clauseStart)) }
        return tokens
    }

    static func isWordCharacter(_ ch: Character) -> Bool {
        if ch.isLetter || ch.isNumber { return true }
        if ch.isASCII { return false }
        if ch.isSymbol { return true }
        return ch.unicodeScalars.contains { $0.properties.isEmojiPresentation }
    }

    static func isClauseBreak(_ ch: Character) -> Bool {
        if ch.isNewline { return true }
        switch ch {
        case ".", "!", "?", ";", ":", "…", "。", "！", "？", "；", "：", "¡", "¿": return true
        default: return false
        }
    }

    /// FNV-1a 64 over the UTF-8 bytes of `text`.
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// A well-mixed 64-bit value from `x` (the splitmix64 finaliser).
    static func mix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
