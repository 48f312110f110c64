import Foundation
import Reflection
import T2VNeural
import Testing

// A diffusers model folder through the C surface: the tiny random TextToVideoSDPipeline folder of
// the neural fixtures (Tests/Fixtures/models/tiny-t2v, 32×32, made by
// tools/fixtures/make_fixtures.py), compared with the frames diffusers made from it.

enum TinyModel {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let path = fixtures.appendingPathComponent("models/tiny-t2v").path

    /// A configuration over the tiny model; `extra` is `"key": value, ...` replacing the defaults.
    static func config(_ extra: String = "") -> String {
        configJSON([
            ("model", "\"\(path)\""), ("resolution", "\"32x32\""), ("model_resolution", "\"32x32\""), ("frame_rate", "8"),
            ("model_frame_rate", "8"), ("frames_per_chunk", "4"), ("overlap_frames", "2"), ("seconds_per_text", "0.5"),
            ("num_inference_steps", "3"), ("seed", "42"), ("threads", "1"), ("precision", "\"fp32\""),
        ], extra)
    }

    /// One `process_text` call: the segment's frames and metadata, or nil with the status.
    static func process(_ config: String, _ text: String, progress: T2VProgressCallback? = nil, user: UnsafeMutableRawPointer? = nil)
        -> (segment: ReceivedSegment?, status: Int32)
    {
        guard let ctx = t2vContextNew(config) else { return (nil, t2vLastStatus()) }
        defer { t2vContextFree(ctx) }
        guard let proc = t2vProcessorNew(ctx) else { return (nil, t2vLastStatus()) }
        defer { t2vProcessorFree(proc) }
        if let progress { _ = t2vProcessorSetProgressCallback(proc, progress, user) }
        var seg: UnsafeMutableRawPointer?
        let status = t2vProcessorProcessText(proc, text, &seg)
        guard status == T2V_OK, let s = seg else { return (nil, status) }
        defer { t2vSegmentFree(s) }
        return (copySegment(s), status)
    }

    /// A copy of the tiny folder in a fresh temporary directory, for breaking it.
    static func copy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2v-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("tiny-t2v")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: path), to: target)
        return target
    }
}

/// Records progress calls (on the calling thread for a processor).
final class ProgressLog {
    var calls: [(Int64, Int64, Int64)] = []
    var stopAt: Int64 = -1
    var pointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
    static let callback: T2VProgressCallback = { index, done, total, user in
        guard let user else { return true }
        let log = Unmanaged<ProgressLog>.fromOpaque(user).takeUnretainedValue()
        log.calls.append((index, done, total))
        return !(log.stopAt >= 0 && done >= log.stopAt)
    }
}

