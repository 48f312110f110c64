/// One subject of a scene: "three small red birds flying left".
public struct SubjectSpec: Equatable, Hashable, Sendable {
    /// Singular noun as written in the vocabulary ("bird", "fire truck").
    public var noun: String
    public var family: SubjectFamily
    /// How many of it (plurals without a number give 2...4, decided by the reader, deterministically).
    public var count: Int
    /// Explicit colour from the text, or nil for the noun's natural colour.
    public var color: RGB?
    public var size: SubjectSize
    public var motion: Motion
    public var direction: Direction?
    public var speed: Speed

    public init(
        noun: String, family: SubjectFamily, count: Int = 1, color: RGB? = nil, size: SubjectSize = .medium,
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
}
