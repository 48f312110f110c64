// A strict RFC 8259 parser: bounded depth, exact Int64 integers, duplicate keys rejected, UTF-8
// validated, and every error carrying the byte offset where it went wrong.

/// Why JSON text could not be parsed.
public struct JSONParseError: Error, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

extension JSONValue {
    /// Limits that keep hostile input from exhausting the stack or memory.
    public static let maxDepth = 64

    /// Parses JSON text (RFC 8259). Duplicate object keys are an error.
    public static func parse(_ text: String) throws -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses UTF-8 JSON bytes: one value, optionally surrounded by whitespace (safetensors pads
    /// its header with spaces). Strings must be valid UTF-8; integers that fit Int64 stay exact.
    public static func parse(bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.parseValue(depth: 0)
        parser.skipSpace()
        guard parser.pos == parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    var pos = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: pos) }

    mutating func skipSpace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == 0x09 {
            pos += 1
        }
    }

    mutating func parseValue(depth: Int) throws -> JSONValue {
        guard depth < JSONValue.maxDepth else { throw error("nested deeper than \(JSONValue.maxDepth) levels") }
        guard pos < bytes.count else { throw error("unexpected end of text") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return try parseNumber()
        }
    }

    mutating func expect(_ word: String) throws {
        for b in word.utf8 {
            guard pos < bytes.count, bytes[pos] == b else { throw error("expected '\(word)'") }
            pos += 1
        }
    }

    mutating func parseObject(depth: Int) throws -> JSONValue {
        var members: [(String, JSONValue)] = []
        var seen = Set<String>()
        try parseElements(close: "}", what: "an object") { parser in
            guard parser.pos < parser.bytes.count, parser.bytes[parser.pos] == UInt8(ascii: "\"") else {
                throw parser.error("expected a key string")
            }
            let key = try parser.parseString()
            guard seen.insert(key).inserted else { throw parser.error("duplicate key '\(key)'") }
            parser.skipSpace()
            guard parser.pos < parser.bytes.count, parser.bytes[parser.pos] == UInt8(ascii: ":") else {
                throw parser.error("expected ':'")
            }
            parser.pos += 1
            parser.skipSpace()
            members.append((key, try parser.parseValue(depth: depth + 1)))
        }
        return .object(members)
    }

    mutating func parseArray(depth: Int) throws -> JSONValue {
        var items: [JSONValue] = []
        try parseElements(close: "]", what: "an array") { parser in items.append(try parser.parseValue(depth: depth + 1)) }
        return .array(items)
    }

    /// The comma-separated elements of an object or array, from its opening bracket (at `pos`)
    /// to `close`; `element` parses one (from its first character).
    mutating func parseElements(close: Unicode.Scalar, what: String, _ element: (inout JSONParser) throws -> Void) throws {
        let closing = UInt8(ascii: close)
        pos += 1
        skipSpace()
        if pos < bytes.count, bytes[pos] == closing {
            pos += 1
            return
        }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            guard pos < bytes.count else { throw error("unexpected end of text in \(what)") }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            guard bytes[pos] == closing else { throw error("expected ',' or '\(close)'") }
            pos += 1
            return
        }
    }

    mutating func parseHex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("bad hex digit in \\u escape")
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }

    mutating func parseString() throws -> String {
        pos += 1
        var scalars = String.UnicodeScalarView()
        var run = [UInt8]()
        func flush(_ run: inout [UInt8], into scalars: inout String.UnicodeScalarView) throws {
            if run.isEmpty { return }
            guard let s = String(validating: run, as: UTF8.self) else {
                throw JSONParseError(message: "string is not valid UTF-8", offset: pos)
            }
            scalars.append(contentsOf: s.unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while true {
            guard pos < bytes.count else { throw error("unterminated string") }
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                try flush(&run, into: &scalars)
                return String(scalars)
            }
            if c < 0x20 { throw error("control character in a string") }
            if c != UInt8(ascii: "\\") {
                run.append(c)
                pos += 1
                continue
            }
            try flush(&run, into: &scalars)
            pos += 1
            guard pos < bytes.count else { throw error("unterminated escape") }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u")
                    else { throw error("lone surrogate in a \\u escape") }
                    pos += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate in a \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error("lone surrogate in a \\u escape")
                }
                guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                scalars.append(scalar)
            default: throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
    }

    mutating func parseNumber() throws -> JSONValue {
        let start = pos
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        var isInteger = true
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.pos
            while p.pos < p.bytes.count, (0x30...0x39).contains(p.bytes[p.pos]) { p.pos += 1 }
            return p.pos - s
        }
        let intDigits = digits(&self)
        guard intDigits > 0 else { pos = start; throw error("unexpected character") }
        if intDigits > 1, bytes[pos - intDigits] == UInt8(ascii: "0") { throw error("leading zero in a number") }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard digits(&self) > 0 else { throw error("digits expected after '.'") }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard digits(&self) > 0 else { throw error("digits expected in the exponent") }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isInteger, let i = Int64(text) { return .int(i) }
        guard let d = Double(text), d.isFinite else { throw error("number out of range") }
        return .double(d)
    }
}
