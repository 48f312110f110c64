/// Scalar, bit-exact ports of `log256_ps` and `sincos256_ps` from avx_mathfun.h
/// (ATen/native/cpu/avx_mathfun.h, after Julien Pommier's sse_mathfun, zlib licence),
/// used by PyTorch's AVX2 `NormalFill16`. Every operation is one IEEE float operation, as
/// the intrinsics are (no fused multiply-add).
enum AVXMathFun {
    /// `log256_ps` for one lane.
    static func log(_ input: Float) -> Float {
        let invalid = input <= 0
        var x = Swift.max(input, Float(bitPattern: 0x0080_0000))  // cut off denormals
        var e = Float(Int32(bitPattern: (x.bitPattern >> 23)) - 0x7F)
        x = Float(bitPattern: (x.bitPattern & ~UInt32(0x7F80_0000)) | Float(0.5).bitPattern)
        e = e + 1
        let lt = x < Float(0.707106781186547524)
        let tmp: Float = lt ? x : 0
        x = x - 1
        e = e - (lt ? 1 : 0)
        x = x + tmp
        let z = x * x
        var y: Float = 7.0376836292E-2
        y = y * x; y = y + -1.1514610310E-1
        y = y * x; y = y + 1.1676998740E-1
        y = y * x; y = y + -1.2420140846E-1
        y = y * x; y = y + 1.4249322787E-1
        y = y * x; y = y + -1.6668057665E-1
        y = y * x; y = y + 2.0000714765E-1
        y = y * x; y = y + -2.4999993993E-1
        y = y * x; y = y + 3.3333331174E-1
        y = y * x
        y = y * z
        var t = e * Float(-2.12194440e-4)
        y = y + t
        t = z * 0.5
        y = y - t
        t = e * Float(0.693359375)
        x = x + y
        x = x + t
        return invalid ? Float(bitPattern: x.bitPattern | 0xFFFF_FFFF) : x
    }

    /// `sincos256_ps` for one lane: (sin, cos).
    static func sincos(_ input: Float) -> (Float, Float) {
        var signBitSin = input.bitPattern & 0x8000_0000
        var x = Float(bitPattern: input.bitPattern & 0x7FFF_FFFF)
        var y = x * Float(1.27323954473516)
        var imm2 = Int32(truncatingIfNeeded: Int64(y.rounded(.towardZero)))  // cvttps
        if !(y < 2_147_483_648) { imm2 = Int32.min }  // cvttps overflow gives 0x80000000
        imm2 = (imm2 &+ 1) & ~1
        y = Float(imm2)
        var imm4 = imm2
        let swapSignBitSin = UInt32(bitPattern: (imm2 & 4) << 29)
        let polyMask = (imm2 & 2) == 0
        x = x + y * Float(-0.78515625)
        x = x + y * Float(-2.4187564849853515625e-4)
        x = x + y * Float(-3.77489497744594108e-8)
        imm4 = imm4 &- 2
        imm4 = ~imm4 & 4
        let signBitCos = UInt32(bitPattern: imm4 << 29)
        signBitSin ^= swapSignBitSin
        let z = x * x
        var y1: Float = 2.443315711809948E-005
        y1 = y1 * z; y1 = y1 + -1.388731625493765E-003
        y1 = y1 * z; y1 = y1 + 4.166664568298827E-002
        y1 = y1 * z
        y1 = y1 * z
        let tmp = z * 0.5
        y1 = y1 - tmp
        y1 = y1 + 1
        var y2: Float = -1.9515295891E-4
        y2 = y2 * z; y2 = y2 + 8.3321608736E-3
        y2 = y2 * z; y2 = y2 + -1.6666654611E-1
        y2 = y2 * z
        y2 = y2 * x
        y2 = y2 + x
        // Polynomial selection: the sine takes y2 where the mask is set, the cosine y1.
        let ysin = polyMask ? y2 : y1
        let ycos = polyMask ? y1 : y2
        return (
            Float(bitPattern: ysin.bitPattern ^ signBitSin),
            Float(bitPattern: ycos.bitPattern ^ signBitCos)
        )
    }
}
