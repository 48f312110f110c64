// Tests of the text reader of the built-in model (`SceneReader`): a table of sentences with the
// scene each must give, then the properties (determinism, variation, robustness, vocabulary).

import T2VScene
import Testing

/// The expected reading of one subject. `count: nil` means "a plural without a number" (2...4).
struct ExpectedSubject: CustomStringConvertible {
    var noun: String
    var family: SubjectFamily
    var count: Int?
    var color: RGB?
    var size: SubjectSize = .medium
    var motion: Motion = .idle
    var direction: Direction?
    var speed: Speed = .normal

    init(
        _ noun: String, _ family: SubjectFamily, _ count: Int? = 1, color: RGB? = nil, size: SubjectSize = .medium,
        motion: Motion = .idle, direction: Direction? = nil, speed: Speed = .normal
    ) {
        self.noun = noun
        self.family = family
        self.count = count
        self.color = color
        self.size = size
        self.motion = motion
        self.direction = direction
        self.speed = speed
    }

    var description: String {
        "\(noun)/\(family)/\(count.map(String.init) ?? "2...4")/\(color.map { "(\($0.r),\($0.g),\($0.b))" } ?? "-")/\(size)/\(motion)/\(direction.map(\.rawValue) ?? "-")/\(speed)"
    }

    /// Differences from an actual subject, in words (empty when it matches).
    func mismatches(_ s: SubjectSpec) -> [String] {
        var out: [String] = []
        if s.noun != noun { out.append("noun \(s.noun) != \(noun)") }
        if s.family != family { out.append("family \(s.family) != \(family)") }
        if let count {
            if s.count != count { out.append("count \(s.count) != \(count)") }
        } else if !(2...4).contains(s.count) {
            out.append("count \(s.count) not in 2...4")
        }
        switch (s.color, color) {
        case (nil, nil): break
        case (let a?, let b?):
            let worst = max(abs(a.r - b.r), abs(a.g - b.g), abs(a.b - b.b))
            if worst > 1e-6 { out.append("colour (\(a.r),\(a.g),\(a.b)) != (\(b.r),\(b.g),\(b.b)), worst \(worst)") }
        default: out.append("colour \(String(describing: s.color)) != \(String(describing: color))")
        }
        if s.size != size { out.append("size \(s.size) != \(size)") }
        if s.motion != motion { out.append("motion \(s.motion) != \(motion)") }
        if s.direction != direction { out.append("direction \(String(describing: s.direction)) != \(String(describing: direction))") }
        if s.speed != speed { out.append("speed \(s.speed) != \(speed)") }
        return out
    }
}

struct ReaderCase: CustomStringConvertible, Sendable {
    var text: String
    var subjects: [ExpectedSubject]
    var setting: Setting = .field
    var time: TimeOfDay = .noon
    var weather: Weather = .clear
    var mood: Mood = .neutral
    /// nil: not checked.
    var unknown: [String]? = nil

    var description: String { text.count > 60 ? String(text.prefix(60)) + "…" : text }
}

extension ExpectedSubject: @unchecked Sendable {}

private func css(_ hex: UInt32) -> RGB {
    RGB(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255)
}

private let red = css(0xFF0000)
private let blue = css(0x0000FF)

