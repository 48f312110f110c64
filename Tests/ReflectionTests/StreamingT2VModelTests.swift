import Foundation
import Reflection
import T2VNeural
import Testing

// A StreamingT2V folder through the C surface: Tests/Fixtures/streamingt2v/model (the tiny models,
// written by tools/fixtures/make_streamingt2v_fixtures.py) against its reference stream
// (reference/engine_run.safetensors: the first chunk by diffusers, the streamed chunks by the
// streaming stage written from the StreamingT2V spec).

@Suite struct StreamingT2VModelTests {
    static let root = TinyModel.fixtures.appendingPathComponent("streamingt2v")
    static let path = root.appendingPathComponent("model").path

    /// 12 frames of 16×16 at 8 frames/s: chunks of 8 frames continued from the CAM's 4, 3 steps.
    static func config(_ extra: String = "") -> String {
        configJSON([
            ("model", "\"\(path)\""), ("resolution", "\"16x16\""), ("frame_rate", "8"), ("model_frame_rate", "8"),
            ("frames_per_chunk", "8"), ("seconds_per_text", "1.5"), ("num_inference_steps", "3"), ("guidance_scale", "9.0"),
            ("seed", "33"), ("threads", "1"), ("precision", "\"fp32\""),
        ], extra)
    }

    @Test func processTextEqualsTheReferenceStreamsFirstText() throws {
        let log = ProgressLog()
        let (segment, status) = TinyModel.process(Self.config(), "a red kite over a beach", progress: ProgressLog.callback, user: log.pointer)
        let seg = try #require(segment, "status \(status): \(lastError)")
        let file = try SafeTensorsFile(path: Self.root.appendingPathComponent("reference/engine_run.safetensors").path)
        let video = try file.tensor(named: "video").scalars  // (24, 16, 16, 3) in [0, 1]
        let count = 12 * 16 * 16 * 3
        #expect(seg.data.count == count)
        var worst: Float = 0
        for i in 0..<min(seg.data.count, count) { worst = max(worst, abs(Float(seg.data[i]) - video[i] * 255)) }
        #expect(worst <= 2, "frames differ from the reference by \(worst)/255")
        #expect(field(seg.metadata, "num_frames") == 12)
        // Both chunks' steps, counted together.
        #expect(log.calls.first.map { [$0.0, $0.1, $0.2] } == [0, 0, 6])
        #expect(log.calls.last.map { [$0.0, $0.1, $0.2] } == [0, 6, 6])
    }

    @Test func aCallbackStopsTheStreamedChunkBetweenSteps() throws {
        let log = ProgressLog()
        log.stopAt = 4  // the first step of the second (streamed) chunk
        let (segment, status) = TinyModel.process(Self.config(), "a red kite over a beach", progress: ProgressLog.callback, user: log.pointer)
        #expect(segment == nil && status == T2V_ERR_CANCELLED, "status \(status)")
        #expect(log.calls.last.map { $0.1 } == 4)
    }

    @Test func badSettingsNameTheKey() {
        for (extra, key) in [("\"overlap_frames\": 2", "num_frames_conditioning"), ("\"anchor\": \"last\"", "anchor"),
                             ("\"streaming_guidance_scale\": 101", "streaming_guidance_scale")] {
            let ctx = t2vContextNew(Self.config(extra))
            #expect(ctx == nil && t2vLastStatus() == T2V_ERR_INVALID_ARGUMENT, "\(extra)")
            #expect(lastError.contains(key), "\(extra): \(lastError)")
            if let ctx { t2vContextFree(ctx) }
        }
    }
}
