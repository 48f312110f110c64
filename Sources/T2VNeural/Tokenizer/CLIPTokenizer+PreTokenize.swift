import FoundationEssentials

/// Text clean-up and pre-tokenization. Matches, in transformers 4.46.3 without ftfy,
/// `PreTrainedTokenizer.tokenize` (added tokens split out first), `BasicTokenizer.tokenize`
/// with `strip_accents=False, do_split_on_punc=False` (tokenization_bert.py), and the
/// `self.pat` regex of `CLIPTokenizer._tokenize` (tokenization_clip.py).
extension CLIPTokenizer {
    enum Piece {
        case added(AddedToken)
        case text([Unicode.Scalar])
    }

    /// `self.tokens_trie.split(text)` plus the lstrip/rstrip handling of added tokens.
    func splitOnAddedTokens(_ text: String) -> [Piece] {
        let scalars = Array(text.unicodeScalars)
        var pieces: [Piece] = []
        var start = 0
        var i = 0
        while i < scalars.count {
            var matched: AddedToken?
            for token in addedTokens where token.content.count <= scalars.count - i {
                if token.content.first == scalars[i] && scalars[i..<(i + token.content.count)].elementsEqual(token.content) {
                    matched = token
                    break
                }
            }
            if let token = matched {
                if start < i { pieces.append(.text(Array(scalars[start..<i]))) }
                pieces.append(.added(token))
                i += token.content.count
                start = i
            } else {
                i += 1
            }
        }
        if start < scalars.count { pieces.append(.text(Array(scalars[start..<scalars.count]))) }

        // AddedToken.rstrip strips the whitespace to its right, lstrip the whitespace to its left.
        for k in pieces.indices {
            guard case let .added(token) = pieces[k] else { continue }
            if token.rstrip, k + 1 < pieces.count, case let .text(right) = pieces[k + 1] {
                pieces[k + 1] = .text(Array(right.drop(while: Self.isPythonSpace)))
            }
            if token.lstrip, k > 0, case let .text(left) = pieces[k - 1] {
                var trimmed = left
                while let last = trimmed.last, Self.isPythonSpace(last) { trimmed.removeLast() }
                pieces[k - 1] = .text(trimmed)
            }
        }
        return pieces.filter {
            if case let .text(t) = $0 { return !t.isEmpty }
            return true
        }
    }

