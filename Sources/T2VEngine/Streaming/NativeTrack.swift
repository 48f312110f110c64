import T2VMedia

/// The streaming pipeline for a model that makes frames at its own size and rate (a diffusers
/// model): plans its chunks, hands each the frames it overlaps with the one before, blends the
/// overlaps, and converts model frames to the output size and frame rate.
///
/// Model time. The video of one text is `K = round(seconds_per_text · model_frame_rate)` model
/// frames, numbered on from the last model frame made (`M … M+K−1`; when the output rate is below
/// the model's, a text's last frames may never be needed and are not made). Output frame `n` of
/// the text, `t` seconds after the text began, shows model position `x = M + t · model_frame_rate`,
/// clamped to the text's last model frame.
///
/// Frame-rate conversion. A position between two model frames is their linear blend (weights by
/// distance, in 8-bit RGB, rounded); a whole position is the model frame itself. So equal rates
/// give the model's frames unchanged, and 8 → 24 frames/s shows each model frame then two blends.
///
/// Chunks. A chunk has `F = frames_per_chunk` frames. The first chunk of a stream starts at model
/// frame 0; each later chunk starts `O = overlap_frames` frames before the first frame not yet
/// made (further back when that would run past the text's end, so no frame is wasted) and is
/// generated continuing those known frames. Within a text the overlapping frames are crossfaded
/// from the older chunk to the newer (weights (j+1)/(L+1) over the L shared frames); at a text
/// boundary the shared frames belong to the previous text (shown, or skipped by a low output
/// rate), so the new text only continues them.
/// A chunk is made when an output frame first needs a frame that the next chunk would still change.
///
/// StreamingT2V (``NativeFormat/Continuation/dropRepeated``): every chunk has `F` frames. After the
/// first, a chunk is conditioned on the `O` frames before the first frame not yet made (fewer than
/// `O` made so far — a first text shorter than `O` frames — are preceded by repeats of frame 0, so the
/// new frames still continue the last one shown) and its own first `O` frames (which repeat them)
/// are dropped, so it adds `F − O` frames and changes none; its frames past the text's end are not
/// kept.
///
/// Memory: at most about two chunks of model frames are kept, however long the stream.
final class NativeTrack {
    let format: NativeFormat
    let model: VideoModel
    let settings: Settings
    let seed: UInt64
    let scaler: FrameScaler
    private let frameBytes: Int
    /// Model frames made and kept (rgb24 at the native size).
    private var frames: [Int64: [UInt8]] = [:]
    /// The first model frame not made yet, and the chunks made so far.
    private(set) var next: Int64 = 0
    private(set) var chunkIndex: Int64 = 0
    /// The current text: its prompt, first and last model frame, and first output frame.
    private var prompt = ""
    private var textStart: Int64 = 0
    private var textEnd: Int64 = -1
    private var outputStart: Int64 = 0

    init(format: NativeFormat, model: VideoModel, settings: Settings, seed: UInt64) throws {
        self.format = format
        self.model = model
        self.settings = settings
        self.seed = seed
        frameBytes = format.width * format.height * 3
        do {
            scaler = try FrameScaler(
                sourceWidth: format.width, sourceHeight: format.height, width: settings.width, height: settings.height,
                fit: settings.fit)
        } catch let error as MediaError {
            throw T2VError.invalidArgument(error.message)
        }
    }

    /// Starts the video of a text whose first output frame is `outputFrame`.
    func begin(text: String, outputFrame: Int64) {
        prompt = text
        textStart = next
        textEnd = next + Int64(settings.modelFramesPerText) - 1
        outputStart = outputFrame
    }

    /// The model position of output frame `n`: a model frame and the weight of the one after it.
    func position(_ n: Int64) -> (frame: Int64, fraction: Double) {
        let x = Double(n - outputStart) / settings.frameRate * format.frameRate
        var whole = (x + 1e-9).rounded(.down)
        var fraction = x - whole
        if fraction < 1e-6 { fraction = 0 }
        if whole < 0 { whole = 0; fraction = 0 }
        let frame = textStart + Int64(whole)
        if frame >= textEnd { return (textEnd, 0) }
        return (frame, fraction)
    }

    /// The chunk made when `next` is the first frame not made yet: its first frame (for
    /// ``NativeFormat/Continuation/dropRepeated``, of the frames it is conditioned on; below 0 where
    /// frame 0 is repeated), its frames, the known frames it continues, the first model frame it
    /// changes or adds, and `next` after it.
    private struct Span {
        var start: Int64
        var length: Int
        var known: Int
        var changesFrom: Int64
        var after: Int64
    }

    private func span(next: Int64) -> Span {
        let frames = format.framesPerChunk, overlap = Int64(format.overlapFrames)
        switch format.continuation {
        case .crossfade:
            let start = max(0, min(next - overlap, textEnd - Int64(frames) + 1))
            let length = min(frames, Int(textEnd - start + 1))
            return Span(start: start, length: length, known: Int(next - start), changesFrom: start, after: start + Int64(length))
        case .dropRepeated:
            if next == 0 {
                return Span(start: 0, length: frames, known: 0, changesFrom: 0, after: min(Int64(frames), textEnd + 1))
            }
            return Span(
                start: next - overlap, length: frames, known: Int(overlap), changesFrom: next,
                after: min(next + Int64(frames) - overlap, textEnd + 1))
        }
    }

