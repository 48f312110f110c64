// Silhouettes of flying animals and small crawlers: birds in flight and on the ground, butterflies,
// bees and bugs.

extension Silhouette {
    static func bird(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let f = dsin(q.phase)
        let tip = -0.55 * f
        // far wing
        p.poly([-0.12, -0.04, 0.14, -0.04, 0.02, tip * 0.85 - 0.05, -0.2, tip * 0.75 - 0.05], k.dark)
        // tail
        p.poly([-0.32, 0.0, -0.62, -0.1, -0.62, 0.1], variant == 2 ? k.main : k.dark)
        // body and head
        p.ellipse(0, 0, 0.38, 0.13, -0.08, k.main)
        p.circle(0.36, -0.08, variant == 1 ? 0.12 : 0.1, k.main)
        if variant != 2 {
            p.poly([0.44, -0.11, 0.62, -0.05, 0.44, -0.02], variant == 1 ? k.yellow : Pix(r: 230, g: 150, b: 40))
        }
        p.circle(0.39, -0.11, 0.025, k.black)
        // near wing
        if variant == 2 {
            p.poly([-0.15, -0.02, 0.15, -0.02, 0.1, tip, -0.05, tip * 0.7, -0.3, tip * 0.9], k.main)
        } else {
            p.poly([-0.14, -0.02, 0.16, -0.02, 0.04, tip, -0.24, tip * 0.9], k.main)
        }
    }

    static func groundBird(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let sw = 0.12 * q.gait * dsin(q.phase)
        let legs = Pix(r: 235, g: 165, b: 40)
        if variant == 1 {
            // penguin: upright, white front
            p.line(-0.05, -0.05, -0.12 + sw, 0, 0.05, 0.04, legs)
            p.line(0.08, -0.05, 0.15 - sw, 0, 0.05, 0.04, legs)
            p.ellipse(0, -0.42, 0.24, 0.4, 0, k.main)
            p.ellipse(0.08, -0.38, 0.15, 0.32, 0, k.white)
            p.circle(0.02, -0.86, 0.15, k.main)
            p.circle(0.09, -0.88, 0.025, k.white)
            p.poly([0.14, -0.87, 0.3, -0.82, 0.14, -0.79], legs)
            p.ellipse(-0.16, -0.45, 0.06, 0.22, 0.25, k.dark)
            return
        }
        let legLen = variant == 2 ? 0.5 : 0.25
        let hipV = -legLen
        p.line(-0.04, hipV, -0.04 + sw, 0, 0.025, 0.02, variant == 2 ? k.skin : legs)
        p.line(0.04, hipV, 0.04 - sw, 0, 0.025, 0.02, variant == 2 ? k.skin : legs)
        if variant == 2 {
            p.ellipse(-0.05, hipV - 0.12, 0.32, 0.18, -0.1, k.main)
            p.poly([-0.3, hipV - 0.2, -0.5, hipV - 0.3, -0.42, hipV - 0.08], k.white)
            p.line(0.18, hipV - 0.18, 0.3, -0.92, 0.035, 0.03, k.skin)
            p.circle(0.31, -0.93, 0.06, k.skin)
            p.poly([0.35, -0.95, 0.45, -0.92, 0.35, -0.9], legs)
            p.circle(0.33, -0.95, 0.012, k.black)
            return
        }
        // chicken / hen / rooster / turkey
        p.poly([-0.2, hipV - 0.2, -0.45, hipV - 0.55, -0.35, hipV - 0.1], k.dark)
        p.ellipse(0, hipV - 0.18, 0.3, 0.22, -0.15, k.main)
        p.ellipse(-0.05, hipV - 0.16, 0.16, 0.09, -0.2, k.dark, 0.6)
        p.line(0.18, hipV - 0.28, 0.26, -0.72, 0.09, 0.08, k.main)
        p.circle(0.28, -0.76, 0.11, k.main)
        p.poly([0.22, -0.85, 0.27, -0.93, 0.31, -0.86, 0.36, -0.9, 0.37, -0.8], Pix(r: 215, g: 35, b: 35))
        p.poly([0.37, -0.78, 0.5, -0.74, 0.37, -0.7], legs)
        p.ellipse(0.36, -0.66, 0.03, 0.05, 0, Pix(r: 215, g: 35, b: 35))
        p.circle(0.31, -0.79, 0.018, k.black)
    }

