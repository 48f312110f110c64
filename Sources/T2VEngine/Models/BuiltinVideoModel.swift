#if canImport(Glibc)
import Glibc
#endif
import T2VScene

/// The embedded procedural model (`"model": "builtin"`): reads the text into a scene description
/// and renders it as a function of time on the stream's timeline, so consecutive chunks continue
/// one another exactly and the same text, seed and settings give the same bytes on any machine.
/// It ignores conditioning frames: its continuity comes from the timeline itself.
public final class BuiltinVideoModel: VideoModel {
    public let name = "builtin"
    public let conditioningFrameCount = 0
    public let nativeFormat: NativeFormat? = nil
    private let threads: Int
    private let caption: Bool
    private let reader = SceneReader()
    private var renderer: SceneRenderer?
    private var rendererKey: (width: Int, height: Int, seed: UInt64)?
    /// The scenes of the last few texts, so a text is read once.
    private var scenes: [String: SceneDescription] = [:]

    public init(settings: Settings) {
        threads = settings.threads == 0 ? BuiltinVideoModel.onlineCores : settings.threads
        caption = settings.caption
    }

    static var onlineCores: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    private func scene(for text: String) -> SceneDescription {
        if let s = scenes[text] { return s }
        if scenes.count > 16 { scenes.removeAll() }
        let s = reader.read(text)
        scenes[text] = s
        return s
    }

    public func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws {
        let key = (request.width, request.height, request.seed)
        let renderer: SceneRenderer
        if let r = self.renderer, let k = rendererKey, k == key {
            renderer = r
        } else {
            renderer = SceneRenderer(width: request.width, height: request.height, seed: request.seed, threads: threads, caption: caption)
            self.renderer = renderer
            rendererKey = key
        }
        let current = SceneState(scene: scene(for: request.prompt), startTime: Double(request.promptStartFrame) / request.frameRate)
        let previous = request.previousPrompt.map {
            SceneState(scene: scene(for: $0), startTime: Double(request.previousPromptStartFrame) / request.frameRate)
        }
        let frameBytes = request.width * request.height * 3
        for i in 0..<request.frameCount {
            // Zeroed just before it is drawn: the segment's storage is a fresh allocation, mapped on
            // first touch, and the renderer reads pixels it blends onto before writing them. Read
            // first, a page maps the shared zero page and is then copied on the write, which flushes
            // the TLB of every core the process runs on (an interrupt to the encoder's core for every
            // 4 KiB); written first, it is simply mapped. The bytes are the zeros a fresh mapping
            // holds, so the frames are unchanged. Per frame rather than per segment, so a long
            // segment starts drawing at once and the frame is still in the cache when it is drawn.
            memset(pixels + i * frameBytes, 0, frameBytes)
            let frame = request.startFrame + Int64(i)
            let sinceStart = Double(frame - request.promptStartFrame)
            let transition = request.transitionFrames > 0 ? min(1, max(0, sinceStart / Double(request.transitionFrames))) : 1
            renderer.render(
                time: Double(frame) / request.frameRate, current: current, previous: previous, transition: transition,
                into: pixels + i * frameBytes)
            guard progress(i + 1, request.frameCount) else { throw T2VError.cancelled("generation was cancelled") }
        }
    }
}