let readerTable: [ReaderCase] = [
    ReaderCase(
        text: "a red kite over a beach at sunset", subjects: [.init("kite", .airVehicle, color: red)],
        setting: .beach, time: .sunset, unknown: []),
    ReaderCase(
        text: "three birds fly to the left",
        subjects: [.init("bird", .airAnimal, 3, motion: .fly, direction: .left)], unknown: []),
    ReaderCase(
        text: "a dog runs to the left while two birds fly right",
        subjects: [
            .init("dog", .landAnimal, motion: .run, direction: .left),
            .init("bird", .airAnimal, 2, motion: .fly, direction: .right),
        ]),
    ReaderCase(
        text: "a huge dark green dragon breathes fire over the mountains",
        subjects: [.init("dragon", .landAnimal, color: css(0x006400), size: .huge)], setting: .mountains,
        unknown: ["breathes", "fire"]),
    ReaderCase(
        text: "two children walking slowly across a snowy village at night",
        subjects: [.init("child", .person, 2, motion: .walk, direction: .across, speed: .slow)], setting: .village,
        time: .night, weather: .snow, unknown: []),
    ReaderCase(
        text: "an old man and his dog in the rain",
        subjects: [.init("man", .person), .init("dog", .landAnimal)], weather: .rain, unknown: ["old"]),
    ReaderCase(
        text: "A Red Kite and a BLUE boat", subjects: [.init("kite", .airVehicle, color: red), .init("boat", .waterVehicle, color: blue)]),
    ReaderCase(
        text: "a pair of swans drift on a calm lake at dawn",
        subjects: [.init("swan", .airAnimal, 2, motion: .drift)], setting: .lake, time: .dawn, mood: .calm),
    ReaderCase(
        text: "two dozen balloons rise into the sky",
        subjects: [.init("balloon", .object, 12, motion: .rise, direction: .up)]),
    ReaderCase(
        text: "a tiny yellow submarine dives under the sea",
        subjects: [.init("submarine", .waterVehicle, color: css(0xFFFF00), size: .tiny, motion: .swim)],
        setting: .underwater),
    ReaderCase(
        text: "a fleet of ships sails away at dusk in a storm",
        subjects: [.init("ship", .waterVehicle, 6, motion: .drive, direction: .away)], setting: .ocean, time: .dusk,
        weather: .storm),
    ReaderCase(
        text: "a light blue car and a dark purple bus drive quickly down the street",
        subjects: [
            .init("car", .landVehicle, color: css(0xADD8E6), motion: .drive, direction: .down, speed: .fast),
            .init(
                "bus", .landVehicle, color: RGB(128.0 / 255 * 0.55, 0, 128.0 / 255 * 0.55), motion: .drive,
                direction: .down, speed: .fast),
        ], setting: .cityStreet),
    ReaderCase(
        text: "many fish swim around a coral reef",
        subjects: [.init("fish", .waterAnimal, 8, motion: .swim, direction: .around)], setting: .underwater),
    ReaderCase(
        text: "The sun rises over the hills.", subjects: [.init("sun", .skyBody, motion: .rise)], setting: .mountains,
        time: .dawn),
    ReaderCase(
        text: "the moon floats above a foggy lake", subjects: [.init("moon", .skyBody, motion: .float)],
        setting: .lake, time: .night, weather: .fog),
    ReaderCase(
        text: "a happy girl skips towards the camera",
        subjects: [.init("girl", .person, motion: .jump, direction: .towards)], mood: .happy),
    ReaderCase(
        text: "a plane flies from left to right", subjects: [.init("plane", .airVehicle, motion: .fly, direction: .right)],
        setting: .sky),
    ReaderCase(
        text: "people stroll through a busy market in the morning",
        subjects: [.init("person", .person, nil, motion: .walk)], setting: .village, time: .morning,
        unknown: ["busy"]),
    ReaderCase(
        text: "a cat sits on a chair in a cozy kitchen",
        subjects: [.init("cat", .landAnimal), .init("chair", .object)], setting: .room, unknown: ["cozy"]),
    ReaderCase(text: "Snow falls on a quiet village.", subjects: [], setting: .village, weather: .snow, mood: .calm),
    ReaderCase(
        text: "a fox runs in the snow", subjects: [.init("fox", .landAnimal, motion: .run)], setting: .snow,
        weather: .snow),
    ReaderCase(
        text: "a spooky castle under a full moon at midnight",
        subjects: [.init("castle", .building), .init("moon", .skyBody)], time: .night, mood: .scary, unknown: []),
    ReaderCase(
        text: "a school of dolphins jumps rapidly across the ocean",
        subjects: [.init("dolphin", .waterAnimal, 6, motion: .jump, direction: .across, speed: .fast)],
        setting: .ocean),
    ReaderCase(
        text: "four small white rabbits hop in a meadow",
        subjects: [.init("rabbit", .landAnimal, 4, color: css(0xFFFFFF), size: .small, motion: .jump)]),
    ReaderCase(
        text: "a rocket launches into space", subjects: [.init("rocket", .airVehicle, motion: .rise)], setting: .space),
    ReaderCase(
        text: "an elephant walks slowly and a mouse runs fast",
        subjects: [
            .init("elephant", .landAnimal, motion: .walk, speed: .slow),
            .init("mouse", .landAnimal, motion: .run, speed: .fast),
        ]),
    ReaderCase(
        text: "a deep blue whale swims slowly in the ocean",
        subjects: [.init("whale", .waterAnimal, color: RGB(0, 0, 0.75), motion: .swim, speed: .slow)],
        setting: .ocean),
    ReaderCase(text: "the dog is red", subjects: [.init("dog", .landAnimal, color: red)]),
    ReaderCase(
        text: "a kitten is small and orange",
        subjects: [.init("kitten", .landAnimal, color: css(0xFFA500), size: .small)]),
    ReaderCase(
        text: "no birds, just a lonely tree in the desert", subjects: [.init("tree", .plant)], setting: .desert,
        mood: .sad),
    ReaderCase(
        text: "a man walks his dog along the river",
        subjects: [.init("man", .person, motion: .walk), .init("dog", .landAnimal, motion: .walk)], setting: .lake),
    ReaderCase(
        text: "a shark chases three fish", subjects: [
            .init("shark", .waterAnimal, motion: .run), .init("fish", .waterAnimal, 3, motion: .run),
        ], setting: .underwater),
    ReaderCase(
        text: "a boat on a lake at dawn, misty and calm", subjects: [.init("boat", .waterVehicle)], setting: .lake,
        time: .dawn, weather: .fog, mood: .calm),
    ReaderCase(
        text: "thunderstorm over the city as a taxi races away",
        subjects: [.init("taxi", .landVehicle, motion: .run, direction: .away)], setting: .cityStreet,
        weather: .storm),
    ReaderCase(
        text: "a red car drives left. A blue car drives right.",
        subjects: [
            .init("car", .landVehicle, color: red, motion: .drive, direction: .left),
            .init("car", .landVehicle, color: blue, motion: .drive, direction: .right),
        ], setting: .cityStreet),
    ReaderCase(text: "a hundred geese", subjects: [.init("goose", .airAnimal, 12)], setting: .lake),
    ReaderCase(
        text: "mice, sheep, wolves and leaves",
        subjects: [
            .init("mouse", .landAnimal, nil), .init("sheep", .landAnimal, nil), .init("wolf", .landAnimal, nil),
            .init("leaf", .plant, nil),
        ]),
    ReaderCase(
        text: "one woman, 3 men and seven deer",
        subjects: [.init("woman", .person, 1), .init("man", .person, 3), .init("deer", .landAnimal, 7)]),
    ReaderCase(
        text: "an eerie, magical forest with glowing mushrooms",
        subjects: [.init("mushroom", .plant, nil)], setting: .forest, mood: .mysterious),
    ReaderCase(
        text: "a dark forest at dusk", subjects: [], setting: .forest, time: .dusk, mood: .gloomy),
    ReaderCase(
        text: "under the stars, a fox sleeps", subjects: [.init("fox", .landAnimal)], time: .night),
    ReaderCase(
        text: "a white cloud drifts slowly to the right",
        subjects: [.init("cloud", .skyBody, color: css(0xFFFFFF), motion: .drift, direction: .right, speed: .slow)]),
    ReaderCase(text: "dark clouds over the sea", subjects: [], setting: .ocean, weather: .clouds, mood: .gloomy),
    ReaderCase(
        text: "flying high over the sea, three gulls", subjects: [.init("gull", .airAnimal, 3, motion: .fly)],
        setting: .ocean, unknown: []),
    ReaderCase(text: "an orange cat and an orange", subjects: [
        .init("cat", .landAnimal, color: css(0xFFA500)), .init("orange", .object),
    ]),
    ReaderCase(text: "a red rose. The sun rose", subjects: [
        .init("rose", .plant, color: red), .init("sun", .skyBody, motion: .rise),
    ], time: .dawn),
    ReaderCase(
        text: "a car spinning in the rain while a bicycle bounces gently",
        subjects: [
            .init("car", .landVehicle, motion: .spin),
            .init("bicycle", .landVehicle, motion: .bounce, speed: .slow),
        ], setting: .cityStreet, weather: .rain),
    ReaderCase(text: "a glass of water", subjects: [], unknown: ["glass"]),
    ReaderCase(
        text: "Ein Hund läuft im Park", subjects: [], setting: .field, unknown: ["ein", "hund", "läuft", "im"]),
    ReaderCase(text: "", subjects: [], unknown: []),
    ReaderCase(text: "?!... ,,, ---", subjects: [], unknown: []),
    ReaderCase(text: "🐶🐱 🚗", subjects: [], unknown: ["🐶🐱", "🚗"]),
    ReaderCase(text: "tab\tnew\nline\u{0000}\u{0007}dog", subjects: [.init("dog", .landAnimal)], unknown: ["tab", "line"]),
]

