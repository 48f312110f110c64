/// Natural colours of nouns (used when the text names no colour).
enum NaturalColor {
    /// Natural colours of nouns whose shape is picked by the noun (`Shape.byNoun`), whatever their family.
    static func byNoun(_ n: String, _ pick: Double) -> RGB? {
        let words = n.split(separator: " ").map(String.init)
        func w(_ s: String...) -> Bool { s.contains { words.contains($0) } }
        if w("astronaut", "spaceman", "cosmonaut") { return RGB(0.93, 0.93, 0.95) }
        if w("kite") {
            let kites = [RGB(0.9, 0.15, 0.2), RGB(0.15, 0.4, 0.85), RGB(0.98, 0.75, 0.1), RGB(0.2, 0.65, 0.3)]
            return kites[min(kites.count - 1, Int(pick * Double(kites.count)))]
        }
        if w("blimp", "airship", "zeppelin", "satellite") { return RGB(0.78, 0.8, 0.84) }
        if w("drone", "tank") { return w("tank") ? RGB(0.38, 0.42, 0.26) : RGB(0.25, 0.26, 0.28) }
        if w("parachute", "paraglider") { return RGB(0.95, 0.45, 0.15) }
        if w("turtle", "tortoise", "dragon", "dinosaur", "crocodile", "alligator") { return RGB(0.33, 0.55, 0.28) }
        if w("chicken", "hen", "rooster", "unicorn", "snowman", "igloo", "egg", "snowball", "candle") {
            return RGB(0.95, 0.93, 0.88)
        }
        if w("chick", "bee", "bumblebee", "firefly") { return RGB(0.98, 0.82, 0.12) }
        if w("turkey", "ostrich", "emu", "monkey", "chimpanzee", "snail", "otter", "wood") { return RGB(0.45, 0.3, 0.18) }
        if w("penguin", "ant", "spider", "gorilla", "ape", "hat", "beetle", "wasp", "mosquito", "television", "computer",
             "laptop", "phone") { return RGB(0.14, 0.14, 0.16) }
        if w("peacock") { return RGB(0.1, 0.45, 0.65) }
        if w("ladybug", "ladybird", "heart", "apple", "crab", "lobster", "octopus", "flag") { return RGB(0.85, 0.15, 0.15) }
        if w("worm", "shrimp") { return RGB(0.9, 0.55, 0.55) }
        if w("caterpillar", "frog", "toad", "snake") { return RGB(0.35, 0.65, 0.25) }
        if w("scorpion", "pyramid") { return RGB(0.85, 0.7, 0.42) }
        if w("squid", "jellyfish") { return RGB(0.85, 0.6, 0.9) }
        if w("starfish", "orange", "pumpkin", "tent") { return RGB(0.95, 0.5, 0.12) }
        if n == "sea lion" || n == "manta ray" { return RGB(0.45, 0.4, 0.36) }
        if w("orca") { return RGB(0.12, 0.12, 0.15) }
        if w("stingray", "seal", "walrus", "manatee", "rock", "stone", "pebble", "asteroid") { return RGB(0.52, 0.52, 0.55) }
        if w("tractor", "fire") { return RGB(0.85, 0.12, 0.1) }
        if w("bridge") { return RGB(0.75, 0.28, 0.18) }
        if w("factory", "mill") { return RGB(0.6, 0.3, 0.22) }
        if w("church", "chapel", "cathedral") { return RGB(0.85, 0.83, 0.78) }
        if w("book") { return pick < 0.5 ? RGB(0.7, 0.15, 0.15) : RGB(0.15, 0.3, 0.65) }
        if w("chair", "bench", "table", "desk", "sofa", "couch") { return RGB(0.6, 0.4, 0.22) }
        if w("lamp") { return RGB(0.95, 0.85, 0.55) }
        if w("lantern", "torch", "crown", "clock") { return RGB(0.85, 0.65, 0.15) }
        if w("cup", "mug", "teapot", "kettle", "bucket") { return RGB(0.9, 0.9, 0.92) }
        if w("bottle", "vase") { return RGB(0.2, 0.55, 0.35) }
        if w("bed") { return RGB(0.3, 0.45, 0.75) }
        return nil
    }

