/// GPT-2/CLIP reversible byte → unicode table.
/// Matches `bytes_to_unicode` in transformers/models/clip/tokenization_clip.py.
enum ByteEncoder {
    /// `table[b]` is the character standing for byte `b`.
    static let table: [Character] = {
        var bs: [Int] = Array(Int(UInt8(ascii: "!"))...Int(UInt8(ascii: "~")))
        bs += Array(0xA1...0xAC)
        bs += Array(0xAE...0xFF)
        var cs = bs
        var n = 0
        for b in 0..<256 where !bs.contains(b) {
            bs.append(b)
            cs.append(256 + n)
            n += 1
        }
        var table = [Character](repeating: " ", count: 256)
        for (b, c) in zip(bs, cs) {
            // Every value is below 0x180: always a valid scalar.
            table[b] = Character(Unicode.Scalar(UInt32(c)) ?? " ")
        }
        return table
    }()
}

extension ByteEncoder {
    /// Character → byte, the inverse of `table`.
    static let decodeTable: [Character: UInt8] = {
        var d: [Character: UInt8] = [:]
        for (b, c) in table.enumerated() { d[c] = UInt8(b) }
        return d
    }()
}
