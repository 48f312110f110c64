// Silhouettes of outdoor objects and generic things: balls, kites, balloons, boxes, umbrellas,
// hearts, flags, snowmen, and the blob drawn for anything else.

extension Silhouette {
    static func ball(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.circle(0, -0.5, 0.5, k.main)
        let a = q.wheel
        p.line(-0.45 * dcos(a), -0.5 - 0.45 * dsin(a), 0.45 * dcos(a), -0.5 + 0.45 * dsin(a), 0.05, 0.05, k.white, 0.8)
        p.circle(-0.17, -0.68, 0.12, k.light, 0.6)
    }

    static func kite(_ p: Pen, _ k: Paint, _ q: Pose) {
        // The string: from the bridle down to the lower edge of the frame (where the flyer stands),
        // a gentle sagging curve in a few short segments so that no segment's box covers the frame.
        let sx = p.X(0, 0.05), sy = p.Y(0, 0.05)
        let gx = sx - p.s * 2.4, gy = Double(p.r.h) + 2
        let sag = p.s * (0.35 + 0.08 * dsin(q.time * 0.9))
        let sr = max(0.45, p.s * 0.011)
        var px = sx, py = sy
        for i in 1...6 {
            let t = Double(i) / 6
            let nx = sx + (gx - sx) * t + sag * 4 * t * (1 - t), ny = sy + (gy - sy) * t
            p.r.capsule(px, py, nx, ny, sr, sr, k.white, 0.85 * p.alpha)
            px = nx
            py = ny
        }
        // The tail: a waving line with bows, trailing downwind.
        var u0 = 0.0, v0 = 0.5
        for i in 1...6 {
            let t = Double(i)
            let u1 = -0.05 * t + 0.1 * dsin(q.time * 3.1 - t * 0.9), v1 = 0.5 + 0.17 * t
            p.line(u0, v0, u1, v1, 0.012, 0.012, k.dark)
            if i % 2 == 0 {
                let c = i % 4 == 0 ? k.light : k.main
                p.poly([u1 - 0.09, v1 - 0.06, u1, v1, u1 - 0.09, v1 + 0.06], c)
                p.poly([u1 + 0.09, v1 - 0.06, u1 + 0.09, v1 + 0.06, u1, v1], c)
            }
            u0 = u1
            v0 = v1
        }
        // The diamond: two-tone halves, cross spars.
        p.poly([0, -0.55, 0, 0.5, -0.38, -0.12], k.main)
        p.poly([0, -0.55, 0.38, -0.12, 0, 0.5], k.dark)
        p.poly([0, -0.55, 0.38, -0.12, 0, -0.12], k.main)
        p.poly([0, 0.5, -0.38, -0.12, 0, -0.12], k.dark, 0.35)
        p.line(0, -0.55, 0, 0.5, 0.017, 0.017, k.wood)
        p.line(-0.38, -0.12, 0.38, -0.12, 0.017, 0.017, k.wood)
    }

    static func balloon(_ p: Pen, _ k: Paint, _ q: Pose) {
        var u0 = 0.0, v0 = 0.38
        for i in 1...4 {
            let u1 = 0.05 * dsin(q.time * 2 + Double(i) * 1.3), v1 = 0.38 + 0.16 * Double(i)
            p.line(u0, v0, u1, v1, 0.01, 0.01, k.dark)
            u0 = u1
            v0 = v1
        }
        p.poly([-0.05, 0.4, 0.05, 0.4, 0, 0.32], k.dark)
        p.ellipse(0, 0, 0.32, 0.38, 0, k.main)
        p.ellipse(-0.12, -0.15, 0.06, 0.1, 0.4, k.light, 0.7)
    }

    static func box(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.45, -0.75, 0.3, -0.75, 0.5, -0.95, -0.25, -0.95], k.light)
        p.poly([0.3, 0, 0.5, -0.2, 0.5, -0.95, 0.3, -0.75], k.dark)
        p.box(-0.45, -0.75, 0.3, 0, k.main)
    }

    static func umbrella(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(0, -0.95, 0, -0.1, 0.025, 0.025, k.black)
        p.line(0, -0.1, 0.08, -0.02, 0.025, 0.025, k.black)
        var pts = [Double]()
        for i in 0...8 {
            let a = Double.pi + Double(i) * Double.pi / 8
            pts += [0.55 * dcos(a), -0.68 + 0.32 * dsin(a)]
        }
        p.poly(pts, k.main)
    }

    static func heart(_ p: Pen, _ k: Paint, _ q: Pose) {
        let b = 1 + 0.06 * dsin(q.time * 5)
        p.circle(-0.2 * b, -0.15 * b, 0.25 * b, k.main)
        p.circle(0.2 * b, -0.15 * b, 0.25 * b, k.main)
        p.poly([-0.43 * b, -0.06 * b, 0.43 * b, -0.06 * b, 0, 0.45 * b], k.main)
        p.circle(-0.24 * b, -0.22 * b, 0.08 * b, k.light, 0.6)
    }

    static func flag(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(0, 0, 0, -1.0, 0.02, 0.015, k.dark)
        p.circle(0, -1.0, 0.025, k.yellow)
        var top = [Double](), bot = [Double]()
        for i in 0...6 {
            let u = 0.02 + 0.12 * Double(i)
            let wv = 0.05 * dsin(q.time * 4 - u * 6) * (u / 0.74)
            top += [u, -0.97 + wv]
            bot = [u, -0.6 + wv] + bot
        }
        p.poly(top + bot, k.main)
    }

    static func snowman(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(-0.15, -0.55, -0.45, -0.7, 0.015, 0.012, k.wood)
        p.line(0.15, -0.55, 0.45, -0.72, 0.015, 0.012, k.wood)
        p.circle(0, -0.2, 0.22, k.main)
        p.circle(0, -0.52, 0.16, k.main)
        p.circle(0, -0.76, 0.12, k.main)
        p.box(-0.1, -1.0, 0.1, -0.86, k.black)
        p.ellipse(0, -0.86, 0.15, 0.025, 0, k.black)
        p.circle(-0.04, -0.79, 0.015, k.black)
        p.circle(0.04, -0.79, 0.015, k.black)
        p.poly([0.0, -0.76, 0.16, -0.74, 0.0, -0.72], Pix(r: 240, g: 120, b: 20))
        for v in [-0.55, -0.45, -0.3] { p.circle(0, v, 0.018, k.black) }
    }

    static func blob(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.ellipse(0, -0.45, 0.48, 0.45, 0, k.main)
        p.ellipse(0.05, -0.28, 0.36, 0.2, 0, k.dark, 0.35)
        p.circle(-0.16, -0.62, 0.1, k.light, 0.6)
    }
}
