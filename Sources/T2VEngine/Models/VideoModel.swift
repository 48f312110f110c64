/// What a video model is asked for: one chunk of consecutive frames on a stream's timeline.
public struct ChunkRequest: Sendable {
    /// The text in force for this chunk.
    public var prompt: String
    public var negativePrompt: String
    /// The text before it (nil at the start), and the frames over which the move from it lasts.
    public var previousPrompt: String?
    public var transitionFrames: Int
    /// Timeline frame at which `prompt` (and `previousPrompt`) began.
    public var promptStartFrame: Int64
    public var previousPromptStartFrame: Int64
    /// Timeline frame of the chunk's first frame, and how many frames to make.
    public var startFrame: Int64
    public var frameCount: Int
    public var width: Int
    public var height: Int
    public var frameRate: Double
    public var seed: UInt64
    /// Frames the chunk starts with, known already (rgb24, `conditioningFrameCount` of them): for
    /// a model with a ``NativeFormat`` these are the first frames of the chunk itself (its overlap
    /// with the previous one), to be continued; empty for the first chunk and for other models.
    public var conditioningFrames: [UInt8]
    public var conditioningFrameCount: Int
    /// Chunks made before this one on the same timeline (0 for the first).
    public var chunkIndex: Int64 = 0
    /// Whether the stream asking has been stopped: a model that waits (for a compute session) asks
    /// this instead of reporting progress, so the user's callback only sees real progress.
    public var isCancelled: @Sendable () -> Bool = { false }
}

/// The frames a model makes itself, when it cannot render at any size and rate: the streaming
/// pipeline plans chunks of `framesPerChunk` frames at this size and rate, each overlapping the
/// previous by `overlapFrames`, and converts them to the output size and rate.
public struct NativeFormat: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var frameRate: Double
    public var framesPerChunk: Int
    public var overlapFrames: Int
    public var continuation: Continuation

    /// What a chunk's first `overlapFrames` frames are, and so what becomes of them.
    public enum Continuation: Sendable, Equatable {
        /// They are the known frames, re-generated close to them: the track crossfades old into new
        /// (ModelScope's training-free continuation). A chunk may start further back, so that none
        /// of its frames lies past its text's end.
        case crossfade
        /// They only repeat the frames the chunk was conditioned on and are dropped; every chunk has
        /// `framesPerChunk` frames, its frames past its text's end are not shown (StreamingT2V).
        case dropRepeated
    }

    public init(width: Int, height: Int, frameRate: Double, framesPerChunk: Int, overlapFrames: Int,
                continuation: Continuation = .crossfade) {
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.framesPerChunk = framesPerChunk
        self.overlapFrames = overlapFrames
        self.continuation = continuation
    }
}

/// Progress of a chunk: frames or denoising steps done out of a total. Return false to cancel.
public typealias ChunkProgress = (_ done: Int, _ total: Int) -> Bool

/// A text-to-video model. The streaming runtime treats every family alike.
public protocol VideoModel: AnyObject {
    /// The name reported in segment metadata ("builtin", or the model directory).
    var name: String { get }
    /// How many trailing frames of the previous chunk the model wants as conditioning (0: none).
    var conditioningFrameCount: Int { get }
    /// nil: the model renders any requested size and rate directly (the built-in model).
    var nativeFormat: NativeFormat? { get }
    /// Writes `request.frameCount` rgb24 frames of `request.width`×`request.height` into `pixels`.
    /// Throws `T2VError.cancelled` when `progress` returns false.
    func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws
    /// Keys the model adds to every segment's metadata (a diffusion model: `precision`).
    var metadata: [(String, JSONValue)] { get }
}

extension VideoModel {
    public var metadata: [(String, JSONValue)] { [] }
}

/// What a context loads once for all its streams and processors (for a model folder, its
/// weights), shared read-only.
public protocol ModelResources: AnyObject, Sendable {
    /// Throws the error a model made with `settings` would throw, without making one: a context
    /// checks its configuration here once, when it is created.
    func validate(_ settings: Settings) throws
    /// A fresh model instance (one per stream or processor call).
    func makeModel(_ settings: Settings) throws -> VideoModel
}
