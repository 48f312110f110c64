// Parallax ground layers: each setting is three layers (far, mid, near) described by numbers
// (profile, base line, amplitude, colours, texture, decoration), so a transition interpolates the
// per-column heights and colours of two settings instead of cross-fading pictures.

enum Profile { case flat, smooth, ridged, blocks, bumps, dunes }
enum LayerTexture { case none, water, road, grass, windows, floor, wall }
enum Deco { case none, trees, pines, houses, cactus, seaweed, sparseTrees }

struct LayerSpec {
    var profile: Profile = .flat
    var base = 1.3
    var amp = 0.0
    var freq = 2.0
    var parallax = 0.5
    var top = RGB(0.3, 0.3, 0.3)
    var bottom = RGB(0.3, 0.3, 0.3)
    var snowLine = -0.3
    var texture: LayerTexture = .none
    var deco: Deco = .none
    var salt: UInt64 = 0

    var hidden: Bool { base > 1.05 }

    static func hiddenLike(_ p: Double) -> LayerSpec { LayerSpec(parallax: p) }

    /// The three layers of a setting, far to near.
    static func layers(_ s: Setting) -> [LayerSpec] {
        let salt = stableHash(s.rawValue)
        var a = LayerSpec(parallax: 0.25), b = LayerSpec(parallax: 0.5), c = LayerSpec(parallax: 0.9)
        func set(_ l: inout LayerSpec, _ p: Profile, _ base: Double, _ amp: Double, _ f: Double, _ t: RGB, _ bo: RGB,
                 _ tex: LayerTexture = .none, _ d: Deco = .none) {
            l.profile = p; l.base = base; l.amp = amp; l.freq = f; l.top = t; l.bottom = bo; l.texture = tex; l.deco = d
        }
        switch s {
        case .field:
            set(&a, .smooth, 0.57, 0.06, 1.6, RGB(0.45, 0.62, 0.55), RGB(0.38, 0.58, 0.4))
            set(&b, .smooth, 0.65, 0.05, 2.5, RGB(0.35, 0.62, 0.25), RGB(0.3, 0.55, 0.2), .none, .sparseTrees)
            set(&c, .smooth, 0.75, 0.025, 1.2, RGB(0.42, 0.72, 0.28), RGB(0.3, 0.6, 0.2), .grass)
        case .forest:
            set(&a, .bumps, 0.56, 0.1, 18, RGB(0.22, 0.38, 0.32), RGB(0.2, 0.35, 0.28), .none, .pines)
            set(&b, .smooth, 0.66, 0.02, 2, RGB(0.2, 0.38, 0.18), RGB(0.18, 0.32, 0.15), .none, .trees)
            set(&c, .smooth, 0.79, 0.02, 1.5, RGB(0.3, 0.42, 0.2), RGB(0.25, 0.3, 0.15), .grass)
        case .ocean:
            set(&a, .flat, 0.5, 0, 1, RGB(0.15, 0.4, 0.6), RGB(0.05, 0.25, 0.45), .water)
            b.top = a.top; b.bottom = a.bottom; c.top = a.top; c.bottom = a.bottom
        case .beach:
            set(&a, .flat, 0.5, 0, 1, RGB(0.15, 0.45, 0.62), RGB(0.1, 0.38, 0.55), .water)
            set(&b, .smooth, 0.68, 0.02, 1.5, RGB(0.82, 0.72, 0.52), RGB(0.88, 0.78, 0.58))
            set(&c, .smooth, 0.83, 0.015, 1, RGB(0.95, 0.86, 0.65), RGB(0.92, 0.82, 0.6))
        case .lake:
            set(&a, .bumps, 0.5, 0.06, 10, RGB(0.2, 0.36, 0.3), RGB(0.2, 0.34, 0.28), .none, .pines)
            set(&b, .flat, 0.53, 0, 1, RGB(0.3, 0.5, 0.6), RGB(0.2, 0.4, 0.5), .water)
            set(&c, .smooth, 0.8, 0.03, 1.5, RGB(0.35, 0.6, 0.25), RGB(0.3, 0.52, 0.2), .grass)
        case .cityStreet:
            set(&a, .blocks, 0.52, 0.3, 12, RGB(0.5, 0.55, 0.65), RGB(0.45, 0.5, 0.6), .windows)
            set(&b, .blocks, 0.67, 0.36, 6, RGB(0.42, 0.42, 0.48), RGB(0.38, 0.38, 0.42), .windows)
            set(&c, .flat, 0.78, 0, 1, RGB(0.35, 0.35, 0.37), RGB(0.28, 0.28, 0.3), .road)
        case .village:
            set(&a, .smooth, 0.56, 0.08, 1.8, RGB(0.42, 0.58, 0.5), RGB(0.4, 0.55, 0.45))
            set(&b, .smooth, 0.67, 0.03, 2, RGB(0.4, 0.62, 0.28), RGB(0.35, 0.56, 0.24), .none, .houses)
            set(&c, .smooth, 0.8, 0.02, 1, RGB(0.45, 0.68, 0.3), RGB(0.38, 0.6, 0.25), .grass)
        case .desert:
            set(&a, .dunes, 0.56, 0.07, 2, RGB(0.88, 0.72, 0.5), RGB(0.85, 0.7, 0.48))
            set(&b, .dunes, 0.65, 0.08, 3, RGB(0.92, 0.74, 0.48), RGB(0.88, 0.68, 0.42), .none, .cactus)
            set(&c, .smooth, 0.8, 0.025, 1, RGB(0.95, 0.8, 0.55), RGB(0.9, 0.75, 0.5))
        case .mountains:
            set(&a, .ridged, 0.6, 0.38, 2.2, RGB(0.45, 0.5, 0.62), RGB(0.4, 0.45, 0.55))
            a.snowLine = 0.36
            set(&b, .ridged, 0.68, 0.2, 4, RGB(0.32, 0.36, 0.38), RGB(0.3, 0.34, 0.32))
            b.snowLine = 0.52
            set(&c, .smooth, 0.81, 0.03, 1.3, RGB(0.38, 0.6, 0.28), RGB(0.32, 0.52, 0.22), .grass)
        case .snow:
            set(&a, .smooth, 0.56, 0.08, 1.6, RGB(0.8, 0.85, 0.94), RGB(0.78, 0.83, 0.92))
            set(&b, .smooth, 0.66, 0.05, 2.4, RGB(0.9, 0.92, 0.97), RGB(0.86, 0.89, 0.95), .none, .pines)
            set(&c, .smooth, 0.8, 0.02, 1.2, RGB(0.96, 0.97, 1.0), RGB(0.9, 0.92, 0.96))
        case .space, .sky:
            break
        case .room:
            set(&a, .flat, -0.05, 0, 1, RGB(0.85, 0.78, 0.65), RGB(0.8, 0.72, 0.6), .wall)
            a.parallax = 0.05
            set(&c, .flat, 0.74, 0, 1, RGB(0.55, 0.38, 0.22), RGB(0.45, 0.3, 0.17), .floor)
            c.parallax = 0.3
        case .underwater:
            set(&a, .ridged, 0.72, 0.14, 3, RGB(0.1, 0.3, 0.4), RGB(0.08, 0.25, 0.35))
            set(&b, .smooth, 0.83, 0.04, 1.5, RGB(0.6, 0.6, 0.5), RGB(0.5, 0.5, 0.42), .none, .seaweed)
        }
        a.salt = salt &+ 1
        b.salt = salt &+ 2
        c.salt = salt &+ 3
        return [a, b, c]
    }

