// Colour words of the scene reader: the 148 CSS named colours (CSS Color Module Level 4), a few
// everyday extras, and the modifiers light/dark/pale/bright/deep applied to a base colour.

extension SceneReader {
    /// A modifier word placed before a colour ("dark purple", "pale blue", "bright red").
    enum ColorModifier: String, Sendable, CaseIterable {
        case light, dark, pale, bright, deep

        /// Applies the modifier to a colour. CSS compounds that exist ("dark green", "light blue",
        /// "deep pink", "pale green") are read as the CSS colour instead, before this is consulted.
        func apply(to c: RGB) -> RGB {
            func clamp(_ v: Double) -> Double { min(1, max(0, v)) }
            func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
                RGB(a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t)
            }
            let white = RGB(1, 1, 1)
            switch self {
            case .light:
                return mix(c, white, 0.45)
            case .pale:
                let grey = (c.r + c.g + c.b) / 3
                return mix(mix(c, RGB(grey, grey, grey), 0.3), white, 0.55)
            case .dark:
                return RGB(c.r * 0.55, c.g * 0.55, c.b * 0.55)
            case .deep:
                let m = (c.r + c.g + c.b) / 3
                let s = RGB(clamp(m + (c.r - m) * 1.25), clamp(m + (c.g - m) * 1.25), clamp(m + (c.b - m) * 1.25))
                return RGB(s.r * 0.75, s.g * 0.75, s.b * 0.75)
            case .bright:
                let m = (c.r + c.g + c.b) / 3
                let s = RGB(clamp(m + (c.r - m) * 1.35), clamp(m + (c.g - m) * 1.35), clamp(m + (c.b - m) * 1.35))
                let top = max(s.r, s.g, s.b)
                guard top > 0 else { return RGB(0.25, 0.25, 0.25) }
                return RGB(s.r / top, s.g / top, s.b / top)
            }
        }
    }

    /// The 148 CSS named colours, written with spaces between their words ("light goldenrod yellow").
    /// Both the spaced form and the joined CSS form ("lightgoldenrodyellow") are read; hyphens in the
    /// text split words, so "light-blue" reads as "light blue".
    static let cssColors: [(name: String, hex: UInt32)] = [
        ("alice blue", 0xF0F8FF), ("antique white", 0xFAEBD7), ("aqua", 0x00FFFF), ("aquamarine", 0x7FFFD4),
        ("azure", 0xF0FFFF), ("beige", 0xF5F5DC), ("bisque", 0xFFE4C4), ("black", 0x000000),
        ("blanched almond", 0xFFEBCD), ("blue", 0x0000FF), ("blue violet", 0x8A2BE2), ("brown", 0xA52A2A),
        ("burly wood", 0xDEB887), ("cadet blue", 0x5F9EA0), ("chartreuse", 0x7FFF00), ("chocolate", 0xD2691E),
        ("coral", 0xFF7F50), ("cornflower blue", 0x6495ED), ("corn silk", 0xFFF8DC), ("crimson", 0xDC143C),
        ("cyan", 0x00FFFF), ("dark blue", 0x00008B), ("dark cyan", 0x008B8B), ("dark goldenrod", 0xB8860B),
        ("dark gray", 0xA9A9A9), ("dark green", 0x006400), ("dark grey", 0xA9A9A9), ("dark khaki", 0xBDB76B),
        ("dark magenta", 0x8B008B), ("dark olive green", 0x556B2F), ("dark orange", 0xFF8C00),
        ("dark orchid", 0x9932CC), ("dark red", 0x8B0000), ("dark salmon", 0xE9967A),
        ("dark sea green", 0x8FBC8F), ("dark slate blue", 0x483D8B), ("dark slate gray", 0x2F4F4F),
        ("dark slate grey", 0x2F4F4F), ("dark turquoise", 0x00CED1), ("dark violet", 0x9400D3),
        ("deep pink", 0xFF1493), ("deep sky blue", 0x00BFFF), ("dim gray", 0x696969), ("dim grey", 0x696969),
        ("dodger blue", 0x1E90FF), ("fire brick", 0xB22222), ("floral white", 0xFFFAF0),
        ("forest green", 0x228B22), ("fuchsia", 0xFF00FF), ("gainsboro", 0xDCDCDC), ("ghost white", 0xF8F8FF),
        ("gold", 0xFFD700), ("goldenrod", 0xDAA520), ("gray", 0x808080), ("grey", 0x808080), ("green", 0x008000),
        ("green yellow", 0xADFF2F), ("honey dew", 0xF0FFF0), ("hot pink", 0xFF69B4), ("indian red", 0xCD5C5C),
        ("indigo", 0x4B0082), ("ivory", 0xFFFFF0), ("khaki", 0xF0E68C), ("lavender", 0xE6E6FA),
        ("lavender blush", 0xFFF0F5), ("lawn green", 0x7CFC00), ("lemon chiffon", 0xFFFACD),
        ("light blue", 0xADD8E6), ("light coral", 0xF08080), ("light cyan", 0xE0FFFF),
        ("light goldenrod yellow", 0xFAFAD2), ("light gray", 0xD3D3D3), ("light green", 0x90EE90),
        ("light grey", 0xD3D3D3), ("light pink", 0xFFB6C1), ("light salmon", 0xFFA07A),
        ("light sea green", 0x20B2AA), ("light sky blue", 0x87CEFA), ("light slate gray", 0x778899),
        ("light slate grey", 0x778899), ("light steel blue", 0xB0C4DE), ("light yellow", 0xFFFFE0),
        ("lime", 0x00FF00), ("lime green", 0x32CD32), ("linen", 0xFAF0E6), ("magenta", 0xFF00FF),
        ("maroon", 0x800000), ("medium aquamarine", 0x66CDAA), ("medium blue", 0x0000CD),
        ("medium orchid", 0xBA55D3), ("medium purple", 0x9370DB), ("medium sea green", 0x3CB371),
        ("medium slate blue", 0x7B68EE), ("medium spring green", 0x00FA9A), ("medium turquoise", 0x48D1CC),
        ("medium violet red", 0xC71585), ("midnight blue", 0x191970), ("mint cream", 0xF5FFFA),
        ("misty rose", 0xFFE4E1), ("moccasin", 0xFFE4B5), ("navajo white", 0xFFDEAD), ("navy", 0x000080),
        ("old lace", 0xFDF5E6), ("olive", 0x808000), ("olive drab", 0x6B8E23), ("orange", 0xFFA500),
        ("orange red", 0xFF4500), ("orchid", 0xDA70D6), ("pale goldenrod", 0xEEE8AA), ("pale green", 0x98FB98),
        ("pale turquoise", 0xAFEEEE), ("pale violet red", 0xDB7093), ("papaya whip", 0xFFEFD5),
        ("peach puff", 0xFFDAB9), ("peru", 0xCD853F), ("pink", 0xFFC0CB), ("plum", 0xDDA0DD),
        ("powder blue", 0xB0E0E6), ("purple", 0x800080), ("rebecca purple", 0x663399), ("red", 0xFF0000),
        ("rosy brown", 0xBC8F8F), ("royal blue", 0x4169E1), ("saddle brown", 0x8B4513), ("salmon", 0xFA8072),
        ("sandy brown", 0xF4A460), ("sea green", 0x2E8B57), ("sea shell", 0xFFF5EE), ("sienna", 0xA0522D),
        ("silver", 0xC0C0C0), ("sky blue", 0x87CEEB), ("slate blue", 0x6A5ACD), ("slate gray", 0x708090),
        ("slate grey", 0x708090), ("snow", 0xFFFAFA), ("spring green", 0x00FF7F), ("steel blue", 0x4682B4),
        ("tan", 0xD2B48C), ("teal", 0x008080), ("thistle", 0xD8BFD8), ("tomato", 0xFF6347),
        ("turquoise", 0x40E0D0), ("violet", 0xEE82EE), ("wheat", 0xF5DEB3), ("white", 0xFFFFFF),
        ("white smoke", 0xF5F5F5), ("yellow", 0xFFFF00), ("yellow green", 0x9ACD32),
    ]

    /// Everyday colour words that are not CSS names.
    static let extraColors: [(name: String, hex: UInt32)] = [
        ("golden", 0xFFD700), ("silvery", 0xC0C0C0), ("scarlet", 0xFF2400), ("amber", 0xFFBF00),
        ("emerald", 0x50C878), ("jade", 0x00A86B), ("copper", 0xB87333), ("bronze", 0xCD7F32),
        ("cream", 0xFFFDD0), ("rust", 0xB7410E), ("mauve", 0xE0B0FF), ("burgundy", 0x800020),
        ("ruby", 0xE0115F), ("sapphire", 0x0F52BA), ("lilac", 0xC8A2C8), ("ochre", 0xCC7722),
        ("navy blue", 0x000080), ("baby blue", 0x89CFF0), ("reddish", 0xD03030), ("bluish", 0x3050D0),
        ("greenish", 0x30A040), ("yellowish", 0xE0D040), ("pinkish", 0xF0A0B8), ("purplish", 0x8040A0),
        ("brownish", 0x8B5A2B), ("greyish", 0x909090), ("grayish", 0x909090), ("orangey", 0xF09030),
    ]

    static func rgb(_ hex: UInt32) -> RGB {
        RGB(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255)
    }

    /// The colour a CSS name stands for (spaced "light blue" or joined "lightblue"), if any.
    public static func cssColor(named name: String) -> RGB? {
        let key = name.lowercased().filter { $0 != " " && $0 != "-" }
        for (n, hex) in cssColors where n.filter({ $0 != " " }) == key { return rgb(hex) }
        return nil
    }
}
