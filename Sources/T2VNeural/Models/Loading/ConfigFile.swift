// Reading and writing the model and scheduler config files (diffusers' config.json and
// scheduler_config.json, transformers' config.json) for every config type at once, as
// `from_config` / `from_pretrained` read them: every key optional, unknown keys ignored.

import FoundationEssentials
import T2VSupport

/// A config file whose keys are declared once: the stored properties of ``Fields``, with the
/// library's defaults. Reading, writing and property access (`config.inChannels`, through
/// dynamic member lookup) come from this protocol.
///
/// **Key names.** A property's name is the file's key in camelCase (`inChannels` ↔
/// `in_channels`, `className` ↔ `_class_name`); ``ConfigKeyName`` converts between them and
/// `ConfigKeyTests` checks every key of every config against the files diffusers and
/// transformers write. A nested struct in `Fields` (``NoiseScheduleKeys``) is a group of keys that
/// the file writes flat, next to the others.
///
/// **Reading.** Absent keys and `null` keep the default, unless ``keyRules`` says otherwise for
/// a key; unknown keys are ignored.
@dynamicMemberLookup
public protocol ConfigFile: Codable {
    associatedtype Fields: Codable, Equatable, Sendable
    /// The library's defaults.
    init()
    var fields: Fields { get set }
    /// Keys read differently from the general rule, by their name in the file.
    static var keyRules: [String: ConfigKeyRule] { get }
    /// Throws naming the first key whose value the engine cannot run.
    func validate() throws
}

/// How a key is read (and written) beyond the general rule.
public enum ConfigKeyRule: Sendable {
    /// `null` gives nil, an absent key keeps the default; nil is written as `null`.
    case nullIsNil
    /// Absent or `null` gives nil.
    case absentIsNil
    /// A number or a list of numbers; a number is read as a one-element list, and a one-element
    /// list is written as a number.
    case numberOrList
    /// A number or a list of numbers, read as the number or the list's first element (none: nil).
    case firstOfList
    /// Values read as others (diffusers' `__init__` re-registering aliases).
    case aliases([String: String])
}

extension ConfigFile {
    /// Every key of ``ConfigBounds/ranges`` the config has holds a value in its range (a config is
    /// hostile input: sizes are checked before anything is allocated from them).
    public func checkBounds(_ what: String) throws {
        try ConfigBounds.check(what, try ConfigFileCoding.flatMembers(of: fields).members)
    }

    public static var keyRules: [String: ConfigKeyRule] { [:] }

    /// The defaults changed by `configure` (`DDIMSchedulerConfig { $0.stepsOffset = 1 }`).
    public init(_ configure: (inout Self) -> Void) {
        self.init()
        configure(&self)
    }

    /// Reads a model component's `config.json` from its folder (``WeightStore/loadConfig(_:directory:fileName:)``)
    /// and validates it. Schedulers load with their `load(from:)`.
    public init(directory: URL) throws {
        self = try WeightStore.loadConfig(Self.self, directory: directory)
        do {
            try validate()
        } catch let error as NeuralError {
            throw NeuralError.file(path: directory.appendingPathComponent("config.json").path, "\(error)")
        }
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Fields, T>) -> T {
        get { fields[keyPath: path] }
        set { fields[keyPath: path] = newValue }
    }

    /// The file's keys over the defaults (see ``ConfigFile``).
    public init(from decoder: Decoder) throws {
        self.init()
        let file = try JSONValue(from: decoder)
        guard let members = file.objectMembers else {
            throw DecodingError.typeMismatch(Self.self, .init(
                codingPath: decoder.codingPath, debugDescription: "expected a JSON object, found \(file.typeName)"))
        }
        fields = try ConfigFileCoding.decode(
            Fields.self, defaults: fields, file: members, rules: Self.keyRules, codingPath: decoder.codingPath)
    }

    /// Every key, as the file writes it.
    public func encode(to encoder: Encoder) throws {
        try JSONValue.object(ConfigFileCoding.members(of: fields, rules: Self.keyRules)).encode(to: encoder)
    }
}

/// The conversion between property names and the files' keys.
public enum ConfigKeyName {
    /// Keys diffusers writes with a leading underscore, without it.
    static let underscored: Set<String> = ["class_name"]

    /// `inChannels` → `in_channels`, `className` → `_class_name`.
    public static func fileKey(_ property: String) -> String {
        var key = ""
        for c in property {
            if c.isUppercase { key += "_" + c.lowercased() } else { key.append(c) }
        }
        return underscored.contains(key) ? "_" + key : key
    }

