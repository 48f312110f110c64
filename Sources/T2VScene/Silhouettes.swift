// Subject silhouettes: each family (and some nouns within it) as a few antialiased primitives in
// local units, placed by a `Pen` (origin, scale, rotation, facing).

enum ShapeKind: Equatable {
    case person, quadruped, bird, butterfly, fish, jellyfish
    case car, bus, truck, bicycle, train
    case boat, ship, submarine
    case plane, helicopter, rocket, hotAirBalloon, saucer
    case house, tower, skyscraper, castle, windmill, lighthouse
    case tree, pine, palm, flower, cactus, bush, mushroom
    case sun, moon, star, planet, cloud
    case ball, kite, balloon, box, umbrella, blob
}

/// Body plan of a four-legged animal, in units of its height (feet at v = 0, up is negative v).
struct QuadParams: Equatable {
    var legLen = 0.45
    var bodyH = 0.32
    var bodyLen = 1.0
    var headU = 0.58
    var headV = -0.88
    var headR = 0.15
    var snout = 0.14
    var ears = 0  // 0 pointed, 1 round, 2 long (rabbit), 3 big flaps (elephant)
    var tailLen = 0.3
    var tailUp = 0.7
    var trunk = false
    var legR = 0.055
    var neckR = 0.09
}

enum Anchor { case ground, center }

/// A resolved silhouette: kind, proportions, natural size.
struct Shape {
    var kind: ShapeKind
    var quad = QuadParams()
    /// One local unit in frame heights at size medium.
    var unit: Double
    /// Half the width and the height of the drawing, in local units (for margins and placement).
    var halfWidth: Double
    var height: Double
    var anchor: Anchor
    /// Variant (fish elongation, bird kind, etc.).
    var variant = 0

