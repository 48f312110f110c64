// The clause machine of the scene reader.
//
// Within a clause (text between sentence punctuation or words such as "while", "but", "as"):
// - colour, size, count and "-ing" words gather into a noun phrase and attach to the next noun;
// - subjects named since the last verb are *pending*; a verb gives them its motion and makes them
//   the *active* group; directions and speeds go to the active group, else to the pending subjects,
//   else wait for the clause's first group ("slowly, two children walk");
// - a noun right after a verb ("a man walks his dog", "a boy flies a kite") or after "with" joins
//   the active group and moves with it; a noun after another preposition ("past a tree") stays still;
// - a verb right after a weather noun with no subject waiting ("snow falls", "fog rolls in") is the
//   weather's, not a subject's.

extension SceneReader {
    /// Modifiers gathered before a noun.
    struct NounPhrase: Sendable {
        var article = false
        var possessive = false
        var count: Int?
        var quantity: Int?
        var color: RGB?
        var modifiers: [ColorModifier] = []
        var size: SubjectSize?
        var speed: Speed?
        var motion: Motion?

        var isEmpty: Bool {
            !article && !possessive && count == nil && quantity == nil && color == nil && modifiers.isEmpty
                && size == nil && speed == nil && motion == nil
        }
    }

    struct Parser {
        let tokens: [Token]
        let variation: UInt64
        let lexicon = SceneReader.lexicon
        let withWordsSet: Set<String> = ["with", "alongside"]

        var subjects: [SubjectSpec] = []
        var infos: [NounInfo] = []
        var fixedMotion: [Bool] = []
        var removed: Set<Int> = []

        // Clause state.
        var pending: [Int] = []
        var active: [Int] = []
        var joined: [Int] = []
        var floatMotion: Motion?
        var floatDirection: Direction?
        var floatSpeed: Speed?
        var np = NounPhrase()
        var objectWindow = false
        var withWindow = false
        var linkWindow = false
        var afterPreposition: String?
        var negate = false
        var weatherNounJustSeen = false
        var lastNounEnd = -1
        var unknownHeadEnd = -1

        // Scene state.
        var strongSetting: Setting?
        var weakSetting: Setting?
        var time: TimeOfDay?
        var weather: Weather?
        var mood: Mood?
        var weakMood: Mood?
        var sunsetVerbSeen = false
        var unknown: [String] = []

        init(tokens: [Token], variation: UInt64) {
            self.tokens = tokens
            self.variation = variation
        }

        // MARK: - Matching

        /// The longest phrase known at `i` (not crossing a clause start) that `accept` takes: its length
        /// and roles.
        func longestMatch(at i: Int, accept: (_ length: Int, _ roles: [Role]) -> Bool) -> (length: Int, roles: [Role])? {
            guard i < tokens.count else { return nil }
            var k = min(lexicon.longest, tokens.count - i)
            while k >= 1 {
                if k == 1 || !tokens[(i + 1)..<(i + k)].contains(where: \.clauseStart) {
                    let key = k == 1 ? tokens[i].word : tokens[i..<(i + k)].map(\.word).joined(separator: " ")
                    if let roles = lexicon.entries[key], accept(k, roles) { return (k, roles) }
                }
                k -= 1
            }
            return nil
        }

        /// The longest phrase known at `i` (not crossing a clause start): its length and roles.
        func rawMatch(at i: Int) -> (length: Int, roles: [Role])? {
            longestMatch(at: i) { _, _ in true }
        }

        /// Like `rawMatch`, but a colour phrase of several words that does not precede a noun falls
        /// back to a shorter match ("in the sky blue birds fly" is sky + blue, not "sky blue").
        func match(at i: Int) -> (length: Int, roles: [Role])? {
            longestMatch(at: i) { k, roles in
                k == 1 || !roles.allSatisfy(\.isColor) || linkWindow || continuesNounPhrase(at: i + k)
            }
        }

