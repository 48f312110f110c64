// Light and palette of a scene: sky gradient, light colour, weather amounts and mood grading,
// all plain numbers so two scenes can be interpolated during a transition.

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

    /// Every field blends during a transition.
    static let blended = BlendedFields<Look>(
        numbers: [\.fog, \.stars, \.sunAmount, \.moonAmount, \.sunX, \.sunY, \.cloudCover, \.rain, \.snow, \.storm,
                  \.wind, \.night, \.underwater, \.space, \.horizon, \.saturation, \.brightness, \.tintAmount],
        colors: [\.skyTop, \.skyHorizon, \.light, \.fogColor, \.sunColor, \.cloudColor, \.tint])

    static func lerp(_ a: Look, _ b: Look, _ t: Double) -> Look { blended.blend(a, a, b, t) }

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
}