    static func of(_ spec: SubjectSpec) -> Shape {
        let n = spec.noun.lowercased()
        func has(_ s: String) -> Bool { n.contains(s) }
        switch spec.family {
        case .person:
            let u = (has("child") || has("kid") || has("baby") || has("boy") || has("girl")) ? 0.2 : 0.28
            return Shape(kind: .person, unit: u, halfWidth: 0.25, height: 1, anchor: .ground)
        case .landAnimal:
            var q = QuadParams()
            var u = 0.15
            if has("horse") || has("zebra") || has("donkey") || has("camel") || has("moose") || has("deer") {
                q = QuadParams(legLen: 0.52, bodyH: 0.27, bodyLen: 0.95, headU: 0.66, headV: -0.95, headR: 0.11,
                               snout: 0.2, ears: 0, tailLen: 0.32, tailUp: -0.6, legR: 0.045, neckR: 0.1)
                u = 0.26
            } else if has("elephant") || has("rhino") || has("hippo") {
                q = QuadParams(legLen: 0.38, bodyH: 0.5, bodyLen: 1.1, headU: 0.62, headV: -0.72, headR: 0.21,
                               snout: 0.05, ears: 3, tailLen: 0.18, tailUp: -0.9, trunk: has("elephant"), legR: 0.1,
                               neckR: 0.16)
                u = 0.3
            } else if has("giraffe") {
                q = QuadParams(legLen: 0.42, bodyH: 0.2, bodyLen: 0.62, headU: 0.62, headV: -0.98, headR: 0.07,
                               snout: 0.1, ears: 0, tailLen: 0.2, tailUp: -0.8, legR: 0.03, neckR: 0.05)
                u = 0.45
            } else if has("cat") || has("kitten") {
                q = QuadParams(legLen: 0.3, bodyH: 0.28, bodyLen: 0.85, headU: 0.5, headV: -0.7, headR: 0.17,
                               snout: 0.04, ears: 0, tailLen: 0.5, tailUp: 1.2, legR: 0.045, neckR: 0.08)
                u = 0.1
            } else if has("rabbit") || has("bunny") || has("hare") || has("mouse") || has("squirrel") {
                q = QuadParams(legLen: 0.15, bodyH: 0.45, bodyLen: 0.62, headU: 0.34, headV: -0.62, headR: 0.16,
                               snout: 0.05, ears: 2, tailLen: 0.1, tailUp: 0.5, legR: 0.06, neckR: 0.1)
                u = 0.08
            } else if has("bear") || has("pig") || has("hog") {
                q = QuadParams(legLen: 0.3, bodyH: 0.5, bodyLen: 1.1, headU: 0.62, headV: -0.6, headR: 0.19,
                               snout: 0.1, ears: 1, tailLen: 0.08, tailUp: 0.5, legR: 0.09, neckR: 0.15)
                u = has("bear") ? 0.22 : 0.13
            } else if has("cow") || has("bull") || has("ox") || has("sheep") || has("goat") || has("lamb") {
                q = QuadParams(legLen: 0.38, bodyH: 0.42, bodyLen: 1.05, headU: 0.62, headV: -0.82, headR: 0.14,
                               snout: 0.12, ears: 1, tailLen: 0.3, tailUp: -1.0, legR: 0.06, neckR: 0.11)
                u = has("cow") || has("bull") || has("ox") ? 0.22 : 0.14
            } else if has("lion") || has("tiger") || has("wolf") || has("leopard") || has("cheetah") {
                q.headR = 0.17
                u = 0.19
            }
            return Shape(kind: .quadruped, quad: q, unit: u, halfWidth: 0.75, height: 1, anchor: .ground)
        case .airAnimal:
            if has("butterfly") || has("moth") || has("bee") {
                return Shape(kind: .butterfly, unit: 0.06, halfWidth: 0.5, height: 1, anchor: .center)
            }
            var v = 0
            var u = 0.07
            if has("eagle") || has("hawk") || has("vulture") || has("condor") { v = 1; u = 0.11 }
            if has("bat") { v = 2 }
            if has("owl") || has("parrot") { u = 0.08 }
            return Shape(kind: .bird, unit: u, halfWidth: 0.7, height: 1.2, anchor: .center, variant: v)
        case .waterAnimal:
            if has("jelly") || has("octopus") || has("squid") {
                return Shape(kind: .jellyfish, unit: 0.12, halfWidth: 0.4, height: 1, anchor: .center)
            }
            if has("whale") { return Shape(kind: .fish, unit: 0.14, halfWidth: 1.4, height: 0.8, anchor: .center, variant: 3) }
            if has("shark") { return Shape(kind: .fish, unit: 0.09, halfWidth: 1.3, height: 0.8, anchor: .center, variant: 1) }
            if has("dolphin") { return Shape(kind: .fish, unit: 0.09, halfWidth: 1.3, height: 0.8, anchor: .center, variant: 2) }
            return Shape(kind: .fish, unit: 0.08, halfWidth: 0.8, height: 0.8, anchor: .center)
        case .landVehicle:
            if has("bicycle") || has("bike") || has("motorcycle") || has("scooter") {
                return Shape(kind: .bicycle, unit: 0.14, halfWidth: 0.9, height: 1, anchor: .ground,
                             variant: has("motor") || has("scooter") ? 1 : 0)
            }
            if has("bus") || has("van") || has("tram") { return Shape(kind: .bus, unit: 0.19, halfWidth: 1.7, height: 1, anchor: .ground) }
            if has("truck") || has("lorry") || has("tractor") {
                return Shape(kind: .truck, unit: 0.18, halfWidth: 1.5, height: 1, anchor: .ground)
            }
            if has("train") || has("locomotive") {
                return Shape(kind: .train, unit: 0.2, halfWidth: 2.2, height: 1, anchor: .ground)
            }
            return Shape(kind: .car, unit: 0.12, halfWidth: 1.35, height: 1, anchor: .ground)
        case .waterVehicle:
            if has("submarine") { return Shape(kind: .submarine, unit: 0.12, halfWidth: 1.3, height: 1, anchor: .center) }
            if has("ship") || has("ferry") || has("liner") || has("steamer") {
                return Shape(kind: .ship, unit: 0.22, halfWidth: 1.3, height: 1, anchor: .ground)
            }
            return Shape(kind: .boat, unit: 0.2, halfWidth: 1.1, height: 1.1, anchor: .ground,
                         variant: has("canoe") || has("kayak") || has("raft") ? 1 : 0)
        case .airVehicle:
            if has("helicopter") { return Shape(kind: .helicopter, unit: 0.1, halfWidth: 1.2, height: 1, anchor: .center) }
            if has("rocket") || has("shuttle") { return Shape(kind: .rocket, unit: 0.22, halfWidth: 0.3, height: 1.2, anchor: .center) }
            if has("balloon") || has("blimp") || has("zeppelin") {
                return Shape(kind: .hotAirBalloon, unit: 0.22, halfWidth: 0.45, height: 1.2, anchor: .center)
            }
            if has("ufo") || has("saucer") || has("spaceship") {
                return Shape(kind: .saucer, unit: 0.1, halfWidth: 1.1, height: 0.8, anchor: .center)
            }
            return Shape(kind: .plane, unit: 0.1, halfWidth: 1.2, height: 0.8, anchor: .center)
        case .building:
            if has("skyscraper") || has("office") || has("apartment") {
                return Shape(kind: .skyscraper, unit: 0.62, halfWidth: 0.27, height: 1, anchor: .ground)
            }
            if has("lighthouse") { return Shape(kind: .lighthouse, unit: 0.5, halfWidth: 0.15, height: 1, anchor: .ground) }
            if has("tower") || has("church") || has("temple") {
                return Shape(kind: .tower, unit: 0.55, halfWidth: 0.18, height: 1, anchor: .ground)
            }
            if has("castle") || has("palace") || has("fort") {
                return Shape(kind: .castle, unit: 0.38, halfWidth: 0.75, height: 1, anchor: .ground)
            }
            if has("windmill") { return Shape(kind: .windmill, unit: 0.42, halfWidth: 0.5, height: 1, anchor: .ground) }
            return Shape(kind: .house, unit: 0.3, halfWidth: 0.62, height: 1, anchor: .ground)
        case .plant:
            if has("flower") || has("rose") || has("tulip") || has("daisy") || has("lily") || has("sunflower") {
                return Shape(kind: .flower, unit: has("sunflower") ? 0.2 : 0.11, halfWidth: 0.25, height: 1,
                             anchor: .ground)
            }
            if has("cactus") { return Shape(kind: .cactus, unit: 0.24, halfWidth: 0.35, height: 1, anchor: .ground) }
            if has("pine") || has("fir") || has("spruce") || has("christmas") {
                return Shape(kind: .pine, unit: 0.48, halfWidth: 0.3, height: 1, anchor: .ground)
            }
            if has("palm") { return Shape(kind: .palm, unit: 0.5, halfWidth: 0.45, height: 1, anchor: .ground) }
            if has("bush") || has("shrub") || has("grass") {
                return Shape(kind: .bush, unit: 0.12, halfWidth: 0.7, height: 1, anchor: .ground)
            }
            if has("mushroom") { return Shape(kind: .mushroom, unit: 0.09, halfWidth: 0.5, height: 1, anchor: .ground) }
            return Shape(kind: .tree, unit: 0.46, halfWidth: 0.42, height: 1, anchor: .ground)
        case .skyBody:
            if has("moon") { return Shape(kind: .moon, unit: 0.15, halfWidth: 0.5, height: 1, anchor: .center) }
            if has("planet") || has("saturn") || has("jupiter") || has("mars") || has("earth") {
                return Shape(kind: .planet, unit: 0.2, halfWidth: 0.8, height: 1, anchor: .center)
            }
            if has("cloud") { return Shape(kind: .cloud, unit: 0.12, halfWidth: 1.1, height: 1, anchor: .center) }
            if has("star") || has("comet") { return Shape(kind: .star, unit: 0.07, halfWidth: 0.5, height: 1, anchor: .center) }
            return Shape(kind: .sun, unit: 0.17, halfWidth: 0.8, height: 1.6, anchor: .center)
        case .object:
            if has("kite") { return Shape(kind: .kite, unit: 0.13, halfWidth: 0.4, height: 1, anchor: .center) }
            if has("balloon") { return Shape(kind: .balloon, unit: 0.11, halfWidth: 0.4, height: 1, anchor: .center) }
            if has("ball") { return Shape(kind: .ball, unit: 0.07, halfWidth: 0.5, height: 1, anchor: .ground) }
            if has("box") || has("crate") || has("cube") || has("present") || has("gift") {
                return Shape(kind: .box, unit: 0.1, halfWidth: 0.55, height: 1, anchor: .ground)
            }
            if has("umbrella") || has("parasol") {
                return Shape(kind: .umbrella, unit: 0.18, halfWidth: 0.55, height: 1, anchor: .ground)
            }
            return Shape(kind: .blob, unit: 0.1, halfWidth: 0.5, height: 1, anchor: .ground)
        }
    }
}