    /// Chunks to make before model frame `m` is final.
    func chunksNeeded(upTo m: Int64) -> Int {
        var n = next, count = 0
        while n <= textEnd {
            let chunk = span(next: n)
            guard m >= chunk.changesFrom else { break }
            n = chunk.after
            count += 1
        }
        return count
    }

    /// Writes output frames `first ..< first + count` of the current text into `pixels`.
    /// `progress(done, total)` counts the denoising steps of the chunks these frames need, or the
    /// frames when they need none.
    func render(
        first: Int64, count: Int, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws {
        guard count > 0 else { return }
        let last = position(first + Int64(count) - 1)
        let chunks = chunksNeeded(upTo: last.fraction > 0 ? last.frame + 1 : last.frame)
        var made = 0
        let outBytes = settings.width * settings.height * 3
        var blend = [UInt8](repeating: 0, count: frameBytes)
        for i in 0..<count {
            let (m, fraction) = position(first + Int64(i))
            let need = fraction > 0 ? m + 1 : m
            while next <= textEnd && need >= span(next: next).changesFrom {
                try makeChunk(isCancelled: isCancelled) { done, total in
                    progress(made * total + done, max(chunks, made + 1) * total)
                }
                made += 1
            }
            prune(keepingFrom: m)
            guard let a = frames[m], fraction == 0 || frames[m + 1] != nil else {
                throw T2VError.engine("model frame \(m) is not available (planned chunks out of step)")
            }
            let out = pixels + i * outBytes
            var source = a
            if fraction > 0, let b = frames[m + 1] {
                NativeTrack.mix(a, b, weight: fraction, into: &blend)
                source = blend
            }
            source.withUnsafeBufferPointer { src in
                if let base = src.baseAddress { scaler.scale(base, into: out) }
            }
            if chunks == 0, !progress(i + 1, count) { throw T2VError.cancelled("generation was cancelled") }
        }
    }

    /// Makes the next chunk and merges it into the kept frames.
    private func makeChunk(isCancelled: @escaping @Sendable () -> Bool, progress: ChunkProgress) throws {
        let plan = span(next: next)
        let (start, length, known) = (plan.start, plan.length, plan.known)
        var conditioning = [UInt8]()
        conditioning.reserveCapacity(known * frameBytes)
        for m in start..<(start + Int64(known)) {
            guard let f = frames[max(0, m)] else { throw T2VError.engine("model frame \(m) to continue was not kept") }
            conditioning.append(contentsOf: f)
        }
        var request = ChunkRequest(
            prompt: prompt, negativePrompt: settings.negativePrompt, previousPrompt: nil, transitionFrames: 0,
            promptStartFrame: textStart, previousPromptStartFrame: 0, startFrame: max(0, start), frameCount: length,
            width: format.width, height: format.height, frameRate: format.frameRate, seed: seed,
            conditioningFrames: conditioning, conditioningFrameCount: known, chunkIndex: chunkIndex)
        request.isCancelled = isCancelled
        var made = [UInt8](repeating: 0, count: length * frameBytes)
        try made.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { throw T2VError.engine("could not allocate a chunk") }
            try model.generate(request, into: base, progress: progress)
        }
        if format.continuation == .dropRepeated {
            // Frames 0..<known repeat the conditioning; the rest follow `next`, up to the text's end.
            for i in known..<(known + Int(plan.after - next)) {
                frames[next + Int64(i - known)] = Array(made[i * frameBytes..<(i + 1) * frameBytes])
            }
            next = plan.after
            chunkIndex += 1
            return
        }
        // Crossfade the frames this text already had from the older chunk into the newer one.
        let blendFrom = max(start, textStart)
        let shared = Int(next - blendFrom)
        for j in 0..<max(0, shared) {
            let m = blendFrom + Int64(j)
            guard let old = frames[m] else { continue }
            let fresh = Array(made[Int(m - start) * frameBytes..<Int(m - start + 1) * frameBytes])
            var mixed = old
            NativeTrack.mix(old, fresh, weight: Double(j + 1) / Double(shared + 1), into: &mixed)
            frames[m] = mixed
        }
        for m in next..<(start + Int64(length)) {
            let i = Int(m - start)
            frames[m] = Array(made[i * frameBytes..<(i + 1) * frameBytes])
        }
        next = start + Int64(length)
        chunkIndex += 1
    }

    /// Drops model frames no later output frame or chunk can need.
    private func prune(keepingFrom m: Int64) {
        let low = min(m, next - Int64(format.framesPerChunk) + 1)
        for key in frames.keys where key < low { frames[key] = nil }
    }

    /// `(1 − weight) · a + weight · b`, rounded, per byte.
    static func mix(_ a: [UInt8], _ b: [UInt8], weight: Double, into out: inout [UInt8]) {
        let w = Float(min(1, max(0, weight)))
        let n = min(a.count, b.count, out.count)
        for i in 0..<n {
            out[i] = UInt8((Float(a[i]) + w * (Float(b[i]) - Float(a[i]))).rounded())
        }
    }
}
