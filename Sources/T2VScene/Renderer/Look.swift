// Light and palette of a scene: sky gradient, light colour, weather amounts and mood grading,
// all plain numbers so two scenes can be interpolated during a transition.

extension RGB {
    @inline(__always) static func lerp(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
        RGB(a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t)
    }
    @inline(__always) func times(_ k: Double) -> RGB { RGB(r * k, g * k, b * k) }
    @inline(__always) func times(_ o: RGB) -> RGB { RGB(r * o.r, g * o.g, b * o.b) }
    @inline(__always) var luma: Double { 0.299 * r + 0.587 * g + 0.114 * b }
    static let white = RGB(1, 1, 1)
    static let black = RGB(0, 0, 0)
}

/// Everything about light and atmosphere that changes smoothly between scenes.
struct Look {
    var skyTop = RGB(0.2, 0.45, 0.9)
    var skyHorizon = RGB(0.65, 0.82, 1.0)
    var light = RGB(1, 1, 1)
    var fogColor = RGB(0.8, 0.82, 0.85)
    var fog = 0.0
    var stars = 0.0
    var sunAmount = 1.0
    var moonAmount = 0.0
    var sunX = 0.7
    var sunY = 0.18
    var sunColor = RGB(1.0, 0.95, 0.75)
    var cloudColor = RGB(1, 1, 1)
    var cloudCover = 0.2
    var rain = 0.0
    var snow = 0.0
    var storm = 0.0
    var wind = 0.15
    var night = 0.0
    var underwater = 0.0
    var space = 0.0
    var horizon = 0.55
    // Mood grading.
    var saturation = 1.0
    var brightness = 1.0
    var tint = RGB(1, 1, 1)
    var tintAmount = 0.0

    static func lerp(_ a: Look, _ b: Look, _ t: Double) -> Look {
        var o = a
        o.skyTop = .lerp(a.skyTop, b.skyTop, t)
        o.skyHorizon = .lerp(a.skyHorizon, b.skyHorizon, t)
        o.light = .lerp(a.light, b.light, t)
        o.fogColor = .lerp(a.fogColor, b.fogColor, t)
        o.fog = mixD(a.fog, b.fog, t)
        o.stars = mixD(a.stars, b.stars, t)
        o.sunAmount = mixD(a.sunAmount, b.sunAmount, t)
        o.moonAmount = mixD(a.moonAmount, b.moonAmount, t)
        o.sunX = mixD(a.sunX, b.sunX, t)
        o.sunY = mixD(a.sunY, b.sunY, t)
        o.sunColor = .lerp(a.sunColor, b.sunColor, t)
        o.cloudColor = .lerp(a.cloudColor, b.cloudColor, t)
        o.cloudCover = mixD(a.cloudCover, b.cloudCover, t)
        o.rain = mixD(a.rain, b.rain, t)
        o.snow = mixD(a.snow, b.snow, t)
        o.storm = mixD(a.storm, b.storm, t)
        o.wind = mixD(a.wind, b.wind, t)
        o.night = mixD(a.night, b.night, t)
        o.underwater = mixD(a.underwater, b.underwater, t)
        o.space = mixD(a.space, b.space, t)
        o.horizon = mixD(a.horizon, b.horizon, t)
        o.saturation = mixD(a.saturation, b.saturation, t)
        o.brightness = mixD(a.brightness, b.brightness, t)
        o.tint = .lerp(a.tint, b.tint, t)
        o.tintAmount = mixD(a.tintAmount, b.tintAmount, t)
        return o
    }

    /// Mood grading of any palette colour (sky included).
    @inline(__always) func grade(_ c: RGB) -> RGB {
        let l = c.luma
        var o = RGB(l + (c.r - l) * saturation, l + (c.g - l) * saturation, l + (c.b - l) * saturation)
        o = o.times(brightness)
        o = RGB.lerp(o, o.luma > 0 ? tint.times(o.luma / max(0.05, tint.luma)) : o, tintAmount)
        return RGB(clamp01(o.r), clamp01(o.g), clamp01(o.b))
    }

    /// A lit surface colour: scene light, then mood grading.
    @inline(__always) func lit(_ c: RGB) -> RGB { grade(c.times(light)) }

