/// A scene and the time (seconds on the stream's timeline) at which it began.
public struct SceneState: Sendable {
    public var scene: SceneDescription
    public var startTime: Double

    public init(scene: SceneDescription, startTime: Double) {
        self.scene = scene
        self.startTime = startTime
    }
}
