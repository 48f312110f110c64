// Placement and motion of subjects: every instance's position, size and pose is a function of
// (seed, scene, time since the scene began); transitions slide subjects off and on or grow them.

extension SceneRenderer {
    static let maxInstances = 12

    /// Horizontal speed (frame widths per second) and gait rate (cycles per second) of a motion.
    static func motionSpeed(_ fam: SubjectFamily, _ m: Motion) -> (Double, Double) {
        switch m {
        case .walk:
            switch fam {
            case .person: return (0.05, 1.6)
            case .landAnimal: return (0.06, 1.8)
            case .landVehicle: return (0.1, 0)
            default: return (0.05, 1.6)
            }
        case .run:
            switch fam {
            case .landVehicle: return (0.2, 0)
            case .landAnimal: return (0.15, 3.0)
            default: return (0.12, 2.6)
            }
        case .fly: return (fam == .airVehicle ? 0.09 : 0.08, 2.6)
        case .swim: return (0.05, 1.5)
        case .drive: return (0.15, 0)
        case .drift: return (0.02, 0.6)
        case .float: return (0.012, 0.6)
        case .idle:
            switch fam {
            case .airAnimal: return (0.06, 2.4)
            case .waterAnimal: return (0.035, 1.2)
            case .landVehicle: return (0.1, 0)
            case .waterVehicle: return (0.03, 0)
            case .airVehicle: return (0.07, 0)
            default: return (0, 0)
            }
        default:
            switch fam {
            case .airAnimal: return (0, 2.4)
            case .waterAnimal: return (0, 1.2)
            default: return (0, 1.6)
            }
        }
    }

    static func groundBand(_ s: Setting) -> (Double, Double)? {
        switch s {
        case .space, .sky, .ocean: return nil
        case .room: return (0.85, 0.93)
        case .underwater: return (0.88, 0.94)
        case .field, .forest, .desert, .snow: return (0.85, 0.93)
        default: return (0.86, 0.94)
        }
    }
    static func waterBand(_ s: Setting) -> (Double, Double)? {
        switch s {
        case .ocean: return (0.62, 0.76)
        case .beach: return (0.57, 0.64)
        case .lake: return (0.62, 0.74)
        default: return nil
        }
    }
    static func swimBand(_ s: Setting) -> (Double, Double) {
        switch s {
        case .underwater: return (0.2, 0.7)
        case .ocean: return (0.64, 0.9)
        case .lake: return (0.62, 0.76)
        case .beach: return (0.54, 0.64)
        default: return (0.55, 0.8)
        }
    }

