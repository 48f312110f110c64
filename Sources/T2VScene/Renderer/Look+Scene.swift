// The look of a scene: time of day, weather, setting and mood turned into light, sky and grading.

extension Look {
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