    /// The look of a scene.
    static func of(_ s: SceneDescription, seed: UInt64) -> Look {
        var k = Look()
        switch s.timeOfDay {
        case .dawn:
            k.skyTop = RGB(0.36, 0.42, 0.70); k.skyHorizon = RGB(1.0, 0.72, 0.66)
            k.light = RGB(0.95, 0.80, 0.78); k.sunX = 0.22; k.sunY = 0.42; k.sunColor = RGB(1.0, 0.78, 0.6)
            k.cloudColor = RGB(1.0, 0.80, 0.82); k.fogColor = RGB(0.95, 0.82, 0.82)
        case .morning:
            k.skyTop = RGB(0.32, 0.56, 0.92); k.skyHorizon = RGB(0.80, 0.88, 0.98)
            k.light = RGB(1.0, 0.97, 0.92); k.sunX = 0.28; k.sunY = 0.22; k.sunColor = RGB(1.0, 0.96, 0.8)
        case .noon:
            k.skyTop = RGB(0.18, 0.42, 0.88); k.skyHorizon = RGB(0.62, 0.80, 1.0)
            k.light = RGB(1.0, 1.0, 0.98); k.sunX = 0.62; k.sunY = 0.1; k.sunColor = RGB(1.0, 0.98, 0.88)
        case .sunset:
            k.skyTop = RGB(0.28, 0.26, 0.55); k.skyHorizon = RGB(1.0, 0.55, 0.24)
            k.light = RGB(1.0, 0.72, 0.52); k.sunX = 0.74; k.sunY = 0.46; k.sunColor = RGB(1.0, 0.62, 0.3)
            k.cloudColor = RGB(1.0, 0.68, 0.55); k.fogColor = RGB(0.95, 0.7, 0.55)
        case .dusk:
            k.skyTop = RGB(0.10, 0.09, 0.28); k.skyHorizon = RGB(0.56, 0.34, 0.55)
            k.light = RGB(0.55, 0.48, 0.66); k.sunAmount = 0.0; k.moonAmount = 0.6; k.stars = 0.35
            k.sunX = 0.7; k.sunY = 0.2; k.cloudColor = RGB(0.6, 0.45, 0.62); k.fogColor = RGB(0.45, 0.38, 0.5)
            k.night = 0.6
        case .night:
            k.skyTop = RGB(0.01, 0.02, 0.07); k.skyHorizon = RGB(0.06, 0.09, 0.20)
            k.light = RGB(0.30, 0.34, 0.50); k.sunAmount = 0.0; k.moonAmount = 1.0; k.stars = 1.0
            k.sunX = 0.72; k.sunY = 0.16; k.cloudColor = RGB(0.25, 0.27, 0.35); k.fogColor = RGB(0.16, 0.18, 0.24)
            k.night = 1.0
        }
        switch s.weather {
        case .clear:
            k.cloudCover = 0.15
        case .clouds:
            k.cloudCover = 0.75
            k.skyTop = RGB.lerp(k.skyTop, RGB(k.skyTop.luma, k.skyTop.luma, k.skyTop.luma), 0.3)
            k.light = k.light.times(0.9)
        case .rain:
            k.cloudCover = 0.9; k.rain = 0.8
            let g = RGB(0.45, 0.48, 0.52).times(k.light.luma)
            k.skyTop = RGB.lerp(k.skyTop, g, 0.6); k.skyHorizon = RGB.lerp(k.skyHorizon, g.times(1.3), 0.6)
            k.light = k.light.times(0.7); k.cloudColor = RGB.lerp(k.cloudColor, RGB(0.55, 0.57, 0.6), 0.7)
            k.sunAmount *= 0.2; k.moonAmount *= 0.3; k.stars *= 0.2; k.fog = 0.12
        case .snow:
            k.cloudCover = 0.7; k.snow = 0.8
            k.skyHorizon = RGB.lerp(k.skyHorizon, RGB(0.85, 0.87, 0.9).times(k.light.luma), 0.5)
            k.light = k.light.times(0.92); k.sunAmount *= 0.5; k.fog = 0.1
        case .fog:
            k.cloudCover = 0.3; k.fog = 0.6; k.sunAmount *= 0.6; k.stars *= 0.3
        case .storm:
            k.cloudCover = 1.0; k.rain = 1.0; k.storm = 1.0; k.wind = 0.7
            let g = RGB(0.22, 0.24, 0.29).times(max(0.35, k.light.luma))
            k.skyTop = RGB.lerp(k.skyTop, g, 0.8); k.skyHorizon = RGB.lerp(k.skyHorizon, g.times(1.5), 0.8)
            k.light = k.light.times(0.5); k.cloudColor = RGB.lerp(k.cloudColor, RGB(0.3, 0.32, 0.36), 0.8)
            k.sunAmount = 0; k.moonAmount *= 0.2; k.stars = 0; k.fog = 0.1
        case .wind:
            k.cloudCover = 0.45; k.wind = 1.0
        }
        switch s.setting {
        case .space:
            k.skyTop = RGB(0, 0, 0.01); k.skyHorizon = RGB(0.02, 0.02, 0.05); k.stars = 1; k.space = 1
            k.sunAmount = 0; k.moonAmount = 0; k.cloudCover = 0; k.rain = 0; k.snow = 0; k.storm = 0; k.fog = 0
            k.light = RGB(0.9, 0.9, 0.95); k.night = 1
        case .underwater:
            k.skyTop = RGB(0.18, 0.62, 0.78).times(0.4 + 0.6 * k.light.luma)
            k.skyHorizon = RGB(0.02, 0.2, 0.38).times(0.4 + 0.6 * k.light.luma)
            k.horizon = 1.0; k.underwater = 1; k.sunAmount = 0; k.moonAmount = 0; k.stars = 0; k.cloudCover = 0
            k.rain = 0; k.snow = 0; k.storm = 0; k.fog = 0.15; k.fogColor = RGB(0.05, 0.3, 0.45)
            // Tinted, but gently enough that a named colour still reads as itself.
            k.light = RGB(0.8, 0.93, 1.0).times(0.55 + 0.45 * k.light.luma)
        case .sky:
            k.cloudCover = max(k.cloudCover, 0.7); k.horizon = 0.9
        case .room:
            k.rain *= 0.6; k.snow *= 0.6
        default:
            break
        }
        switch s.mood {
        case .neutral: break
        case .happy: k.saturation = 1.2; k.brightness = 1.06; k.tint = RGB(1, 0.9, 0.6); k.tintAmount = 0.08
        case .calm: k.saturation = 0.85; k.tint = RGB(0.7, 0.85, 1); k.tintAmount = 0.08
        case .sad: k.saturation = 0.55; k.brightness = 0.9; k.tint = RGB(0.55, 0.65, 0.9); k.tintAmount = 0.18
        case .gloomy: k.saturation = 0.45; k.brightness = 0.75; k.tint = RGB(0.5, 0.55, 0.6); k.tintAmount = 0.2
            k.fog = max(k.fog, 0.15)
        case .mysterious: k.saturation = 0.8; k.brightness = 0.85; k.tint = RGB(0.55, 0.4, 0.9); k.tintAmount = 0.22
            k.fog = max(k.fog, 0.25)
        case .dramatic: k.saturation = 1.3; k.brightness = 0.92; k.tint = RGB(1, 0.6, 0.35); k.tintAmount = 0.12
        case .dreamy: k.saturation = 0.8; k.brightness = 1.08; k.tint = RGB(1, 0.75, 0.95); k.tintAmount = 0.2
            k.fog = max(k.fog, 0.18); k.fogColor = RGB(1, 0.9, 0.97)
        case .scary: k.saturation = 0.6; k.brightness = 0.7; k.tint = RGB(0.5, 0.75, 0.45); k.tintAmount = 0.2
            k.fog = max(k.fog, 0.2)
        case .romantic: k.saturation = 1.1; k.brightness = 1.02; k.tint = RGB(1, 0.6, 0.7); k.tintAmount = 0.16
        }
        if s.timeOfDay != .night && s.timeOfDay != .dusk && s.weather != .fog && s.setting != .underwater {
            k.fogColor = RGB.lerp(k.skyHorizon, RGB(0.85, 0.86, 0.88), 0.5)
        }
        // Text-dependent nuances: a slightly different sun place and sky hue for every text.
        let h = mix64(s.variation ^ seed)
        let j1 = hashUnit(h, 1) - 0.5, j2 = hashUnit(h, 2) - 0.5
        k.sunX = clampD(k.sunX + 0.12 * j1, 0.08, 0.92)
        k.skyTop = RGB(clamp01(k.skyTop.r * (1 + 0.08 * j2)), k.skyTop.g, clamp01(k.skyTop.b * (1 - 0.06 * j2)))
        return k
    }
}

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