    /// The undisturbed state of instance `inst` of subject `si` at `tau` seconds into its scene.
    static func place(_ spec: SubjectSpec, si: Int, inst: Int, n: Int, scene: SceneDescription, tau: Double, w: Int,
                      h: Int, seed: UInt64, camX: Double, camY: Double) -> Placed {
        let W = Double(w), H = Double(h)
        let shape = Shape.of(spec)
        let hs = hashKey(mix64(seed ^ scene.variation) ^ stableHash(spec.noun), si &* 131 &+ inst)
        let fam = spec.family
        var p = Placed(shape: shape)
        p.order = si * 100 + inst
        var unit = shape.unit * H * spec.size.scale * (0.9 + 0.2 * hashUnit(hs, 1))
        if n > 3 { unit *= max(0.5, (3.0 / Double(n)).squareRoot()) }
        unit = min(unit, 1.25 * H)
        let halfW = shape.halfWidth * unit
        p.halfW = halfW
        let sf = spec.speed.factor
        let r1 = hashUnit(hs, 2), r2 = hashUnit(hs, 3), r3 = hashUnit(hs, 4)
        // Base position.
        // Instances spread over the middle 76 % of the width; further subjects shifted along.
        let slot = fract((Double(inst) + 0.5 + (r1 - 0.5) * 0.3) / Double(n) + 0.29 * Double(si)
            + (n == 1 && si == 0 ? (r2 - 0.5) * 0.2 : 0))
        var bx = W * (0.12 + 0.76 * slot)
        let staticFam = fam == .building || fam == .plant || fam == .skyBody
        if staticFam, let d = spec.direction, d == .left || d == .right {
            bx = W * ((d == .left ? 0.12 : 0.62) + 0.26 * (Double(inst) + 0.5) / Double(n))
        }
        var by: Double
        func band(_ b: (Double, Double)) -> Double { H * (b.0 + (b.1 - b.0) * fract(r3 + 0.618 * Double(inst))) }
        let airY = H * (0.12 + 0.3 * fract(r3 + 0.618 * Double(inst)))
        switch fam {
        case .airAnimal, .airVehicle:
            by = airY
        case .skyBody:
            by = H * (0.12 + 0.12 * fract(r3 + 0.618 * Double(inst)))
        case .waterAnimal:
            by = band(swimBand(scene.setting))
        case .waterVehicle:
            if shape.kind == .submarine { by = band(swimBand(scene.setting)) } else {
                by = band(waterBand(scene.setting) ?? groundBand(scene.setting) ?? (0.6, 0.75))
            }
        case .object where shape.anchor == .center:
            by = airY + 0.05 * H
        default:
            if let g = groundBand(scene.setting) ?? waterBand(scene.setting) {
                by = band(g)
            } else {
                by = H * (0.55 + 0.25 * fract(r3 + 0.618 * Double(inst))) + (shape.anchor == .ground ? unit * 0.5 : 0)
            }
        }
        // Motion.
        var (v0, rate) = motionSpeed(fam, spec.motion)
        let kite = shape.kind == .kite
        if kite {
            // A kite is held on its string: it hovers and sways, drifting only slowly.
            switch spec.motion {
            case .idle, .fly, .float, .drift, .walk, .run, .drive, .swim: v0 = 0.006
            default: break
            }
            rate = 0
        }
        var vx = 0.0, vy = 0.0
        var gait = 0.0
        var scaleK = 1.0
        var rot = 0.0
        let defaultDir = hashUnit(mix64(seed ^ scene.variation ^ stableHash(spec.noun)), si) < 0.5 ? -1.0 : 1.0
        var dirSign = defaultDir
        var around = false
        if let d = spec.direction {
            switch d {
            case .left: dirSign = -1
            case .right, .across: dirSign = 1
            case .up: vy = -max(v0, 0.05) * 0.8
            case .down: vy = max(v0, 0.05) * 0.8
            case .towards: scaleK = mixD(0.6, 1.6, smooth01(tau / 8)); by += H * 0.06 * smooth01(tau / 8)
            case .away: scaleK = mixD(1.5, 0.55, smooth01(tau / 8)); by -= H * 0.05 * smooth01(tau / 8)
            case .around: around = true
            }
        }
        let vertical = vy != 0
        let mobile = !staticFam
        var speed = v0
        if speed == 0 && mobile && spec.direction != nil && !vertical && !around
            && spec.direction != .towards && spec.direction != .away {
            speed = fam == .landVehicle ? 0.12 : 0.05
        }
        if !staticFam || spec.motion == .fly || spec.motion == .drift || spec.motion == .float {
            if !vertical && !around && spec.direction != .towards && spec.direction != .away { vx = speed * dirSign }
        }
        switch spec.motion {
        case .rise: vy = -0.06
        case .fall: vy = 0.12
        case .grow: scaleK *= mixD(0.45, 1.35, smooth01(tau / 6))
        case .shrink: scaleK *= mixD(1.35, 0.45, smooth01(tau / 6))
        case .spin: rot = tau * twoPi * 0.4 * sf
        default: break
        }
        var x = bx + vx * sf * W * tau
        var y = by
        let m = halfW + 0.03 * W
        if vx != 0 {
            let span = W + 2 * m
            x = fract((x + m) / span) * span - m
        }
        if vy != 0 {
            let mv = unit * shape.height + 0.03 * H
            let span = H + 2 * mv
            y = fract((by + vy * sf * H * tau + mv) / span) * span - mv
        }
        var facing = vx != 0 ? (vx < 0 ? -1.0 : 1.0) : defaultDir
        if around {
            let om = twoPi / 7 * sf
            let ph = r1 * twoPi
            x = W * 0.5 + W * 0.25 * dcos(om * tau + ph) + (bx - W * 0.5) * 0.2
            y = by + H * 0.07 * dsin(om * tau + ph)
            facing = dsin(om * tau + ph) > 0 ? -1 : 1
        }
        // Family idle life and vertical arcs.
        let ph = r2 * twoPi
        switch spec.motion {
        case .jump:
            y -= unit * 0.4 * abs(dsin(Double.pi * tau * 1.1 * sf + ph))
        case .bounce:
            y -= unit * 0.8 * abs(dsin(Double.pi * tau * 1.4 * sf + ph))
        case _ where kite || spec.motion == .float || spec.motion == .drift:
            x += W * 0.035 * dsin(0.45 * tau + ph)
            y += H * 0.03 * dsin(0.7 * tau + ph * 1.7)
        default:
            break
        }
        switch fam {
        case _ where kite || shape.kind == .balloon:
            x += W * 0.02 * dsin(0.8 * tau + ph) + W * 0.008 * dsin(2.3 * tau + ph * 0.7)
            y += H * 0.02 * dsin(1.1 * tau + ph) + H * 0.008 * dsin(2.9 * tau + ph * 1.3)
            rot += 0.15 * dsin(0.9 * tau + ph) + 0.05 * dsin(2.6 * tau + ph * 0.4)
        case .airAnimal, .airVehicle:
            y += H * 0.015 * dsin(1.3 * tau + ph)
        case .waterAnimal:
            y += H * 0.01 * dsin(0.9 * tau + ph)
        case .waterVehicle:
            y += H * 0.005 * dsin(1.6 * tau + ph)
            rot += 0.04 * dsin(1.3 * tau + ph * 1.3)
        default:
            break
        }
        let moving = vx != 0 || vy != 0 || around
        // Legs walk when the subject goes somewhere on foot, not when it floats, flies or falls.
        let airborne: Set<Motion> = [.float, .drift, .fly, .swim, .rise, .fall, .spin, .grow, .shrink]
        if fam == .person || fam == .landAnimal {
            gait = spec.motion == .walk || spec.motion == .run || (moving && !airborne.contains(spec.motion)) ? 1 : 0
        }
        // Parallax with the camera (subjects sit near the front).
        let par = fam == .skyBody ? 0.08 : (fam == .airAnimal || fam == .airVehicle ? 0.5 : 0.8)
        x += camX * par
        y += camY * par
        p.x = x
        p.y = y
        p.unit = unit * scaleK
        p.rot = rot
        p.facing = facing
        p.vx = vx
        p.grows = staticFam
        p.sky = fam == .skyBody
        p.color = spec.color ?? NaturalColor.of(spec, hs)
        p.depth = shape.anchor == .center && fam != .waterAnimal && fam != .waterVehicle ? -10 + y / H : y / H
        let dist = vx * sf * W * tau
        p.pose = Pose(phase: tau * rate * sf * twoPi + ph, gait: gait,
                      wheel: dist / max(1, unit * 0.22) + (spec.motion == .spin ? rot : 0),
                      time: tau + r1 * 10, wind: 0, night: 0)
        if shape.kind == .ball && vx == 0 { p.pose.wheel = 0.3 * dsin(tau + ph) }
        return p
    }

