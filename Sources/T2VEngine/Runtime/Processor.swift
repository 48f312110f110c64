/// Makes one segment per text, synchronously, with per-processor parameters that start as the
/// context's configuration. Each `process` call is independent: it starts a fresh timeline at
/// time 0, so the same text and parameters give the same bytes every time.
public final class Processor: @unchecked Sendable {
    private let monitor = Monitor()
    private var settings: Settings
    private var progressHandler: ((Int64, Int, Int) -> Bool)?

    /// The model weights the context loaded (shared, read-only).
    private let resources: ModelResources

    public init(context: Context) {
        settings = context.settings
        resources = context.resources
    }

    public func setProgressHandler(_ handler: ((Int64, Int, Int) -> Bool)?) {
        monitor.withLock { progressHandler = handler }
    }

    public func setParameter(_ name: String, _ value: JSONValue) throws {
        try checkName(name)
        try monitor.withLock { try settings.set(name, value) }
    }

    public func parameter(_ name: String) throws -> JSONValue {
        try checkName(name)
        return monitor.withLock { settings.value(name) } ?? .null
    }

    private func checkName(_ name: String) throws {
        guard Settings.processorKeys.contains(name) else {
            let accepted = Settings.keys.filter { Settings.processorKeys.contains($0) }.joined(separator: ", ")
            if Settings.keys.contains(name) {
                throw T2VError.invalidArgument(
                    "\"\(name)\" is a context setting, not a processor parameter; parameters: \(accepted)")
            }
            throw T2VError.invalidArgument("unknown parameter \"\(name)\"; parameters: \(accepted)")
        }
    }

    /// Generates the whole video of `text` (`seconds_per_text` long) as one segment.
    public func process(_ text: String) throws -> Segment {
        try Stream.validate(text: text)
        var settings = monitor.withLock { self.settings }
        let handler = monitor.withLock { progressHandler }
        try settings.checkSegmentSize(frames: settings.framesPerText, key: "seconds_per_text")
        settings.segmentSeconds = settings.secondsPerText
        settings.transitionSeconds = 0
        let model = try resources.makeModel(settings)
        let timeline = try Timeline(settings: settings, model: model, seed: Context.resolveSeed(settings.seed))
        var first: Segment?
        try timeline.run(
            text: text,
            progress: { index, done, total in
                guard let handler else { return true }
                return handler(index, done, total)
            },
            deliver: { segment in
                first = segment  // one segment: segment_seconds equals seconds_per_text here
                return true
            })
        guard let first else { throw T2VError.engine("the model produced no frames") }
        return first
    }
}
