/// Global state and configuration: the validated settings every stream and processor starts from.
/// A context may serve several streams at once; each stream and processor owns its own model
/// instance, so they never share mutable state. A model folder's weights are loaded here, once,
/// and shared read-only by them all.
public final class Context: @unchecked Sendable {
    public let settings: Settings
    public let resources: ModelResources?

    public init(settings: Settings) throws {
        try settings.checkSegmentSize(frames: min(settings.framesPerSegment, settings.framesPerText), key: "segment_seconds")
        self.settings = settings
        resources = try VideoModelFactory.load(settings: settings)
        // Fail at construction, not at the first text, when the model cannot be made.
        let model = try VideoModelFactory.make(settings: settings, resources: resources)
        _ = try Timeline(settings: settings, model: model, seed: 0)
    }

    /// Parses and validates a JSON configuration (nil or empty text: all defaults).
    public convenience init(configJSON: String?) throws {
        let json: JSONValue?
        if let text = configJSON, !text.isEmpty {
            do {
                json = try JSONValue.parse(text)
            } catch let e as JSONParseError {
                throw T2VError.invalidArgument("configuration is not valid JSON: \(e)")
            }
        } else {
            json = nil
        }
        try self.init(settings: Settings(json: json))
    }

    /// The seed a new stream or processor uses: the configured one, or a fresh random one.
    static func resolveSeed(_ seed: UInt64?) -> UInt64 {
        if let seed { return seed }
        let value = UInt64.random(in: 0...UInt64(Int64.max))  // the system's random source
        return value
    }
}
