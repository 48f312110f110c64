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

    static func lerp(_ a: Placed, _ b: Placed, _ t: Double) -> Placed {
        var o = t < 0.5 ? a : b
        o.x = mixD(a.x, b.x, t)
        o.y = mixD(a.y, b.y, t)
        o.unit = mixD(a.unit, b.unit, t)
        o.rot = mixD(a.rot, b.rot, t)
        o.alpha = mixD(a.alpha, b.alpha, t)
        o.color = .lerp(a.color, b.color, t)
        o.depth = mixD(a.depth, b.depth, t)
        o.pose.phase = mixD(a.pose.phase, b.pose.phase, t)
        o.pose.gait = mixD(a.pose.gait, b.pose.gait, t)
        o.pose.wheel = mixD(a.pose.wheel, b.pose.wheel, t)
        o.pose.time = mixD(a.pose.time, b.pose.time, t)
        return o
    }
}
