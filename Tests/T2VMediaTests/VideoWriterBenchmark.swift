import Foundation
import XCTest

import T2VMedia

/// Encode-speed figures, printed rather than asserted. Runs only with `T2V_MEDIA_BENCH=1`:
///   T2V_MEDIA_BENCH=1 swift test --filter VideoWriterBenchmark
/// (frames are rendered before the clock starts; only `write` and `close` are timed).
final class VideoWriterBenchmark: XCTestCase {
    func testEncodeSpeed() throws {
        guard ProcessInfo.processInfo.environment["T2V_MEDIA_BENCH"] == "1" else {
            throw XCTSkip("set T2V_MEDIA_BENCH=1 to run the encode benchmark")
        }
        let directory = try MediaTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let total = 150
        let batch = 30
        for (width, height) in [(1280, 720), (1920, 1080)] {
            let chunks = stride(from: 0, to: total, by: batch).map {
                MediaTestSupport.gradientFrames(width: width, height: height, count: batch, firstFrame: $0)
            }
            for ext in ["mp4", "mkv", "y4m"] {
                let path = directory.appendingPathComponent("bench.\(ext)").path
                let start = Date()
                let writer = try VideoWriter(path: path)
                for chunk in chunks {
                    try chunk.withUnsafeBufferPointer {
                        try writer.write(frames: $0, count: batch, width: width, height: height, frameRate: 30)
                    }
                }
                try writer.close()
                let seconds = Date().timeIntervalSince(start)
                print(String(format: "VideoWriter %@ %dx%d (preset veryfast, crf 20): %d frames in %.2f s = %.1f fps, %.1fx real time at 30 fps",
                             ext, width, height, total, seconds, Double(total) / seconds, Double(total) / seconds / 30))
            }
        }
    }

    /// The cost of durable segments: the same 150 frames written as one segment, or as segments of
    /// 30 and 15 frames (each segment starts with an IDR frame).
    func testSegmentLengthCost() throws {
        guard ProcessInfo.processInfo.environment["T2V_MEDIA_BENCH"] == "1" else {
            throw XCTSkip("set T2V_MEDIA_BENCH=1 to run the encode benchmark")
        }
        let directory = try MediaTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (width, height, total) = (1280, 720, 150)
        let frames = MediaTestSupport.gradientFrames(width: width, height: height, count: total)
        let frameBytes = width * height * 3
        for ext in ["mp4", "mkv"] {
            for segment in [150, 30, 15] {
                let path = directory.appendingPathComponent("segments-\(segment).\(ext)").path
                let start = Date()
                let writer = try VideoWriter(path: path)
                try frames.withUnsafeBufferPointer { all in
                    for first in stride(from: 0, to: total, by: segment) {
                        let part = UnsafeBufferPointer(rebasing: all[first * frameBytes..<(first + segment) * frameBytes])
                        try writer.write(frames: part, count: segment, width: width, height: height, frameRate: 30)
                    }
                }
                try writer.close()
                let seconds = Date().timeIntervalSince(start)
                let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
                print(String(format: "VideoWriter %@ %dx%d, %d frames in segments of %3d: %.2f s (%.1f fps), %d bytes",
                             ext, width, height, total, segment, seconds, Double(total) / seconds, bytes))
            }
        }
    }
}