    static func of(_ spec: SubjectSpec, _ h: UInt64) -> RGB {
        let n = spec.noun.lowercased()
        func has(_ s: String) -> Bool { n.contains(s) }
        let pick = hashUnit(h, 77)
        if let c = byNoun(n, pick) { return c }
        switch spec.family {
        case .person:
            let shirts = [RGB(0.2, 0.35, 0.75), RGB(0.75, 0.2, 0.2), RGB(0.2, 0.55, 0.3), RGB(0.85, 0.6, 0.15),
                          RGB(0.45, 0.3, 0.6), RGB(0.15, 0.5, 0.6)]
            return shirts[min(shirts.count - 1, Int(pick * Double(shirts.count)))]
        case .landAnimal:
            if has("elephant") || has("rhino") || has("hippo") || has("wolf") || has("mouse") || has("donkey") {
                return RGB(0.55, 0.55, 0.58)
            }
            if has("sheep") || has("lamb") || has("goat") || has("polar") || has("cow") { return RGB(0.93, 0.92, 0.88) }
            if has("pig") { return RGB(0.95, 0.68, 0.7) }
            if has("lion") || has("camel") || has("giraffe") || has("deer") { return RGB(0.85, 0.65, 0.35) }
            if has("tiger") || has("fox") { return RGB(0.92, 0.5, 0.15) }
            if has("bear") || has("horse") || has("moose") { return RGB(0.4, 0.26, 0.15) }
            if has("frog") || has("lizard") || has("crocodile") || has("snake") { return RGB(0.3, 0.6, 0.25) }
            if has("cat") { return RGB(0.55, 0.5, 0.45) }
            return RGB(0.6, 0.42, 0.25)
        case .airAnimal:
            if has("crow") || has("raven") || has("bat") { return RGB(0.12, 0.12, 0.14) }
            if has("parrot") { return RGB(0.15, 0.7, 0.25) }
            if has("swan") || has("gull") || has("dove") || has("duck") || has("goose") { return RGB(0.94, 0.94, 0.92) }
            if has("butterfly") { return RGB(0.95, 0.55, 0.1) }
            if has("bee") { return RGB(0.95, 0.8, 0.1) }
            if has("eagle") || has("hawk") || has("owl") { return RGB(0.45, 0.3, 0.18) }
            if has("flamingo") { return RGB(0.98, 0.55, 0.65) }
            return RGB(0.32, 0.3, 0.34)
        case .waterAnimal:
            if has("shark") || has("dolphin") { return RGB(0.5, 0.56, 0.62) }
            if has("whale") { return RGB(0.25, 0.32, 0.45) }
            if has("jelly") { return RGB(0.85, 0.6, 0.9) }
            if has("turtle") { return RGB(0.35, 0.55, 0.3) }
            if has("octopus") || has("crab") { return RGB(0.9, 0.35, 0.25) }
            return RGB(1.0, 0.55, 0.12)
        case .landVehicle:
            if has("bus") || has("taxi") || has("cab") { return RGB(0.98, 0.78, 0.1) }
            if has("fire") || has("tractor") { return RGB(0.85, 0.12, 0.1) }
            if has("train") || has("tram") { return RGB(0.2, 0.35, 0.65) }
            let cars = [RGB(0.8, 0.12, 0.12), RGB(0.15, 0.3, 0.7), RGB(0.9, 0.9, 0.92), RGB(0.2, 0.2, 0.22),
                        RGB(0.2, 0.55, 0.35)]
            return cars[min(cars.count - 1, Int(pick * Double(cars.count)))]
        case .waterVehicle:
            if has("submarine") { return RGB(0.95, 0.8, 0.1) }
            return RGB(0.95, 0.95, 0.93)
        case .airVehicle:
            if has("balloon") { return RGB(0.9, 0.25, 0.2) }
            if has("helicopter") { return RGB(0.85, 0.2, 0.15) }
            if has("ufo") || has("saucer") || has("spaceship") { return RGB(0.7, 0.72, 0.78) }
            return RGB(0.94, 0.94, 0.96)
        case .building:
            if has("skyscraper") || has("tower") && !has("clock") { return RGB(0.55, 0.62, 0.72) }
            if has("castle") || has("church") || has("temple") { return RGB(0.7, 0.68, 0.62) }
            if has("barn") { return RGB(0.7, 0.15, 0.12) }
            if has("lighthouse") { return RGB(0.95, 0.95, 0.95) }
            return RGB(0.92, 0.85, 0.7)
        case .plant:
            if has("flower") || has("rose") || has("tulip") { return RGB(0.95, 0.3, 0.45) }
            if has("sunflower") || has("dandelion") { return RGB(1.0, 0.82, 0.1) }
            if has("cactus") { return RGB(0.3, 0.6, 0.3) }
            if has("pine") || has("fir") || has("spruce") { return RGB(0.12, 0.38, 0.2) }
            if has("mushroom") { return RGB(0.85, 0.15, 0.12) }
            return RGB(0.22, 0.55, 0.2)
        case .skyBody:
            if has("moon") { return RGB(0.92, 0.92, 0.85) }
            if has("planet") || has("mars") { return RGB(0.85, 0.5, 0.3) }
            if has("cloud") { return RGB(1, 1, 1) }
            if has("star") || has("comet") { return RGB(1.0, 0.95, 0.7) }
            return RGB(1.0, 0.85, 0.25)
        case .object:
            if has("box") || has("crate") || has("chair") || has("table") || has("guitar") { return RGB(0.7, 0.5, 0.3) }
            if has("kite") { return RGB(0.9, 0.2, 0.25) }
            if has("balloon") { return RGB(0.95, 0.25, 0.3) }
            if has("umbrella") { return RGB(0.2, 0.3, 0.7) }
            if has("ball") { return RGB(0.95, 0.4, 0.1) }
            if has("robot") || has("car") { return RGB(0.7, 0.72, 0.75) }
            return RGB(0.6, 0.45, 0.7)
        }
    }
}