    /// The regex matches of `" ".join(BasicTokenizer.tokenize(text))`, as scalar arrays.
    func preTokenize(_ text: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        // _clean_text
        var cleaned = String.UnicodeScalarView()
        for c in text {
            if c.value == 0 || c.value == 0xFFFD || Self.isControl(c) { continue }
            if Self.isBertWhitespace(c) {
                cleaned.append(" ")
            } else if Self.isChineseChar(c.value) {
                // _tokenize_chinese_chars
                cleaned.append(" ")
                cleaned.append(c)
                cleaned.append(" ")
            } else {
                cleaned.append(c)
            }
        }
        // unicodedata.normalize("NFC", text), by the standard library's own normaliser (the one
        // String comparison uses), so the tokenizer needs no ICU.
        let normalized = String(decoding: String(cleaned)._nfcCodeUnits, as: UTF8.self)
        // whitespace_tokenize, then token.lower() for each token
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for c in normalized.unicodeScalars {
            if Self.isPythonSpace(c) {
                if !current.isEmpty { words.append(Self.pythonLower(current)); current = [] }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(Self.pythonLower(current)) }
        // re.findall(self.pat, " ".join(words)): no match spans a space, so per word.
        var out: [[Unicode.Scalar]] = []
        for word in words { Self.findAll(word, into: &out) }
        return out
    }

    // MARK: - The CLIP pattern

    private static let startOfText = Array("<|startoftext|>".unicodeScalars)
    private static let endOfText = Array("<|endoftext|>".unicodeScalars)

    /// `<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+`
    /// with `re.IGNORECASE`, applied by `re.findall` (leftmost match, alternatives in order).
    static func findAll(_ s: [Unicode.Scalar], into out: inout [[Unicode.Scalar]]) {
        let n = s.count
        var i = 0
        func matchesLiteral(_ lit: [Unicode.Scalar], at i: Int) -> Bool {
            guard i + lit.count <= n else { return false }
            for k in 0..<lit.count where !caseInsensitiveEqual(s[i + k], lit[k]) { return false }
            return true
        }
        while i < n {
            let c = s[i]
            if matchesLiteral(startOfText, at: i) {
                out.append(Array(s[i..<(i + startOfText.count)])); i += startOfText.count; continue
            }
            if matchesLiteral(endOfText, at: i) {
                out.append(Array(s[i..<(i + endOfText.count)])); i += endOfText.count; continue
            }
            if c == "'" {
                var length = 0
                for contraction in contractions where matchesLiteral(contraction, at: i) {
                    length = contraction.count
                    break
                }
                if length > 0 {
                    out.append(Array(s[i..<(i + length)])); i += length; continue
                }
            }
            if isLetter(c) {
                var j = i + 1
                while j < n && isLetter(s[j]) { j += 1 }
                out.append(Array(s[i..<j])); i = j; continue
            }
            if isNumber(c) {
                out.append([c]); i += 1; continue
            }
            if !isRegexSpace(c) {
                var j = i + 1
                while j < n && !isRegexSpace(s[j]) && !isLetter(s[j]) && !isNumber(s[j]) { j += 1 }
                out.append(Array(s[i..<j])); i = j; continue
            }
            i += 1
        }
    }

    private static let contractions: [[Unicode.Scalar]] =
        ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"].map { Array($0.unicodeScalars) }

    /// Simple case-insensitive equality of the `regex` module for the ASCII letters of the
    /// pattern (its case folding also lets U+017F LONG S match `s` and U+212A KELVIN match `k`).
    private static func caseInsensitiveEqual(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        if a == b { return true }
        if a.isASCII && b.isASCII {
            let x = a.value | 0x20, y = b.value | 0x20
            return x == y && x >= 0x61 && x <= 0x7A
        }
        if b == "s" || b == "S" { return a.value == 0x17F }
        if b == "k" || b == "K" { return a.value == 0x212A }
        return false
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isNumber(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// `\s` of the `regex` module: the Unicode White_Space property.
    static func isRegexSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

    // MARK: - BasicTokenizer helpers (transformers/tokenization_utils.py)

    /// `_is_control`: categories C* except tab, newline and carriage return.
    static func isControl(_ c: Unicode.Scalar) -> Bool {
        if c == "\t" || c == "\n" || c == "\r" { return false }
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// `_is_whitespace`: space, tab, newline, carriage return, or category Zs.
    static func isBertWhitespace(_ c: Unicode.Scalar) -> Bool {
        if c == " " || c == "\t" || c == "\n" || c == "\r" { return true }
        return c.properties.generalCategory == .spaceSeparator
    }

    /// Python's `str.isspace` (used by `str.split()` / `str.strip()`): bidi class WS, B or S,
    /// or category Zs.
    static func isPythonSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `_is_chinese_char` of BasicTokenizer.
    static func isChineseChar(_ cp: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(cp) || (0x3400...0x4DBF).contains(cp)
            || (0x20000...0x2A6DF).contains(cp) || (0x2A700...0x2B73F).contains(cp)
            || (0x2B740...0x2B81F).contains(cp) || (0x2B820...0x2CEAF).contains(cp)
            || (0xF900...0xFAFF).contains(cp) || (0x2F800...0x2FA1F).contains(cp)
    }

    /// Python's `str.lower()`: full lowercase mappings plus the Final_Sigma rule for U+03A3.
    static func pythonLower(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        for (i, c) in s.enumerated() {
            if c.isASCII {
                out.append(c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value | 0x20) ?? c : c)
            } else if c.value == 0x03A3 {
                out.append(isFinalSigma(s, at: i) ? "\u{03C2}" : "\u{03C3}")
            } else {
                out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return out
    }

    /// `handle_capital_sigma` of CPython's unicodeobject.c.
    private static func isFinalSigma(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i - 1
        while j >= 0 && s[j].properties.isCaseIgnorable { j -= 1 }
        guard j >= 0 && s[j].properties.isCased else { return false }
        j = i + 1
        while j < s.count && s[j].properties.isCaseIgnorable { j += 1 }
        return j == s.count || !s[j].properties.isCased
    }
}
