// Conversions from the 16-bit float formats that checkpoints store (IEEE fp16, bfloat16) to Float.
// Written out bit by bit so they are exact and identical on every machine.

public enum HalfPrecision {
    /// IEEE 754 binary16 → binary32, exact for every input (subnormals, infinities, NaN payloads).
    @inline(__always)
    public static func float(fromHalf bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        var mantissa = UInt32(bits) & 0x3FF
        let result: UInt32
        if exponent == 0 {
            if mantissa == 0 {
                result = sign
            } else {
                // Subnormal: normalise.
                var e: UInt32 = 127 - 15 + 1
                while mantissa & 0x400 == 0 {
                    mantissa <<= 1
                    e -= 1
                }
                result = sign | (e << 23) | ((mantissa & 0x3FF) << 13)
            }
        } else if exponent == 0x1F {
            result = sign | 0x7F80_0000 | (mantissa << 13)
        } else {
            result = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13)
        }
        return Float(bitPattern: result)
    }

    /// bfloat16 → binary32: the upper half of a binary32.
    @inline(__always)
    public static func float(fromBFloat16 bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// Converts `count` little-endian 16-bit values at `source` into `destination`.
    public static func convert(
        halfs source: UnsafeRawPointer, count: Int, bfloat16: Bool, into destination: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<count {
            let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            destination[i] = bfloat16 ? float(fromBFloat16: bits) : float(fromHalf: bits)
        }
    }
}
