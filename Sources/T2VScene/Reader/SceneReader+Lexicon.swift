// The lexicon of the scene reader: every phrase it knows, with the roles the phrase can play.
// Built once from the tables in SceneReader+Vocabulary/Nouns/Colors.swift.

extension SceneReader {
    /// A word that the reader resolves by its neighbours (see `SceneReader+Parser.swift`).
    enum Contextual: Sendable, Equatable {
        /// "snow": weather, setting ("in the snow"), or the CSS colour before a noun.
        case snow
        /// "cloud(s)": a subject ("a white cloud"), the sky setting ("above the clouds") or weather.
        case cloud(plural: Bool)
        /// "star(s)": a subject ("a star"), night ("under the stars") or space ("among the stars").
        case star(plural: Bool)
    }

    /// One role a phrase can play.
    enum Role: Sendable {
        case noun(NounInfo, plural: Bool)
        case contextual(Contextual)
        case color(RGB)
        case colorModifier(ColorModifier)
        case size(SubjectSize)
        case number(Int)
        case multiplier(Int)
        case quantity(Int)
        case collective(Int, standalone: NounInfo?)
        case article
        case possessive
        case motion(Motion)
        case direction(Direction)
        case speed(Speed)
        case setting(Setting, strong: Bool)
        case time(TimeOfDay)
        case weather(Weather, noun: Bool)
        case mood(Mood, strong: Bool)
        case boundary
        case conjunction
        case negation
        case link
        case with
        case preposition
        case inside
        case sunsetVerb
        case stop

        var isNoun: Bool {
            if case .noun = self { return true }
            return false
        }
        var isColor: Bool {
            if case .color = self { return true }
            return false
        }
        var isStop: Bool {
            if case .stop = self { return true }
            return false
        }
    }

    struct Lexicon: Sendable {
        /// Phrase (words joined by single spaces) → its roles, most specific first.
        var entries: [String: [Role]] = [:]
        /// The longest phrase, in words.
        var longest = 1

        mutating func add(_ phrase: String, _ role: Role) {
            let words = phrase.split(separator: " ")
            guard !words.isEmpty else { return }
            let key = words.joined(separator: " ")
            longest = max(longest, words.count)
            var roles = entries[key] ?? []
            if role.isStop {
                if roles.isEmpty { roles.append(role) }
            } else {
                roles.removeAll { $0.isStop }
                if !roles.contains(where: { Lexicon.sameKind($0, role) }) { roles.append(role) }
            }
            entries[key] = roles
        }

        /// Two roles of the same case: the first one added wins ("stride" listed twice).
        static func sameKind(_ a: Role, _ b: Role) -> Bool {
            switch (a, b) {
            case (.noun, .noun), (.contextual, .contextual), (.color, .color), (.colorModifier, .colorModifier),
                (.size, .size), (.number, .number), (.multiplier, .multiplier), (.quantity, .quantity),
                (.collective, .collective), (.article, .article), (.possessive, .possessive), (.motion, .motion),
                (.direction, .direction), (.speed, .speed), (.setting, .setting), (.time, .time),
                (.weather, .weather), (.mood, .mood), (.boundary, .boundary), (.conjunction, .conjunction),
                (.negation, .negation), (.link, .link), (.with, .with), (.preposition, .preposition),
                (.inside, .inside), (.sunsetVerb, .sunsetVerb), (.stop, .stop):
                return true
            default:
                return false
            }
        }
    }

    static let lexicon: Lexicon = {
        var lex = Lexicon()
        // Contextual words first, so that they take precedence over the other roles of the word.
        lex.add("snow", .contextual(.snow))
        lex.add("cloud", .contextual(.cloud(plural: false)))
        lex.add("clouds", .contextual(.cloud(plural: true)))
        lex.add("star", .contextual(.star(plural: false)))
        lex.add("stars", .contextual(.star(plural: true)))

        for info in nounInfos where !contextualNouns.contains(info.noun) {
            lex.add(info.noun, .noun(info, plural: false))
            for plural in info.plurals where plural != info.noun {
                lex.add(plural, .noun(info, plural: true))
            }
            // Joined spellings of two-word nouns ("sea lion" → "sealion" is not English, but
            // "firetruck", "racecar", "palmtree" are common): only the plain concatenation.
            if info.noun.contains(" ") {
                lex.add(info.noun.replacingSpaces(), .noun(info, plural: false))
            }
        }
        for (name, hex) in cssColors {
            lex.add(name, .color(rgb(hex)))
            lex.add(name.replacingSpaces(), .color(rgb(hex)))
        }
        for (name, hex) in extraColors { lex.add(name, .color(rgb(hex))) }
        for m in ColorModifier.allCases { lex.add(m.rawValue, .colorModifier(m)) }
        lex.add("dark", .mood(.gloomy, strong: false))
        for (size, words) in sizeWords { for w in words { lex.add(w, .size(size)) } }
        for (n, words) in numberWords { for w in words { lex.add(w, .number(n)) } }
        for (n, words) in multiplierWords { for w in words { lex.add(w, .multiplier(n)) } }
        for (n, words) in quantityWords { for w in words { lex.add(w, .quantity(n)) } }
        let infoByNoun = Dictionary(nounInfos.map { ($0.noun, $0) }, uniquingKeysWith: { a, _ in a })
        for c in collectiveWords {
            let standalone = c.standalone.flatMap { infoByNoun[$0] }
            lex.add(c.word, .collective(c.count, standalone: standalone))
            lex.add(regularPlural(of: c.word), .collective(c.count, standalone: standalone))
        }
        for (motion, words) in motionWords { for w in words { lex.add(w, .motion(motion)) } }
        for (direction, words) in directionWords { for w in words { lex.add(w, .direction(direction)) } }
        for (speed, words) in speedWords { for w in words { lex.add(w, .speed(speed)) } }
        for (setting, words) in settingWords { for w in words { lex.add(w, .setting(setting, strong: true)) } }
        for (setting, words) in weakSettingWords { for w in words { lex.add(w, .setting(setting, strong: false)) } }
        for (time, words) in timeWords { for w in words { lex.add(w, .time(time)) } }
        for (weather, words) in weatherNouns { for w in words { lex.add(w, .weather(weather, noun: true)) } }
        for (weather, words) in weatherAdjectives { for w in words { lex.add(w, .weather(weather, noun: false)) } }
        lex.add("snowy", .weather(.snow, noun: false))
        lex.add("snowy", .setting(.snow, strong: false))
        for (mood, words) in moodWords { for w in words { lex.add(w, .mood(mood, strong: true)) } }
        for w in articleWords { lex.add(w, .article) }
        for w in possessiveWords { lex.add(w, .possessive) }
        for w in boundaryWords { lex.add(w, .boundary) }
        for w in conjunctionWords { lex.add(w, .conjunction) }
        for w in negationWords { lex.add(w, .negation) }
        for w in linkWords { lex.add(w, .link) }
        for w in withWords { lex.add(w, .with) }
        for w in prepositionWords { lex.add(w, .preposition) }
        for w in insideWords { lex.add(w, .inside) }
        for w in sunsetVerbWords { lex.add(w, .sunsetVerb) }
        for w in stopWords { lex.add(w, .stop) }
        return lex
    }()
}

extension String {
    /// The string without its spaces ("light blue" → "lightblue").
    fileprivate func replacingSpaces() -> String { filter { $0 != " " } }
}