    /// Moves an instance for a transition: presence w = 1 is fully in the picture, 0 fully gone.
    static func applyPresence(_ p: inout Placed, w: Double, entering: Bool, width: Int) {
        if w >= 1 { return }
        let W = Double(width)
        let k = smooth01(w)
        if p.grows {
            p.unit *= k
            return
        }
        let m = p.halfW * max(1, p.unit / max(1e-9, p.unit)) + 0.03 * W
        var dir: Double
        if p.vx != 0 {
            dir = p.vx > 0 ? 1 : -1
            if entering { dir = -dir }
        } else {
            dir = p.x < W * 0.5 ? -1 : 1
        }
        let target = dir > 0 ? W + m + p.halfW * 0.5 : -m - p.halfW * 0.5
        p.x = mixD(target, p.x, k)
        if p.vx == 0 && (p.shape.kind == .person || p.shape.kind == .quadruped) {
            p.facing = entering ? -dir : dir
            p.pose.gait = max(p.pose.gait, 1 - k)
            p.pose.phase += (1 - k) * 12
        }
    }

    /// All subject instances of the frame, sky bodies separately, each list in drawing order.
    static func planSubjects(w: Int, h: Int, seed: UInt64, time: Double, current: SceneState, previous: SceneState?,
                             e: Double, camX: Double, camY: Double) -> [Placed] {
        var out: [Placed] = []
        func instances(_ st: SceneState) -> [(SubjectSpec, Int, Int, Int)] {
            var r: [(SubjectSpec, Int, Int, Int)] = []
            for (si, spec) in st.scene.subjects.prefix(8).enumerated() {
                let n = max(1, min(maxInstances, spec.count))
                for i in 0..<n { r.append((spec, si, i, n)) }
            }
            return r
        }
        let curList = instances(current)
        let tauC = max(0, time - current.startTime)
        guard let prev = previous, e < 1 else {
            for (spec, si, i, n) in curList {
                out.append(place(spec, si: si, inst: i, n: n, scene: current.scene, tau: tauC, w: w, h: h, seed: seed,
                                 camX: camX, camY: camY))
            }
            return out
        }
        let tauP = max(0, time - prev.startTime)
        var used = Set<Int>()
        let prevList = instances(prev)
        for (spec, si, i, n) in curList {
            var c = place(spec, si: si, inst: i, n: n, scene: current.scene, tau: tauC, w: w, h: h, seed: seed,
                          camX: camX, camY: camY)
            // The same noun in both scenes: the subject carries over and moves to its new place.
            if let j = prevList.indices.first(where: { !used.contains($0) && prevList[$0].0.noun == spec.noun }) {
                used.insert(j)
                let q = prevList[j]
                let p = place(q.0, si: q.1, inst: q.2, n: q.3, scene: prev.scene, tau: tauP, w: w, h: h, seed: seed,
                              camX: camX, camY: camY)
                let m = Placed.lerp(p, c, smooth01(e))
                c = m
                c.order = 1000 + out.count
            } else {
                applyPresence(&c, w: e, entering: true, width: w)
            }
            out.append(c)
        }
        for (j, q) in prevList.enumerated() where !used.contains(j) {
            var p = place(q.0, si: q.1, inst: q.2, n: q.3, scene: prev.scene, tau: tauP, w: w, h: h, seed: seed,
                          camX: camX, camY: camY)
            applyPresence(&p, w: 1 - e, entering: false, width: w)
            p.order += 5000
            out.append(p)
        }
        return out
    }

