// Silhouettes of household things: books, chairs, lamps, tables, clocks, cups, bottles, candles,
// hats, fruit, screens, sofas.

extension Silhouette {
    static func book(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.64, -0.08, 0, -0.02, 0, -0.5, -0.62, -0.58], k.main)
        p.poly([0.64, -0.08, 0, -0.02, 0, -0.5, 0.62, -0.58], k.main)
        p.poly([-0.58, -0.12, -0.02, -0.07, -0.02, -0.5, -0.56, -0.56], k.white)
        p.poly([0.58, -0.12, 0.02, -0.07, 0.02, -0.5, 0.56, -0.56], k.white)
        var v = -0.45
        while v < -0.15 {
            p.line(-0.5, v - 0.03, -0.08, v + 0.02, 0.008, 0.008, k.dark, 0.4)
            p.line(0.08, v + 0.02, 0.5, v - 0.03, 0.008, 0.008, k.dark, 0.4)
            v += 0.07
        }
        p.line(0, -0.02, 0, -0.5, 0.012, 0.012, k.dark)
    }

    static func chair(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let wd = variant == 1 ? 0.75 : 0.3
        p.line(-wd + 0.04, -0.48, -wd + 0.02, 0, 0.03, 0.03, k.dark)
        p.line(wd - 0.04, -0.48, wd - 0.02, 0, 0.03, 0.03, k.dark)
        p.box(-wd, -0.54, wd, -0.46, k.main)
        p.line(-wd + 0.03, -0.5, -wd - 0.04, -1.0, 0.035, 0.035, k.main)
        if variant == 1 {
            p.box(-wd - 0.04, -0.95, wd, -0.87, k.main)
            p.box(-wd - 0.02, -0.8, wd, -0.72, k.main)
            p.line(wd - 0.03, -0.5, wd, -0.95, 0.035, 0.035, k.main)
        } else {
            p.line(-wd + 0.01, -0.72, -wd - 0.02, -0.72, 0.06, 0.06, k.main)
            p.line(-wd, -0.92, -wd - 0.03, -0.92, 0.06, 0.06, k.main)
        }
    }

    static func lamp(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        if variant == 1 {
            // lantern / torch: a glowing box with a handle
            p.r.glow(p.X(0, -0.45), p.Y(0, -0.45), p.s * 0.6, k.yellow, (0.2 + 0.5 * q.night) * p.alpha)
            p.ring(0, -0.85, 0.12, 0.03, k.dark)
            p.box(-0.2, -0.75, 0.2, -0.1, k.main)
            p.box(-0.14, -0.68, 0.14, -0.17, k.yellow)
            p.box(-0.24, -0.1, 0.24, 0, k.dark)
            p.poly([-0.24, -0.72, 0.24, -0.72, 0, -0.82], k.dark)
            return
        }
        p.r.glow(p.X(0, -0.55), p.Y(0, -0.55), p.s * 0.5, k.yellow, (0.15 + 0.45 * q.night) * p.alpha)
        p.ellipse(0, -0.03, 0.22, 0.04, 0, k.dark)
        p.line(0, -0.03, 0, -0.65, 0.025, 0.025, k.dark)
        p.poly([-0.3, -0.6, 0.3, -0.6, 0.18, -0.95, -0.18, -0.95], k.main)
        p.ellipse(0, -0.6, 0.3, 0.03, 0, k.light)
    }

    static func table(_ p: Pen, _ k: Paint, _ q: Pose) {
        for u in [-0.62, 0.62] { p.line(u, -0.6, u * 0.97, 0, 0.04, 0.035, k.dark) }
        p.line(-0.4, -0.6, -0.42, -0.05, 0.035, 0.03, k.dark, 0.7)
        p.box(-0.75, -0.66, 0.75, -0.57, k.main)
        p.box(-0.7, -0.57, 0.7, -0.52, k.dark, 0.8)
    }

    static func clock(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(-0.25, -0.2, -0.35, 0, 0.035, 0.03, k.dark)
        p.line(0.25, -0.2, 0.35, 0, 0.035, 0.03, k.dark)
        p.circle(-0.28, -0.88, 0.13, k.main)
        p.circle(0.28, -0.88, 0.13, k.main)
        p.circle(0, -0.5, 0.4, k.main)
        p.circle(0, -0.5, 0.31, k.white)
        for i in 0..<12 {
            let a = Double(i) * Double.pi / 6
            p.line(0.25 * dcos(a), -0.5 + 0.25 * dsin(a), 0.28 * dcos(a), -0.5 + 0.28 * dsin(a), 0.012, 0.012, k.black)
        }
        let m = q.time * 0.6, hr = m / 12
        p.line(0, -0.5, 0.24 * dsin(m), -0.5 - 0.24 * dcos(m), 0.018, 0.012, k.black)
        p.line(0, -0.5, 0.15 * dsin(hr + 2), -0.5 - 0.15 * dcos(hr + 2), 0.025, 0.02, k.black)
    }

    static func cup(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let steam = Pix(r: 235, g: 235, b: 240)
        for i in 0..<2 {
            let t = fract(q.time * 0.4 + Double(i) * 0.5)
            let u = -0.05 + 0.15 * Double(i) + 0.06 * dsin(q.time * 2 + Double(i))
            p.line(u, -0.75 - 0.3 * t, u + 0.06 * dsin(t * 6), -0.95 - 0.3 * t, 0.03, 0.02, steam, 0.5 * (1 - t))
        }
        if variant == 1 {
            p.line(0.3, -0.3, 0.58, -0.55, 0.06, 0.035, k.main)
            p.ring(-0.38, -0.35, 0.15, 0.05, k.main)
            p.ellipse(0, -0.32, 0.38, 0.3, 0, k.main)
            p.ellipse(0, -0.62, 0.15, 0.06, 0, k.dark)
            p.circle(0, -0.7, 0.05, k.dark)
            p.ellipse(-0.1, -0.4, 0.1, 0.12, 0.4, k.light, 0.6)
            return
        }
        p.ring(0.3, -0.32, 0.15, 0.06, k.main)
        p.poly([-0.3, -0.7, 0.3, -0.7, 0.26, 0, -0.26, 0], k.main)
        p.ellipse(0, -0.7, 0.3, 0.06, 0, k.dark)
        p.line(-0.18, -0.6, -0.16, -0.1, 0.03, 0.03, k.light, 0.6)
    }

    static func bottle(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        if variant == 1 {
            p.ellipse(0, -0.3, 0.28, 0.3, 0, k.main)
            p.line(0, -0.5, 0, -0.82, 0.1, 0.08, k.main)
            p.ellipse(0, -0.85, 0.14, 0.04, 0, k.dark)
            p.ellipse(-0.1, -0.35, 0.05, 0.14, 0.2, k.light, 0.6)
            return
        }
        p.box(-0.2, -0.6, 0.2, 0, k.main)
        p.poly([-0.2, -0.6, 0.2, -0.6, 0.07, -0.78, -0.07, -0.78], k.main)
        p.box(-0.07, -0.95, 0.07, -0.76, k.main)
        p.box(-0.08, -1.0, 0.08, -0.93, k.dark)
        p.box(-0.2, -0.45, 0.2, -0.22, k.white, 0.8)
        p.line(-0.12, -0.55, -0.12, -0.05, 0.025, 0.025, k.light, 0.6)
    }

    static func candle(_ p: Pen, _ k: Paint, _ q: Pose) {
        let fl = 0.03 * dsin(q.time * 13) + 0.02 * dsin(q.time * 7.3)
        p.r.glow(p.X(0, -0.8), p.Y(0, -0.8), p.s * 0.5, k.yellow, (0.25 + 0.5 * q.night) * p.alpha)
        p.box(-0.15, -0.68, 0.15, 0, k.main)
        p.ellipse(0, -0.68, 0.15, 0.04, 0, k.light)
        p.line(0, -0.68, 0, -0.74, 0.012, 0.012, k.black)
        p.ellipse(fl, -0.86, 0.07, 0.14, fl, Pix(r: 255, g: 170, b: 40))
        p.ellipse(fl * 0.6, -0.82, 0.035, 0.08, 0, Pix(r: 255, g: 245, b: 170))
    }

    static func hat(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        if variant == 1 {
            p.poly([-0.45, 0, 0.45, 0, 0.5, -0.6, 0.25, -0.3, 0, -0.7, -0.25, -0.3, -0.5, -0.6], k.main)
            for u in [-0.5, 0.0, 0.5] { p.circle(u, u == 0 ? -0.72 : -0.62, 0.07, k.main) }
            p.circle(0, -0.15, 0.08, Pix(r: 200, g: 30, b: 50))
            p.circle(-0.28, -0.15, 0.06, Pix(r: 40, g: 90, b: 210))
            p.circle(0.28, -0.15, 0.06, Pix(r: 40, g: 160, b: 70))
            return
        }
        p.ellipse(0, -0.06, 0.55, 0.08, 0, k.main)
        p.box(-0.3, -0.75, 0.3, -0.06, k.main)
        p.box(-0.3, -0.24, 0.3, -0.12, k.dark)
        p.ellipse(0, -0.75, 0.3, 0.05, 0, k.light)
    }

    static func fruit(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        switch variant {
        case 2:
            p.ellipse(-0.25, -0.4, 0.3, 0.38, 0, k.dark)
            p.ellipse(0.25, -0.4, 0.3, 0.38, 0, k.dark)
            p.ellipse(0, -0.4, 0.3, 0.4, 0, k.main)
            p.line(0, -0.75, 0.06, -0.95, 0.05, 0.04, k.leaf)
        case 3:
            p.ellipse(0, -0.45, 0.33, 0.45, 0, k.main)
            p.ellipse(-0.1, -0.6, 0.08, 0.13, 0.3, k.light, 0.6)
        default:
            p.circle(0, -0.45, 0.45, k.main)
            if variant == 0 {
                p.line(0, -0.85, 0.05, -1.05, 0.03, 0.025, k.wood)
                p.ellipse(0.17, -0.98, 0.13, 0.05, -0.4, k.leaf)
            } else {
                p.circle(0.02, -0.86, 0.05, k.leaf)
            }
            p.circle(-0.17, -0.6, 0.1, k.light, 0.6)
        }
    }

    static func screen(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        if variant == 1 {
            p.box(-0.22, -0.8, 0.22, 0, k.main)
            p.box(-0.18, -0.72, 0.18, -0.08, k.glass)
            p.circle(0, -0.04, 0.025, k.dark)
            return
        }
        p.box(-0.12, -0.2, 0.12, -0.05, k.dark)
        p.box(-0.3, -0.06, 0.3, 0, k.dark)
        p.box(-0.6, -0.88, 0.6, -0.2, k.main)
        p.box(-0.53, -0.82, 0.53, -0.26, k.glass)
        p.poly([-0.53, -0.82, -0.1, -0.82, -0.53, -0.45], k.white, 0.25)
    }

    static func sofa(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        if variant == 1 {
            p.box(-1.0, -0.75, -0.9, 0, k.wood)
            p.box(0.92, -0.45, 1.0, 0, k.wood)
            p.box(-0.9, -0.42, 0.92, -0.12, k.white)
            p.box(-0.3, -0.47, 0.95, -0.3, k.main)
            p.ellipse(-0.62, -0.5, 0.22, 0.09, 0, k.white)
            return
        }
        p.box(-0.85, -0.8, 0.85, -0.35, k.main)
        p.box(-0.95, -0.45, 0.95, -0.12, k.main)
        p.box(-1.0, -0.6, -0.78, -0.1, k.dark)
        p.box(0.78, -0.6, 1.0, -0.1, k.dark)
        p.line(0, -0.78, 0, -0.4, 0.01, 0.01, k.dark, 0.6)
        p.line(-0.8, -0.05, -0.8, 0, 0.03, 0.03, k.black)
        p.line(0.8, -0.05, 0.8, 0, 0.03, 0.03, k.black)
    }
}
