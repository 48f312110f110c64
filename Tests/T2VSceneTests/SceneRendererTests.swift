// Tests of the procedural scene renderer. Scenes are built directly (not through the reader) and
// rendered small, so the whole file runs in well under a few seconds.

import Testing

@testable import T2VScene

private func scene(
    _ text: String = "test", subjects: [SubjectSpec] = [], setting: Setting = .field, time: TimeOfDay = .noon,
    weather: Weather = .clear, mood: Mood = .neutral, variation: UInt64 = 1
) -> SceneDescription {
    SceneDescription(text: text, subjects: subjects, setting: setting, timeOfDay: time, weather: weather, mood: mood,
                     unknownWords: [], variation: variation)
}

private func render(
    _ r: SceneRenderer, _ t: Double, _ cur: SceneDescription, start: Double = 0, prev: SceneDescription? = nil,
    prevStart: Double = -2, transition: Double = 1
) -> [UInt8] {
    var buf = [UInt8](repeating: 0, count: r.width * r.height * 3)
    buf.withUnsafeMutableBufferPointer { p in
        if let base = p.baseAddress {
            r.render(time: t, current: SceneState(scene: cur, startTime: start),
                     previous: prev.map { SceneState(scene: $0, startTime: prevStart) }, transition: transition,
                     into: base)
        }
    }
    return buf
}

/// Pixels whose summed channel difference exceeds `threshold`.
private func diffMask(_ a: [UInt8], _ b: [UInt8], threshold: Int = 60) -> [Bool] {
    var m = [Bool](repeating: false, count: a.count / 3)
    for i in 0..<m.count {
        let d = abs(Int(a[3 * i]) - Int(b[3 * i])) + abs(Int(a[3 * i + 1]) - Int(b[3 * i + 1]))
            + abs(Int(a[3 * i + 2]) - Int(b[3 * i + 2]))
        m[i] = d > threshold
    }
    return m
}

private func centroid(_ m: [Bool], width: Int) -> (Double, Double)? {
    var sx = 0.0, sy = 0.0, n = 0.0
    for (i, on) in m.enumerated() where on {
        sx += Double(i % width)
        sy += Double(i / width)
        n += 1
    }
    return n > 0 ? (sx / n, sy / n) : nil
}

private func meanAbsDiff(_ a: [UInt8], _ b: [UInt8]) -> Double {
    var s = 0
    for i in 0..<a.count { s += abs(Int(a[i]) - Int(b[i])) }
    return Double(s) / Double(max(1, a.count))
}

private func meanLuma(_ a: [UInt8]) -> Double {
    var s = 0.0
    for i in stride(from: 0, to: a.count, by: 3) {
        s += 0.299 * Double(a[i]) + 0.587 * Double(a[i + 1]) + 0.114 * Double(a[i + 2])
    }
    return s / Double(a.count / 3)
}

/// 8-connected components of at least `minSize` pixels.
private func components(_ m: [Bool], width: Int, minSize: Int = 4) -> Int {
    let h = m.count / width
    var seen = [Bool](repeating: false, count: m.count)
    var count = 0
    for start in 0..<m.count where m[start] && !seen[start] {
        var stack = [start]
        seen[start] = true
        var size = 0
        while let i = stack.popLast() {
            size += 1
            let x = i % width, y = i / width
            for dy in -1...1 {
                for dx in -1...1 {
                    let nx = x + dx, ny = y + dy
                    if nx < 0 || ny < 0 || nx >= width || ny >= h { continue }
                    let j = ny * width + nx
                    if m[j] && !seen[j] {
                        seen[j] = true
                        stack.append(j)
                    }
                }
            }
        }
        if size >= minSize { count += 1 }
    }
    return count
}