/// Lit colours of one subject instance.
struct Paint {
    var main: Pix
    var dark: Pix
    var light: Pix
    var skin: Pix
    var black: Pix
    var glass: Pix
    var white: Pix
    var wood: Pix
    var leaf: Pix
    var yellow: Pix
    var roof: Pix
    var window: Pix

    init(main m: RGB, look: Look) {
        main = Pix(look.lit(m))
        dark = Pix(look.lit(m.times(0.62)))
        light = Pix(look.lit(RGB.lerp(m, .white, 0.35)))
        skin = Pix(look.lit(RGB(0.93, 0.75, 0.6)))
        black = Pix(look.lit(RGB(0.1, 0.1, 0.11)))
        glass = Pix(look.lit(RGB(0.55, 0.72, 0.85)))
        white = Pix(look.lit(RGB(0.95, 0.95, 0.95)))
        wood = Pix(look.lit(RGB(0.45, 0.3, 0.16)))
        leaf = Pix(look.lit(RGB(0.2, 0.52, 0.2)))
        yellow = Pix(look.lit(RGB(1.0, 0.8, 0.15)))
        roof = Pix(look.lit(RGB(0.62, 0.2, 0.15)))
        let lit = RGB(1.0, 0.85, 0.45)
        window = Pix(RGB.lerp(look.lit(RGB(0.4, 0.5, 0.6)), look.grade(lit), look.night))
    }
}

