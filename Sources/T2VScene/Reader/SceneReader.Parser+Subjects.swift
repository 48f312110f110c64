// The clause machine's actions: adding subjects, reading verbs and contextual nouns, recording the
// scene's setting, weather and mood, and the final description.

extension SceneReader.Parser {
    // The reader's types, as the parser's own body sees them.
    typealias NounInfo = SceneReader.NounInfo
    typealias NounPhrase = SceneReader.NounPhrase
    typealias Contextual = SceneReader.Contextual

    // MARK: - Subjects and verbs

    var lastSubjectInClause: Int? { (pending + active).max() }

    func defaultPluralCount(index: Int) -> Int {
        2 + Int(SceneReader.mix64(variation ^ (UInt64(index) &* 0x9e37_79b9_7f4a_7c15)) % 3)
    }

    mutating func addSubject(_ info: NounInfo, plural: Bool, next: Int, forcedCount: Int? = nil) {
        defer {
            np = NounPhrase()
            weatherNounJustSeen = false
        }
        if negate {
            negate = false
            return
        }
        if info.family == .building, afterPreposition == "inside" {
            recordSetting(.room, strong: true)  // "inside a house"
            return
        }
        var count: Int
        if let forcedCount {
            count = forcedCount
        } else if let c = np.count {
            count = c
        } else if let q = np.quantity {
            count = q
        } else if plural || (info.invariant && !np.article) {
            count = defaultPluralCount(index: subjects.count)
        } else {
            count = 1
        }
        count = min(count, SceneReader.maxCount)
        guard count > 0 else { return }  // "zero birds"

        let index = subjects.count
        var spec = SubjectSpec(
            noun: info.noun, family: info.family, count: count, color: np.color, size: np.size ?? .medium,
            motion: np.motion ?? .idle, direction: nil, speed: np.speed ?? .normal)
        let fixed = np.motion != nil
        if (objectWindow || withWindow), let leader = active.first {
            if !fixed { spec.motion = subjects[leader].motion }
            spec.direction = subjects[leader].direction
            if np.speed == nil { spec.speed = subjects[leader].speed }
            active.append(index)
            joined.append(index)
        } else if let m = floatMotion {
            if !fixed { spec.motion = m }
            if let d = floatDirection { spec.direction = d }
            if let s = floatSpeed, np.speed == nil { spec.speed = s }
            active.append(index)
        } else {
            pending.append(index)
        }
        subjects.append(spec)
        infos.append(info)
        fixedMotion.append(fixed)
        lastNounEnd = next
    }

    mutating func readVerb(_ m: Motion, at i: Int, next: Int) {
        let word = tokens[i].word
        if negate {
            negate = false
            np = NounPhrase()
            return
        }
        if (word.hasSuffix("ing") || word == "fallen") && continuesNounPhrase(at: next) {
            np.motion = m  // "flying birds", "a spinning top"
            return
        }
        if i > 0, !tokens[i].clauseStart, let (_, roles) = rawMatch(at: i - 1), roles.contains(where: {
            switch $0 {
            case .article, .possessive: return true
            default: return false
            }
        }) {
            np = NounPhrase()  // "the fall", "a walk": a noun, not a verb
            return
        }
        np = NounPhrase()
        linkWindow = false
        withWindow = false
        if unknownHeadEnd == i && word.hasSuffix("ing") {
            return  // the verb of a noun the reader does not know
        }
        if weatherNounJustSeen && pending.isEmpty {
            weatherNounJustSeen = false  // "snow falls", "fog rolls in"
            return
        }
        if !pending.isEmpty {
            let group = pending
            pending = []
            for s in group {
                if !fixedMotion[s] { subjects[s].motion = m }
                if let d = floatDirection, subjects[s].direction == nil { subjects[s].direction = d }
                if let sp = floatSpeed { subjects[s].speed = sp }
            }
            active = group
            joined = []
            floatMotion = nil
            floatDirection = nil
            floatSpeed = nil
            objectWindow = true
        } else if !joined.isEmpty && lastNounEnd == i {
            // "a dog watches the birds fly": the objects take the new verb.
            let group = joined
            active.removeAll { group.contains($0) }
            for s in group where !fixedMotion[s] { subjects[s].motion = m }
            active = group
            joined = []
            objectWindow = true
        } else if !active.isEmpty {
            objectWindow = true  // "a dog runs and jumps": the first verb stays
        } else {
            floatMotion = m  // "flying over the sea, three gulls ..."
        }
    }

    /// Directions and speeds go to the active group, else to the pending subjects, else wait.
    mutating func applyToGroup(direction: Direction?, speed: Speed?) {
        let group = !active.isEmpty ? active : pending
        if group.isEmpty {
            if let direction { floatDirection = direction }
            if let speed { floatSpeed = speed }
            return
        }
        for s in group {
            if let direction {
                // A precise direction refines "across"/"around" ("across the field to the left").
                if let current = subjects[s].direction, current != .across && current != .around { continue }
                subjects[s].direction = direction
            }
            if let speed { subjects[s].speed = speed }
        }
    }

