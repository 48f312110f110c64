/// One subject of a scene: "three small red birds flying left".
public struct SubjectSpec: Equatable, Hashable, Sendable {
    /// Singular noun as written in the vocabulary ("bird", "fire truck").
    public var noun: String
    public var family: SubjectFamily
    /// How many of it (plurals without a number give 2...4, decided by the reader, deterministically).
    public var count: Int = 1
    /// Explicit colour from the text, or nil for the noun's natural colour.
    public var color: RGB? = nil
    public var size: SubjectSize = .medium
    public var motion: Motion = .idle
    public var direction: Direction? = nil
    public var speed: Speed = .normal
    // Made by SceneReader (and the benchmark scene) through the compiler's memberwise initialiser.
}
