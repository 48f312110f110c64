/// One configuration key: its name, documentation (the README table's columns and the Python
/// docstrings come from here), whether a processor takes it per call, and how a JSON value is
/// checked into ``Settings`` and read back. The table itself is ``Settings/table``.
public struct ConfigKey: Sendable {
    public let name: String
    /// What the key accepts (Markdown, as the README shows it).
    public let accepted: String
    /// What the key does (Markdown).
    public let meaning: String
    /// True when `TextToVideoProcessor.set_parameter` takes it; false when it fixes how a context
    /// or stream runs.
    public let isProcessorParameter: Bool
    let apply: @Sendable (inout Settings, JSONValue) throws -> Void
    let read: @Sendable (Settings) -> JSONValue

    init(
        _ name: String, accepted: String, meaning: String, perCall: Bool,
        set: @escaping @Sendable (inout Settings, JSONValue) throws -> Void,
        get: @escaping @Sendable (Settings) -> JSONValue
    ) {
        self.name = name
        self.accepted = accepted
        self.meaning = meaning
        isProcessorParameter = perCall
        apply = set
        read = get
    }

    /// The default, as `context.config` reports it.
    public var defaultValue: JSONValue { read(Settings()) }

    /// The key's description as JSON (`t2v_config_keys()`).
    public var json: JSONValue {
        .object([
            ("name", .string(name)), ("default", defaultValue), ("accepted", .string(accepted)),
            ("meaning", .string(meaning)), ("processor_parameter", .bool(isProcessorParameter)),
        ])
    }
}

/// Checks of JSON values against a key's type and range; each error names the key and what it
/// accepts.
enum ConfigValue {
    static func typeError(_ key: String, _ value: JSONValue, _ expected: String) -> T2VError {
        .wrongType("\(key) must be \(expected), got \(value.typeName)")
    }

    static func number(_ key: String, _ value: JSONValue) throws -> Double {
        guard let n = value.number else { throw typeError(key, value, "a number") }
        return n
    }

    /// A classifier-free guidance scale, 0…100.
    static func guidance(_ key: String, _ value: JSONValue) throws -> Double {
        let g = try number(key, value)
        guard g >= 0, g <= 100 else { throw T2VError.invalidArgument("\(key) must be between 0 and 100, got \(g)") }
        return g
    }

    static func string(_ key: String, _ value: JSONValue, _ expected: String) throws -> String {
        guard case .string(let text) = value else { throw typeError(key, value, expected) }
        return text
    }

    static func integer(_ key: String, _ value: JSONValue, _ range: ClosedRange<Int>) throws -> Int {
        let i: Int
        switch value {
        case .int(let v) where v >= Int64(Int32.min) && v <= Int64(Int32.max): i = Int(v)
        case .int(let v): throw T2VError.invalidArgument("\(key) must be in \(range.lowerBound)...\(range.upperBound), got \(v)")
        case .double(let d) where d == d.rounded() && abs(d) < 1e9: i = Int(d)
        case .double(let d) where d.isFinite && d == d.rounded():
            // A whole number too large for an integer (1e10, 2^64): out of range, not the wrong type.
            throw T2VError.invalidArgument("\(key) must be in \(range.lowerBound)...\(range.upperBound), got \(d)")
        default: throw typeError(key, value, "an integer")
        }
        guard range.contains(i) else {
            throw T2VError.invalidArgument("\(key) must be in \(range.lowerBound)...\(range.upperBound), got \(i)")
        }
        return i
    }

    static func seconds(_ key: String, _ value: JSONValue, min: Double, minInclusive: Bool, max: Double) throws -> Double {
        let s = try number(key, value)
        let aboveMin = minInclusive ? s >= min : s > min
        guard aboveMin, s <= max else {
            let low = minInclusive ? "at least \(min)" : "greater than \(min)"
            throw T2VError.invalidArgument("\(key) must be \(low) and at most \(max) seconds, got \(s)")
        }
        return s
    }

    static func rate(_ key: String, _ value: JSONValue) throws -> Double {
        let rate = try number(key, value)
        guard rate >= Settings.minFrameRate, rate <= Settings.maxFrameRate else {
            throw T2VError.invalidArgument(
                "\(key) must be at least \(Settings.minFrameRate) and at most \(Int(Settings.maxFrameRate)), got \(rate)")
        }
        return rate
    }

    /// One of `names`, as a string.
    static func choice(_ key: String, _ value: JSONValue, _ names: [String]) throws -> String {
        let quoted = names.map { "\"\($0)\"" }
        let list = quoted.count == 2 ? "\(quoted[0]) or \(quoted[1])" : "one of \(quoted.joined(separator: ", "))"
        let name = try string(key, value, list)
        guard names.contains(name) else {
            throw T2VError.invalidArgument("\(key) must be \(list), got \"\(name)\"")
        }
        return name
    }

    /// A number as JSON: whole numbers as integers (`24`), others as doubles.
    static func compact(_ d: Double) -> JSONValue { d == d.rounded() ? .int(Int64(d)) : .double(d) }

    /// Markdown for a list of names: `"a"`, `"b"`.
    static func quotedList(_ names: [String]) -> String { names.map { "`\"\($0)\"`" }.joined(separator: ", ") }
}
