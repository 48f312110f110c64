// JSONValue through Codable, so a value of any shape passes through a Decoder or an Encoder (the
// engine's config types read a whole config.json object this way and pick their keys from it).

extension JSONValue: Codable {
    /// Reads any JSON value. Strings are tried before numbers, so a decoder whose non-conforming
    /// float strategy reads `"Infinity"` as a number still gives the string. Members of an object
    /// come in the decoder's order (unspecified for `JSONDecoder`).
    public init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: JSONMemberKey.self) {
            self = .object(try object.allKeys.map { ($0.stringValue, try object.decode(JSONValue.self, forKey: $0)) })
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .null
            } else if let b = try? value.decode(Bool.self) {
                self = .bool(b)
            } else if let s = try? value.decode(String.self) {
                self = .string(s)
            } else if let i = try? value.decode(Int64.self) {
                self = .int(i)
            } else {
                self = .double(try value.decode(Double.self))
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .array(let items):
            var array = encoder.unkeyedContainer()
            for item in items { try array.encode(item) }
        case .object(let members):
            var object = encoder.container(keyedBy: JSONMemberKey.self)
            for (key, value) in members { try object.encode(value, forKey: JSONMemberKey(key)) }
        default:
            var value = encoder.singleValueContainer()
            switch self {
            case .bool(let b): try value.encode(b)
            case .int(let i): try value.encode(i)
            case .double(let d): try value.encode(d)
            case .string(let s): try value.encode(s)
            default: try value.encodeNil()
            }
        }
    }
}