        /// Whether the words at `j` go on to a noun: a noun, a colour, a size, an "-ing" form, or a
        /// context noun ("cloud", "star"), possibly after up to two unknown words ("an orange fluffy cat").
        func continuesNounPhrase(at start: Int, nounsOnly: Bool = false) -> Bool {
            var j = start
            var skipped = 0
            while j < tokens.count, !tokens[j].clauseStart {
                guard let (_, roles) = rawMatch(at: j) else {
                    if skipped < 2 {
                        skipped += 1
                        j += 1
                        continue
                    }
                    return false
                }
                return roles.contains { role in
                    switch role {
                    case .noun: return true
                    case .contextual(.cloud), .contextual(.star): return !nounsOnly
                    case .color, .colorModifier, .size: return !nounsOnly
                    case .motion: return !nounsOnly && tokens[j].word.hasSuffix("ing")
                    default: return false
                    }
                }
            }
            return false
        }

        var nounContext: Bool { !np.isEmpty || afterPreposition != nil }

        /// Picks the roles of an ambiguous phrase from its neighbours.
        func resolve(_ roles: [Role], at i: Int, next: Int) -> [Role] {
            if roles.count == 1 { return roles }
            if let c = roles.first(where: { if case .contextual = $0 { return true } else { return false } }) {
                return [c]
            }
            let noun = roles.first(where: \.isNoun)
            let motion = roles.first { if case .motion = $0 { return true } else { return false } }
            let setting = roles.first { if case .setting = $0 { return true } else { return false } }
            let collective = roles.first { if case .collective = $0 { return true } else { return false } }
            let modifier = roles.first { if case .colorModifier = $0 { return true } else { return false } }
            if let noun, let color = roles.first(where: \.isColor) {
                // "an orange cat" / "an orange"
                return continuesNounPhrase(at: next) || linkWindow ? [color] : [noun]
            }
            if let noun, let collective {
                // "a school of fish" / "a school"
                return next < tokens.count && tokens[next].word == "of" ? [collective] : [noun]
            }
            if let noun, let motion {
                // "a red rose" / "the sun rose"
                return nounContext ? [noun] : [motion]
            }
            if let setting, let motion {
                // "over the waves" / "a man waves"
                return nounContext ? [setting] : [motion]
            }
            if let modifier { return [modifier] }
            return roles
        }

        // MARK: - Running

        mutating func run() {
            var i = 0
            while i < tokens.count {
                if tokens[i].clauseStart { endClause() }
                guard let (length, roles) = match(at: i) else {
                    readUnmatched(at: i)
                    i += 1
                    continue
                }
                let next = i + length
                let resolved = resolve(roles, at: i, next: next)
                var consumed = length
                var keepsPreposition = true
                var setsPreposition = false
                for role in resolved {
                    consumed += apply(role, at: i, next: next)
                    switch role {
                    case .article, .possessive, .number, .quantity, .color, .colorModifier, .size, .stop, .mood:
                        break
                    case .preposition, .inside:
                        setsPreposition = true
                    default:
                        keepsPreposition = false
                    }
                }
                // A preposition stays in view across "the", "deep", "fresh"... up to its noun.
                if !keepsPreposition && !setsPreposition { afterPreposition = nil }
                i += consumed
            }
        }

        mutating func readUnmatched(at i: Int) {
            let word = tokens[i].word
            if let n = Self.digits(word) {
                _ = apply(.number(n), at: i, next: i + 1)
            } else {
                unknown.append(word)
                // "a cabin with smoke rising": a word the reader does not know, after "with", owns
                // the "-ing" verb that follows it.
                var j = i - 1
                while j >= 0, j > i - 4, !tokens[j + 1].clauseStart, let (_, roles) = rawMatch(at: j),
                    roles.contains(where: { role in
                        switch role {
                        case .article, .possessive, .number, .color, .size: return true
                        default: return false
                        }
                    })
                {
                    j -= 1
                }
                if j >= 0, !tokens[j + 1].clauseStart, withWordsSet.contains(tokens[j].word) {
                    unknownHeadEnd = i + 1
                }
            }
        }

        /// The value of a word of ASCII digits (saturating at 1,000,000), or nil.
        static func digits(_ word: String) -> Int? {
            guard !word.isEmpty, word.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            var value = 0
            for byte in word.utf8 {
                value = min(value * 10 + Int(byte - 48), 1_000_000)
            }
            return value
        }

