// Golden hashes of the built-in scene model: what the reader makes of a set of texts, and every byte the
// renderer draws for them. A refactor of T2VScene must leave every value here unchanged; a change that
// means to alter the picture (or the reading) updates the values and says so in its commit.
//
// The expected values were recorded from commit de7b8b3 (before Silhouettes.swift was split and
// T2VScene was sorted into Reader/ and Renderer/), by running these tests with the expectations
// failing and copying the printed hashes. Hashes are FNV-1a 64 over the bytes.

import Testing

@testable import T2VScene

private struct FNV64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01b3
        }
    }

    mutating func add(_ text: String) { add(Array(text.utf8) + [0]) }

    mutating func add(_ v: UInt64) {
        add((0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) })
    }

    var hex: String {
        let s = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - s.count) + s
    }
}

/// Every field of a description, exactly (colours by their bit patterns).
private func serialize(_ d: SceneDescription) -> String {
    func rgb(_ c: RGB?) -> String {
        guard let c else { return "-" }
        return [c.r, c.g, c.b].map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
    }
    let subjects = d.subjects.map { s in
        [s.noun, s.family.rawValue, String(s.count), rgb(s.color), s.size.rawValue, s.motion.rawValue,
         s.direction?.rawValue ?? "-", s.speed.rawValue].joined(separator: "|")
    }
    return ([d.text, d.setting.rawValue, d.timeOfDay.rawValue, d.weather.rawValue, d.mood.rawValue,
             String(d.variation, radix: 16), d.unknownWords.joined(separator: " ")] + subjects)
        .joined(separator: "\n")
}

private func frame(_ r: SceneRenderer, _ t: Double, _ cur: SceneState, _ prev: SceneState?, _ mix: Double) -> [UInt8] {
    var buf = [UInt8](repeating: 0, count: r.width * r.height * 3)
    buf.withUnsafeMutableBufferPointer { p in
        if let base = p.baseAddress { r.render(time: t, current: cur, previous: prev, transition: mix, into: base) }
    }
    return buf
}

/// Texts over many families: animals, vehicles, kites, buildings, people, sea creatures, weather, night,
/// counts, colours, moods, transitions.
private let sentences = [
    "three small red birds flying left over a beach at sunset",
    "a yellow kite and two blue kites over the hills on a windy morning",
    "a dog and a cat run across a field while a horse walks slowly",
    "a red car, a yellow bus and a fire truck drive right along a rainy city street at dusk",
    "a castle, a lighthouse, a windmill and a church in a village under a stormy sky",
    "two people walk towards a house in the snow at night, a snowman and a pine tree",
    "a shark, five fish, a jellyfish, an octopus and a crab swim underwater",
    "a sailboat and a big ship float on the ocean under the full moon and stars",
    "a plane, a helicopter and a hot air balloon fly through the clouds at dawn",
    "a rocket rises past a planet, a satellite and a comet in space",
    "a dozen tiny green frogs jump near a lake in the fog, mysterious",
    "a gloomy room with a sofa, a lamp, a table, a clock and a cup of tea",
    "an elephant, a giraffe and a camel walk through the desert past a pyramid and a cactus",
    "a knight on a huge dragon spins around a mountain, dramatic",
    "many light blue balloons drift up over a forest with mushrooms and flowers, happy",
    "a tractor pulls a cart past a barn on a farm with chickens and sheep",
    "a turtle, a snake and a butterfly in a garden under a rainbow",
    "a lonely astronaut floats away from a flying saucer",
]

private func read(_ texts: [String]) -> FNV64 {
    var h = FNV64()
    let reader = SceneReader()
    for t in texts { h.add(serialize(reader.read(t))) }
    return h
}

/// Every known noun, alone and as a counted plural.
private var nounTexts: [String] {
    SceneReader.nounInfos.flatMap { info in
        ["a \(info.noun)", "three \(info.plurals.first ?? info.noun) moving right"]
    }
}

@Suite struct SceneGoldenHashTests {
    @Test func readerDescriptionsAreUnchanged() {
        let h = read(sentences)
        print("golden reader sentences: \(h.hex)")
        #expect(h.value == 0xc44b_1bfb_c829_147b)
        let n = read(nounTexts)
        print("golden reader nouns: \(n.hex)")
        #expect(n.value == 0xacf8_50d6_2fb9_bad2)
    }

