// Silhouettes of people and land animals: the person (and astronaut), four-legged animals from one
// body plan (`QuadParams`), and the shapes picked by noun: snake, turtle, frog, ape.

extension Silhouette {
    /// A person; `suit` draws a space suit: gloves and boots in the suit's shade, a helmet visor
    /// and a backpack.
    static func person(_ p: Pen, _ k: Paint, _ q: Pose, suit: Bool = false) {
        let sw = 0.5 * q.gait * dsin(q.phase)
        let bob = -0.025 * q.gait * abs(dsin(q.phase))
        let hipV = -0.46 + bob
        let leg = 0.46
        let limb = suit ? k.main : k.dark
        let hand = suit ? k.light : k.skin
        let thick = suit ? 1.5 : 1.0
        if suit {
            // backpack
            p.ellipse(-0.1, -0.64 + bob, 0.07, 0.12, 0, k.dark)
        }
        // far leg and arm
        p.line(0, hipV, leg * dsin(-sw), hipV + leg * dcos(sw), 0.05 * thick, 0.04 * thick, limb)
        p.line(0, -0.76 + bob, 0.3 * dsin(sw * 0.9), -0.76 + bob + 0.3 * dcos(sw), 0.038 * thick, 0.032 * thick, limb)
        // torso
        p.line(0, -0.74 + bob, 0, -0.48 + bob, 0.1 * thick, 0.095 * thick, k.main)
        // near leg
        p.line(0, hipV, leg * dsin(sw), hipV + leg * dcos(sw), 0.05 * thick, 0.04 * thick, limb)
        if suit {
            // helmet with a dark visor
            p.circle(0.01, -0.9 + bob, 0.12, k.light)
            p.ellipse(0.045, -0.9 + bob, 0.075, 0.06, 0, k.black)
        } else {
            // head and hair
            p.circle(0.01, -0.9 + bob, 0.085, k.skin)
            p.ellipse(-0.012, -0.945 + bob, 0.085, 0.045, 0, k.black)
        }
        // near arm
        p.line(0, -0.76 + bob, 0.3 * dsin(-sw * 0.9), -0.76 + bob + 0.3 * dcos(sw), 0.038 * thick, 0.032 * thick, k.main)
        p.circle(0.3 * dsin(-sw * 0.9), -0.76 + bob + 0.3 * dcos(sw), 0.033 * thick, hand)
    }

    static func quadruped(_ a: QuadParams, _ p: Pen, _ k: Paint, _ q: Pose) {
        let bodyV = -(a.legLen + a.bodyH * 0.5)
        let hipV = bodyV + a.bodyH * 0.2
        let legL = -hipV
        let hips = [-a.bodyLen * 0.32, a.bodyLen * 0.3]
        let swing = 0.45 * q.gait
        let bob = -0.02 * q.gait * abs(dsin(q.phase * 2))
        // tail
        let tw = 0.25 * dsin(q.time * 5)
        let tu = -a.bodyLen * 0.48
        let tv = bodyV - a.bodyH * 0.2 + bob
        let tang = a.tailUp + tw
        p.line(tu, tv, tu - a.tailLen * dcos(tang), tv - a.tailLen * dsin(tang), a.legR * 0.7, a.legR * 0.4, k.main)
        // far legs
        for (i, hu) in hips.enumerated() {
            let ang = swing * dsin(q.phase + (i == 0 ? Double.pi : 0) + 0.6)
            p.line(hu + 0.04, hipV + bob, hu + 0.04 + legL * dsin(ang), 0, a.legR, a.legR * 0.8, k.dark)
        }
        // body, neck, head
        p.ellipse(0, bodyV + bob, a.bodyLen * 0.5, a.bodyH * 0.5, 0, k.main)
        let hv = a.headV + bob
        p.line(a.bodyLen * 0.32, bodyV - a.bodyH * 0.15 + bob, a.headU - a.headR * 0.3, hv, a.neckR * 1.2, a.neckR, k.main)
        if a.ears == 3 {
            p.ellipse(a.headU - a.headR * 0.7, hv + a.headR * 0.2, a.headR * 0.75, a.headR * 1.05, 0, k.dark)
        }
        if a.wings {
            let bv = bodyV - a.bodyH * 0.3 + bob
            let tip = bv - 0.75 + 0.3 * dsin(q.time * 3.2)
            p.poly([0.3, bv, -0.35, bv, -0.75, tip + 0.3, -0.45, tip + 0.1, -0.15, tip, 0.15, tip + 0.05], k.dark)
            p.line(0.3, bv, -0.15, tip, 0.025, 0.015, k.main)
        }
        p.circle(a.headU, hv, a.headR, k.main)
        if a.horn {
            p.line(a.headU + a.headR * 0.2, hv - a.headR * 0.8, a.headU + a.headR * 1.3, hv - a.headR * 2.8,
                   a.headR * 0.22, a.headR * 0.04, k.yellow)
        }
        if a.snout > 0.06 {
            p.line(a.headU, hv + a.headR * 0.15, a.headU + a.headR * 0.4 + a.snout, hv + a.headR * 0.35, a.headR * 0.62,
                   a.headR * 0.42, k.main)
        }
        if a.trunk {
            let sway = 0.08 * dsin(q.time * 2)
            p.line(a.headU + a.headR * 0.6, hv + a.headR * 0.2, a.headU + a.headR * 1.1 + sway, -0.12, a.headR * 0.35,
                   a.headR * 0.2, k.main)
        }
        switch a.ears {
        case 0:
            p.poly([a.headU - a.headR * 0.6, hv - a.headR * 0.5, a.headU - a.headR * 0.05, hv - a.headR * 0.8,
                    a.headU - a.headR * 0.45, hv - a.headR * 1.7], k.dark)
        case 1:
            p.circle(a.headU - a.headR * 0.55, hv - a.headR * 0.8, a.headR * 0.35, k.dark)
        case 2:
            p.ellipse(a.headU - a.headR * 0.3, hv - a.headR * 2.0, a.headR * 0.28, a.headR * 1.2, 0.25, k.main)
            p.ellipse(a.headU - a.headR * 0.7, hv - a.headR * 1.9, a.headR * 0.26, a.headR * 1.1, -0.2, k.dark)
        default:
            break
        }
        p.circle(a.headU + a.headR * 0.35, hv - a.headR * 0.25, max(0.018, a.headR * 0.14), k.black)
        // near legs
        for (i, hu) in hips.enumerated() {
            let ang = swing * dsin(q.phase + (i == 0 ? 0 : Double.pi))
            p.line(hu, hipV + bob, hu + legL * dsin(ang), 0, a.legR, a.legR * 0.8, k.main)
        }
    }