    /// The property named by a file's key, or nil when the key is not `fileKey` of any name
    /// (so `inChannels` or `in__channels` in a file never stand for `in_channels`).
    public static func property(_ key: String) -> String? {
        let bare = key.hasPrefix("_") && underscored.contains(String(key.dropFirst())) ? String(key.dropFirst()) : key
        let words = bare.split(separator: "_", omittingEmptySubsequences: false)
        let name = words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
        return fileKey(name) == key ? name : nil
    }
}

/// The generic work of ``ConfigFile``: `Fields` goes through `JSONEncoder`/`JSONDecoder` with the
/// key conversion of ``ConfigKeyName``; non-finite numbers are the strings Python's `json`
/// writes bare (`-Infinity`), which ``SchedulerConfigJSON`` quotes before decoding.
enum ConfigFileCoding {
    /// `fields` as the file's members, groups flattened; `groups` names the groups.
    static func flatMembers(of fields: some Encodable) throws -> (members: [(String, JSONValue)], groups: [String]) {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .custom { path in JSONMemberKey(ConfigKeyName.fileKey(path.last?.stringValue ?? "")) }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let value = try JSONValue.parse(bytes: Array(encoder.encode(fields)))
        var members: [(String, JSONValue)] = []
        var groups: [String] = []
        for (key, value) in value.objectMembers ?? [] {
            if let inner = value.objectMembers {
                groups.append(key)
                members += inner
            } else {
                members.append((key, value))
            }
        }
        return (members, groups)
    }

    /// What the file writes for `fields`.
    static func members(of fields: some Encodable, rules: [String: ConfigKeyRule]) throws -> [(String, JSONValue)] {
        var members = try flatMembers(of: fields).members
        for (key, rule) in rules {
            let index = members.firstIndex { $0.0 == key }
            switch rule {
            case .nullIsNil where index == nil:
                members.append((key, .null))
            case .numberOrList:
                if let index, let items = members[index].1.arrayValue, items.count == 1 { members[index].1 = items[0] }
            default:
                break
            }
        }
        return members
    }

    /// `file`'s keys over `defaults`, read by the rules.
    static func decode<F: Codable>(
        _ type: F.Type, defaults: F, file: [(String, JSONValue)], rules: [String: ConfigKeyRule], codingPath: [CodingKey]
    ) throws -> F {
        let (defaultMembers, groups) = try flatMembers(of: defaults)
        var merged = [String: JSONValue](defaultMembers, uniquingKeysWith: { $1 })
        let given = [String: JSONValue](file, uniquingKeysWith: { $1 })
        for (key, value) in given where value != .null { merged[key] = value }
        for (key, rule) in rules {
            switch rule {
            case .nullIsNil:
                if given[key] == .null { merged[key] = .null }
            case .absentIsNil:
                merged[key] = given[key] ?? .null
            case .numberOrList:
                if let value = merged[key], value.number != nil { merged[key] = .array([value]) }
            case .firstOfList:
                if let items = merged[key]?.arrayValue, items.allSatisfy({ $0.number != nil }) { merged[key] = items.first ?? .null }
            case .aliases(let aliases):
                if let value = merged[key]?.stringValue, let alias = aliases[value] { merged[key] = .string(alias) }
            }
        }
        for group in groups { merged[group] = .object(Array(merged)) }

        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let key = path.last?.stringValue ?? ""
            // A key that names no property becomes one no property has.
            return JSONMemberKey(ConfigKeyName.property(key) ?? "-" + key)
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(F.self, from: Data(JSONValue.object(Array(merged)).serialized.utf8))
        } catch let error as DecodingError {
            throw inFileTerms(error, below: codingPath, groups: groups)
        }
    }

    /// `error` with its coding path in the file's keys (groups left out), below `codingPath`.
    static func inFileTerms(_ error: DecodingError, below codingPath: [CodingKey], groups: [String]) -> DecodingError {
        func context(_ c: DecodingError.Context) -> DecodingError.Context {
            let path = c.codingPath.compactMap { key -> CodingKey? in
                if key.intValue != nil { return key }
                return groups.contains(key.stringValue) ? nil : JSONMemberKey(ConfigKeyName.fileKey(key.stringValue))
            }
            return .init(codingPath: codingPath + path, debugDescription: c.debugDescription, underlyingError: c.underlyingError)
        }
        switch error {
        case let .typeMismatch(type, c): return .typeMismatch(type, context(c))
        case let .valueNotFound(type, c): return .valueNotFound(type, context(c))
        case let .keyNotFound(key, c): return .keyNotFound(JSONMemberKey(ConfigKeyName.fileKey(key.stringValue)), context(c))
        case let .dataCorrupted(c): return .dataCorrupted(context(c))
        @unknown default: return error
        }
    }
}