@Test("The reader gives the expected scene", arguments: readerTable)
func readsTable(_ c: ReaderCase) {
    let d = SceneReader().read(c.text)
    let got = d.subjects.map { "\($0.noun)/\($0.family)/\($0.count)/\($0.motion)/\($0.direction.map(\.rawValue) ?? "-")/\($0.speed)" }
    #expect(d.subjects.count == c.subjects.count, "subjects \(got), expected \(c.subjects)")
    for (s, e) in zip(d.subjects, c.subjects) {
        let m = e.mismatches(s)
        #expect(m.isEmpty, "\(e.noun): \(m.joined(separator: "; "))")
    }
    #expect(d.setting == c.setting)
    #expect(d.timeOfDay == c.time)
    #expect(d.weather == c.weather)
    #expect(d.mood == c.mood)
    if let unknown = c.unknown { #expect(d.unknownWords == unknown) }
    #expect(d.text == c.text)
}

@Test func sameTextGivesIdenticalDescription() {
    let r = SceneReader()
    for c in readerTable {
        #expect(r.read(c.text) == r.read(c.text))
        #expect(SceneReader().read(c.text) == r.read(c.text))
    }
}

@Test func differentTextsGiveDifferentVariation() {
    var texts = readerTable.map(\.text)
    texts += ["a dog", "a dogs", "dog a", "the dog", "a cat", "🐱🐶", "🐶🐱", "a  red kite at sunset!"]
    var seen: [UInt64: String] = [:]
    for t in texts {
        let words = SceneReader().read(t).variation
        if let other = seen[words] {
            // Texts that differ only in punctuation, whitespace or case share a variation.
            let norm = { (s: String) in s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && !$0.isSymbol }).joined(separator: " ") }
            #expect(norm(other) == norm(t), "\(other) and \(t) share a variation")
        }
        seen[words] = t
    }
    #expect(seen.count >= texts.count - 2)
}

