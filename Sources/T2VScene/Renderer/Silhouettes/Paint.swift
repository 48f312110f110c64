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