@Suite struct SceneRendererTests {
    let busy = scene(
        "busy", subjects: [
            SubjectSpec(noun: "person", family: .person, count: 2, motion: .walk, direction: .right),
            SubjectSpec(noun: "car", family: .landVehicle, color: RGB(0.9, 0.1, 0.1), motion: .drive),
            SubjectSpec(noun: "bird", family: .airAnimal, count: 3, motion: .fly),
        ], setting: .cityStreet, time: .dusk, weather: .storm, variation: 9)

    @Test func sameInputsGiveIdenticalBytesForAnyThreadCount() {
        let prev = scene("calm", subjects: [SubjectSpec(noun: "dog", family: .landAnimal)], setting: .beach,
                         weather: .snow)
        let one = SceneRenderer(width: 160, height: 90, seed: 3, threads: 1, caption: true)
        let two = SceneRenderer(width: 160, height: 90, seed: 3, threads: 2, caption: true)
        let five = SceneRenderer(width: 160, height: 90, seed: 3, threads: 5, caption: true)
        for t in [0.0, 1.37, 5.2] {
            let a = render(one, t, busy, prev: prev, transition: 0.4)
            let again = a == render(one, t, busy, prev: prev, transition: 0.4)
            let twoSame = a == render(two, t, busy, prev: prev, transition: 0.4)
            let fiveSame = a == render(five, t, busy, prev: prev, transition: 0.4)
            #expect(again, "repeat differs at \(t)")
            #expect(twoSame, "2 threads differ at \(t)")
            #expect(fiveSame, "5 threads differ at \(t)")
        }
        let small1 = SceneRenderer(width: 96, height: 54, seed: 9, threads: 1, caption: true)
        let small3 = SceneRenderer(width: 96, height: 54, seed: 9, threads: 3, caption: true)
        for setting in Setting.allCases {
            for weather in Weather.allCases {
                var s = busy
                s.setting = setting
                s.weather = weather
                s.timeOfDay = TimeOfDay.allCases[(setting.hashValue ^ weather.hashValue) & 3]
                let same = render(small1, 2.7, s, prev: busy, transition: 0.7) == render(small3, 2.7, s, prev: busy,
                                                                                        transition: 0.7)
                #expect(same, "\(setting) \(weather): 1 and 3 threads differ")
            }
        }
    }

    @Test func differentVariationOrTextGiveDifferentBytes() {
        let r = SceneRenderer(width: 160, height: 90, seed: 1)
        let a = scene("a dog in a field", subjects: [SubjectSpec(noun: "dog", family: .landAnimal)], variation: 11)
        var b = a
        b.variation = 12
        b.text = "a dog in a meadow"
        let ra = render(r, 1, a)
        let byVariation = ra != render(r, 1, b)
        var c = a
        c.subjects = [SubjectSpec(noun: "cat", family: .landAnimal)]
        let bySubject = ra != render(r, 1, c)
        let bySeed = ra != render(SceneRenderer(width: 160, height: 90, seed: 2), 1, a)
        #expect(byVariation)
        #expect(bySubject)
        #expect(bySeed)
    }

    @Test(arguments: [("red", 0), ("green", 1), ("blue", 2)])
    func namedColourDominatesTheSubject(name: String, channel: Int) {
        let r = SceneRenderer(width: 160, height: 90, seed: 5)
        var rgb = [0.0, 0.0, 0.0]
        rgb[channel] = 1
        for noun in [("ball", SubjectFamily.object), ("car", .landVehicle), ("bird", .airAnimal), ("dog", .landAnimal)] {
            let spec = SubjectSpec(noun: noun.0, family: noun.1, color: RGB(rgb[0], rgb[1], rgb[2]), size: .large)
            let empty = render(r, 1, scene("x", variation: 4))
            let with = render(r, 1, scene("x", subjects: [spec], variation: 4))
            let mask = diffMask(empty, with, threshold: 90)
            var total = 0, hits = 0
            for (i, on) in mask.enumerated() where on {
                total += 1
                let c = [Int(with[3 * i]), Int(with[3 * i + 1]), Int(with[3 * i + 2])]
                let others = (0..<3).filter { $0 != channel }.map { c[$0] }
                if c[channel] > (others.max() ?? 0) + 40 { hits += 1 }
            }
            #expect(total > 20, "\(noun.0) drew too few pixels: \(total)")
            #expect(Double(hits) > 0.5 * Double(total), "\(name) \(noun.0): \(hits) of \(total) pixels")
        }
    }

