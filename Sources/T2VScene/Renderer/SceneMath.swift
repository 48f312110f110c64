// Deterministic scalar helpers for the procedural renderer: hashing, value noise and a sine
// built from + - * only, so frames are bit-identical on every machine (no libm in the picture).

// floor/ceil/sqrt compile to instructions, but the stdlib's generic paths refer to libm symbols;
// importing the C library makes this module link it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


/// Clamps to 0...1; NaN becomes 0.
@inline(__always) func clamp01(_ x: Double) -> Double { x > 0 ? (x < 1 ? x : 1) : 0 }
/// Clamps to lo...hi; NaN becomes lo.
@inline(__always) func clampD(_ x: Double, _ lo: Double, _ hi: Double) -> Double { x > lo ? (x < hi ? x : hi) : lo }
@inline(__always) func mixD(_ a: Double, _ b: Double, _ t: Double) -> Double { a + (b - a) * t }
@inline(__always) func smooth01(_ x: Double) -> Double {
    let t = clamp01(x)
    return t * t * (3 - 2 * t)
}
@inline(__always) func floorD(_ x: Double) -> Double { x.rounded(.down) }
@inline(__always) func fract(_ x: Double) -> Double { x - x.rounded(.down) }

/// Double → Int that never traps (NaN → 0, out of range → clamped).
@inline(__always) func toInt(_ d: Double) -> Int {
    if d.isNaN { return 0 }
    if d > 1e15 { return 1_000_000_000_000_000 }
    if d < -1e15 { return -1_000_000_000_000_000 }
    return Int(d)
}
@inline(__always) func ifloor(_ d: Double) -> Int { toInt(d.rounded(.down)) }
@inline(__always) func iceil(_ d: Double) -> Int { toInt(d.rounded(.up)) }

let twoPi = 6.283185307179586
let halfPi = 1.5707963267948966

/// sin(x) from a polynomial (error below 1e-7), identical on every platform.
@inline(__always) func dsin(_ x: Double) -> Double {
    if !x.isFinite { return 0 }
    var y = x - twoPi * (x / twoPi).rounded()
    if !(abs(y) <= 3.2) { return 0 }  // argument too large to reduce
    if y > halfPi { y = Double.pi - y } else if y < -halfPi { y = -Double.pi - y }
    let y2 = y * y
    return y * (1 + y2 * (-1.0 / 6 + y2 * (1.0 / 120 + y2 * (-1.0 / 5040 + y2 * (1.0 / 362_880 - y2 / 39_916_800)))))
}
@inline(__always) func dcos(_ x: Double) -> Double { dsin(x + halfPi) }

/// splitmix64 finaliser.
@inline(__always) func mix64(_ v: UInt64) -> UInt64 {
    var z = v &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
@inline(__always) func hashKey(_ seed: UInt64, _ i: Int) -> UInt64 {
    mix64(seed ^ (UInt64(bitPattern: Int64(i)) &* 0xD6E8_FEB8_6659_FD93))
}
/// A uniform value in [0, 1) from (seed, i).
@inline(__always) func hashUnit(_ seed: UInt64, _ i: Int) -> Double {
    Double(hashKey(seed, i) >> 11) * (1.0 / 9_007_199_254_740_992.0)
}
@inline(__always) func hashUnit2(_ seed: UInt64, _ i: Int, _ j: Int) -> Double {
    hashUnit(hashKey(seed, i), j)
}

/// 1-D value noise in [0, 1], smooth in x.
@inline(__always) func vnoise(_ x: Double, _ seed: UInt64) -> Double {
    let fi = x.rounded(.down)
    let f = x - fi
    let i = toInt(fi)
    let a = hashUnit(seed, i)
    let b = hashUnit(seed, i &+ 1)
    return a + (b - a) * (f * f * (3 - 2 * f))
}

/// FNV-1a over a string's UTF-8 bytes (for noun-steered details).
func stableHash(_ s: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01B3
    }
    return h
}
