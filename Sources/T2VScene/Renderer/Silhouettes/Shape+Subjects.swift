// Which silhouette a subject gets: first by the noun itself, then by its family's rules.

extension Shape {
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
