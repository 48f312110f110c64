// The contract between the text reader (`SceneReader`) and the renderer (`SceneRenderer`)
// of the built-in procedural model. A `SceneDescription` is everything the renderer knows
// about one text: what is in the picture, where, and how it moves.

/// The broad kind of a subject; it picks the silhouette and the way it moves.
public enum SubjectFamily: String, Equatable, Hashable, Sendable, CaseIterable {
    case person
    case landAnimal
    case airAnimal
    case waterAnimal
    case landVehicle
    case waterVehicle
    case airVehicle
    case building
    case plant
    case skyBody
    case object
}

/// Relative size words ("tiny", "small", "big", "huge", "giant").
public enum SubjectSize: String, Equatable, Hashable, Sendable, CaseIterable {
    case tiny, small, medium, large, huge

    /// Scale factor against a subject's natural size.
    public var scale: Double {
        switch self {
        case .tiny: return 0.45
        case .small: return 0.7
        case .medium: return 1.0
        case .large: return 1.4
        case .huge: return 1.9
        }
    }
}

/// Motion verbs the reader understands.
public enum Motion: String, Equatable, Hashable, Sendable, CaseIterable {
    case walk, run, fly, swim, drive, jump, fall, rise, float, spin, bounce, grow, shrink, drift
    /// No verb: the family's natural idle motion (birds still flap, people breathe).
    case idle
}

/// Direction words.
public enum Direction: String, Equatable, Hashable, Sendable, CaseIterable {
    case left, right, up, down, towards, away, across, around
}

/// Speed adverbs.
public enum Speed: String, Equatable, Hashable, Sendable, CaseIterable {
    case slow, normal, fast

    public var factor: Double {
        switch self {
        case .slow: return 0.5
        case .normal: return 1.0
        case .fast: return 2.0
        }
    }
}

/// Where the scene takes place.
public enum Setting: String, Equatable, Hashable, Sendable, CaseIterable {
    case field, forest, ocean, beach, lake, cityStreet, village, desert, mountains, snow, space, room, sky,
        underwater
}

public enum TimeOfDay: String, Equatable, Hashable, Sendable, CaseIterable {
    case dawn, morning, noon, sunset, dusk, night
}

public enum Weather: String, Equatable, Hashable, Sendable, CaseIterable {
    case clear, clouds, rain, snow, fog, storm, wind
}

/// Mood words, mapped to light and palette by the renderer.
public enum Mood: String, Equatable, Hashable, Sendable, CaseIterable {
    case neutral, happy, calm, sad, gloomy, mysterious, dramatic, dreamy, scary, romantic
}

/// Everything the renderer needs to know about one text.
public struct SceneDescription: Equatable, Hashable, Sendable {
    /// The text as given.
    public var text: String
    public var subjects: [SubjectSpec]
    public var setting: Setting
    public var timeOfDay: TimeOfDay
    public var weather: Weather
    public var mood: Mood
    /// Words the reader did not know (lowercased, in order). They still steer the scene through
    /// `variation`.
    public var unknownWords: [String]
    /// A stable 64-bit hash of the normalised text (FNV-1a over its lowercased words). Two different
    /// texts give different values; the renderer derives layout, hues and camera details from it so
    /// that no two texts give the same video.
    public var variation: UInt64
    // Made by SceneReader (and the benchmark scene) through the compiler's memberwise initialiser.
}
