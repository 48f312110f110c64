/// 32-bit Mersenne Twister MT19937. Matches `at::mt19937` (ATen/core/MT19937RNGEngine.h):
/// seeded from the low 32 bits of a 64-bit seed.
struct MersenneTwister: Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var left = 1
    private var next = 0

    init(seed: UInt64) {
        state[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<624 {
            let prev = state[j - 1]
            state[j] = 1_812_433_253 &* (prev ^ (prev >> 30)) &+ UInt32(j)
        }
        left = 1
        next = 0
    }

    @inline(__always)
    private static func twist(_ u: UInt32, _ v: UInt32) -> UInt32 {
        let mixed = (u & 0x8000_0000) | (v & 0x7FFF_FFFF)
        return (mixed >> 1) ^ ((v & 1) != 0 ? 0x9908_B0DF : 0)
    }

    private mutating func nextState() {
        left = 624
        next = 0
        let n = 624, m = 397
        for p in 0..<(n - m) { state[p] = state[p + m] ^ Self.twist(state[p], state[p + 1]) }
        for p in (n - m)..<(n - 1) { state[p] = state[p + m - n] ^ Self.twist(state[p], state[p + 1]) }
        state[n - 1] = state[m - 1] ^ Self.twist(state[n - 1], state[0])
    }

    /// `engine_()`: the next 32-bit output.
    @inline(__always)
    mutating func nextUInt32() -> UInt32 {
        left -= 1
        if left == 0 { nextState() }
        var y = state[next]
        next += 1
        y ^= (y >> 11)
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= (y >> 18)
        return y
    }

    /// `CPUGeneratorImpl::random64()`: two outputs, the first in the high half.
    @inline(__always)
    mutating func nextUInt64() -> UInt64 {
        let hi = UInt64(nextUInt32())
        let lo = UInt64(nextUInt32())
        return (hi << 32) | lo
    }
}