@Test func variationIgnoresPunctuationWhitespaceAndCase() {
    let r = SceneReader()
    let a = r.read("A red kite, over a beach -- at sunset!").variation
    #expect(a == r.read("a red kite over a beach at sunset").variation)
    #expect(a == r.read("  A RED KITE\nover a beach... at sunset ").variation)
    #expect(a != r.read("a red kite over a beach at dawn").variation)
    // FNV-1a 64 of the empty string (offset basis) for text with no words.
    #expect(r.read("").variation == 0xcbf2_9ce4_8422_2325)
    #expect(r.read("!!!").variation == 0xcbf2_9ce4_8422_2325)
}

@Test func pluralCountsAreDeterministicAndInRange() {
    var counts = Set<Int>()
    for i in 0..<60 {
        let text = "birds and cats number \(i)"
        let d = SceneReader().read(text)
        #expect(d.subjects.count == 2)
        for s in d.subjects {
            #expect((2...4).contains(s.count))
            counts.insert(s.count)
        }
        #expect(d == SceneReader().read(text))
    }
    #expect(counts == [2, 3, 4])
}

@Test func countsAndCap() {
    let r = SceneReader()
    func count(_ t: String) -> Int? { r.read(t).subjects.first?.count }
    #expect(count("a bird") == 1)
    #expect(count("an owl") == 1)
    #expect(count("one bird") == 1)
    #expect(count("3 birds") == 3)
    #expect(count("twenty five birds") == SceneReader.maxCount)
    #expect(count("a dozen eggs") == 12)
    #expect(count("a thousand stars") == SceneReader.maxCount)
    #expect(count("9999999999999999999999 birds") == SceneReader.maxCount)
    #expect(count("a few boats") == 3)
    #expect(count("several trees") == 4)
    #expect(count("a pair of shoes") == nil)  // "shoe" is not a subject noun
    #expect(count("a pair of ducks") == 2)
    #expect(count("a crowd") == 8)
    #expect(r.read("zero birds").subjects.isEmpty)
    #expect(SceneReader.maxCount == 12)
}