    static func butterfly(_ p: Pen, _ k: Paint, _ q: Pose) {
        let open = 0.25 + 0.75 * abs(dcos(q.phase))
        p.ellipse(-0.18 * open, -0.15, 0.22 * open, 0.28, -0.5, k.dark)
        p.ellipse(-0.16 * open, 0.15, 0.16 * open, 0.2, 0.4, k.dark)
        p.ellipse(0.18 * open, -0.15, 0.24 * open, 0.3, 0.5, k.main)
        p.ellipse(0.16 * open, 0.15, 0.18 * open, 0.22, -0.4, k.main)
        p.line(0, -0.25, 0, 0.25, 0.04, 0.03, k.black)
        p.line(0, -0.25, 0.1, -0.42, 0.012, 0.012, k.black)
        p.line(0, -0.25, -0.1, -0.42, 0.012, 0.012, k.black)
    }

    static func bee(_ p: Pen, _ k: Paint, _ q: Pose) {
        let f = abs(dcos(q.time * 38))
        p.ellipse(-0.1, -0.28, 0.16, 0.05 + 0.24 * f, -0.4, k.white, 0.55)
        p.poly([-0.4, 0, -0.56, 0.02, -0.4, 0.06], k.black)
        p.ellipse(0, 0, 0.42, 0.26, 0, k.main)
        p.ellipse(-0.08, 0, 0.06, 0.25, 0, k.black)
        p.ellipse(0.12, 0, 0.06, 0.25, 0, k.black)
        p.ellipse(-0.27, 0, 0.05, 0.19, 0, k.black)
        p.circle(0.42, -0.02, 0.15, k.black)
        p.line(0.48, -0.15, 0.6, -0.32, 0.012, 0.01, k.black)
        p.ellipse(0.05, -0.3, 0.17, 0.05 + 0.26 * f, 0.3, k.white, 0.7)
    }

    static func bug(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let wig = 0.07 * dsin(q.time * 9)
        switch variant {
        case 1:
            // spider: round body, eight bent legs
            for i in 0..<4 {
                let d = Double(i) - 1.5
                let w1 = wig * (i % 2 == 0 ? 1 : -1)
                p.line(0.1, -0.35, 0.25 + d * 0.16, -0.6, 0.02, 0.018, k.dark)
                p.line(0.25 + d * 0.16, -0.6, 0.45 + d * 0.25 + w1, 0, 0.018, 0.012, k.dark)
                p.line(-0.05, -0.35, -0.15 + d * 0.16, -0.6, 0.02, 0.018, k.dark)
                p.line(-0.15 + d * 0.16, -0.6, -0.35 + d * 0.25 - w1, 0, 0.018, 0.012, k.dark)
            }
            p.circle(-0.15, -0.38, 0.22, k.main)
            p.circle(0.18, -0.34, 0.12, k.main)
            p.circle(0.24, -0.38, 0.025, k.white)
        case 2:
            // snail: spiral shell on a foot with eye stalks
            p.line(-0.5, -0.06, 0.45, -0.08, 0.07, 0.06, k.light)
            p.line(0.38, -0.1, 0.5, -0.42, 0.015, 0.012, k.light)
            p.line(0.32, -0.1, 0.38, -0.38, 0.015, 0.012, k.light)
            p.circle(0.5, -0.43, 0.03, k.black)
            p.circle(-0.05, -0.42, 0.32, k.main)
            p.ring(-0.05, -0.42, 0.2, 0.04, k.dark)
            p.ring(-0.02, -0.44, 0.09, 0.035, k.dark)
        case 3:
            // worm / caterpillar: a chain of segments
            var u = -0.6
            var i = 0
            while u < 0.5 {
                let v = -0.1 - 0.08 * max(0, dsin(u * 5 - q.time * 4))
                p.circle(u, v, 0.1, i % 2 == 0 ? k.main : k.light)
                u += 0.12
                i += 1
            }
            p.circle(0.6, -0.14, 0.12, k.main)
            p.circle(0.65, -0.17, 0.025, k.black)
        default:
            // ant / beetle: three parts, six legs, antennae
            for i in 0..<3 {
                let d = Double(i) - 1
                let w1 = wig * (i % 2 == 0 ? 1 : -1)
                p.line(0.05 + d * 0.12, -0.25, 0.05 + d * 0.32 + w1, 0, 0.02, 0.015, k.dark)
            }
            p.ellipse(-0.25, -0.28, 0.28, 0.2, 0, k.main)
            p.circle(0.1, -0.26, 0.1, k.main)
            p.circle(0.3, -0.3, 0.1, k.main)
            p.line(0.35, -0.36, 0.5, -0.58, 0.012, 0.01, k.dark)
            p.line(0.32, -0.38, 0.38, -0.6, 0.012, 0.01, k.dark)
            p.line(-0.25, -0.47, -0.25, -0.1, 0.012, 0.012, k.dark, 0.6)
        }
    }
}
