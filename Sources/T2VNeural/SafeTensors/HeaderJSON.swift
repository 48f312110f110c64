// A small strict JSON parser for safetensors headers. T2VNeural does not depend on T2VEngine, so
// this is its own (same idea as the engine's parser): bounded depth, exact integers, errors with a
// byte position, duplicate object keys rejected.

/// A parsed JSON value. Numbers keep their text so integers stay exact.
indirect enum HeaderJSON: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([HeaderJSON])
    case object([(String, HeaderJSON)])

    static func == (a: HeaderJSON, b: HeaderJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A short description of the value's type, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let text): return "the number \(text.prefix(24))"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value as a non-negative integer when it is one written without fraction or exponent
    /// and fits `Int`.
    var nonNegativeInt: Int? {
        guard case .number(let text) = self, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var value = 0
        for c in text.utf8 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(c - 48))
            if o1 || o2 { return nil }
            value = s
        }
        return value
    }

    /// Why the text is not JSON, and at which byte of the header.
    struct ParseError: Error {
        let offset: Int
        let reason: String
    }

    static let maxDepth = 64

    /// Parses `bytes` (the whole header) as one JSON value followed only by whitespace (the
    /// safetensors writer pads headers with spaces).
    static func parse(_ bytes: UnsafeRawBufferPointer) throws -> HeaderJSON {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        func error(_ reason: String) -> ParseError { ParseError(offset: position, reason: reason) }

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 }
        }

        mutating func expect(_ literal: StaticString, _ value: HeaderJSON) throws -> HeaderJSON {
            let n = literal.utf8CodeUnitCount
            guard position + n <= bytes.count else { throw error("truncated literal") }
            let lit = literal.utf8Start
            for i in 0..<n where bytes[position + i] != lit[i] { throw error("invalid literal") }
            position += n
            return value
        }

        mutating func parseValue(depth: Int) throws -> HeaderJSON {
            guard depth < HeaderJSON.maxDepth else { throw error("JSON nests deeper than \(HeaderJSON.maxDepth) levels") }
            guard let c = peek else { throw error("unexpected end of header") }
            switch c {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): return try expect("true", .bool(true))
            case UInt8(ascii: "f"): return try expect("false", .bool(false))
            case UInt8(ascii: "n"): return try expect("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw error("unexpected character 0x\(String(c, radix: 16))")
            }
        }

        mutating func parseObject(depth: Int) throws -> HeaderJSON {
            position += 1
            var members = [(String, HeaderJSON)]()
            var keys = Set<String>()
            skipWhitespace()
            if peek == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let keyAt = position
                let key = try parseString()
                guard keys.insert(key).inserted else { throw ParseError(offset: keyAt, reason: "duplicate key '\(key)'") }
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { throw error("expected ':' after key '\(key)'") }
                position += 1
                skipWhitespace()
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard let c = peek else { throw error("unterminated object") }
                position += 1
                if c == UInt8(ascii: "}") { return .object(members) }
                guard c == UInt8(ascii: ",") else { position -= 1; throw error("expected ',' or '}' in object") }
            }
        }

        mutating func parseArray(depth: Int) throws -> HeaderJSON {
            position += 1
            var items = [HeaderJSON]()
            skipWhitespace()
            if peek == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard let c = peek else { throw error("unterminated array") }
                position += 1
                if c == UInt8(ascii: "]") { return .array(items) }
                guard c == UInt8(ascii: ",") else { position -= 1; throw error("expected ',' or ']' in array") }
            }
        }

        mutating func parseNumber() throws -> HeaderJSON {
            let start = position
            if peek == UInt8(ascii: "-") { position += 1 }
            func digits(_ p: inout Parser) -> Int {
                var n = 0
                while let c = p.peek, c >= 48, c <= 57 { p.position += 1; n += 1 }
                return n
            }
            guard let first = peek, first >= 48, first <= 57 else { throw error("invalid number") }
            if first == 48 {
                position += 1
                if let c = peek, c >= 48, c <= 57 { throw error("leading zero in number") }
            } else {
                _ = digits(&self)
            }
            if peek == UInt8(ascii: ".") {
                position += 1
                guard digits(&self) > 0 else { throw error("invalid fraction") }
            }
            if let c = peek, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                position += 1
                if let s = peek, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { position += 1 }
                guard digits(&self) > 0 else { throw error("invalid exponent") }
            }
            guard position - start <= 64 else { throw ParseError(offset: start, reason: "number longer than 64 characters") }
            return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        }

        mutating func hex4() throws -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[position]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: throw error("invalid \\u escape")
                }
                v = v << 4 | d
                position += 1
            }
            return v
        }

        mutating func parseString() throws -> String {
            position += 1  // opening quote
            var out = [UInt8]()
            while true {
                guard let c = peek else { throw error("unterminated string") }
                position += 1
                switch c {
                case UInt8(ascii: "\""):
                    // The header was checked to be UTF-8 as a whole; escapes produce valid scalars.
                    guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8") }
                    return s
                case UInt8(ascii: "\\"):
                    guard let e = peek else { throw error("unterminated escape") }
                    position += 1
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if scalar >= 0xD800 && scalar < 0xDC00 {
                            guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                                  bytes[position + 1] == UInt8(ascii: "u") else { throw error("unpaired surrogate") }
                            position += 2
                            let low = try hex4()
                            guard low >= 0xDC00 && low < 0xE000 else { throw error("unpaired surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if scalar >= 0xDC00 && scalar < 0xE000 {
                            throw error("unpaired surrogate")
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default: throw error("invalid escape \\\(Character(Unicode.Scalar(e)))")
                    }
                case 0..<0x20:
                    throw error("control character in string")
                default:
                    out.append(c)
                }
            }
        }
    }
}