        /// Applies one role; returns how many extra tokens it consumed.
        mutating func apply(_ role: Role, at i: Int, next: Int) -> Int {
            switch role {
            case .article:
                np.article = true
            case .possessive:
                np.possessive = true
            case .number(let n):
                if let c = np.count, c >= 20, c % 10 == 0, n < 10 {
                    np.count = c + n
                } else {
                    np.count = n
                }
            case .multiplier(let m):
                np.count = min((np.count ?? 1) * m, 1_000_000)
            case .quantity(let q):
                np.quantity = q
            case .collective(let c, let standalone):
                if next < tokens.count, tokens[next].word == "of", !tokens[next].clauseStart {
                    if let n = np.count { np.count = min(n * c, 1_000_000) } else { np.quantity = c }
                    return 1
                }
                if let standalone {
                    addSubject(standalone, plural: true, next: next, forcedCount: min((np.count ?? 1) * c, 1_000_000))
                } else {
                    np = NounPhrase()
                }
            case .color(let c):
                let color = np.modifiers.reduce(c) { $1.apply(to: $0) }
                np.modifiers = []
                if continuesNounPhrase(at: next) {
                    np.color = color
                } else if linkWindow, let last = lastSubjectInClause {
                    subjects[last].color = color
                }
            case .colorModifier(let m):
                if let (_, roles) = rawMatch(at: next), roles.contains(where: {
                    if case .colorModifier = $0 { return true }
                    return $0.isColor
                }) {
                    np.modifiers.append(m)
                } else if m == .dark && continuesNounPhrase(at: next, nounsOnly: true) {
                    np.color = RGB(0.16, 0.16, 0.18)  // "a dark cat"
                } else if m == .dark {
                    recordMood(.gloomy, strong: false)  // "a dark forest", "dark clouds"
                }
            case .size(let s):
                if continuesNounPhrase(at: next) {
                    np.size = s
                } else if linkWindow, let last = lastSubjectInClause {
                    subjects[last].size = s
                }
            case .motion(let m):
                readVerb(m, at: i, next: next)
            case .direction(let d):
                np = NounPhrase()
                objectWindow = false
                withWindow = false
                if negate {
                    negate = false
                } else {
                    applyToGroup(direction: d, speed: nil)
                }
            case .speed(let s):
                if continuesNounPhrase(at: next) {
                    np.speed = s  // "a fast car"
                } else {
                    applyToGroup(direction: nil, speed: s)
                }
            case .setting(let s, let strong):
                np = NounPhrase()
                objectWindow = false
                withWindow = false
                if negate { negate = false } else { recordSetting(s, strong: strong) }
            case .time(let t):
                if negate { negate = false } else if time == nil { time = t }
            case .weather(let w, let isNoun):
                if negate {
                    negate = false
                } else {
                    recordWeather(w)
                }
                if isNoun {
                    np = NounPhrase()
                    weatherNounJustSeen = true
                }
            case .mood(let m, let strong):
                if negate { negate = false } else { recordMood(m, strong: strong) }
            case .boundary:
                endClause()
            case .conjunction:
                objectWindow = false
                withWindow = false  // linkWindow stays: "is small and orange"
            case .negation:
                negate = true
            case .link:
                np = NounPhrase()
                linkWindow = true
                objectWindow = false
            case .with:
                np = NounPhrase()
                withWindow = true
            case .preposition:
                np = NounPhrase()
                afterPreposition = tokens[i].word
                objectWindow = false
                withWindow = false
                linkWindow = false
            case .inside:
                recordSetting(.room, strong: true)
                // "house interior": the house is the room, not a subject.
                if tokens[i].word == "interior", let last = subjects.indices.last, lastNounEnd == i,
                    infos[last].family == .building
                {
                    removed.insert(last)
                }
                np = NounPhrase()
                afterPreposition = tokens[i].word
            case .sunsetVerb:
                sunsetVerbSeen = true
                if pending.contains(where: { subjects[$0].noun == "sun" }) {
                    readVerb(.fall, at: i, next: next)  // "the sun sets": it sinks
                } else if next < tokens.count, tokens[next].word == "sun" {
                    np.motion = .fall  // "a setting sun"
                } else {
                    np = NounPhrase()
                }
            case .stop:
                break
            case .noun(let info, let plural):
                addSubject(info, plural: plural, next: next)
            case .contextual(let c):
                readContextual(c, at: i, next: next)
            }
            return 0
        }
    }
}