    static func snake(_ p: Pen, _ k: Paint, _ q: Pose) {
        let n = 14
        var pu = -0.95, pv = -0.06
        for i in 1...n {
            let t = Double(i) / Double(n)
            let u = -0.95 + 1.55 * t
            let v = -0.07 - 0.06 * dsin(u * 7 - q.time * 3) * (1 - t * 0.5) - 0.18 * max(0, t - 0.85) / 0.15
            let r = 0.025 + 0.055 * min(1, t * 1.6)
            p.line(pu, pv, u, v, r * 0.9, r, i % 3 == 0 ? k.dark : k.main)
            pu = u
            pv = v
        }
        p.ellipse(pu + 0.08, pv - 0.02, 0.13, 0.08, 0.1, k.main)
        p.circle(pu + 0.12, pv - 0.06, 0.022, k.black)
        if dsin(q.time * 5) > 0.3 {
            p.line(pu + 0.2, pv, pu + 0.32, pv + 0.02, 0.01, 0.008, Pix(r: 210, g: 30, b: 40))
        }
    }

    static func turtle(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sw = 0.06 * q.gait * dsin(q.phase)
        for (u, s) in [(-0.35, 1.0), (0.3, -1.0)] {
            p.line(u, -0.15, u + sw * s, 0, 0.07, 0.06, k.light)
        }
        p.line(0.45, -0.2, 0.7, -0.32, 0.07, 0.06, k.light)
        p.circle(0.72, -0.33, 0.11, k.light)
        p.circle(0.77, -0.36, 0.02, k.black)
        p.poly([-0.5, -0.05, -0.62, -0.1, -0.48, -0.14], k.light)
        var pts = [Double]()
        for i in 0...12 {
            let a = Double.pi + Double(i) * Double.pi / 12
            pts += [0.55 * dcos(a), -0.12 + 0.45 * dsin(a)]
        }
        p.poly(pts, k.main)
        p.line(-0.56, -0.12, 0.56, -0.12, 0.035, 0.035, k.dark)
        p.circle(0, -0.37, 0.12, k.dark, 0.5)
        p.circle(-0.3, -0.25, 0.09, k.dark, 0.5)
        p.circle(0.3, -0.25, 0.09, k.dark, 0.5)
    }

    static func frog(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.ellipse(-0.22, -0.12, 0.28, 0.12, 0, k.dark)
        p.ellipse(0, -0.3, 0.38, 0.22, -0.3, k.main)
        p.ellipse(-0.2, -0.22, 0.2, 0.14, 0.3, k.main)
        p.line(0.22, -0.22, 0.3, 0, 0.05, 0.04, k.main)
        p.ellipse(0.14, -0.28, 0.22, 0.08, -0.1, k.light, 0.7)
        p.circle(0.22, -0.52, 0.1, k.main)
        p.circle(0.24, -0.54, 0.055, k.white)
        p.circle(0.26, -0.54, 0.03, k.black)
        p.line(0.28, -0.35, 0.38, -0.38, 0.01, 0.01, k.dark)
    }

    static func ape(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        let sw = 0.35 * q.gait * dsin(q.phase)
        // far arm and leg
        p.line(0.05, -0.62, 0.3 + 0.1 * sw, -0.02, 0.06, 0.05, k.dark)
        p.line(-0.12, -0.4, -0.12 - 0.15 * sw, 0, 0.07, 0.06, k.dark)
        if variant == 0 {
            // monkey's curled tail
            p.line(-0.22, -0.4, -0.45, -0.35, 0.025, 0.025, k.main)
            p.line(-0.45, -0.35, -0.55, -0.55, 0.025, 0.022, k.main)
            p.line(-0.55, -0.55, -0.45, -0.65, 0.022, 0.02, k.main)
        }
        p.ellipse(-0.02, -0.5, 0.2, 0.26, 0.35, k.main)
        p.ellipse(0.03, -0.45, 0.11, 0.16, 0.35, k.light, 0.6)
        p.line(-0.1, -0.4, -0.08 + 0.15 * sw, 0, 0.075, 0.065, k.main)
        p.circle(0.1, -0.8, 0.15, k.main)
        if variant == 0 { p.circle(-0.03, -0.82, 0.06, k.light) }
        p.ellipse(0.16, -0.77, 0.1, 0.09, 0, k.light)
        p.circle(0.17, -0.83, 0.018, k.black)
        p.line(0.08, -0.62, 0.28 - 0.1 * sw, -0.05, 0.065, 0.055, k.main)
    }
}
