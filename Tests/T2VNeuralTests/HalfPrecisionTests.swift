import T2VNeural
import Testing

@Suite struct HalfPrecisionTests {
    @Test(arguments: [
        (UInt16(0x0000), Float(0)), (0x8000, -0.0), (0x3C00, 1), (0xC000, -2), (0x7BFF, 65504),
        (0x0001, 5.960464477539063e-08), (0x03FF, 6.097555160522461e-05), (0x0400, 6.103515625e-05),
        (0x3555, 0.333251953125), (0x7C00, .infinity), (0xFC00, -.infinity),
    ])
    func halfToFloat(bits: UInt16, expected: Float) {
        let f = HalfPrecision.float(fromHalf: bits)
        #expect(f.bitPattern == expected.bitPattern, "0x\(String(bits, radix: 16)) → \(f), expected \(expected)")
    }

    @Test func halfNaNStaysNaN() {
        #expect(HalfPrecision.float(fromHalf: 0x7E00).isNaN)
    }

    @Test func everyHalfRoundTripsThroughFloat16() {
        // Float16 is the compiler's own conversion: all 65,536 patterns must agree with it.
        for bits in 0...UInt16.max {
            let ours = HalfPrecision.float(fromHalf: bits)
            let reference = Float(Float16(bitPattern: bits))
            #expect(ours.bitPattern == reference.bitPattern || (ours.isNaN && reference.isNaN))
            if ours.bitPattern != reference.bitPattern && !(ours.isNaN && reference.isNaN) { break }
        }
    }

    @Test func bfloat16IsTheUpperHalf() {
        #expect(HalfPrecision.float(fromBFloat16: 0x3F80) == 1)
        #expect(HalfPrecision.float(fromBFloat16: 0xC0A0) == -5)
        let raw: [UInt16] = [0x3F80, 0x4000]
        var out = [Float](repeating: 0, count: 2)
        raw.withUnsafeBytes { HalfPrecision.convert(halfs: $0.baseAddress!, count: 2, bfloat16: true, into: &out) }
        #expect(out == [1, 2])
    }
}
