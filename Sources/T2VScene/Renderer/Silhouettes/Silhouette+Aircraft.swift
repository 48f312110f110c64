// Silhouettes of air vehicles: planes, helicopters, rockets, hot-air balloons, flying saucers,
// airships, drones, parachutes and satellites.

extension Silhouette {
    static func plane(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.1, 0.0, 0.25, 0.0, -0.2, 0.42, -0.38, 0.42], k.dark)
        p.poly([-0.95, -0.05, -0.7, -0.05, -0.95, -0.45, -1.08, -0.45], k.main)
        p.line(-1.0, 0, 1.0, 0, 0.13, 0.15, k.main)
        p.circle(1.0, 0.0, 0.15, k.main)
        p.poly([0.98, -0.1, 1.12, -0.02, 0.98, -0.02], k.glass)
        var u = -0.6
        while u < 0.8 {
            p.circle(u, -0.03, 0.035, k.glass)
            u += 0.16
        }
        p.poly([0.05, 0.02, 0.35, 0.02, -0.05, 0.32, -0.22, 0.32], k.main)
        p.poly([-0.9, 0.02, -0.72, 0.02, -0.92, 0.16, -1.02, 0.16], k.dark)
    }

    static func helicopter(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(-1.15, -0.12, -0.2, -0.02, 0.05, 0.08, k.main)
        p.poly([-1.15, -0.12, -1.05, -0.12, -1.12, -0.38, -1.2, -0.38], k.main)
        let tr = 0.14
        p.line(-1.15 - tr * dcos(q.wheel * 1.7), -0.25 - tr * dsin(q.wheel * 1.7), -1.15 + tr * dcos(q.wheel * 1.7),
               -0.25 + tr * dsin(q.wheel * 1.7), 0.02, 0.02, k.dark)
        p.ellipse(0.15, 0, 0.45, 0.28, 0, k.main)
        p.poly([0.22, -0.22, 0.55, -0.1, 0.58, 0.05, 0.3, 0.05], k.glass)
        p.line(0.1, -0.28, 0.1, -0.38, 0.03, 0.03, k.dark)
        let rl = 1.2 * abs(dcos(q.wheel + q.time * 9))
        p.line(0.1 - rl, -0.38, 0.1 + rl, -0.38, 0.025, 0.025, k.dark)
        p.line(-0.25, 0.38, 0.55, 0.38, 0.025, 0.025, k.dark)
        p.line(-0.05, 0.25, -0.1, 0.38, 0.02, 0.02, k.dark)
        p.line(0.35, 0.25, 0.4, 0.38, 0.02, 0.02, k.dark)
    }

    static func rocket(_ p: Pen, _ k: Paint, _ q: Pose) {
        let fl = 0.18 + 0.06 * dsin(q.time * 31)
        p.poly([-0.1, 0.42, 0.1, 0.42, 0.0, 0.5 + fl], Pix(r: 255, g: 170, b: 40))
        p.poly([-0.05, 0.42, 0.05, 0.42, 0.0, 0.45 + fl * 0.6], Pix(r: 255, g: 240, b: 150))
        p.poly([-0.16, 0.15, -0.3, 0.45, -0.1, 0.4], k.dark)
        p.poly([0.16, 0.15, 0.3, 0.45, 0.1, 0.4], k.dark)
        p.box(-0.16, -0.3, 0.16, 0.42, k.main)
        p.poly([-0.16, -0.3, 0.16, -0.3, 0.0, -0.6], k.dark)
        p.circle(0, -0.1, 0.07, k.glass)
    }

    static func hotAirBalloon(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(-0.28, -0.1, -0.1, 0.35, 0.012, 0.012, k.wood)
        p.line(0.28, -0.1, 0.1, 0.35, 0.012, 0.012, k.wood)
        p.box(-0.12, 0.33, 0.12, 0.5, k.wood)
        p.poly([-0.3, -0.15, 0.3, -0.15, 0.12, 0.12, -0.12, 0.12], k.main)
        p.ellipse(0, -0.5, 0.42, 0.48, 0, k.main)
        p.ellipse(0, -0.5, 0.14, 0.47, 0, k.light)
    }

    static func saucer(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.ellipse(0, -0.15, 0.4, 0.3, 0, k.glass)
        p.ellipse(0, 0, 1.05, 0.2, 0, k.main)
        for i in 0..<5 {
            let on = dsin(q.time * 6 + Double(i) * 1.3) > 0
            p.circle(-0.7 + 0.35 * Double(i), 0.05, 0.06, on ? k.yellow : k.dark)
        }
    }

    static func airship(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.9, -0.12, -1.3, -0.5, -1.12, -0.08], k.dark)
        p.poly([-0.9, 0.12, -1.3, 0.5, -1.12, 0.08], k.dark)
        p.ellipse(0, 0, 1.2, 0.4, 0, k.main)
        p.ellipse(0.05, -0.16, 0.95, 0.13, 0, k.light, 0.6)
        p.line(-0.2, 0.36, -0.15, 0.46, 0.015, 0.015, k.dark)
        p.line(0.2, 0.36, 0.15, 0.46, 0.015, 0.015, k.dark)
        p.box(-0.25, 0.44, 0.25, 0.58, k.dark)
        p.box(-0.15, 0.47, 0.15, 0.53, k.glass)
        let pr = 0.14 * dsin(q.time * 20)
        p.line(-1.25, -pr, -1.25, pr, 0.025, 0.025, k.black)
    }

    static func drone(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(-0.75, -0.08, 0.75, -0.08, 0.035, 0.035, k.dark)
        for u in [-0.75, 0.75] {
            p.line(u, -0.08, u, -0.22, 0.025, 0.025, k.dark)
            let a = abs(dcos(q.time * 23 + u * 3))
            p.ellipse(u, -0.24, 0.06 + 0.3 * a, 0.035, 0, k.black, 0.7)
        }
        p.line(-0.25, 0.12, -0.35, 0.3, 0.02, 0.02, k.dark)
        p.line(0.25, 0.12, 0.35, 0.3, 0.02, 0.02, k.dark)
        p.ellipse(0, 0, 0.36, 0.15, 0, k.main)
        p.circle(0.2, 0.12, 0.07, k.black)
        p.circle(-0.15, -0.04, 0.035, Pix(r: 230, g: 40, b: 40), 0.5 + 0.5 * dsin(q.time * 6))
    }

    static func parachute(_ p: Pen, _ k: Paint, _ q: Pose) {
        var pts = [Double]()
        for i in 0...10 {
            let a = Double.pi + Double(i) * Double.pi / 10
            pts += [0.62 * dcos(a), -0.45 + 0.45 * dsin(a)]
        }
        pts += [0.5, -0.4, 0.25, -0.45, 0, -0.4, -0.25, -0.45, -0.5, -0.4]
        p.poly(pts, k.main)
        p.poly([-0.22, -0.87, 0.22, -0.87, 0.16, -0.43, -0.16, -0.43], k.light, 0.8)
        for u in [-0.58, -0.25, 0.25, 0.58] { p.line(u, -0.42, 0, 0.3, 0.008, 0.008, k.dark) }
        // the jumper
        p.line(0, 0.3, 0, 0.55, 0.06, 0.055, k.dark)
        p.circle(0, 0.22, 0.06, k.skin)
        p.line(0, 0.55, -0.06, 0.75, 0.03, 0.03, k.dark)
        p.line(0, 0.55, 0.07, 0.74, 0.03, 0.03, k.dark)
        p.line(0, 0.35, -0.15, 0.25, 0.025, 0.025, k.dark)
        p.line(0, 0.35, 0.15, 0.25, 0.025, 0.025, k.dark)
    }

    static func satellite(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(-1.2, 0, 1.2, 0, 0.02, 0.02, k.dark)
        for s in [-1.0, 1.0] {
            p.box(s * 0.35, -0.22, s * 1.2, 0.22, k.glass)
            var u = 0.5
            while u < 1.2 {
                p.line(s * u, -0.22, s * u, 0.22, 0.01, 0.01, k.dark)
                u += 0.17
            }
        }
        p.box(-0.28, -0.3, 0.28, 0.3, k.main)
        p.line(0, -0.3, 0.1, -0.5, 0.015, 0.015, k.dark)
        p.ellipse(0.12, -0.52, 0.14, 0.05, -0.4, k.white)
    }
}
