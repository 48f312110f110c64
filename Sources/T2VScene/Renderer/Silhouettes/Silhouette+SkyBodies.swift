// Silhouettes of sky bodies: sun, moon, stars, planets, clouds, rainbows, comets.

extension Silhouette {
    static func sun(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.r.glow(p.ox, p.oy, p.s * 1.6, k.light, 0.45 * p.alpha)
        let a0 = q.time * 0.2
        for i in 0..<12 {
            let a = a0 + Double(i) * 0.5236
            p.line(0.6 * dcos(a), 0.6 * dsin(a), 0.78 * dcos(a), 0.78 * dsin(a), 0.04, 0.015, k.main, 0.8)
        }
        p.circle(0, 0, 0.5, k.main)
    }

    static func moon(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.r.glow(p.ox, p.oy, p.s * 1.1, k.light, 0.25 * p.alpha)
        p.circle(0, 0, 0.5, k.main)
        p.circle(-0.15, -0.1, 0.1, k.dark, 0.35)
        p.circle(0.18, 0.15, 0.07, k.dark, 0.35)
        p.circle(0.1, -0.22, 0.05, k.dark, 0.3)
    }

    static func star(_ p: Pen, _ k: Paint, _ q: Pose) {
        let tw = 0.85 + 0.15 * dsin(q.time * 4)
        var pts = [Double]()
        for i in 0..<5 {
            let a = -halfPi + Double(i) * 1.2566
            pts += [0.2 * tw * dcos(a + 0.6283), 0.2 * tw * dsin(a + 0.6283)]
        }
        p.r.glow(p.ox, p.oy, p.s * 0.7, k.light, 0.3 * p.alpha)
        p.poly(pts, k.main)
        for i in 0..<5 {
            let a = -halfPi + Double(i) * 1.2566
            let b1 = a - 0.5, b2 = a + 0.5
            p.poly([0.5 * tw * dcos(a), 0.5 * tw * dsin(a), 0.12 * dcos(b1), 0.12 * dsin(b1), 0.12 * dcos(b2),
                    0.12 * dsin(b2)], k.main)
        }
    }

    static func planet(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.circle(0, 0, 0.45, k.main)
        p.ellipse(0.12, 0.1, 0.36, 0.36, 0, k.dark, 0.45)
        p.ellipse(-0.12, -0.12, 0.2, 0.2, 0, k.light, 0.35)
        p.r.ellipseRing(p.ox, p.oy, p.s * 0.75, p.s * 0.18, max(1, p.s * 0.05), k.light, p.alpha)
    }

    static func cloud(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.circle(-0.55, 0.08, 0.3, k.main)
        p.circle(0.55, 0.1, 0.28, k.main)
        p.circle(-0.15, -0.1, 0.42, k.main)
        p.circle(0.25, -0.05, 0.38, k.main)
        p.ellipse(0, 0.2, 0.85, 0.18, 0, k.main)
    }

    static func rainbow(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let cols: [Pix] = variant == 1
            ? [Pix(r: 120, g: 60, b: 200), Pix(r: 60, g: 200, b: 170), Pix(r: 60, g: 240, b: 120)]
            : [Pix(r: 230, g: 40, b: 40), Pix(r: 245, g: 140, b: 30), Pix(r: 250, g: 225, b: 40), Pix(r: 60, g: 190, b: 70),
               Pix(r: 50, g: 120, b: 230), Pix(r: 90, g: 60, b: 190), Pix(r: 150, g: 80, b: 200)]
        let cx = p.X(0, 0.7), cy = p.Y(0, 0.7)
        p.r.bands(cx, cy, p.s * 0.95, p.s * (variant == 1 ? 0.6 : 0.68), cols, (variant == 1 ? 0.4 : 0.6) * p.alpha)
    }

    static func comet(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(0, 0, -1.2, -0.45, 0.16, 0.02, k.light, 0.35)
        p.line(0, 0, -0.9, -0.3, 0.09, 0.01, k.white, 0.6)
        p.r.glow(p.ox, p.oy, p.s * 0.35, k.light, 0.5 * p.alpha)
        p.circle(0, 0, 0.1, k.main)
    }
}
