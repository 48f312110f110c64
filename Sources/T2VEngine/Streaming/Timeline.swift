/// Plans an unbroken timeline from a sequence of texts: each text gets `framesPerText` frames cut
/// into segments of `framesPerSegment` (the last one of a text may be shorter), and the move from
/// one text to the next lasts `transitionFrames`. A model that renders any size and rate (the
/// built-in one) makes each segment in one call, given the end of the previous segment; a model
/// with a native format makes chunks in its own time, which ``NativeTrack`` plans, continues,
/// blends and converts to the output. Memory is bounded: only the frames later calls need are kept.
public final class Timeline {
    public let settings: Settings
    public let seed: UInt64
    private let model: VideoModel
    /// Next frame on the timeline, and the next segment index.
    public private(set) var nextFrame: Int64 = 0
    public private(set) var nextIndex: Int64 = 0
    private var previousPrompt: (text: String, start: Int64)?
    private var conditioning: [UInt8] = []
    /// The model-time planning of a model with a native format (nil for the built-in model).
    private let track: NativeTrack?

    public init(settings: Settings, model: VideoModel, seed: UInt64) throws {
        self.settings = settings
        self.model = model
        self.seed = seed
        track = try model.nativeFormat.map { try NativeTrack(format: $0, model: model, settings: settings, seed: seed) }
    }

    /// The frame counts of the segments one text is cut into.
    public func segmentLengths() -> [Int] {
        let total = settings.framesPerText
        let per = settings.framesPerSegment
        return stride(from: 0, to: total, by: per).map { min(per, total - $0) }
    }

    /// Makes the video of one text, handing each segment to `deliver` as soon as it is ready.
    /// `progress(segmentIndex, done, total)` returning false cancels; `deliver` returning false stops
    /// early without error (the stream was stopped).
    public func run(
        text: String, progress: (Int64, Int, Int) -> Bool, isCancelled: @escaping @Sendable () -> Bool = { false },
        deliver: (Segment) throws -> Bool
    ) throws {
        let start = nextFrame
        let previous = previousPrompt
        track?.begin(text: text, outputFrame: start)
        for length in segmentLengths() {
            let index = nextIndex
            var request = ChunkRequest(
                prompt: text, negativePrompt: settings.negativePrompt, previousPrompt: previous?.text,
                transitionFrames: previous == nil ? 0 : settings.transitionFrames, promptStartFrame: start,
                previousPromptStartFrame: previous?.start ?? 0, startFrame: nextFrame, frameCount: length,
                width: settings.width, height: settings.height, frameRate: settings.frameRate, seed: seed,
                conditioningFrames: conditioning,
                conditioningFrameCount: conditioning.count / max(1, settings.width * settings.height * 3))
            request.isCancelled = isCancelled
            let frameBytes = settings.width * settings.height * 3
            let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: frameBytes * length)
            do {
                guard let base = storage.baseAddress else { throw T2VError.engine("could not allocate a segment") }
                if let track {
                    try track.render(
                        first: nextFrame, count: length, into: base, progress: { progress(index, $0, $1) },
                        isCancelled: isCancelled)
                } else {
                    try model.generate(request, into: base, progress: { progress(index, $0, $1) })
                }
            } catch {
                storage.deallocate()
                throw error
            }
            let keep = track == nil ? min(model.conditioningFrameCount, length) : 0
            conditioning = keep > 0 ? Array(storage[(length - keep) * frameBytes..<length * frameBytes]) : []
            let metadata = Segment.makeMetadata(
                index: index, width: settings.width, height: settings.height, frameRate: settings.frameRate,
                numFrames: length, firstFrame: nextFrame, text: text, seed: seed, model: model.name, extra: model.metadata)
            nextFrame += Int64(length)
            nextIndex += 1
            guard try deliver(Segment(adopting: storage, metadata: metadata)) else { return }
        }
        previousPrompt = (text, start)
    }
}
