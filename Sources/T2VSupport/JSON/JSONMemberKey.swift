// A coding key for JSON object members whose names are known only at run time.

/// Any member name of a JSON object, as a coding key.
public struct JSONMemberKey: CodingKey, Sendable {
    public let stringValue: String
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public var intValue: Int? { nil }
    public init?(intValue: Int) { nil }
}