    /// "kite" is read as an air vehicle; it must still be drawn as a kite (diamond, tail, string to the
    /// ground), not as the family's generic aeroplane.
    @Test func kiteIsNotAnAeroplane() {
        let r = SceneRenderer(width: 192, height: 108, seed: 5)
        let base = scene("x", setting: .beach, time: .sunset, variation: 6)
        func footprint(_ noun: String) -> [Bool] {
            var with = base
            with.subjects = [SubjectSpec(noun: noun, family: .airVehicle, color: RGB(1, 0, 0))]
            return diffMask(render(r, 1.5, base), render(r, 1.5, with), threshold: 40)
        }
        let kite = footprint("kite"), plane = footprint("airplane")
        func lowest(_ m: [Bool]) -> Int { m.indices.filter { m[$0] }.map { $0 / r.width }.max() ?? -1 }
        // The string reaches the lower part of the frame; the aeroplane stays in the sky.
        #expect(lowest(kite) >= r.height * 85 / 100, "kite lowest row \(lowest(kite))")
        #expect(lowest(plane) < r.height * 60 / 100, "plane lowest row \(lowest(plane))")
        let differing = zip(kite, plane).filter { $0 != $1 }.count
        let either = zip(kite, plane).filter { $0 || $1 }.count
        #expect(Double(differing) > 0.5 * Double(either), "footprints overlap too much: \(differing) of \(either)")
        // Hovering on its string: over a few seconds the kite stays near where it was.
        var with = base
        with.subjects = [SubjectSpec(noun: "kite", family: .airVehicle, motion: .fly)]
        let c0 = centroid(diffMask(render(r, 1, base), render(r, 1, with), threshold: 40), width: r.width)
        let c1 = centroid(diffMask(render(r, 5, base), render(r, 5, with), threshold: 40), width: r.width)
        if let a = c0, let b = c1 { #expect(abs(a.0 - b.0) < 0.2 * Double(r.width), "kite moved \(a) -> \(b)") }
        #expect(c0 != nil && c1 != nil)
    }

    @Test func redKiteIsRed() {
        let r = SceneRenderer(width: 192, height: 108, seed: 5)
        let s = SceneReader().read("a red kite over a beach at sunset")
        var empty = s
        empty.subjects = []
        let a = render(r, 1, empty), b = render(r, 1, s)
        // The kite's body (the sky part of its footprint, above the string's lower run) is red.
        let mask = diffMask(a, b, threshold: 90)
        var total = 0, hits = 0
        for (i, on) in mask.enumerated() where on && i / r.width < r.height / 2 {
            total += 1
            let (cr, cg, cb) = (Int(b[3 * i]), Int(b[3 * i + 1]), Int(b[3 * i + 2]))
            if cr > max(cg, cb) + 40 { hits += 1 }
        }
        #expect(total > 30, "kite drew too few pixels: \(total)")
        #expect(Double(hits) > 0.6 * Double(total), "\(hits) of \(total) red")
    }

    /// Nouns with their own silhouettes draw something (no empty or degenerate shapes) at small sizes.
    @Test func nounShapesDraw() {
        let r = SceneRenderer(width: 96, height: 54, seed: 3, threads: 2)
        let base = scene("x", setting: .field, variation: 9)
        for (family, nouns) in SceneReader.vocabulary where family.hasPrefix("nouns.") {
            for noun in nouns {
                let s = SceneReader().read("a huge \(noun)")
                var with = base
                with.subjects = s.subjects
                let m = diffMask(render(r, 0.7, base), render(r, 0.7, with), threshold: 30)
                #expect(m.contains(true), "\(noun) drew nothing")
            }
        }
        #expect(Shape.of(SubjectSpec(noun: "kite", family: .airVehicle)).kind == .kite)
        #expect(Shape.of(SubjectSpec(noun: "hot air balloon", family: .airVehicle)).kind == .hotAirBalloon)
        #expect(Shape.of(SubjectSpec(noun: "elephant", family: .landAnimal)).kind == .quadruped)
        #expect(Shape.of(SubjectSpec(noun: "ant", family: .landAnimal)).kind == .bug)
        #expect(Shape.of(SubjectSpec(noun: "rainbow", family: .skyBody)).kind == .rainbow)
    }

    @Test func nightIsDarkerThanNoon() {
        let r = SceneRenderer(width: 160, height: 90, seed: 5)
        for setting in [Setting.field, .cityStreet, .beach, .mountains] {
            let noon = meanLuma(render(r, 2, scene(setting: setting, time: .noon)))
            let night = meanLuma(render(r, 2, scene(setting: setting, time: .night)))
            #expect(night < noon * 0.6, "\(setting): night \(night) noon \(noon)")
        }
    }

    @Test(arguments: [
        ("person", SubjectFamily.person, Motion.walk), ("dog", .landAnimal, .run), ("car", .landVehicle, .drive),
        ("bird", .airAnimal, .fly), ("fish", .waterAnimal, .swim), ("boat", .waterVehicle, .idle),
    ])
    func directionMovesTheCentre(noun: String, family: SubjectFamily, motion: Motion) {
        let r = SceneRenderer(width: 160, height: 90, seed: 8)
        for (dir, sign) in [(Direction.left, -1.0), (.right, 1.0)] {
            let spec = SubjectSpec(noun: noun, family: family, motion: motion, direction: dir)
            let base = scene("move", setting: family == .waterAnimal ? .underwater : .field, variation: 21)
            var with = base
            with.subjects = [spec]
            var xs: [Double] = []
            for t in [1.0, 2.0] {
                let m = diffMask(render(r, t, base), render(r, t, with), threshold: 40)
                if let c = centroid(m, width: r.width) { xs.append(c.0) }
            }
            #expect(xs.count == 2, "\(noun) not found")
            if xs.count == 2 { #expect((xs[1] - xs[0]) * sign > 2, "\(noun) \(dir): \(xs)") }
        }
    }

    @Test func countsGiveThatManySeparateSubjects() {
        let r = SceneRenderer(width: 256, height: 144, seed: 2)
        let base = scene("birds", setting: .field, weather: .clear, variation: 33)
        for n in [1, 3, 5] {
            var with = base
            with.subjects = [SubjectSpec(noun: "bird", family: .airAnimal, count: n, motion: .fly, direction: .right)]
            for t in [0.3, 1.2] {
                let m = diffMask(render(r, t, base), render(r, t, with), threshold: 30)
                let found = components(m, width: r.width)
                if found != n {
                    for y in 0..<r.height {
                        print(String(m[(y * r.width)..<((y + 1) * r.width)].map { $0 ? "#" : "." }))
                    }
                }
                #expect(found == n, "\(n) birds at \(t)")
            }
        }
    }

    @Test func sceneBoundariesShowNoCut() {
        let r = SceneRenderer(width: 128, height: 72, seed: 4)
        let scenes = [
            scene("a dog walks in a field", subjects: [SubjectSpec(noun: "dog", family: .landAnimal, motion: .walk)],
                  setting: .field, time: .noon, variation: 1),
            scene("a red kite over a beach at sunset",
                  subjects: [SubjectSpec(noun: "kite", family: .object, color: RGB(1, 0, 0))], setting: .beach,
                  time: .sunset, variation: 2),
            scene("cars drive through the city at night",
                  subjects: [SubjectSpec(noun: "car", family: .landVehicle, count: 2, motion: .drive),
                             SubjectSpec(noun: "person", family: .person, motion: .walk)],
                  setting: .cityStreet, time: .night, weather: .rain, variation: 3),
        ]
        let seg = 2.0, trans = 0.5, fps = 12.0
        var frames: [[UInt8]] = []
        let total = Int(seg * Double(scenes.count) * fps)
        for i in 0..<total {
            let t = Double(i) / fps
            let k = min(scenes.count - 1, Int(t / seg))
            let start = Double(k) * seg
            frames.append(render(r, t, scenes[k], start: start, prev: k > 0 ? scenes[k - 1] : nil,
                                 prevStart: start - seg, transition: min(1, (t - start) / trans)))
        }
        var diffs: [Double] = []
        for i in 1..<frames.count { diffs.append(meanAbsDiff(frames[i - 1], frames[i])) }
        let median = diffs.sorted()[diffs.count / 2]
        #expect(median > 0, "frames do not move")
        for k in 1..<scenes.count {
            let b = Int(Double(k) * seg * fps)  // first frame of scene k
            // The pair straddling the boundary.
            #expect(diffs[b - 1] <= 3 * median + 0.05, "boundary \(k): \(diffs[b - 1]) vs median \(median)")
            // During the transition, no single step carries the whole change.
            let whole = meanAbsDiff(frames[b - 1], frames[b + Int(trans * fps) + 1])
            let steps = diffs[(b - 1)..<(b + Int(trans * fps) + 1)]
            let worst = steps.max() ?? 0
            #expect(worst <= 0.5 * whole + 3 * median, "transition \(k): step \(worst) of \(whole)")
        }
    }

    @Test func captionDrawsInTheLowerBand() {
        let s = scene("a red kite over a beach at sunset", setting: .beach, time: .sunset)
        let off = render(SceneRenderer(width: 160, height: 90, seed: 1, caption: false), 1, s)
        let on = render(SceneRenderer(width: 160, height: 90, seed: 1, caption: true), 1, s)
        let m = diffMask(off, on, threshold: 20)
        let lower = m[(90 * 2 / 3 * 160)...].filter { $0 }.count
        let upper = m[..<(90 / 2 * 160)].filter { $0 }.count
        #expect(lower > 100)
        #expect(upper == 0)
        let lines = SceneRenderer.wrapCaption(String(repeating: "word ", count: 100) + "ünïcode", cols: 20, maxLines: 3)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 20 })
    }

