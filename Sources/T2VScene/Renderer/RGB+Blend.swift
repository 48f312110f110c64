// Colour arithmetic of the renderer: blending, scaling, luma.

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