@Test func everyCSSColourIsRead() {
    let r = SceneReader()
    let names = SceneReader.vocabulary["colors.css"] ?? []
    #expect(names.count == 148)
    for name in names {
        guard let expected = SceneReader.cssColor(named: name) else {
            Issue.record("no colour for \(name)")
            continue
        }
        let d = r.read("a \(name) ball")
        #expect(d.subjects.first?.color == expected, "\(name)")
    }
    // Multiword forms, spaced and hyphenated.
    #expect(r.read("a light blue ball").subjects.first?.color == SceneReader.cssColor(named: "lightblue"))
    #expect(r.read("a light-goldenrod-yellow ball").subjects.first?.color == SceneReader.cssColor(named: "lightgoldenrodyellow"))
    #expect(r.read("a medium sea green ball").subjects.first?.color == SceneReader.cssColor(named: "mediumseagreen"))
}

@Test func colourModifiers() {
    let r = SceneReader()
    func color(_ t: String) -> RGB? { r.read(t).subjects.first?.color }
    #expect(color("a light red ball") == RGB(1, 0.45, 0.45))
    #expect(color("a dark red ball") == SceneReader.cssColor(named: "darkred"))  // the CSS name wins
    let pale = color("a pale blue ball")
    #expect(pale != nil && pale!.b > pale!.r && pale!.r > 0.5)
    let bright = color("a bright navy ball")
    #expect(bright == RGB(0, 0, 1))
    // Colour attaches to the noun it precedes.
    let d = r.read("a red kite and a blue boat")
    #expect(d.subjects.map(\.color) == [RGB(1, 0, 0), RGB(0, 0, 1)])
}

@Test func robustOnAwkwardInput() {
    let r = SceneReader()
    // 50,000 characters of a deterministic mix of every kind of scalar (controls, marks, emoji,
    // other scripts, punctuation), from a linear congruential generator.
    var state: UInt64 = 12345
    var scalars = String.UnicodeScalarView()
    var produced = 0
    while produced < 50_000 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let v = UInt32(truncatingIfNeeded: state >> 33) % 0x1F000
        if let s = Unicode.Scalar(v) {
            scalars.append(s)
            produced += 1
        }
    }
    let noise = String(scalars)
    let d = r.read(noise)
    #expect(d == r.read(noise))
    // 100,000 characters of real sentences.
    let sentence = "Three red birds fly left while a dog runs right. "
    let long = String(repeating: sentence, count: 100_000 / sentence.count + 1)
    let l = r.read(long)
    #expect(l.subjects.allSatisfy { $0.count <= SceneReader.maxCount })
    #expect(l.subjects.first?.motion == .fly)
    // Long runs of one word, phrases cut at the end, lone modifiers.
    _ = r.read(String(repeating: "light ", count: 20_000))
    _ = r.read(String(repeating: "a ", count: 20_000) + "dozen")
    _ = r.read("from left to")
    _ = r.read("dark")
    _ = r.read(String(repeating: "x", count: 100_000))
    _ = r.read("\u{301}\u{200D}\u{FE0F}")
    _ = r.read("不怕 一只猫在跑 кошка бежит قطة تجري")
}