    @Test func everyCombinationRendersWithoutTrapping() {
        let r = SceneRenderer(width: 33, height: 19, seed: 0, threads: 2, caption: true)
        for fam in SubjectFamily.allCases {
            for m in Motion.allCases {
                for d in [nil] + Direction.allCases.map { Optional($0) } {
                    let spec = SubjectSpec(noun: fam.rawValue, family: fam, count: 2, color: nil, size: .huge,
                                           motion: m, direction: d, speed: .fast)
                    _ = render(r, 3.3, scene(subjects: [spec], setting: .space))
                }
            }
        }
        for s in Setting.allCases {
            for w in Weather.allCases {
                for t in TimeOfDay.allCases {
                    _ = render(r, 7, scene(setting: s, time: t, weather: w, mood: Mood.allCases[(s.hashValue & 7)]),
                               prev: scene(setting: .room, weather: w), transition: 0.5)
                }
            }
        }
        let odd = [SubjectSpec(noun: "", family: .object, count: 0), SubjectSpec(noun: "zz", family: .plant, count: 10_000),
                   SubjectSpec(noun: "sun", family: .skyBody, color: RGB(.nan, -3, 9))]
        for t in [Double.nan, .infinity, -1e300, 1e300, -5] {
            _ = render(r, t, scene(subjects: odd), prev: scene(), transition: .nan)
        }
        _ = render(SceneRenderer(width: 1, height: 1, seed: 0, threads: 8, caption: true), 1, scene(subjects: odd))
    }
}