    @Test func renderedSentencesAreUnchanged() {
        let reader = SceneReader()
        let scenes = sentences.map(reader.read)
        var h = FNV64()
        for (w, hh) in [(96, 54), (160, 90)] {
            for seed: UInt64 in [1, 7] {
                let r = SceneRenderer(width: w, height: hh, seed: seed, threads: 1, caption: seed == 7)
                for (i, s) in scenes.enumerated() {
                    let cur = SceneState(scene: s, startTime: 1)
                    let prev = SceneState(scene: scenes[(i + 5) % scenes.count], startTime: -1)
                    for t in [1.0, 2.35, 7.5] {
                        h.add(frame(r, t, cur, nil, 1))
                    }
                    h.add(frame(r, 1.4, cur, prev, 0.35))
                }
            }
        }
        print("golden rendered sentences: \(h.hex)")
        #expect(h.value == 0xa519_b4e6_2771_2115)
    }

    @Test func renderedNounsAreUnchanged() {
        let reader = SceneReader()
        var h = FNV64()
        let r = SceneRenderer(width: 64, height: 40, seed: 3, threads: 1)
        for text in nounTexts {
            h.add(frame(r, 1.7, SceneState(scene: reader.read(text), startTime: 0), nil, 1))
        }
        print("golden rendered nouns: \(h.hex)")
        #expect(h.value == 0x092c_a8a9_da12_a2e6)
    }

    @Test func renderedSettingsAreUnchanged() {
        var h = FNV64()
        let r = SceneRenderer(width: 80, height: 45, seed: 11, threads: 2, caption: true)
        let subjects = [
            SubjectSpec(noun: "person", family: .person, count: 2, motion: .walk, direction: .right),
            SubjectSpec(noun: "boat", family: .waterVehicle, color: RGB(0.2, 0.4, 0.9), motion: .float),
            SubjectSpec(noun: "kite", family: .object, size: .large, motion: .fly, speed: .fast),
        ]
        for setting in Setting.allCases {
            for (i, time) in TimeOfDay.allCases.enumerated() {
                let weather = Weather.allCases[(i + setting.rawValue.count) % Weather.allCases.count]
                let mood = Mood.allCases[(i * 3 + setting.rawValue.count) % Mood.allCases.count]
                let d = SceneDescription(text: "\(setting) \(time) \(weather) \(mood)", subjects: subjects,
                                         setting: setting, timeOfDay: time, weather: weather, mood: mood,
                                         unknownWords: [], variation: UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15)
                h.add(frame(r, 3.3, SceneState(scene: d, startTime: 0), nil, 1))
            }
        }
        print("golden rendered settings: \(h.hex)")
        #expect(h.value == 0x35d1_0661_11fb_dff2)
    }

    @Test func drawnSilhouettesAreUnchanged() {
        let kinds: [ShapeKind] = [
            .person, .quadruped, .bird, .butterfly, .fish, .jellyfish, .car, .bus, .truck, .bicycle, .train, .boat,
            .ship, .submarine, .plane, .helicopter, .rocket, .hotAirBalloon, .saucer, .house, .tower, .skyscraper,
            .castle, .windmill, .lighthouse, .tree, .pine, .palm, .flower, .cactus, .bush, .mushroom, .sun, .moon,
            .star, .planet, .cloud, .ball, .kite, .balloon, .box, .umbrella, .blob, .airship, .drone, .parachute,
            .satellite, .snake, .turtle, .groundBird, .bug, .frog, .ape, .bee, .octopus, .crab, .starfish, .ray,
            .seal, .tractor, .tank, .bridge, .pyramid, .tent, .igloo, .church, .factory, .rainbow, .comet, .rock,
            .book, .chair, .lamp, .table, .clock, .cup, .bottle, .candle, .hat, .heart, .fruit, .snowman, .flag,
            .screen, .sofa,
        ]
        var night = Look()
        night.night = 1
        night.brightness = 0.7
        let size = 48
        var h = FNV64()
        for kind in kinds {
            for variant in 0..<6 {
                for (j, look) in [Look(), night].enumerated() {
                    var buf = [UInt8](repeating: 0, count: size * size * 3)
                    buf.withUnsafeMutableBufferPointer { p in
                        guard let base = p.baseAddress else { return }
                        let r = Raster(base: base, w: size, h: size, y0: 0, y1: size)
                        let shape = Shape(kind: kind, unit: 0.2, halfWidth: 0.5, height: 1, anchor: .ground,
                                          variant: variant)
                        let pen = Pen(r, x: 24, y: 38, scale: 16, rot: j == 0 ? 0 : 0.2,
                                      facing: variant % 2 == 0 ? 1 : -1, alpha: 1)
                        let pose = Pose(phase: 0.7 * Double(variant), gait: 0.8, wheel: 1.1, time: 2.5 + Double(variant),
                                        wind: 0.4, night: look.night)
                        Silhouette.draw(shape, pen, Paint(main: RGB(0.8, 0.3, 0.2), look: look), pose)
                    }
                    h.add(buf)
                }
            }
        }
        print("golden drawn silhouettes: \(h.hex)")
        #expect(h.value == 0xaf10_0def_d00e_5f49)
    }
}
