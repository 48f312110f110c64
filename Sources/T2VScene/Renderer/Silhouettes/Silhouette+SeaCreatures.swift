// Silhouettes of water animals: fish, jellyfish, octopus, crab, starfish, ray, seal.

extension Silhouette {
    static func fish(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let wig = 0.35 * dsin(q.phase)
        let len = variant == 0 ? 0.55 : 1.1
        let hgt = variant == 0 ? 0.26 : (variant == 3 ? 0.32 : 0.2)
        let tu = -len * 0.9
        let tl = variant == 0 ? 0.35 : 0.45
        let tipU = tu - tl * dcos(wig)
        let tipV = tl * dsin(wig)
        p.poly([tu + 0.1, 0, tipU - 0.05 * dsin(wig), tipV - 0.28, tipU + 0.05 * dsin(wig), tipV + 0.28], k.dark)
        if variant == 1 || variant == 2 {
            p.poly([-0.1, -hgt * 0.8, 0.2, -hgt * 0.8, -0.15, -hgt * 2.0], k.dark)
        }
        p.ellipse(0, 0, len, hgt, 0, k.main)
        if variant == 3 { p.ellipse(0.05, hgt * 0.45, len * 0.85, hgt * 0.45, 0, k.light) }
        if variant == 2 { p.line(len * 0.8, 0.02, len * 1.15, 0.06, 0.06, 0.035, k.main) }
        p.poly([0.0, hgt * 0.6, 0.2, hgt * 0.6, -0.05, hgt * 1.4 + 0.1 * dsin(q.phase * 1.3)], k.dark)
        p.circle(len * 0.62, -hgt * 0.25, max(0.03, hgt * 0.14), k.black)
    }

    static func jellyfish(_ p: Pen, _ k: Paint, _ q: Pose) {
        let pulse = 1 + 0.1 * dsin(q.phase)
        for i in 0..<5 {
            let u = -0.22 + 0.11 * Double(i)
            let w1 = 0.08 * dsin(q.time * 2 + Double(i))
            p.line(u, 0, u + w1, 0.5, 0.025, 0.015, k.light)
        }
        p.poly([-0.35 * pulse, 0.02, 0.35 * pulse, 0.02, 0.3 * pulse, -0.22, 0.15, -0.34, -0.15, -0.34,
                -0.3 * pulse, -0.22], k.main)
    }

    static func octopus(_ p: Pen, _ k: Paint, _ q: Pose) {
        for i in 0..<6 {
            let u = -0.3 + 0.12 * Double(i)
            let spread = (Double(i) - 2.5) * 0.12
            var pu = u, pv = 0.0
            for j in 1...4 {
                let t = Double(j) / 4
                let nu = u + spread * t * 2 + 0.08 * dsin(q.time * 2.2 + Double(i) * 1.1 + t * 4)
                let nv = 0.55 * t
                p.line(pu, pv, nu, nv, 0.07 * (1.1 - t * 0.7), 0.07 * (1 - t * 0.75), j % 2 == 0 ? k.main : k.main)
                pu = nu
                pv = nv
            }
            p.circle(pu + 0.03, pv - 0.04, 0.035, k.main)
        }
        p.ellipse(0, -0.3, 0.36, 0.42, 0, k.main)
        p.ellipse(-0.1, -0.45, 0.1, 0.14, 0.3, k.light, 0.6)
        p.circle(-0.13, -0.12, 0.07, k.white)
        p.circle(0.13, -0.12, 0.07, k.white)
        p.circle(-0.12, -0.11, 0.035, k.black)
        p.circle(0.14, -0.11, 0.035, k.black)
    }

    static func crab(_ p: Pen, _ k: Paint, _ q: Pose) {
        let wig = 0.05 * dsin(q.time * 7)
        for s in [-1.0, 1.0] {
            for i in 0..<3 {
                let d = Double(i)
                p.line(s * (0.25 + d * 0.08), 0.05, s * (0.5 + d * 0.12), -0.05 + wig * s, 0.03, 0.025, k.dark)
                p.line(s * (0.5 + d * 0.12), -0.05 + wig * s, s * (0.62 + d * 0.14), 0.3, 0.025, 0.018, k.dark)
            }
            p.line(s * 0.3, -0.1, s * 0.55, -0.35, 0.05, 0.045, k.main)
            p.ellipse(s * 0.62, -0.5, 0.13, 0.2, s * 0.3, k.main)
            p.poly([s * 0.56, -0.72, s * 0.7, -0.66, s * 0.63, -0.5], k.dark, 0.8)
            p.line(s * 0.1, -0.2, s * 0.14, -0.42, 0.015, 0.015, k.dark)
            p.circle(s * 0.14, -0.44, 0.045, k.black)
        }
        p.ellipse(0, -0.05, 0.42, 0.25, 0, k.main)
        p.ellipse(0, -0.12, 0.25, 0.1, 0, k.light, 0.5)
    }

    static func starfish(_ p: Pen, _ k: Paint, _ q: Pose) {
        var pts = [Double]()
        let a0 = -halfPi + 0.1 * dsin(q.time * 0.7)
        for i in 0..<10 {
            let a = a0 + Double(i) * Double.pi / 5
            let r = i % 2 == 0 ? 0.5 : 0.22
            pts += [r * dcos(a), r * dsin(a)]
        }
        p.poly(pts, k.main)
        for i in 0..<5 {
            let a = a0 + Double(i) * 2 * Double.pi / 5
            p.line(0, 0, 0.35 * dcos(a), 0.35 * dsin(a), 0.03, 0.015, k.light, 0.6)
        }
    }

    static func ray(_ p: Pen, _ k: Paint, _ q: Pose) {
        let f = 0.15 * dsin(q.phase)
        p.line(-0.4, 0, -1.25, 0.08 * dsin(q.time * 2), 0.03, 0.008, k.dark)
        p.poly([0.55, 0, 0.2, -0.15, -0.05, -0.65 + f, -0.45, 0, -0.05, 0.65 - f, 0.2, 0.15], k.main)
        p.ellipse(0.05, 0, 0.3, 0.12, 0, k.light, 0.4)
        p.circle(0.35, -0.07, 0.03, k.black)
        p.circle(0.35, 0.07, 0.03, k.black)
    }

    static func seal(_ p: Pen, _ k: Paint, _ q: Pose) {
        let f = 0.12 * dsin(q.phase)
        p.poly([-0.7, 0, -1.0, -0.2 + f, -0.95, 0.2 + f], k.dark)
        p.ellipse(-0.05, 0, 0.75, 0.24, 0, k.main)
        p.ellipse(0.0, 0.08, 0.6, 0.12, 0, k.light, 0.5)
        p.circle(0.7, -0.08, 0.19, k.main)
        p.ellipse(0.86, -0.02, 0.1, 0.07, 0, k.light)
        p.circle(0.96, -0.04, 0.025, k.black)
        p.circle(0.76, -0.15, 0.03, k.black)
        p.ellipse(0.2, 0.22, 0.18, 0.06, 0.6 + f, k.dark)
    }
}
