// Silhouettes of land and water vehicles: cars, buses, trucks, trains, bicycles, tractors, tanks,
// boats, ships and submarines.

extension Silhouette {
    static func wheel(_ p: Pen, _ k: Paint, _ u: Double, _ v: Double, _ r: Double, _ ang: Double) {
        p.circle(u, v, r, k.black)
        p.circle(u, v, r * 0.5, k.white)
        let cu = dcos(ang) * r * 0.75, cv = dsin(ang) * r * 0.75
        p.line(u - cu, v - cv, u + cu, v + cv, r * 0.12, r * 0.12, k.black)
        p.line(u + cv, v - cu, u - cv, v + cu, r * 0.12, r * 0.12, k.black)
    }

    static func car(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-1.3, -0.22, 1.3, -0.22, 1.32, -0.55, 1.1, -0.68, -1.2, -0.7, -1.32, -0.55], k.main)
        p.poly([-0.8, -0.68, 0.62, -0.68, 0.32, -1.0, -0.55, -1.0], k.main)
        p.poly([-0.7, -0.7, -0.15, -0.7, -0.15, -0.94, -0.5, -0.94], k.glass)
        p.poly([-0.05, -0.7, 0.5, -0.7, 0.27, -0.94, -0.05, -0.94], k.glass)
        p.circle(1.25, -0.5, 0.06, k.yellow)
        p.line(-1.2, -0.42, 1.2, -0.42, 0.015, 0.015, k.dark)
        wheel(p, k, -0.78, -0.22, 0.22, q.wheel)
        wheel(p, k, 0.8, -0.22, 0.22, q.wheel)
    }

    static func bus(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-1.7, -0.18, 1.7, -0.18, 1.72, -0.95, 1.6, -1.0, -1.65, -1.0, -1.72, -0.92], k.main)
        var u = -1.5
        while u < 1.3 {
            p.box(u, -0.88, u + 0.32, -0.6, k.glass)
            u += 0.42
        }
        p.box(1.42, -0.88, 1.66, -0.45, k.glass)
        p.line(-1.65, -0.4, 1.65, -0.4, 0.02, 0.02, k.dark)
        wheel(p, k, -1.1, -0.18, 0.2, q.wheel)
        wheel(p, k, 1.15, -0.18, 0.2, q.wheel)
    }

    static func truck(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-1.5, -0.25, 0.55, -1.0, k.main)
        p.poly([0.6, -0.25, 1.5, -0.25, 1.5, -0.55, 1.25, -0.8, 0.6, -0.8], k.dark)
        p.poly([0.8, -0.55, 1.3, -0.55, 1.15, -0.74, 0.8, -0.74], k.glass)
        wheel(p, k, -1.05, -0.2, 0.2, q.wheel)
        wheel(p, k, -0.55, -0.2, 0.2, q.wheel)
        wheel(p, k, 1.1, -0.2, 0.2, q.wheel)
    }

    static func train(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-2.2, -0.25, 0.9, -0.95, k.main)
        p.poly([0.9, -0.25, 2.2, -0.25, 2.2, -0.6, 1.9, -0.7, 0.9, -0.7], k.main)
        p.box(1.5, -0.7, 1.75, -1.05, k.black)
        var u = -2.0
        while u < 0.6 {
            p.box(u, -0.82, u + 0.35, -0.55, k.glass)
            u += 0.55
        }
        p.box(-2.2, -0.32, 2.2, -0.25, k.dark)
        for wu in [-1.7, -1.1, -0.2, 0.5, 1.3, 1.9] { wheel(p, k, wu, -0.17, 0.17, q.wheel) }
    }

    static func bicycle(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let r = 0.3
        p.ring(-0.55, -r, r, 0.06, k.black)
        p.ring(0.55, -r, r, 0.06, k.black)
        for w in [-0.55, 0.55] {
            let cu = dcos(q.wheel) * r, cv = dsin(q.wheel) * r
            p.line(w - cu, -r - cv, w + cu, -r + cv, 0.012, 0.012, k.black)
            p.line(w + cv, -r - cu, w - cv, -r + cu, 0.012, 0.012, k.black)
        }
        if variant == 1 {
            p.ellipse(0, -0.55, 0.45, 0.18, 0, k.main)
            p.line(-0.55, -r, 0, -0.5, 0.05, 0.05, k.main)
            p.line(0.55, -r, 0.35, -0.75, 0.04, 0.04, k.dark)
            p.ellipse(-0.2, -0.74, 0.25, 0.06, 0, k.black)
        } else {
            p.line(-0.55, -r, -0.05, -0.32, 0.04, 0.04, k.main)
            p.line(-0.05, -0.32, 0.35, -0.68, 0.04, 0.04, k.main)
            p.line(-0.55, -r, -0.15, -0.7, 0.04, 0.04, k.main)
            p.line(-0.15, -0.7, 0.35, -0.68, 0.04, 0.04, k.main)
            p.line(-0.05, -0.32, -0.18, -0.75, 0.035, 0.035, k.main)
            p.line(0.55, -r, 0.38, -0.82, 0.035, 0.035, k.main)
            p.ellipse(-0.2, -0.78, 0.1, 0.035, 0, k.black)
            p.line(0.38, -0.82, 0.28, -0.86, 0.025, 0.025, k.black)
        }
    }

    static func tractor(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-0.7, -1.25, -0.05, -1.2, k.dark)
        p.line(-0.68, -1.22, -0.68, -0.62, 0.03, 0.03, k.dark)
        p.line(-0.08, -1.22, -0.08, -0.62, 0.03, 0.03, k.dark)
        p.box(-0.64, -1.15, -0.12, -0.68, k.glass, 0.8)
        p.poly([-0.8, -0.3, 1.05, -0.3, 1.05, -0.62, 0.9, -0.72, -0.8, -0.72], k.main)
        p.line(0.7, -0.72, 0.7, -1.0, 0.03, 0.03, k.black)
        p.line(-0.7, -0.5, 0.9, -0.5, 0.015, 0.015, k.dark)
        let ang = q.wheel
        p.circle(-0.5, -0.45, 0.45, k.black)
        p.circle(-0.5, -0.45, 0.25, k.yellow)
        p.line(-0.5 - 0.2 * dcos(ang), -0.45 - 0.2 * dsin(ang), -0.5 + 0.2 * dcos(ang), -0.45 + 0.2 * dsin(ang),
               0.04, 0.04, k.dark)
        p.circle(0.75, -0.22, 0.22, k.black)
        p.circle(0.75, -0.22, 0.11, k.yellow)
    }

    static func tank(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(-1.1, -0.2, 1.1, -0.2, 0.2, 0.2, k.black)
        var u = -1.0
        while u < 1.05 {
            p.circle(u, -0.2, 0.12, k.dark)
            u += 0.33
        }
        p.poly([-1.3, -0.4, 1.2, -0.4, 1.35, -0.55, 1.0, -0.7, -1.2, -0.7], k.main)
        p.line(0.3, -0.85, 1.55, -0.88, 0.05, 0.045, k.dark)
        p.poly([-0.55, -0.68, 0.45, -0.68, 0.4, -0.98, -0.45, -1.02], k.main)
        p.line(-0.55, -0.68, 0.45, -0.68, 0.02, 0.02, k.dark)
    }

    static func boat(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        if variant == 2 {
            p.line(0.25, -0.55, 0.25, -0.85, 0.015, 0.015, k.dark)
            p.poly([-0.35, -0.22, 0.45, -0.22, 0.35, -0.55, -0.3, -0.55], k.white)
            p.box(-0.2, -0.5, 0.3, -0.36, k.glass)
            p.poly([-1.0, -0.25, 1.15, -0.3, 0.75, 0.1, -0.9, 0.1], k.main)
            p.line(-0.95, -0.16, 1.05, -0.2, 0.025, 0.025, k.light)
            return
        }
        if variant == 1 {
            p.poly([-1.0, -0.15, 1.0, -0.15, 0.7, 0.06, -0.7, 0.06], k.main)
            p.line(-0.3, -0.45, 0.4, 0.05, 0.025, 0.025, k.wood)
            return
        }
        p.line(0.05, -0.12, 0.05, -1.08, 0.03, 0.025, k.wood)
        let flut = 0.03 * dsin(q.time * 3)
        p.poly([0.1, -1.02, 0.1, -0.24, 0.78 + flut, -0.24], k.white)
        p.poly([0.0, -0.95, 0.0, -0.26, -0.55 + flut, -0.26], k.white)
        p.poly([-1.05, -0.2, 1.1, -0.2, 0.8, 0.12, -0.85, 0.12], k.main)
        p.line(-1.0, -0.14, 1.05, -0.14, 0.02, 0.02, k.dark)
    }

    static func ship(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        if variant == 1 {
            let fl = 0.04 * dsin(q.time * 2.5)
            for (u, top) in [(-0.6, -0.95), (0.05, -1.1), (0.65, -0.85)] {
                p.line(u, -0.2, u, top, 0.025, 0.02, k.wood)
                p.poly([u - 0.3, top + 0.12, u + 0.3 + fl, top + 0.12, u + 0.32 + fl, top + 0.45, u - 0.28, top + 0.45],
                       k.white)
                p.poly([u - 0.26, top + 0.52, u + 0.26 + fl, top + 0.52, u + 0.3 + fl, top + 0.8, u - 0.25, top + 0.8],
                       k.white)
            }
            p.poly([0.05, -1.1, 0.3 + fl, -1.05, 0.05, -1.0], k.black)
            p.poly([-1.3, -0.45, -0.85, -0.3, 1.0, -0.3, 1.35, -0.4, 1.0, 0.1, -1.05, 0.1], k.main)
            p.line(-1.0, -0.15, 1.05, -0.15, 0.02, 0.02, k.dark)
            for u in [-0.6, -0.25, 0.1, 0.45] { p.box(u, -0.25, u + 0.1, -0.18, k.black) }
            return
        }
        p.box(-0.15, -0.72, 0.08, -1.0, k.dark)
        p.box(-0.7, -0.32, 0.5, -0.68, k.white)
        var u = -0.6
        while u < 0.4 {
            p.circle(u, -0.5, 0.04, k.glass)
            u += 0.18
        }
        p.poly([-1.3, -0.32, 1.3, -0.32, 1.0, 0.1, -1.05, 0.1], k.main)
        p.box(-1.25, -0.1, 1.15, -0.02, k.dark)
    }

    static func submarine(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-0.15, -0.55, 0.25, -0.2, k.main)
        p.line(0.05, -0.55, 0.05, -0.75, 0.02, 0.02, k.dark)
        p.line(0.05, -0.75, 0.15, -0.75, 0.02, 0.02, k.dark)
        p.ellipse(0, 0, 1.2, 0.3, 0, k.main)
        for u in [-0.5, -0.1, 0.3, 0.7] { p.circle(u, -0.02, 0.07, k.glass) }
        let pr = 0.2 * dsin(q.wheel)
        p.line(-1.25, -pr, -1.25, pr, 0.04, 0.04, k.dark)
    }
}