/// Animation state of one instance.
struct Pose {
    var phase = 0.0      // gait / wing / tail cycle, radians
    var gait = 0.0       // 0 standing … 1 full stride
    var wheel = 0.0      // wheel / rotor angle, radians
    var time = 0.0       // seconds, for flicker and sway
    var wind = 0.0       // 0…1
    var night = 0.0
}

/// Maps local units (u right, v down) to pixels.
struct Pen {
    var ox: Double
    var oy: Double
    var s: Double
    var rot: Double
    var c: Double
    var sn: Double
    var fx: Double
    var alpha: Double
    let r: Raster

    init(_ r: Raster, x: Double, y: Double, scale: Double, rot: Double, facing: Double, alpha: Double) {
        self.r = r
        ox = x
        oy = y
        s = scale
        self.rot = rot
        c = dcos(rot)
        sn = dsin(rot)
        fx = facing < 0 ? -1 : 1
        self.alpha = alpha
    }
    @inline(__always) func X(_ u: Double, _ v: Double) -> Double { ox + s * (fx * u * c - v * sn) }
    @inline(__always) func Y(_ u: Double, _ v: Double) -> Double { oy + s * (fx * u * sn + v * c) }

    func circle(_ u: Double, _ v: Double, _ rad: Double, _ col: Pix, _ a: Double = 1) {
        r.circle(X(u, v), Y(u, v), rad * s, col, alpha * a)
    }
    func ring(_ u: Double, _ v: Double, _ rad: Double, _ t: Double, _ col: Pix) {
        r.ring(X(u, v), Y(u, v), rad * s, max(0.8, t * s), col, alpha)
    }
    func line(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double, _ r0: Double, _ r1: Double, _ col: Pix, _ a: Double = 1) {
        r.capsule(X(u0, v0), Y(u0, v0), X(u1, v1), Y(u1, v1), max(0.45, r0 * s), max(0.45, r1 * s), col, alpha * a)
    }
    func ellipse(_ u: Double, _ v: Double, _ ru: Double, _ rv: Double, _ angle: Double, _ col: Pix, _ a: Double = 1) {
        let t = rot + fx * angle
        r.ellipse(X(u, v), Y(u, v), ru * s, rv * s, dcos(t), dsin(t), col, alpha * a)
    }
    func poly(_ pts: [Double], _ col: Pix, _ a: Double = 1) {
        var q = [Double](repeating: 0, count: pts.count)
        var i = 0
        while i + 1 < pts.count {
            q[i] = X(pts[i], pts[i + 1])
            q[i + 1] = Y(pts[i], pts[i + 1])
            i += 2
        }
        r.polygon(q, col, alpha * a)
    }
    func box(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double, _ col: Pix, _ a: Double = 1) {
        poly([u0, v0, u1, v0, u1, v1, u0, v1], col, a)
    }
}

