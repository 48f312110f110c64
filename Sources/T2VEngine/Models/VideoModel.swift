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
    /// The last frames of the previous chunk (rgb24), for models that condition on them; empty at the start.
    public var conditioningFrames: [UInt8]
    public var conditioningFrameCount: Int
}

/// Progress of a chunk: frames or denoising steps done out of a total. Return false to cancel.
public typealias ChunkProgress = (_ done: Int, _ total: Int) -> Bool

/// A text-to-video model. The streaming runtime treats every family alike.
public protocol VideoModel: AnyObject {
    /// The name reported in segment metadata ("builtin", or the model directory).
    var name: String { get }
    /// How many trailing frames of the previous chunk the model wants as conditioning (0: none).
    var conditioningFrameCount: Int { get }
    /// Writes `request.frameCount` rgb24 frames of `request.width`×`request.height` into `pixels`.
    /// Throws `T2VError.cancelled` when `progress` returns false.
    func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws
}

/// Makes the model a configuration names.
public enum VideoModelFactory {
    public static func make(settings: Settings) throws -> VideoModel {
        switch settings.model {
        case "builtin":
            return BuiltinVideoModel(settings: settings)
        default:
            throw T2VError.unsupported(
                "model \"\(settings.model)\": diffusers model directories are not supported yet; use \"builtin\"")
        }
    }
}
