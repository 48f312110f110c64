// Silhouettes of plants (trees, pines, palms, flowers, cacti, bushes, mushrooms) and rocks.

extension Silhouette {
    static func tree(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sway = 0.05 * q.wind * (1 + dsin(q.time * 1.7))
        p.line(0, 0, sway * 0.3, -0.5, 0.07, 0.045, k.wood)
        p.circle(-0.2 + sway, -0.62, 0.2, k.dark)
        p.circle(0.2 + sway, -0.6, 0.2, k.main)
        p.circle(0.0 + sway, -0.78, 0.22, k.main)
        p.circle(-0.12 + sway, -0.52, 0.17, k.main)
        p.circle(0.14 + sway, -0.48, 0.15, k.main)
        p.circle(0.07 + sway, -0.82, 0.1, k.light, 0.6)
    }

    static func pine(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sway = 0.04 * q.wind * (1 + dsin(q.time * 1.9))
        p.box(-0.04, -0.2, 0.04, 0, k.wood)
        p.poly([-0.3, -0.15, 0.3, -0.15, sway * 0.5, -0.55], k.main)
        p.poly([-0.24, -0.4, 0.24, -0.4, sway * 0.8, -0.78], k.main)
        p.poly([-0.17, -0.62, 0.17, -0.62, sway, -1.0], k.main)
    }

    static func palm(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sway = 0.06 * q.wind * (1 + dsin(q.time * 1.5))
        p.line(0, 0, 0.06, -0.45, 0.05, 0.04, k.wood)
        p.line(0.06, -0.45, 0.12 + sway, -0.85, 0.04, 0.035, k.wood)
        let tu = 0.12 + sway, tv = -0.86
        for i in 0..<6 {
            let a = -2.9 + Double(i) * 0.52 + 0.1 * dsin(q.time * 2 + Double(i))
            p.ellipse(tu + 0.22 * dcos(a), tv + 0.16 * dsin(a) + 0.06, 0.25, 0.05, a, k.main)
        }
    }

    static func flower(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sway = 0.08 * (0.3 + q.wind) * dsin(q.time * 2.1)
        p.line(0, 0, sway, -0.72, 0.03, 0.025, k.leaf)
        p.ellipse(0.1, -0.3, 0.12, 0.04, -0.5, k.leaf)
        for i in 0..<6 {
            let a = Double(i) * 1.0472 + q.time * 0.1
            p.circle(sway + 0.12 * dcos(a), -0.8 + 0.12 * dsin(a), 0.1, k.main)
        }
        p.circle(sway, -0.8, 0.08, k.yellow)
    }

    static func cactus(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(0, 0, 0, -0.85, 0.12, 0.11, k.main)
        p.line(-0.3, -0.4, -0.3, -0.62, 0.07, 0.065, k.main)
        p.line(-0.3, -0.4, -0.05, -0.4, 0.07, 0.07, k.main)
        p.line(0.28, -0.5, 0.28, -0.72, 0.065, 0.06, k.main)
        p.line(0.28, -0.5, 0.05, -0.5, 0.065, 0.065, k.main)
        p.line(0.03, -0.05, 0.03, -0.8, 0.02, 0.02, k.light, 0.5)
    }

    static func bush(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.circle(-0.35, -0.3, 0.3, k.dark)
        p.circle(0.35, -0.3, 0.3, k.main)
        p.circle(0, -0.5, 0.42, k.main)
    }

    static func mushroom(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(0, 0, 0, -0.5, 0.12, 0.1, k.white)
        p.poly([-0.5, -0.45, 0.5, -0.45, 0.42, -0.7, 0.2, -0.88, -0.2, -0.88, -0.42, -0.7], k.main)
        p.circle(-0.2, -0.65, 0.07, k.white)
        p.circle(0.18, -0.72, 0.06, k.white)
    }

    static func rock(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.5, 0, -0.46, -0.28, -0.22, -0.5, 0.12, -0.55, 0.42, -0.36, 0.52, 0], k.main)
        p.poly([-0.22, -0.5, 0.12, -0.55, 0.42, -0.36, 0.05, -0.32], k.light, 0.7)
        p.poly([0.05, -0.32, 0.42, -0.36, 0.52, 0, 0.1, 0], k.dark, 0.6)
    }
}