enum Silhouette {
    static func draw(_ shape: Shape, _ p: Pen, _ k: Paint, _ pose: Pose) {
        switch shape.kind {
        case .person: person(p, k, pose)
        case .quadruped: quadruped(shape.quad, p, k, pose)
        case .bird: bird(shape.variant, p, k, pose)
        case .butterfly: butterfly(p, k, pose)
        case .fish: fish(shape.variant, p, k, pose)
        case .jellyfish: jellyfish(p, k, pose)
        case .car: car(p, k, pose)
        case .bus: bus(p, k, pose)
        case .truck: truck(p, k, pose)
        case .train: train(p, k, pose)
        case .bicycle: bicycle(shape.variant, p, k, pose)
        case .boat: boat(shape.variant, p, k, pose)
        case .ship: ship(p, k, pose)
        case .submarine: submarine(p, k, pose)
        case .plane: plane(p, k, pose)
        case .helicopter: helicopter(p, k, pose)
        case .rocket: rocket(p, k, pose)
        case .hotAirBalloon: hotAirBalloon(p, k, pose)
        case .saucer: saucer(p, k, pose)
        case .house: house(p, k, pose)
        case .tower: tower(p, k, pose)
        case .skyscraper: skyscraper(p, k, pose)
        case .castle: castle(p, k, pose)
        case .windmill: windmill(p, k, pose)
        case .lighthouse: lighthouse(p, k, pose)
        case .tree: tree(p, k, pose)
        case .pine: pine(p, k, pose)
        case .palm: palm(p, k, pose)
        case .flower: flower(p, k, pose)
        case .cactus: cactus(p, k, pose)
        case .bush: bush(p, k, pose)
        case .mushroom: mushroom(p, k, pose)
        case .sun: sun(p, k, pose)
        case .moon: moon(p, k, pose)
        case .star: star(p, k, pose)
        case .planet: planet(p, k, pose)
        case .cloud: cloud(p, k, pose)
        case .ball: ball(p, k, pose)
        case .kite: kite(p, k, pose)
        case .balloon: balloon(p, k, pose)
        case .box: box(p, k, pose)
        case .umbrella: umbrella(p, k, pose)
        case .blob: blob(p, k, pose)
        }
    }

    // MARK: people and animals

