// The text reader of the built-in procedural model: English text in, `SceneDescription` out.
//
// Reading is rule-based and deterministic: the text is split into lowercased words, the longest
// known phrase is matched at each word, and a small clause machine attaches colours, sizes and
// counts to the noun they precede, and verbs, directions and speeds to the subjects of their
// clause. Rules that are a choice rather than English are documented where they are applied:
//
// - Counts: "a"/"an"/"one" give 1, number words and digits give that number, "a pair of" 2,
//   "a few" 3, "several" 4, collectives ("a flock of") 6, "many"/"dozens of" 8, "a dozen" 12;
//   plurals without a number give 2...4 from `variation`. Every count is capped at `maxCount` (12).
// - "snow": "snowing", "snow falls", "heavy snow" are weather; after a preposition ("in the snow",
//   "through deep snow") it is also the snow setting, but only when the text names no other place
//   ("a village in the snow" stays a village, with falling snow); before a noun it is the CSS colour.
// - Settings: places ("beach", "forest", ...) are strong and the first one named wins; backdrops
//   ("sky", "in the clouds", "in the snow", "winter") are used only when no place is named; with
//   neither, the first subject that implies a place decides (fish → underwater, boat → ocean,
//   plane → sky, car → city street, camel → desert, ...), else field.
// - Time of day: the first one named; else night when the moon, a star or a comet is a subject,
//   dawn when the sun rises, sunset when the sun sets or sinks; else noon.
// - Weather: the first non-clear weather named, else clear. Mood: the first named, else neutral.

/// Reads English text into a `SceneDescription`. Pure and deterministic; never fails.
public struct SceneReader: Sendable {
    public init() {}

    /// Reads one text. Any input is accepted (empty, emoji, other scripts, very long text).
    public func read(_ text: String) -> SceneDescription {
        let tokens = Self.tokenize(text)
        let variation = Self.fnv1a64(tokens.map(\.word).joined(separator: " "))
        var parser = Parser(tokens: tokens, variation: variation)
        parser.run()
        return parser.description(text: text)
    }

    /// Every phrase the reader knows, by section ("nouns.person", "colors.css", "motions.walk",
    /// "settings.beach", ...), each list sorted. For documentation (the README lists it).
    public static var vocabulary: [String: [String]] {
        var sections: [String: [String]] = [:]
        func put(_ section: String, _ words: [String]) {
            sections[section, default: []].append(contentsOf: words)
        }
        for info in nounInfos { put("nouns.\(info.family.rawValue)", [info.noun]) }
        put("colors.css", cssColors.map { $0.name.filter { $0 != " " } })
        put("colors.extra", extraColors.map(\.name))
        put("colors.modifiers", ColorModifier.allCases.map(\.rawValue))
        for (size, words) in sizeWords { put("sizes.\(size.rawValue)", words) }
        put("counts", numberWords.flatMap(\.1) + multiplierWords.flatMap(\.1) + quantityWords.flatMap(\.1))
        put("counts.collective", collectiveWords.map(\.word))
        for (motion, words) in motionWords { put("motions.\(motion.rawValue)", words) }
        for (direction, words) in directionWords { put("directions.\(direction.rawValue)", words) }
        for (speed, words) in speedWords { put("speeds.\(speed.rawValue)", words) }
        for (setting, words) in settingWords { put("settings.\(setting.rawValue)", words) }
        for (setting, words) in weakSettingWords { put("settings.\(setting.rawValue)", words) }
        put("settings.snow", ["snow", "snowy"])
        put("settings.sky", ["clouds"])
        put("settings.space", ["stars"])
        for (time, words) in timeWords { put("times.\(time.rawValue)", words) }
        for (weather, words) in weatherNouns + weatherAdjectives { put("weather.\(weather.rawValue)", words) }
        put("weather.snow", ["snow", "snowy"])
        put("weather.clouds", ["clouds"])
        for (mood, words) in moodWords { put("moods.\(mood.rawValue)", words) }
        put("moods.gloomy", ["dark"])
        return sections.mapValues { Array(Set($0)).sorted() }
    }

    /// The number of subject nouns the reader knows (singulars; plurals not counted).
    public static var nounCount: Int { nounInfos.count }
}
