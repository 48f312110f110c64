// Silhouettes of buildings and structures: houses, towers, skyscrapers, castles, windmills,
// lighthouses, bridges, pyramids, tents, igloos, churches, factories.

extension Silhouette {
    static func windowsGrid(_ p: Pen, _ k: Paint, _ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double,
                            _ nu: Int, _ nv: Int) {
        if nu <= 0 || nv <= 0 { return }
        let du = (u1 - u0) / Double(nu), dv = (v1 - v0) / Double(nv)
        for i in 0..<nu {
            for j in 0..<nv {
                let a = u0 + du * (Double(i) + 0.2), b = v0 + dv * (Double(j) + 0.2)
                p.box(a, b, a + du * 0.6, b + dv * 0.6, k.window)
            }
        }
    }

    static func house(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(0.25, -0.95, 0.38, -0.6, k.dark)
        p.box(-0.5, -0.6, 0.5, 0, k.main)
        p.poly([-0.62, -0.56, 0.62, -0.56, 0, -1.0], k.roof)
        p.box(-0.1, -0.32, 0.1, 0, k.wood)
        p.box(-0.4, -0.45, -0.2, -0.25, k.window)
        p.box(0.2, -0.45, 0.4, -0.25, k.window)
    }

    static func tower(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-0.14, -0.82, 0.14, 0, k.main)
        p.poly([-0.18, -0.8, 0.18, -0.8, 0, -1.0], k.roof)
        p.circle(0, -0.68, 0.07, k.white)
        p.box(-0.05, -0.2, 0.05, 0, k.wood)
        windowsGrid(p, k, -0.1, -0.55, 0.1, -0.25, 2, 3)
    }

    static func skyscraper(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-0.02, -1.08, 0.02, -0.98, k.dark)
        p.box(-0.25, -1.0, 0.25, 0, k.main)
        p.box(-0.25, -1.0, -0.15, 0, k.dark)
        windowsGrid(p, k, -0.12, -0.96, 0.22, -0.04, 4, 18)
    }

    static func castle(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-0.55, -0.55, 0.55, 0, k.main)
        for u in [-0.55, 0.55] {
            p.box(u - 0.17, -0.85, u + 0.17, 0, k.main)
            p.poly([u - 0.2, -0.84, u + 0.2, -0.84, u, -1.08], k.roof)
        }
        var u = -0.45
        while u < 0.4 {
            p.box(u, -0.65, u + 0.1, -0.55, k.main)
            u += 0.2
        }
        p.poly([-0.14, 0, 0.14, 0, 0.14, -0.2, 0, -0.3, -0.14, -0.2], k.wood)
        p.box(-0.6, -0.6, -0.5, -0.48, k.window)
        p.box(0.5, -0.6, 0.6, -0.48, k.window)
    }

    static func windmill(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.2, 0, 0.2, 0, 0.1, -0.7, -0.1, -0.7], k.main)
        p.poly([-0.13, -0.68, 0.13, -0.68, 0, -0.82], k.roof)
        p.box(-0.05, -0.18, 0.05, 0, k.wood)
        let a = q.time * 1.2
        for i in 0..<4 {
            let t = a + Double(i) * halfPi
            let cu = dcos(t), cv = dsin(t)
            p.poly([cu * 0.08 - cv * 0.02, -0.72 + cv * 0.08 + cu * 0.02, cu * 0.5 - cv * 0.02,
                    -0.72 + cv * 0.5 + cu * 0.02, cu * 0.5 + cv * 0.1, -0.72 + cv * 0.5 - cu * 0.1,
                    cu * 0.08 + cv * 0.1, -0.72 + cv * 0.08 - cu * 0.1], k.white)
            p.line(0, -0.72, cu * 0.5, -0.72 + cv * 0.5, 0.012, 0.012, k.wood)
        }
        p.circle(0, -0.72, 0.03, k.dark)
    }

    static func lighthouse(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.14, 0, 0.14, 0, 0.09, -0.8, -0.09, -0.8], k.main)
        p.poly([-0.125, -0.25, 0.125, -0.25, 0.115, -0.4, -0.115, -0.4], k.roof)
        p.poly([-0.105, -0.55, 0.105, -0.55, 0.095, -0.68, -0.095, -0.68], k.roof)
        p.box(-0.08, -0.92, 0.08, -0.8, k.yellow)
        p.poly([-0.1, -0.92, 0.1, -0.92, 0, -1.0], k.roof)
    }

    static func bridge(_ p: Pen, _ k: Paint, _ q: Pose) {
        // suspension bridge: two towers, sagging main cables, hangers, deck
        for s in [-1.0, 1.0] {
            p.box(s * 0.85 - 0.07, -1.0, s * 0.85 + 0.07, 0, k.main)
            p.box(s * 0.85 - 0.09, -0.8, s * 0.85 + 0.09, -0.74, k.dark)
        }
        var pu = -0.85, pv = -0.98
        for i in 1...12 {
            let t = Double(i) / 12
            let u = -0.85 + 1.7 * t
            let v = -0.98 + 0.45 * 4 * t * (1 - t)
            p.line(pu, pv, u, v, 0.012, 0.012, k.main)
            if i < 12 { p.line(u, v, u, -0.45, 0.006, 0.006, k.main, 0.8) }
            pu = u
            pv = v
        }
        for s in [-1.0, 1.0] {
            p.line(s * 0.85, -0.98, s * 1.62, -0.45, 0.012, 0.012, k.main)
            var u = 0.98
            while u < 1.6 {
                let v = -0.98 + 0.53 * (u - 0.85) / 0.77
                p.line(s * u, v, s * u, -0.45, 0.006, 0.006, k.main, 0.8)
                u += 0.14
            }
        }
        p.box(-1.65, -0.46, 1.65, -0.36, k.dark)
        p.line(-1.65, -0.46, 1.65, -0.46, 0.012, 0.012, k.main)
    }

    static func pyramid(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.9, 0, 0.25, 0, 0, -1.0], k.main)
        p.poly([0.25, 0, 0.9, 0, 0, -1.0], k.dark)
        var v = -0.15
        while v > -0.9 {
            let half = 0.9 * (1 + v)
            p.line(-half, v, 0.25 * (1 + v), v, 0.006, 0.006, k.dark, 0.5)
            v -= 0.15
        }
    }

    static func tent(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.6, 0, 0.6, 0, 0.05, -0.9, -0.05, -0.9], k.main)
        p.poly([-0.6, 0, -0.05, -0.9, 0.0, 0], k.dark, 0.35)
        p.poly([-0.16, 0, 0.16, 0, 0, -0.5], k.black, 0.8)
        p.line(0, -0.88, 0.02, -1.0, 0.015, 0.015, k.wood)
        p.line(-0.6, 0, -0.8, 0.0, 0.008, 0.008, k.dark)
        p.line(0.6, 0, 0.8, 0.0, 0.008, 0.008, k.dark)
    }

    static func igloo(_ p: Pen, _ k: Paint, _ q: Pose) {
        var pts = [Double]()
        for i in 0...14 {
            let a = Double.pi + Double(i) * Double.pi / 14
            pts += [0.62 * dcos(a), 0.62 * dsin(a)]
        }
        p.poly(pts, k.main)
        for v in [-0.15, -0.3, -0.45] {
            let half = (0.62 * 0.62 - v * v).squareRoot()
            p.line(-half, v, half, v, 0.008, 0.008, k.dark, 0.45)
        }
        p.ellipse(0.5, -0.12, 0.22, 0.2, 0, k.main)
        p.ellipse(0.62, -0.08, 0.09, 0.13, 0, k.black, 0.8)
    }

    static func church(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-0.55, -0.5, 0.15, 0, k.main)
        p.poly([-0.62, -0.47, 0.2, -0.47, -0.2, -0.75], k.roof)
        p.box(0.15, -0.72, 0.5, 0, k.main)
        p.poly([0.12, -0.7, 0.53, -0.7, 0.325, -0.93], k.roof)
        p.line(0.325, -0.93, 0.325, -1.0, 0.012, 0.012, k.dark)
        p.line(0.29, -0.975, 0.36, -0.975, 0.012, 0.012, k.dark)
        p.circle(0.325, -0.55, 0.07, k.window)
        p.poly([0.25, 0, 0.4, 0, 0.4, -0.2, 0.325, -0.27, 0.25, -0.2], k.wood)
        for u in [-0.42, -0.2] {
            p.box(u, -0.35, u + 0.1, -0.15, k.window)
            p.circle(u + 0.05, -0.35, 0.05, k.window)
        }
    }

    static func factory(_ p: Pen, _ k: Paint, _ q: Pose) {
        for (i, u) in [-0.55, -0.3].enumerated() {
            p.box(u, -1.0, u + 0.12, -0.4, k.dark)
            for j in 0..<3 {
                let t = fract(q.time * 0.25 + Double(j) / 3 + Double(i) * 0.5)
                p.circle(u + 0.06 + 0.35 * t, -1.05 - 0.5 * t, 0.06 + 0.1 * t, Pix(r: 200, g: 200, b: 205), 0.55 * (1 - t))
            }
        }
        p.box(-0.8, -0.45, 0.8, 0, k.main)
        var u = -0.8
        while u < 0.75 {
            p.poly([u, -0.45, u + 0.4, -0.45, u + 0.4, -0.65], k.main)
            u += 0.4
        }
        windowsGrid(p, k, -0.72, -0.38, 0.72, -0.12, 6, 1)
        p.box(0.45, -0.2, 0.65, 0, k.wood)
    }
}