    /// Draws one placed subject.
    static func drawPlaced(_ p: Placed, _ r: Raster, _ look: Look, _ time: Double) {
        if p.unit < 0.3 || p.alpha <= 0.003 { return }
        let W = Double(r.w), H = Double(r.h)
        let ext = p.unit * max(p.shape.halfWidth, p.shape.height) * 1.6 + 4
        if p.x + ext < 0 || p.x - ext > W { return }
        let isKite = p.shape.kind == .kite
        if !isKite && (p.y + ext < Double(r.y0) || p.y - ext > Double(r.y1)) { return }
        if isKite && p.y - ext > H { return }
        var ox = p.x, oy = p.y
        if p.shape.anchor == .ground && p.rot != 0 {
            // Rotate about the middle of the figure, not its feet.
            let d = 0.5 * p.shape.height * p.unit
            let cy = p.y - d
            ox = p.x - d * dsin(p.rot)
            oy = cy + d * dcos(p.rot)
        }
        var pose = p.pose
        pose.wind = look.wind
        pose.night = look.night
        let paint = Paint(main: p.shape.kind == .sun || p.shape.kind == .star ? look.grade(p.color) : p.color, look: look)
        var k = paint
        if p.shape.kind == .sun || p.shape.kind == .star || p.shape.kind == .moon {
            // Sky lights are not dimmed by the scene light.
            k.main = Pix(look.grade(p.color))
            k.light = Pix(look.grade(RGB.lerp(p.color, .white, 0.4)))
            k.dark = Pix(look.grade(p.color.times(0.8)))
        }
        let pen = Pen(r, x: ox, y: oy, scale: p.unit, rot: p.rot, facing: p.facing, alpha: p.alpha)
        // A soft contact shadow under things standing on the ground.
        if p.shape.anchor == .ground && !p.sky && p.rot == 0 && p.shape.kind != .kite {
            r.ellipse(p.x, p.y + p.unit * 0.01, p.halfW * 0.8, max(1, p.unit * 0.04), 1, 0,
                      Pix(r: 0, g: 0, b: 0), 0.18 * p.alpha)
        }
        Silhouette.draw(p.shape, pen, k, pose)
    }
}
