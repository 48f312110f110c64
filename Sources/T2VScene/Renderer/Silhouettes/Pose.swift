/// Animation state of one instance.
struct Pose {
    var phase = 0.0      // gait / wing / tail cycle, radians
    var gait = 0.0       // 0 standing … 1 full stride
    var wheel = 0.0      // wheel / rotor angle, radians
    var time = 0.0       // seconds, for flicker and sway
    var wind = 0.0       // 0…1
    var night = 0.0
}