    mutating func readContextual(_ c: Contextual, at i: Int, next: Int) {
        if negate {
            negate = false
            np = NounPhrase()
            return
        }
        switch c {
        case .snow:
            if continuesNounPhrase(at: next, nounsOnly: true) {
                np.color = SceneReader.rgb(0xFFFAFA)  // "a snow fox" (CSS snow)
                return
            }
            readWeatherNoun(.snow, backdrop: .snow)  // "in the snow", "snow falls"
        case .cloud(let plural):
            let counted = np.count != nil || np.quantity != nil || (np.article && !plural) || np.color != nil
                || np.size != nil
            if counted, let info = Self.cloudInfo {
                addSubject(info, plural: plural, next: next)  // "a white cloud", "three clouds"
                return
            }
            readWeatherNoun(.clouds, backdrop: .sky)  // "above the clouds", "clouds drift"
        case .star(let plural):
            let counted = np.count != nil || np.quantity != nil || np.color != nil || np.size != nil
            if plural, !counted, let p = afterPreposition {
                if ["under", "beneath", "below", "underneath"].contains(p) {
                    if time == nil { time = .night }  // "under the stars"
                    np = NounPhrase()
                    return
                }
                let travel = [
                    "among", "amid", "amidst", "through", "between", "across", "into", "to", "toward", "towards",
                    "beyond", "past", "in",
                ]
                if travel.contains(p) {
                    recordSetting(.space, strong: true)  // "among the stars"
                    np = NounPhrase()
                    return
                }
            }
            if let info = Self.starInfo { addSubject(info, plural: plural, next: next) }
        }
    }

    /// A weather noun read as weather: after a preposition it is also the (weak) setting `backdrop`,
    /// else a verb right after it is the weather's ("snow falls", "clouds drift").
    mutating func readWeatherNoun(_ w: Weather, backdrop: Setting) {
        recordWeather(w)
        if afterPreposition != nil {
            recordSetting(backdrop, strong: false)
        } else {
            weatherNounJustSeen = true
        }
        np = NounPhrase()
    }

    static let cloudInfo = SceneReader.nounInfos.first { $0.noun == "cloud" }
    static let starInfo = SceneReader.nounInfos.first { $0.noun == "star" }

    // MARK: - Scene state

    mutating func recordSetting(_ s: Setting, strong: Bool) {
        if strong {
            if strongSetting == nil { strongSetting = s }
        } else if weakSetting == nil {
            weakSetting = s
        }
    }

    mutating func recordWeather(_ w: Weather) {
        if w != .clear && weather == nil { weather = w }
    }

    mutating func recordMood(_ m: Mood, strong: Bool) {
        if strong {
            if mood == nil { mood = m }
        } else if weakMood == nil {
            weakMood = m
        }
    }

    mutating func endClause() {
        pending = []
        active = []
        joined = []
        floatMotion = nil
        floatDirection = nil
        floatSpeed = nil
        np = NounPhrase()
        objectWindow = false
        withWindow = false
        linkWindow = false
        afterPreposition = nil
        negate = false
        weatherNounJustSeen = false
    }

    // MARK: - Result

    static let nightNouns: Set<String> = ["moon", "star", "shooting star", "comet", "meteor", "aurora", "constellation"]

    func description(text: String) -> SceneDescription {
        let kept = subjects.indices.filter { !removed.contains($0) }
        let final = kept.map { subjects[$0] }
        let keptInfos = kept.map { infos[$0] }

        var setting = strongSetting ?? weakSetting
        if setting == nil {
            for info in keptInfos {
                if let home = info.home ?? Self.familyHome(info.family) {
                    setting = home
                    break
                }
            }
        }

        var timeOfDay = time
        if timeOfDay == nil {
            if final.contains(where: { Self.nightNouns.contains($0.noun) }) {
                timeOfDay = .night
            } else if let sun = final.first(where: { $0.noun == "sun" }) {
                if sun.motion == .rise {
                    timeOfDay = .dawn
                } else if sun.motion == .fall || sunsetVerbSeen {
                    timeOfDay = .sunset
                }
            }
        }

        return SceneDescription(
            text: text, subjects: final, setting: setting ?? .field, timeOfDay: timeOfDay ?? .noon,
            weather: weather ?? .clear, mood: mood ?? weakMood ?? .neutral, unknownWords: unknown,
            variation: variation)
    }

    /// The setting a family implies when neither the text nor the noun names one.
    static func familyHome(_ family: SubjectFamily) -> Setting? {
        switch family {
        case .waterAnimal: return .underwater
        case .waterVehicle: return .ocean
        case .airVehicle: return .sky
        case .landVehicle: return .cityStreet
        default: return nil
        }
    }
}
