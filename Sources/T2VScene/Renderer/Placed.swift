/// One subject instance as drawn in one frame.
struct Placed {
    var shape: Shape
    var x = 0.0
    var y = 0.0
    var unit = 1.0
    var rot = 0.0
    var facing = 1.0
    var alpha = 1.0
    var pose = Pose()
    var color = RGB(1, 1, 1)
    var depth = 0.0
    var order = 0
    var sky = false
    var vx = 0.0
    var halfW = 0.0
    var grows = false

    /// What blends when a subject changes between two scenes; the rest (shape, facing, ...) switches halfway.
    static let blended = BlendedFields<Placed>(
        numbers: [\.x, \.y, \.unit, \.rot, \.alpha, \.depth, \.pose.phase, \.pose.gait, \.pose.wheel, \.pose.time],
        colors: [\.color])

    static func lerp(_ a: Placed, _ b: Placed, _ t: Double) -> Placed { blended.blend(t < 0.5 ? a : b, a, b, t) }
}
