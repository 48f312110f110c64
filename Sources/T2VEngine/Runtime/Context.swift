/// Global state and configuration: the validated settings every stream and processor starts from.
/// A context may serve several streams at once; each stream and processor owns its own model
/// instance, so they never share mutable state. A model folder's weights are loaded here, once,
/// and shared read-only by them all.
public final class Context: @unchecked Sendable {
    public let settings: Settings
    public let resources: ModelResources

    /// Loads the model `settings` names and checks the configuration against it, so that a bad
    /// combination fails here rather than at the first text. Nothing is built to be thrown away.
    public init(settings: Settings) throws {
        try settings.checkSegmentSize(frames: min(settings.framesPerSegment, settings.framesPerText), key: "segment_seconds")
        self.settings = settings
        resources = try ModelFamily.load(settings: settings)
        try resources.validate(settings)
    }

    /// A context over resources loaded elsewhere (an embedding program's own model family, or a
    /// test's fake model); `settings.model` is only reported.
    public init(settings: Settings, resources: ModelResources) throws {
        try settings.checkSegmentSize(frames: min(settings.framesPerSegment, settings.framesPerText), key: "segment_seconds")
        self.settings = settings
        self.resources = resources
        try resources.validate(settings)
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