    static func person(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sw = 0.5 * q.gait * dsin(q.phase)
        let bob = -0.025 * q.gait * abs(dsin(q.phase))
        let hipV = -0.46 + bob
        let leg = 0.46
        // far leg and arm
        p.line(0, hipV, leg * dsin(-sw), hipV + leg * dcos(sw), 0.05, 0.04, k.dark)
        p.line(0, -0.76 + bob, 0.3 * dsin(sw * 0.9), -0.76 + bob + 0.3 * dcos(sw), 0.038, 0.032, k.dark)
        // torso
        p.line(0, -0.74 + bob, 0, -0.48 + bob, 0.1, 0.095, k.main)
        // near leg
        p.line(0, hipV, leg * dsin(sw), hipV + leg * dcos(sw), 0.05, 0.04, k.dark)
        // head and hair
        p.circle(0.01, -0.9 + bob, 0.085, k.skin)
        p.ellipse(-0.012, -0.945 + bob, 0.085, 0.045, 0, k.black)
        // near arm
        p.line(0, -0.76 + bob, 0.3 * dsin(-sw * 0.9), -0.76 + bob + 0.3 * dcos(sw), 0.038, 0.032, k.main)
        p.circle(0.3 * dsin(-sw * 0.9), -0.76 + bob + 0.3 * dcos(sw), 0.033, k.skin)
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
        p.circle(a.headU, hv, a.headR, k.main)
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

    // MARK: vehicles

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

    static func boat(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
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

    static func ship(_ p: Pen, _ k: Paint, _ q: Pose) {
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
        let rl = 1.2 * abs(dcos(q.wheel))
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

    // MARK: buildings

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

    // MARK: plants

    static func tree(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sway = 0.05 * q.wind * (1 + dsin(q.time * 1.7))
        p.line(0, 0, sway * 0.3, -0.5, 0.07, 0.045, k.wood)
        p.circle(-0.2 + sway, -0.62, 0.2, k.dark)
        p.circle(0.2 + sway, -0.6, 0.2, k.main)
        p.circle(0.0 + sway, -0.78, 0.22, k.main)
        p.circle(-0.12 + sway, -0.52, 0.17, k.main)
        p.circle(0.14 + sway, -0.48, 0.15, k.main)
        p.circle(0.07 + sway, -0.82, 0.1, k.light, 0.6)
    }

    static func pine(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sway = 0.04 * q.wind * (1 + dsin(q.time * 1.9))
        p.box(-0.04, -0.2, 0.04, 0, k.wood)
        p.poly([-0.3, -0.15, 0.3, -0.15, sway * 0.5, -0.55], k.main)
        p.poly([-0.24, -0.4, 0.24, -0.4, sway * 0.8, -0.78], k.main)
        p.poly([-0.17, -0.62, 0.17, -0.62, sway, -1.0], k.main)
    }

    static func palm(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sway = 0.06 * q.wind * (1 + dsin(q.time * 1.5))
        p.line(0, 0, 0.06, -0.45, 0.05, 0.04, k.wood)
        p.line(0.06, -0.45, 0.12 + sway, -0.85, 0.04, 0.035, k.wood)
        let tu = 0.12 + sway, tv = -0.86
        for i in 0..<6 {
            let a = -2.9 + Double(i) * 0.52 + 0.1 * dsin(q.time * 2 + Double(i))
            p.ellipse(tu + 0.22 * dcos(a), tv + 0.16 * dsin(a) + 0.06, 0.25, 0.05, a, k.main)
        }
    }

    static func flower(_ p: Pen, _ k: Paint, _ q: Pose) {
        let sway = 0.08 * (0.3 + q.wind) * dsin(q.time * 2.1)
        p.line(0, 0, sway, -0.72, 0.03, 0.025, k.leaf)
        p.ellipse(0.1, -0.3, 0.12, 0.04, -0.5, k.leaf)
        for i in 0..<6 {
            let a = Double(i) * 1.0472 + q.time * 0.1
            p.circle(sway + 0.12 * dcos(a), -0.8 + 0.12 * dsin(a), 0.1, k.main)
        }
        p.circle(sway, -0.8, 0.08, k.yellow)
    }

    static func cactus(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(0, 0, 0, -0.85, 0.12, 0.11, k.main)
        p.line(-0.3, -0.4, -0.3, -0.62, 0.07, 0.065, k.main)
        p.line(-0.3, -0.4, -0.05, -0.4, 0.07, 0.07, k.main)
        p.line(0.28, -0.5, 0.28, -0.72, 0.065, 0.06, k.main)
        p.line(0.28, -0.5, 0.05, -0.5, 0.065, 0.065, k.main)
        p.line(0.03, -0.05, 0.03, -0.8, 0.02, 0.02, k.light, 0.5)
    }

    static func bush(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.circle(-0.35, -0.3, 0.3, k.dark)
        p.circle(0.35, -0.3, 0.3, k.main)
        p.circle(0, -0.5, 0.42, k.main)
    }

    static func mushroom(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(0, 0, 0, -0.5, 0.12, 0.1, k.white)
        p.poly([-0.5, -0.45, 0.5, -0.45, 0.42, -0.7, 0.2, -0.88, -0.2, -0.88, -0.42, -0.7], k.main)
        p.circle(-0.2, -0.65, 0.07, k.white)
        p.circle(0.18, -0.72, 0.06, k.white)
    }

    // MARK: sky bodies

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

    // MARK: objects

    static func ball(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.circle(0, -0.5, 0.5, k.main)
        let a = q.wheel
        p.line(-0.45 * dcos(a), -0.5 - 0.45 * dsin(a), 0.45 * dcos(a), -0.5 + 0.45 * dsin(a), 0.05, 0.05, k.white, 0.8)
        p.circle(-0.17, -0.68, 0.12, k.light, 0.6)
    }

    static func kite(_ p: Pen, _ k: Paint, _ q: Pose) {
        // string down to the lower frame edge (screen space, independent of rotation)
        let sx = p.X(0, 0.45), sy = p.Y(0, 0.45)
        let gx = sx - p.s * 1.8, gy = Double(p.r.h) + 2
        p.r.capsule(sx, sy, (sx + gx) * 0.5 + p.s * 0.2 * dsin(q.time), (sy + gy) * 0.5, max(0.45, p.s * 0.012),
                    max(0.45, p.s * 0.012), k.white, 0.8 * p.alpha)
        p.r.capsule((sx + gx) * 0.5 + p.s * 0.2 * dsin(q.time), (sy + gy) * 0.5, gx, gy, max(0.45, p.s * 0.012),
                    max(0.45, p.s * 0.012), k.white, 0.8 * p.alpha)
        // tail
        var u0 = 0.0, v0 = 0.45
        for i in 1...5 {
            let u1 = 0.12 * dsin(q.time * 3 + Double(i)), v1 = 0.45 + 0.18 * Double(i)
            p.line(u0, v0, u1, v1, 0.012, 0.012, k.dark)
            p.poly([u1 - 0.07, v1 - 0.05, u1, v1, u1 - 0.07, v1 + 0.05], k.main)
            p.poly([u1 + 0.07, v1 - 0.05, u1 + 0.07, v1 + 0.05, u1, v1], k.main)
            u0 = u1
            v0 = v1
        }
        p.poly([0, -0.5, 0.35, -0.05, 0, 0.45, -0.35, -0.05], k.main)
        p.poly([0, -0.5, 0.35, -0.05, 0, -0.05], k.light)
        p.line(0, -0.5, 0, 0.45, 0.015, 0.015, k.dark)
        p.line(-0.35, -0.05, 0.35, -0.05, 0.015, 0.015, k.dark)
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

    static func blob(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.ellipse(0, -0.45, 0.48, 0.45, 0, k.main)
        p.ellipse(0.05, -0.28, 0.36, 0.2, 0, k.dark, 0.35)
        p.circle(-0.16, -0.62, 0.1, k.light, 0.6)
    }
}
