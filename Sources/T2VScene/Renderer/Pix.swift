/// An 8-bit colour held in Int32 lanes for blending.
struct Pix: Equatable {
    var r: Int32
    var g: Int32
    var b: Int32
    init(r: Int32, g: Int32, b: Int32) {
        self.r = r
        self.g = g
        self.b = b
    }
    init(_ c: RGB) {
        r = Int32(clamp01(c.r) * 255 + 0.5)
        g = Int32(clamp01(c.g) * 255 + 0.5)
        b = Int32(clamp01(c.b) * 255 + 0.5)
    }
}

/// Coverage (0...1) times opacity → blend weight 0...256.
@inline(__always) func weight256(_ a: Double) -> Int32 { Int32(clamp01(a) * 256 + 0.5) }
