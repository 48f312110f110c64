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
    // Kinds picked by noun (any family), see `Shape.byNoun`.
    case airship, drone, parachute, satellite
    case snake, turtle, groundBird, bug, frog, ape, bee, octopus, crab, starfish, ray, seal
    case tractor, tank
    case bridge, pyramid, tent, igloo, church, factory
    case rainbow, comet, rock
    case book, chair, lamp, table, clock, cup, bottle, candle, hat, heart, fruit, snowman, flag, screen, sofa
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
    var wings = false
    var horn = false
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

    /// Shapes chosen by the noun itself, before the family's rules: what the text names wins over
    /// the family's generic shape ("kite" is read as an air vehicle but is drawn as a kite).
    static func byNoun(_ n: String, _ fam: SubjectFamily) -> Shape? {
        let words = n.split(separator: " ").map(String.init)
        func w(_ s: String...) -> Bool { s.contains { words.contains($0) } }
        let water = fam == .waterAnimal || fam == .waterVehicle
        func S(_ k: ShapeKind, _ u: Double, _ hw: Double, _ h: Double, _ a: Anchor, _ v: Int = 0) -> Shape {
            Shape(kind: k, unit: u, halfWidth: hw, height: h, anchor: a, variant: v)
        }
        if w("kite") { return S(.kite, 0.13, 0.45, 1.4, .center) }
        if w("astronaut", "spaceman", "cosmonaut") { return S(.person, 0.28, 0.25, 1, .ground, 1) }
        if w("blimp", "airship", "zeppelin") { return S(.airship, 0.12, 1.35, 0.8, .center) }
        if w("spacecraft") { return S(.rocket, 0.22, 0.3, 1.2, .center) }
        if w("drone") { return S(.drone, 0.06, 1.0, 0.7, .center) }
        if w("parachute", "paraglider") { return S(.parachute, 0.16, 0.65, 1.4, .center) }
        if w("satellite") { return S(.satellite, 0.08, 1.25, 0.7, .center) }
        if w("snake") { return S(.snake, 0.08, 1.0, 0.5, .ground) }
        if w("turtle", "tortoise") { return S(.turtle, 0.09, 0.85, 0.65, water ? .center : .ground) }
        if w("chicken", "hen", "rooster", "chick", "turkey", "peacock") {
            return S(.groundBird, w("chick") ? 0.06 : 0.1, 0.5, 1, .ground)
        }
        if w("penguin") { return S(.groundBird, 0.12, 0.4, 1, .ground, 1) }
        if w("ostrich", "emu") { return S(.groundBird, 0.3, 0.5, 1, .ground, 2) }
        if w("ant", "beetle", "ladybug", "ladybird", "scorpion") {
            return S(.bug, fam == .airAnimal ? 0.04 : 0.045, 0.6, 0.6, fam == .airAnimal ? .center : .ground)
        }
        if w("spider") { return S(.bug, 0.06, 0.7, 0.6, .ground, 1) }
        if w("snail") { return S(.bug, 0.06, 0.6, 0.8, .ground, 2) }
        if w("worm", "caterpillar") { return S(.bug, 0.05, 0.7, 0.4, .ground, 3) }
        if w("frog", "toad") { return S(.frog, 0.07, 0.5, 0.7, .ground) }
        if w("monkey", "ape", "gorilla", "chimpanzee") {
            return S(.ape, w("gorilla", "ape") ? 0.24 : 0.16, 0.45, 1, .ground, w("monkey") ? 0 : 1)
        }
        if w("bee", "bumblebee", "wasp", "mosquito", "firefly") { return S(.bee, 0.05, 0.6, 0.8, .center) }
        if w("octopus", "squid") { return S(.octopus, 0.13, 0.6, 1, .center) }
        if w("crab", "lobster", "shrimp") { return S(.crab, w("shrimp") ? 0.05 : 0.07, 0.9, 0.7, .center) }
        if w("starfish") { return S(.starfish, 0.07, 0.5, 1, .center) }
        if w("stingray") || n == "manta ray" { return S(.ray, 0.12, 1.3, 1.1, .center) }
        if w("seal", "walrus", "otter", "manatee") || n == "sea lion" { return S(.seal, 0.1, 1.0, 0.6, .center) }
        if w("tractor", "bulldozer") { return S(.tractor, 0.17, 1.1, 1.3, .ground) }
        if w("tank") { return S(.tank, 0.15, 1.5, 1, .ground) }
        if w("bridge") { return S(.bridge, 0.3, 1.65, 1, .ground) }
        if w("pyramid") { return S(.pyramid, 0.42, 0.9, 1, .ground) }
        if w("tent") { return S(.tent, 0.2, 0.6, 1, .ground) }
        if w("igloo") { return S(.igloo, 0.2, 0.75, 1, .ground) }
        if w("church", "chapel", "cathedral") { return S(.church, 0.42, 0.6, 1, .ground) }
        if w("factory", "mill") { return S(.factory, 0.34, 0.8, 1.2, .ground) }
        if w("rainbow") { return S(.rainbow, 0.45, 1.0, 1, .center) }
        if w("aurora") { return S(.rainbow, 0.45, 1.0, 1, .center, 1) }
        if w("comet", "meteor") || n == "shooting star" { return S(.comet, 0.09, 1.3, 0.8, .center) }
        if w("asteroid") { return S(.rock, 0.1, 0.55, 0.6, .center, 1) }
        if w("rock", "stone", "pebble") { return S(.rock, w("pebble") ? 0.04 : 0.08, 0.55, 0.6, .ground) }
        if fam != .object { return nil }
        if w("book", "letter", "paper") { return S(.book, 0.08, 0.65, 0.6, .ground) }
        if w("chair", "bench") { return S(.chair, 0.15, w("bench") ? 0.8 : 0.4, 1.05, .ground, w("bench") ? 1 : 0) }
        if w("lamp", "lantern", "torch") { return S(.lamp, w("lamp") ? 0.2 : 0.1, 0.35, 1, .ground, w("lamp") ? 0 : 1) }
        if w("table", "desk") { return S(.table, 0.14, 0.75, 0.7, .ground) }
        if w("clock", "hourglass") { return S(.clock, 0.1, 0.5, 1, .ground) }
        if w("cup", "mug", "teapot", "kettle", "bucket") {
            return S(.cup, 0.07, 0.55, 0.8, .ground, w("teapot", "kettle") ? 1 : 0)
        }
        if w("bottle", "vase") { return S(.bottle, 0.1, 0.3, 1, .ground, w("vase") ? 1 : 0) }
        if w("candle") { return S(.candle, 0.08, 0.3, 1.3, .ground) }
        if w("hat", "crown") { return S(.hat, 0.07, 0.55, 0.8, .ground, w("crown") ? 1 : 0) }
        if w("heart") { return S(.heart, 0.08, 0.5, 0.9, .center) }
        if w("apple") { return S(.fruit, 0.05, 0.5, 1, .ground, 0) }
        if w("orange") { return S(.fruit, 0.05, 0.5, 1, .ground, 1) }
        if w("pumpkin") { return S(.fruit, 0.08, 0.6, 1, .ground, 2) }
        if w("egg") { return S(.fruit, 0.045, 0.4, 1, .ground, 3) }
        if w("snowman") { return S(.snowman, 0.2, 0.45, 1, .ground) }
        if w("flag") { return S(.flag, 0.22, 0.45, 1, .ground) }
        if w("television", "computer", "laptop", "phone") {
            return S(.screen, w("phone") ? 0.07 : 0.11, 0.6, 1, .ground, w("phone") ? 1 : 0)
        }
        if w("sofa", "couch", "bed") { return S(.sofa, 0.13, 1.0, 0.8, .ground, w("bed") ? 1 : 0) }
        return nil
    }

    static func of(_ spec: SubjectSpec) -> Shape {
        let n = spec.noun.lowercased()
        if let s = byNoun(n, spec.family) { return s }
        func has(_ s: String) -> Bool { n.contains(s) }
        switch spec.family {
        case .person:
            let u = (has("child") || has("kid") || has("baby") || has("boy") || has("girl")) ? 0.2 : 0.28
            return Shape(kind: .person, unit: u, halfWidth: 0.25, height: 1, anchor: .ground)
        case .landAnimal:
            var q = QuadParams()
            var u = 0.15
            if has("crocodile") || has("alligator") || has("lizard") || has("iguana") {
                q = QuadParams(legLen: 0.14, bodyH: 0.26, bodyLen: 1.2, headU: 0.78, headV: -0.27, headR: 0.1,
                               snout: 0.32, ears: 4, tailLen: 0.85, tailUp: -0.15, legR: 0.05, neckR: 0.09)
                u = has("lizard") || has("iguana") ? 0.06 : 0.1
            } else if has("dinosaur") {
                q = QuadParams(legLen: 0.42, bodyH: 0.42, bodyLen: 1.1, headU: 1.0, headV: -1.35, headR: 0.1,
                               snout: 0.1, ears: 4, tailLen: 0.95, tailUp: -0.25, legR: 0.09, neckR: 0.08)
                u = 0.3
            } else if has("dragon") {
                q = QuadParams(legLen: 0.34, bodyH: 0.34, bodyLen: 1.1, headU: 0.72, headV: -0.95, headR: 0.13,
                               snout: 0.2, ears: 0, tailLen: 0.85, tailUp: -0.2, legR: 0.07, neckR: 0.09,
                               wings: true)
                u = 0.3
            } else if has("unicorn") {
                q = QuadParams(legLen: 0.52, bodyH: 0.27, bodyLen: 0.95, headU: 0.66, headV: -0.95, headR: 0.11,
                               snout: 0.2, ears: 0, tailLen: 0.32, tailUp: -0.6, legR: 0.045, neckR: 0.1, horn: true)
                u = 0.26
            } else if has("horse") || has("zebra") || has("donkey") || has("camel") || has("moose") || has("deer") {
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
            if has("whale") || has("orca") { return Shape(kind: .fish, unit: 0.14, halfWidth: 1.4, height: 0.8, anchor: .center, variant: 3) }
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
            if has("pirate") || has("galleon") {
                return Shape(kind: .ship, unit: 0.24, halfWidth: 1.3, height: 1.1, anchor: .ground, variant: 1)
            }
            if has("ship") || has("ferry") || has("liner") || has("steamer") {
                return Shape(kind: .ship, unit: 0.22, halfWidth: 1.3, height: 1, anchor: .ground)
            }
            let paddle = has("canoe") || has("kayak") || has("raft") || has("gondola") || has("paper") || has("row")
                || has("surf")
            let sail = has("sail") || has("yacht") || has("schooner") || has("catamaran")
            return Shape(kind: .boat, unit: sail ? 0.2 : 0.15, halfWidth: 1.1, height: 1.1, anchor: .ground,
                         variant: paddle ? 1 : (sail ? 0 : 2))
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
            if !has("sun") { return Shape(kind: .star, unit: 0.07, halfWidth: 0.5, height: 1, anchor: .center) }
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
        case .person: person(p, k, pose, suit: shape.variant == 1)
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
        case .ship: ship(shape.variant, p, k, pose)
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
        case .airship: airship(p, k, pose)
        case .drone: drone(p, k, pose)
        case .parachute: parachute(p, k, pose)
        case .satellite: satellite(p, k, pose)
        case .snake: snake(p, k, pose)
        case .turtle: turtle(p, k, pose)
        case .groundBird: groundBird(shape.variant, p, k, pose)
        case .bug: bug(shape.variant, p, k, pose)
        case .frog: frog(p, k, pose)
        case .ape: ape(shape.variant, p, k, pose)
        case .bee: bee(p, k, pose)
        case .octopus: octopus(p, k, pose)
        case .crab: crab(p, k, pose)
        case .starfish: starfish(p, k, pose)
        case .ray: ray(p, k, pose)
        case .seal: seal(p, k, pose)
        case .tractor: tractor(p, k, pose)
        case .tank: tank(p, k, pose)
        case .bridge: bridge(p, k, pose)
        case .pyramid: pyramid(p, k, pose)
        case .tent: tent(p, k, pose)
        case .igloo: igloo(p, k, pose)
        case .church: church(p, k, pose)
        case .factory: factory(p, k, pose)
        case .rainbow: rainbow(shape.variant, p, k, pose)
        case .comet: comet(p, k, pose)
        case .rock: rock(p, k, pose)
        case .book: book(p, k, pose)
        case .chair: chair(shape.variant, p, k, pose)
        case .lamp: lamp(shape.variant, p, k, pose)
        case .table: table(p, k, pose)
        case .clock: clock(p, k, pose)
        case .cup: cup(shape.variant, p, k, pose)
        case .bottle: bottle(shape.variant, p, k, pose)
        case .candle: candle(p, k, pose)
        case .hat: hat(shape.variant, p, k, pose)
        case .heart: heart(p, k, pose)
        case .fruit: fruit(shape.variant, p, k, pose)
        case .snowman: snowman(p, k, pose)
        case .flag: flag(p, k, pose)
        case .screen: screen(shape.variant, p, k, pose)
        case .sofa: sofa(shape.variant, p, k, pose)
        }
    }

    // MARK: people and animals

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
        if variant == 2 {
            p.line(0.25, -0.55, 0.25, -0.85, 0.015, 0.015, k.dark)
            p.poly([-0.35, -0.22, 0.45, -0.22, 0.35, -0.55, -0.3, -0.55], k.white)
            p.box(-0.2, -0.5, 0.3, -0.36, k.glass)
            p.poly([-1.0, -0.25, 1.15, -0.3, 0.75, 0.1, -0.9, 0.1], k.main)
            p.line(-0.95, -0.16, 1.05, -0.2, 0.025, 0.025, k.light)
            return
        }
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

    static func ship(_ variant: Int, _ p: Pen, _ k: Paint, _ q: Pose) {
        if variant == 1 {
            let fl = 0.04 * dsin(q.time * 2.5)
            for (u, top) in [(-0.6, -0.95), (0.05, -1.1), (0.65, -0.85)] {
                p.line(u, -0.2, u, top, 0.025, 0.02, k.wood)
                p.poly([u - 0.3, top + 0.12, u + 0.3 + fl, top + 0.12, u + 0.32 + fl, top + 0.45, u - 0.28, top + 0.45],
                       k.white)
                p.poly([u - 0.26, top + 0.52, u + 0.26 + fl, top + 0.52, u + 0.3 + fl, top + 0.8, u - 0.25, top + 0.8],
                       k.white)
            }
            p.poly([0.05, -1.1, 0.3 + fl, -1.05, 0.05, -1.0], k.black)
            p.poly([-1.3, -0.45, -0.85, -0.3, 1.0, -0.3, 1.35, -0.4, 1.0, 0.1, -1.05, 0.1], k.main)
            p.line(-1.0, -0.15, 1.05, -0.15, 0.02, 0.02, k.dark)
            for u in [-0.6, -0.25, 0.1, 0.45] { p.box(u, -0.25, u + 0.1, -0.18, k.black) }
            return
        }
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

    static func blob(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.ellipse(0, -0.45, 0.48, 0.45, 0, k.main)
        p.ellipse(0.05, -0.28, 0.36, 0.2, 0, k.dark, 0.35)
        p.circle(-0.16, -0.62, 0.1, k.light, 0.6)
    }
}

// MARK: shapes picked by noun

extension Silhouette {
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

    static func tractor(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.box(-0.7, -1.25, -0.05, -1.2, k.dark)
        p.line(-0.68, -1.22, -0.68, -0.62, 0.03, 0.03, k.dark)
        p.line(-0.08, -1.22, -0.08, -0.62, 0.03, 0.03, k.dark)
        p.box(-0.64, -1.15, -0.12, -0.68, k.glass, 0.8)
        p.poly([-0.8, -0.3, 1.05, -0.3, 1.05, -0.62, 0.9, -0.72, -0.8, -0.72], k.main)
        p.line(0.7, -0.72, 0.7, -1.0, 0.03, 0.03, k.black)
        p.line(-0.7, -0.5, 0.9, -0.5, 0.015, 0.015, k.dark)
        let ang = q.wheel
        p.circle(-0.5, -0.45, 0.45, k.black)
        p.circle(-0.5, -0.45, 0.25, k.yellow)
        p.line(-0.5 - 0.2 * dcos(ang), -0.45 - 0.2 * dsin(ang), -0.5 + 0.2 * dcos(ang), -0.45 + 0.2 * dsin(ang),
               0.04, 0.04, k.dark)
        p.circle(0.75, -0.22, 0.22, k.black)
        p.circle(0.75, -0.22, 0.11, k.yellow)
    }

    static func tank(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.line(-1.1, -0.2, 1.1, -0.2, 0.2, 0.2, k.black)
        var u = -1.0
        while u < 1.05 {
            p.circle(u, -0.2, 0.12, k.dark)
            u += 0.33
        }
        p.poly([-1.3, -0.4, 1.2, -0.4, 1.35, -0.55, 1.0, -0.7, -1.2, -0.7], k.main)
        p.line(0.3, -0.85, 1.55, -0.88, 0.05, 0.045, k.dark)
        p.poly([-0.55, -0.68, 0.45, -0.68, 0.4, -0.98, -0.45, -1.02], k.main)
        p.line(-0.55, -0.68, 0.45, -0.68, 0.02, 0.02, k.dark)
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

    static func rock(_ p: Pen, _ k: Paint, _ q: Pose) {
        p.poly([-0.5, 0, -0.46, -0.28, -0.22, -0.5, 0.12, -0.55, 0.42, -0.36, 0.52, 0], k.main)
        p.poly([-0.22, -0.5, 0.12, -0.55, 0.42, -0.36, 0.05, -0.32], k.light, 0.7)
        p.poly([0.05, -0.32, 0.42, -0.36, 0.52, 0, 0.1, 0], k.dark, 0.6)
    }

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

    static func heart(_ p: Pen, _ k: Paint, _ q: Pose) {
        let b = 1 + 0.06 * dsin(q.time * 5)
        p.circle(-0.2 * b, -0.15 * b, 0.25 * b, k.main)
        p.circle(0.2 * b, -0.15 * b, 0.25 * b, k.main)
        p.poly([-0.43 * b, -0.06 * b, 0.43 * b, -0.06 * b, 0, 0.45 * b], k.main)
        p.circle(-0.24 * b, -0.22 * b, 0.08 * b, k.light, 0.6)
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