    /// Profile height in 0...1 at u (in feature periods) and a block shade (1 for smooth profiles).
    @inline(__always) func height(_ u: Double) -> (Double, Double) {
        switch profile {
        case .flat:
            return (0, 1)
        case .smooth:
            return (0.65 * vnoise(u, salt) + 0.35 * vnoise(u * 2.7 + 13, salt &+ 7), 1)
        case .ridged:
            let i = ifloor(u)
            var best = 0.0
            for j in (i - 1)...(i + 1) {
                let c = Double(j) + 0.5 + 0.5 * (hashUnit2(salt, j, 1) - 0.5)
                let a = 0.45 + 0.55 * hashUnit2(salt, j, 2)
                let k = 1.3 + hashUnit2(salt, j, 3)
                let hh = a * (1 - abs(u - c) * k)
                if hh > best { best = hh }
            }
            return (clamp01(best + 0.06 * vnoise(u * 9, salt &+ 5)), 1)
        case .blocks:
            let i = ifloor(u)
            return (0.25 + 0.75 * hashUnit2(salt, i, 1), 0.78 + 0.22 * hashUnit2(salt, i, 2))
        case .bumps:
            let i = ifloor(u)
            let f = u - Double(i)
            let a = 0.5 + 0.5 * hashUnit2(salt, i, 1)
            let q = 2 * f - 1
            return (0.35 + 0.65 * a * (max(0, 1 - q * q)).squareRoot(), 1)
        case .dunes:
            let v = u + 0.3 * vnoise(u * 0.7, salt)
            let i = ifloor(v)
            let f = v - Double(i)
            let s = f < 0.65 ? f / 0.65 : (1 - f) / 0.35
            return (smooth01(s) * (0.5 + 0.5 * hashUnit2(salt, i, 1)), 1)
        }
    }
}