@Test func vocabularyIsLargeEnough() {
    let v = SceneReader.vocabulary
    let nouns = v.filter { $0.key.hasPrefix("nouns.") }.values.reduce(0) { $0 + $1.count }
    #expect(nouns >= 80)
    #expect(SceneReader.nounCount == nouns)
    for family in SubjectFamily.allCases { #expect(!(v["nouns.\(family.rawValue)"] ?? []).isEmpty, "\(family)") }
    for m in Motion.allCases { #expect(!(v["motions.\(m.rawValue)"] ?? []).isEmpty, "\(m)") }
    for d in Direction.allCases { #expect(!(v["directions.\(d.rawValue)"] ?? []).isEmpty, "\(d)") }
    for s in Setting.allCases { #expect(!(v["settings.\(s.rawValue)"] ?? []).isEmpty, "\(s)") }
    for t in TimeOfDay.allCases { #expect(!(v["times.\(t.rawValue)"] ?? []).isEmpty, "\(t)") }
    for w in Weather.allCases { #expect(!(v["weather.\(w.rawValue)"] ?? []).isEmpty, "\(w)") }
    for m in Mood.allCases where m != .neutral { #expect(!(v["moods.\(m.rawValue)"] ?? []).isEmpty, "\(m)") }
    for (_, words) in v { #expect(words == words.sorted()) }
}

@Test func motionInflections() {
    let r = SceneReader()
    let forms: [(String, Motion)] = [
        ("walks", .walk), ("walking", .walk), ("walked", .walk), ("strolls", .walk), ("ran", .run), ("running", .run),
        ("dashes", .run), ("races", .run), ("flies", .fly), ("flew", .fly), ("soars", .fly), ("glides", .fly),
        ("swam", .swim), ("swimming", .swim), ("drove", .drive), ("sails", .drive), ("jumps", .jump),
        ("hops", .jump), ("leaps", .jump), ("fell", .fall), ("falling", .fall), ("rose", .rise), ("rising", .rise),
        ("floats", .float), ("spun", .spin), ("spinning", .spin), ("bounces", .bounce), ("grew", .grow),
        ("shrank", .shrink), ("drifts", .drift), ("sits", .idle),
    ]
    for (form, motion) in forms {
        #expect(r.read("a ball \(form)").subjects.first?.motion == motion, "\(form)")
    }
}

@Test func directionsAndSpeeds() {
    let r = SceneReader()
    let dirs: [(String, Direction)] = [
        ("to the left", .left), ("leftwards", .left), ("from right to left", .left), ("right", .right),
        ("from left to right", .right), ("up", .up), ("down", .down), ("towards the camera", .towards),
        ("toward the camera", .towards), ("away", .away), ("across", .across), ("around", .around),
    ]
    for (phrase, d) in dirs { #expect(r.read("a dog runs \(phrase)").subjects.first?.direction == d, "\(phrase)") }
    for w in ["slowly", "gently", "lazily"] { #expect(r.read("a dog walks \(w)").subjects.first?.speed == .slow, "\(w)") }
    for w in ["fast", "quickly", "rapidly", "swiftly"] {
        #expect(r.read("a dog walks \(w)").subjects.first?.speed == .fast, "\(w)")
    }
}

@Test func settingsTimesWeatherDefaults() {
    let r = SceneReader()
    #expect(r.read("a fish").setting == .underwater)
    #expect(r.read("a boat").setting == .ocean)
    #expect(r.read("a plane").setting == .sky)
    #expect(r.read("a car").setting == .cityStreet)
    #expect(r.read("a dog").setting == .field)
    #expect(r.read("the moon").timeOfDay == .night)
    #expect(r.read("stars").timeOfDay == .night)
    #expect(r.read("a dog").timeOfDay == .noon)
    #expect(r.read("the setting sun").timeOfDay == .sunset)
    #expect(r.read("a village in the snow").setting == .village)
    #expect(r.read("a village in the snow").weather == .snow)
    #expect(r.read("it is snowing").weather == .snow)
    #expect(r.read("a house interior").setting == .room)
    #expect(r.read("a house interior").subjects.isEmpty)
    #expect(r.read("a kite in the sky over a beach").setting == .beach)
    #expect(r.read("a kite in the sky").setting == .sky)
    #expect(r.read("a fish under the sea").setting == .underwater)
    #expect(r.read("a rocket among the stars").setting == .space)
}