@Suite struct DiffusersModelTests {
    /// The documented "exact diffusers" setting: resolution = model_resolution (the fixture ran
    /// diffusers at 32×32; the folder's native size is 16×16), frame_rate = model_frame_rate,
    /// seconds_per_text · frame_rate = frames_per_chunk. The segment is diffusers' output.
    @Test(arguments: [("ddim", "pipeline_ddim"), ("dpmsolver", "pipeline_dpm")])
    func processTextEqualsDiffusers(scheduler: String, reference: String) throws {
        let config = TinyModel.config("\"scheduler\": \"\(scheduler)\", \"guidance_scale\": 9.0")
        let (segment, status) = TinyModel.process(config, "a red kite over a beach")
        let seg = try #require(segment, "status \(status): \(lastError)")
        let file = try SafeTensorsFile(path: TinyModel.fixtures.appendingPathComponent("reference/\(reference).safetensors").path)
        let expected = try file.tensor(named: "frames")  // (1, 4, 32, 32, 3) in [0, 1]
        #expect(seg.data.count == expected.count)
        var worst: Float = 0
        let e = expected.scalars
        for i in 0..<min(seg.data.count, e.count) { worst = max(worst, abs(Float(seg.data[i]) - e[i] * 255)) }
        print("\(scheduler): worst |reflection − diffusers| = \(worst) / 255 over \(e.count) samples")
        #expect(worst <= 2, "frames differ from diffusers by \(worst)/255")
        #expect(field(seg.metadata, "num_frames") == 4 && field(seg.metadata, "width") == 32)
        #expect(seg.metadata.contains("\"model\":\"\(TinyModel.path.replacingOccurrences(of: "/", with: "\\/"))\"")
            || seg.metadata.contains("\"model\":\"\(TinyModel.path)\""))
    }

    @Test func configurationReportsTheModelKeys() throws {
        let ctx = try #require(t2vContextNew(TinyModel.config("\"model_resolution\": \"48x32\", \"fit\": \"stretch\"")))
        defer { t2vContextFree(ctx) }
        let config = try #require(take(t2vContextConfig(ctx)))
        for key in ["\"frames_per_chunk\":4", "\"overlap_frames\":2", "\"model_frame_rate\":8",
                    "\"model_resolution\":\"48x32\"", "\"model_variant\":null", "\"fit\":\"stretch\""] {
            #expect(config.contains(key), "\(key) in \(config)")
        }
    }

    /// Output size and rate differ from the model's: frames are scaled and blended in time; a
    /// stream of two texts makes consecutive segments, the same bytes every run.
    @Test func streamConvertsSizeAndRateAndRepeats() throws {
        let config = TinyModel.config(
            "\"resolution\": \"64x48\", \"frame_rate\": 24, \"seconds_per_text\": 1, \"segment_seconds\": 0.5, \"num_inference_steps\": 2")
        let first = runStream(config: config, texts: ["a red kite over a beach", "a boat on a lake"])
        #expect(first.count == 4, "\(lastError)")
        for (i, s) in first.enumerated() {
            #expect(s.data.count == 64 * 48 * 3 * 12)
            #expect(field(s.metadata, "index") == Double(i) && field(s.metadata, "num_frames") == 12)
            #expect(field(s.metadata, "start_time") == Double(i) * 0.5)
        }
        let second = runStream(config: config, texts: ["a red kite over a beach", "a boat on a lake"])
        #expect(first.map { digest($0.data) } == second.map { digest($0.data) })
        // A different seed gives different frames.
        let other = runStream(config: config.replacingOccurrences(of: "\"seed\": 42", with: "\"seed\": 7"), texts: ["a red kite over a beach"])
        #expect(other.first.map { digest($0.data) } != first.first.map { digest($0.data) })
    }

    /// 8 → 24 frames/s: output frame 3k is model frame k; frames 3k+1 and 3k+2 are its blends
    /// with frame k+1 at 1/3 and 2/3.
    @Test func frameRateConversionBlendsNeighbouringModelFrames() throws {
        let base = "\"frames_per_chunk\": 8, \"seconds_per_text\": 1"
        let native = try #require(TinyModel.process(TinyModel.config(base), "a red kite").segment, "\(lastError)")
        let tripled = try #require(TinyModel.process(TinyModel.config(base + ", \"frame_rate\": 24"), "a red kite").segment)
        let frame = 32 * 32 * 3
        #expect(native.data.count == 8 * frame && tripled.data.count == 24 * frame)
        for k in 0..<8 {
            let a = native.data[k * frame..<(k + 1) * frame]
            #expect(Array(tripled.data[3 * k * frame..<(3 * k + 1) * frame]) == Array(a), "frame \(3 * k)")
            guard k < 7 else { continue }
            let b = Array(native.data[(k + 1) * frame..<(k + 2) * frame])
            for (j, w) in [(1, Float(1) / 3), (2, Float(2) / 3)] {
                let got = Array(tripled.data[(3 * k + j) * frame..<(3 * k + j + 1) * frame])
                var worst: Float = 0
                for (i, x) in a.enumerated() {
                    let want = (Float(x) + w * (Float(b[i]) - Float(x))).rounded()
                    worst = max(worst, abs(Float(got[i]) - want))
                }
                #expect(worst == 0, "frame \(3 * k + j)")
            }
        }
        // Past the last model frame the last one is held (the text's 8 model frames cover 1 s).
        let last = Array(native.data[7 * frame..<8 * frame])
        #expect(Array(tripled.data[23 * frame..<24 * frame]) == last)
    }

    /// A larger output: upscaled by the bicubic filter, cover-cropped to 16:9.
    @Test func upscalingFillsTheOutput() throws {
        let seg = try #require(TinyModel.process(TinyModel.config("\"resolution\": \"160x90\""), "a red kite").segment, "\(lastError)")
        #expect(seg.data.count == 160 * 90 * 3 * 4)
        let native = try #require(TinyModel.process(TinyModel.config(), "a red kite").segment)
        // Same mean colour within a few levels (the scaler keeps brightness).
        func mean(_ d: [UInt8]) -> Double { Double(d.reduce(0) { $0 + Int($1) }) / Double(d.count) }
        #expect(abs(mean(seg.data) - mean(native.data)) < 6, "\(mean(seg.data)) vs \(mean(native.data))")
    }

    /// Progress is steps of chunks: one chunk of 3 steps, then three chunks counted in one total.
    @Test func progressCountsDenoisingSteps() throws {
        let log = ProgressLog()
        _ = try #require(TinyModel.process(TinyModel.config(), "a kite", progress: ProgressLog.callback, user: log.pointer).segment)
        #expect(log.calls.map { $0.1 } == [0, 1, 2, 3] && log.calls.allSatisfy { $0.2 == 3 && $0.0 == 0 }, "\(log.calls)")

        // 8 model frames in chunks of 4 overlapping by 2: [0,4), [2,6), [4,8).
        let three = ProgressLog()
        _ = try #require(
            TinyModel.process(TinyModel.config("\"seconds_per_text\": 1"), "a kite", progress: ProgressLog.callback, user: three.pointer).segment)
        #expect(three.calls.last.map { $0.1 == 9 && $0.2 == 9 } == true, "\(three.calls)")
        #expect(zip(three.calls, three.calls.dropFirst()).allSatisfy { $0.1 <= $1.1 }, "\(three.calls)")
    }

    @Test func callbackCancelsBetweenSteps() throws {
        let log = ProgressLog()
        log.stopAt = 1
        let (segment, status) = TinyModel.process(TinyModel.config(), "a kite", progress: ProgressLog.callback, user: log.pointer)
        #expect(segment == nil && status == T2V_ERR_CANCELLED, "\(status) \(lastError)")
        #expect(log.calls.count == 2)
    }

    /// Chunks after the first continue the frames they share with the one before: with overlap 2
    /// (chunks [0,4) [2,6) [4,8)) frames 2–3 are crossfades of chunk 0 and chunk 1's re-made
    /// versions of them, and stay close to chunk 0's frames (which overlap 0 shows unchanged:
    /// chunks [0,4) [4,8), chunk 0 drawn from the same seed). Without the conditioning, chunk 1
    /// would be unrelated noise there and the crossfade would move far from chunk 0.
    @Test func overlappingChunksContinueEachOther() throws {
        let frame = 32 * 32 * 3
        func run(_ overlap: Int) throws -> [UInt8] {
            let extra = "\"seconds_per_text\": 1, \"overlap_frames\": \(overlap), \"num_inference_steps\": 4"
            return try #require(TinyModel.process(TinyModel.config(extra), "a red kite over a beach").segment, "\(lastError)").data
        }
        let joined = try run(2), plain = try run(0)
        #expect(joined[0..<2 * frame] == plain[0..<2 * frame], "frames before the first overlap are chunk 0's")
        func meanDifference(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Double {
            Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.count)
        }
        let overlapShift = meanDifference(joined[2 * frame..<4 * frame], plain[2 * frame..<4 * frame])
        // How far apart two unrelated chunks of this model are (chunk 0 vs the independent chunk 1).
        let unrelated = meanDifference(plain[0..<4 * frame], plain[4 * frame..<8 * frame])
        print("overlap frames moved by \(overlapShift) levels on average; unrelated chunks differ by \(unrelated)")
        #expect(overlapShift < unrelated * 0.1)
    }

    @Test func loadingErrorsNameTheProblem() throws {
        #expect(t2vContextNew(TinyModel.config("\"model\": \"/no/such/folder\"")) == nil)
        #expect(lastError.contains("/no/such/folder"), "\(lastError)")

        let broken = try TinyModel.copy()
        defer { try? FileManager.default.removeItem(at: broken.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: broken.appendingPathComponent("unet/diffusion_pytorch_model.safetensors"))
        #expect(t2vContextNew(TinyModel.config("\"model\": \"\(broken.path)\"")) == nil)
        #expect(lastError.contains("unet") || lastError.contains("diffusion_pytorch_model"), "\(lastError)")

        let noVAE = try TinyModel.copy()
        defer { try? FileManager.default.removeItem(at: noVAE.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: noVAE.appendingPathComponent("vae"))
        #expect(t2vContextNew(TinyModel.config("\"model\": \"\(noVAE.path)\"")) == nil)
        #expect(lastError.contains("'vae'"), "\(lastError)")

        // A Stable Diffusion folder (UNet2DConditionModel) is refused as unsupported, naming the class.
        let sd = try TinyModel.copy()
        defer { try? FileManager.default.removeItem(at: sd.deletingLastPathComponent()) }
        let index = sd.appendingPathComponent("model_index.json")
        let text = try String(contentsOf: index, encoding: .utf8).replacingOccurrences(of: "UNet3DConditionModel", with: "UNet2DConditionModel")
        try text.write(to: index, atomically: true, encoding: .utf8)
        #expect(t2vContextNew(TinyModel.config("\"model\": \"\(sd.path)\"")) == nil)
        #expect(t2vLastStatus() == T2V_ERR_UNSUPPORTED && lastError.contains("UNet2DConditionModel"), "\(lastError)")
    }

    @Test(arguments: [
        ("\"overlap_frames\": 4", "overlap_frames"),
        ("\"frames_per_chunk\": 0", "frames_per_chunk"),
        ("\"model_resolution\": \"30x32\"", "multiples of 8"),
        ("\"model_resolution\": 256", "model_resolution"),
        ("\"model_frame_rate\": 0", "model_frame_rate"),
        ("\"model_variant\": \"../x\"", "model_variant"),
        ("\"fit\": \"letterbox\"", "fit"),
        ("\"model_resolution\": \"4096x4096\", \"frames_per_chunk\": 256", "GiB"),
    ])
    func badModelSettingsAreRefused(extra: String, mention: String) {
        #expect(t2vContextNew(TinyModel.config(extra)) == nil)
        #expect(lastError.contains(mention), "\(lastError)")
    }

    /// Processor parameters change the diffusion settings per call.
    @Test func processorParametersApply() throws {
        let ctx = try #require(t2vContextNew(TinyModel.config()))
        defer { t2vContextFree(ctx) }
        let proc = try #require(t2vProcessorNew(ctx))
        defer { t2vProcessorFree(proc) }
        var seg: UnsafeMutableRawPointer?
        #expect(t2vProcessorProcessText(proc, "a kite", &seg) == T2V_OK)
        let a = copySegment(try #require(seg))
        t2vSegmentFree(seg)
        #expect(t2vProcessorSetParameter(proc, "num_inference_steps", "2") == T2V_OK)
        #expect(t2vProcessorSetParameter(proc, "negative_prompt", "\"blurry\"") == T2V_OK)
        #expect(t2vProcessorProcessText(proc, "a kite", &seg) == T2V_OK)
        let b = copySegment(try #require(seg))
        t2vSegmentFree(seg)
        #expect(digest(a.data) != digest(b.data))
        #expect(t2vProcessorSetParameter(proc, "overlap_frames", "9") == T2V_OK)
        #expect(t2vProcessorProcessText(proc, "a kite", &seg) == T2V_ERR_INVALID_ARGUMENT)
        #expect(lastError.contains("overlap_frames"), "\(lastError)")
    }
}
