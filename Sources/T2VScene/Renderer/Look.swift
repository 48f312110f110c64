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
}
