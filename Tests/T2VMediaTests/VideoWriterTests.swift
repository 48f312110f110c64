import Foundation
import XCTest

@testable import T2VMedia

final class VideoWriterTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try MediaTestSupport.makeTemporaryDirectory()
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func write(_ writer: VideoWriter, _ frames: [UInt8], count: Int, width: Int = 64, height: Int = 48,
                       rate: Double = 24) throws {
        try frames.withUnsafeBufferPointer {
            try writer.write(frames: $0, count: count, width: width, height: height, frameRate: rate)
        }
    }

    private func assertMediaError(_ kind: MediaError.Kind, containing parts: [String] = [],
                                  file: StaticString = #filePath, line: UInt = #line,
                                  _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("expected a .\(kind) error", file: file, line: line)
        } catch let error as MediaError {
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
            for part in parts {
                XCTAssertTrue(error.message.contains(part), "'\(error.message)' lacks '\(part)'", file: file, line: line)
            }
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    // MARK: - Containers

    func testEachContainerWritesWhatFFprobeReports() throws {
        let cases: [(String, String)] = [("mp4", "h264"), ("mkv", "h264"), ("y4m", "rawvideo")]
        let frames = MediaTestSupport.gradientFrames(width: 64, height: 48, count: 12)
        for (ext, codec) in cases {
            let file = path("clip.\(ext)")
            let writer = try VideoWriter(path: file)
            XCTAssertEqual(writer.container.rawValue, ext)
            try write(writer, frames, count: 12)
            XCTAssertEqual(writer.framesWritten, 12)
            try writer.close()

            let probe = try MediaTestSupport.probe(file)
            XCTAssertEqual(probe.string("codec_name"), codec, ext)
            XCTAssertEqual(probe.int("width"), 64, ext)
            XCTAssertEqual(probe.int("height"), 48, ext)
            XCTAssertEqual(probe.string("pix_fmt"), "yuv420p", ext)
            XCTAssertEqual(probe.string("r_frame_rate"), "24/1", ext)
            XCTAssertEqual(probe.int("nb_read_frames"), 12, ext)
            XCTAssertEqual(probe.formatDuration ?? -1, 0.5, accuracy: 0.002, ext)
            XCTAssertEqual(probe.string("color_range"), "tv", ext)
            if codec == "h264" {
                XCTAssertEqual(probe.string("color_space"), "bt709", ext)
                XCTAssertEqual(probe.string("color_primaries"), "bt709", ext)
                XCTAssertEqual(probe.string("color_transfer"), "bt709", ext)
            }
            if ext == "mp4" {
                XCTAssertEqual(probe.int("nb_frames"), 12)
                XCTAssertEqual(probe.streamDuration ?? -1, 0.5, accuracy: 1e-6)
            }
        }
    }

    func testNTSCRateIsExactRational() throws {
        let file = path("ntsc.mp4")
        let writer = try VideoWriter(path: file)
        try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 15), count: 15, rate: 29.97)
        XCTAssertEqual(writer.frameRateRational.num, 30000)
        XCTAssertEqual(writer.frameRateRational.den, 1001)
        // The same rate spelt exactly is not a mismatch.
        try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 15), count: 15,
                  rate: 30000.0 / 1001.0)
        try writer.close()
        let probe = try MediaTestSupport.probe(file)
        XCTAssertEqual(probe.string("r_frame_rate"), "30000/1001")
        XCTAssertEqual(probe.int("nb_frames"), 30)
        XCTAssertEqual(probe.streamDuration ?? -1, 30.0 * 1001 / 30000, accuracy: 1e-4)
    }

    func testFrameRateRationals() {
        let cases: [(Double, Int32, Int32)] = [
            (24, 24, 1), (25, 25, 1), (30, 30, 1), (12.5, 25, 2), (23.976, 24000, 1001),
            (29.97, 30000, 1001), (59.94, 60000, 1001), (240, 240, 1), (1, 1, 1), (0.5, 1, 2),
        ]
        for (rate, num, den) in cases {
            let q = VideoWriter.rational(forFrameRate: rate)
            XCTAssertEqual(q.num, num, "\(rate)")
            XCTAssertEqual(q.den, den, "\(rate)")
        }
    }

    func testMp4HasMoovBeforeMdat() throws {
        let file = path("faststart.mp4")
        let writer = try VideoWriter(path: file)
        try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 12), count: 12)
        try writer.close()
        let boxes = try MediaTestSupport.topLevelBoxes(file)
        let moov = try XCTUnwrap(boxes.firstIndex(of: "moov"), "\(boxes)")
        let mdat = try XCTUnwrap(boxes.firstIndex(of: "mdat"), "\(boxes)")
        XCTAssertEqual(boxes.first, "ftyp")
        XCTAssertLessThan(moov, mdat, "\(boxes)")
    }

    func testSolidColourComesBackNearThatColour() throws {
        let colours: [(UInt8, UInt8, UInt8)] = [(200, 60, 30), (128, 128, 128), (20, 120, 230)]
        for ext in ["mp4", "mkv", "y4m"] {
            for colour in colours {
                let file = path("solid-\(colour.0)-\(colour.1)-\(colour.2).\(ext)")
                let writer = try VideoWriter(path: file)
                try write(writer, MediaTestSupport.solidFrames(width: 64, height: 48, count: 6, rgb: colour), count: 6)
                try writer.close()
                let rgb = try MediaTestSupport.decodeRGB(file)
                XCTAssertEqual(rgb.count, 64 * 48 * 3 * 6, ext)
                var worst = 0
                var worstIndex = 0
                let expected = [Int(colour.0), Int(colour.1), Int(colour.2)]
                for (i, value) in rgb.enumerated() {
                    let diff = abs(Int(value) - expected[i % 3])
                    if diff > worst { worst = diff; worstIndex = i }
                }
                XCTAssertLessThanOrEqual(
                    worst, 4,
                    "\(ext) \(colour): worst byte \(worstIndex) (channel \(worstIndex % 3)) off by \(worst)")
            }
        }
    }

    // MARK: - Paths

    func testContainerForPath() throws {
        XCTAssertEqual(try VideoContainer.forPath("/a/b/clip.MP4"), .mp4)
        XCTAssertEqual(try VideoContainer.forPath("x.Mkv"), .mkv)
        XCTAssertEqual(try VideoContainer.forPath("dir.mp4/raw.y4m"), .y4m)
        assertMediaError(.unsupportedContainer, containing: ["dir.mp4/noext", ".mp4", ".mkv", ".y4m"]) {
            _ = try VideoContainer.forPath("dir.mp4/noext")
        }
        assertMediaError(.unsupportedContainer, containing: [".mp4"]) { _ = try VideoContainer.forPath(".mp4") }
        assertMediaError(.unsupportedContainer, containing: ["trailing."]) { _ = try VideoContainer.forPath("trailing.") }
    }

    func testUnsupportedExtensionNamesPathAndAcceptedOnes() {
        let file = path("clip.avi")
        assertMediaError(.unsupportedContainer, containing: [file, ".avi", ".mp4", ".mkv", ".y4m"]) {
            _ = try VideoWriter(path: file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }

    func testMissingDirectoryFailsAtInitWithReason() {
        let file = path("no/such/dir/clip.mp4")
        assertMediaError(.io, containing: [file, "No such file or directory"]) {
            _ = try VideoWriter(path: file)
        }
    }

    func testUnwritablePathFailsAtInitWithReason() throws {
        let dirNamedLikeVideo = path("folder.mkv")
        try FileManager.default.createDirectory(atPath: dirNamedLikeVideo, withIntermediateDirectories: true)
        assertMediaError(.io, containing: [dirNamedLikeVideo, "Is a directory"]) {
            _ = try VideoWriter(path: dirNamedLikeVideo)
        }
        let regularFile = path("plain")
        _ = FileManager.default.createFile(atPath: regularFile, contents: Data())
        assertMediaError(.io, containing: [regularFile + "/clip.mp4", "Not a directory"]) {
            _ = try VideoWriter(path: regularFile + "/clip.mp4")
        }
        if getuid() != 0 {  // root ignores permission bits
            let locked = path("locked")
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
            assertMediaError(.io, containing: [locked + "/clip.mp4", "Permission denied"]) {
                _ = try VideoWriter(path: locked + "/clip.mp4")
            }
        }
    }

    func testFileIsCreatedAtInitAndRemovedWhenNoFrameWasWritten() throws {
        let file = path("empty.mp4")
        let writer = try VideoWriter(path: file)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file))
        try writer.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }

    // MARK: - Arguments

    func testInvalidArgumentsLeaveWriterUsable() throws {
        let file = path("args.mkv")
        let writer = try VideoWriter(path: file)
        let good = MediaTestSupport.gradientFrames(width: 64, height: 48, count: 2)
        assertMediaError(.invalidArgument, containing: ["bytes"]) {
            try write(writer, Array(good.dropLast()), count: 2)
        }
        assertMediaError(.invalidArgument, containing: ["bytes"]) { try write(writer, good, count: 3) }
        assertMediaError(.invalidArgument) { try write(writer, good, count: -1) }
        assertMediaError(.invalidArgument, containing: ["even"]) {
            try write(writer, MediaTestSupport.gradientFrames(width: 63, height: 48, count: 1), count: 1, width: 63)
        }
        assertMediaError(.invalidArgument) {
            try write(writer, MediaTestSupport.gradientFrames(width: 14, height: 48, count: 1), count: 1, width: 14)
        }
        for rate in [0, -1, 241, .nan, .infinity] as [Double] {
            assertMediaError(.invalidArgument, containing: ["frame rate"]) { try write(writer, good, count: 2, rate: rate) }
        }
        assertMediaError(.invalidArgument, containing: ["bytes"]) {
            try [UInt8]().withUnsafeBufferPointer {
                try writer.write(frames: $0, count: Int.max / 4, width: 64, height: 48, frameRate: 24)
            }
        }
        try write(writer, [], count: 0)  // validates only; fixes nothing
        XCTAssertEqual(writer.width, 0)
        try write(writer, good, count: 2)
        XCTAssertEqual(writer.framesWritten, 2)
        try writer.close()
        XCTAssertEqual(try MediaTestSupport.probe(file).int("nb_read_frames"), 2)
    }

    func testInvalidOptionsFailAtInit() {
        assertMediaError(.invalidArgument, containing: ["crf"]) {
            _ = try VideoWriter(path: path("a.mp4"), options: .init(crf: 52))
        }
        assertMediaError(.invalidArgument, containing: ["preset", "veryfast"]) {
            _ = try VideoWriter(path: path("a.mp4"), options: .init(preset: "quick"))
        }
        assertMediaError(.invalidArgument, containing: ["threads"]) {
            _ = try VideoWriter(path: path("a.mp4"), options: .init(threads: -1))
        }
        assertMediaError(.invalidArgument) { _ = try VideoWriter(path: "") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("a.mp4")))
    }

    // MARK: - Mismatch, close, failures

    func testMismatchThrowsAndKeepsEarlierFrames() throws {
        for ext in ["mp4", "mkv", "y4m"] {
            let file = path("mismatch.\(ext)")
            let writer = try VideoWriter(path: file)
            try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 6), count: 6)
            assertMediaError(.mismatch, containing: ["32x48", "64x48", file]) {
                try write(writer, MediaTestSupport.gradientFrames(width: 32, height: 48, count: 2), count: 2, width: 32)
            }
            assertMediaError(.mismatch, containing: ["25", "24/1", file]) {
                try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 2), count: 2, rate: 25)
            }
            XCTAssertEqual(writer.framesWritten, 6)
            try writer.close()
            let probe = try MediaTestSupport.probe(file)
            XCTAssertEqual(probe.int("nb_read_frames"), 6, ext)
            XCTAssertEqual(probe.int("width"), 64, ext)
            XCTAssertEqual(probe.formatDuration ?? -1, 0.25, accuracy: 0.002, ext)
        }
    }

    func testWritingContinuesAfterMismatch() throws {
        let file = path("continue.mp4")
        let writer = try VideoWriter(path: file)
        try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 5), count: 5)
        assertMediaError(.mismatch) {
            try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 64, count: 1), count: 1, height: 64)
        }
        try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 7, firstFrame: 5), count: 7)
        try writer.close()
        let probe = try MediaTestSupport.probe(file)
        XCTAssertEqual(probe.int("nb_frames"), 12)
        XCTAssertEqual(probe.int("nb_read_frames"), 12)
    }

    func testCloseIsIdempotentAndWriteAfterCloseThrows() throws {
        let file = path("closed.mkv")
        let writer = try VideoWriter(path: file)
        let frames = MediaTestSupport.gradientFrames(width: 64, height: 48, count: 3)
        try write(writer, frames, count: 3)
        try writer.close()
        try writer.close()
        assertMediaError(.closed, containing: [file]) { try write(writer, frames, count: 3) }
        try writer.close()
        XCTAssertEqual(try MediaTestSupport.probe(file).int("nb_read_frames"), 3)
    }

    func testDeinitFinalisesTheFile() throws {
        let file = path("dropped.mp4")
        do {
            let writer = try VideoWriter(path: file)
            try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 4), count: 4)
        }
        XCTAssertEqual(try MediaTestSupport.probe(file).int("nb_frames"), 4)
    }

    func testCloseAfterFailedWriteKeepsEveryCompleteSegment() throws {
        for ext in VideoContainer.allCases.map(\.rawValue) {
            let file = path("failed.\(ext)")
            let writer = try VideoWriter(path: file)
            try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 4), count: 4)
            try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 3, firstFrame: 4), count: 3)
            // The third segment fails at its third frame: none of it is accepted.
            writer.failBeforeFrame = 9
            assertMediaError(.encoder, containing: ["injected"]) {
                try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 8, firstFrame: 7), count: 8)
            }
            XCTAssertEqual(writer.framesWritten, 7)
            // A failed writer takes no more frames, with the original reason.
            assertMediaError(.encoder, containing: ["earlier failure", "injected", "7 frames"]) {
                try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 1), count: 1)
            }
            try writer.close()
            XCTAssertTrue(writer.isFinal, "\(ext): cut back and remuxed into its final layout")
            let probe = try MediaTestSupport.probe(file)
            XCTAssertEqual(probe.int("nb_read_frames"), 7, ext)
            XCTAssertEqual(probe.formatDuration ?? -1, 7.0 / 24, accuracy: 0.002, ext)
            if ext == "mp4" {
                let boxes = try MediaTestSupport.topLevelBoxes(file)
                XCTAssertFalse(boxes.contains("moof"), "a plain MP4 again: \(boxes)")
            }
        }
    }

    /// What a process killed right after `write` returned leaves behind: a copy of the file taken
    /// then must hold every frame of every segment written so far.
    func testEverySegmentIsInTheFileWhenWriteReturns() throws {
        for ext in VideoContainer.allCases.map(\.rawValue) {
            let file = path("durable.\(ext)")
            let snapshot = path("snapshot.\(ext)")
            let writer = try VideoWriter(path: file)
            var total = 0
            for count in [1, 2, 5, 16, 3] {
                let frames = MediaTestSupport.gradientFrames(width: 64, height: 48, count: count, firstFrame: total)
                try write(writer, frames, count: count)
                total += count
                try? FileManager.default.removeItem(atPath: snapshot)
                try FileManager.default.copyItem(atPath: file, toPath: snapshot)
                let probe = try MediaTestSupport.probe(snapshot)
                XCTAssertEqual(probe.int("nb_read_frames"), total, "\(ext) after a segment of \(count)")
                XCTAssertEqual(probe.string("codec_name"), ext == "y4m" ? "rawvideo" : "h264", ext)
            }
            if ext == "mp4" {
                XCTAssertTrue(try MediaTestSupport.topLevelBoxes(file).contains("moof"), "fragmented while written")
            }
            // x264 runs without delay, so no segment end drains and reopens it: one encoder per file.
            XCTAssertEqual(writer.encodersOpened, 1, ext)
            try writer.close()
            XCTAssertTrue(writer.isFinal, ext)
            let probe = try MediaTestSupport.probe(file)
            XCTAssertEqual(probe.int("nb_read_frames"), total, ext)
            XCTAssertEqual(probe.formatDuration ?? -1, Double(total) / 24, accuracy: 0.002, ext)
            // Each segment starts with a keyframe (a closed GOP), and nothing is lost across them:
            // the decoded frames are the frames written, in order.
            let decoded = try MediaTestSupport.decodeRGB(file)
            let original = MediaTestSupport.gradientFrames(width: 64, height: 48, count: total)
            XCTAssertEqual(decoded.count, original.count, ext)
            // Frame by frame, the mean difference to the frame written there is small, and smaller
            // than to the frame after it (the gradient moves 4 levels a frame).
            let frameBytes = 64 * 48 * 3
            func meanDifference(_ a: Int, _ b: Int) -> Double {
                let x = decoded[a * frameBytes..<(a + 1) * frameBytes], y = original[b * frameBytes..<(b + 1) * frameBytes]
                return Double(zip(x, y).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(frameBytes)
            }
            for f in 0..<total - 1 {
                let same = meanDifference(f, f), next = meanDifference(f, f + 1)
                XCTAssertLessThan(same, 4, "\(ext) frame \(f)")
                XCTAssertLessThan(same, next, "\(ext) frame \(f) is the frame written there")
            }
        }
    }

    func testMp4IsAPlainFaststartFileWithPtsFromZeroAfterClose() throws {
        let file = path("plain.mp4")
        let writer = try VideoWriter(path: file)
        for first in stride(from: 0, to: 24, by: 8) {
            try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 8, firstFrame: first), count: 8)
        }
        try writer.close()
        let boxes = try MediaTestSupport.topLevelBoxes(file)
        XCTAssertEqual(boxes.filter { $0 == "moov" || $0 == "mdat" || $0 == "moof" }, ["moov", "mdat"], "\(boxes)")
        let data = try MediaTestSupport.run(
            try MediaTestSupport.tool("ffprobe"),
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts,key_frame", "-of", "csv=p=0", file])
        let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 24)
        let pts = rows.compactMap { $0.split(separator: ",").last.flatMap { Int($0) } }
        XCTAssertEqual(pts.first, 0, "\(rows.prefix(3))")
        XCTAssertEqual(Set(pts.map { $0 / pts[1] }).count, 24, "every frame presented once: \(pts)")
        let keyframes = rows.enumerated().filter { $0.element.hasPrefix("1,") }.map(\.offset)
        XCTAssertEqual(keyframes, [0, 8, 16], "one IDR frame at the start of each segment")
    }

    func testRemuxKeepsThePermissionBitsAndFollowsASymlink() throws {
        let target = path("real.mp4")
        let link = path("link.mp4")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let writer = try VideoWriter(path: link)
        try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 4), count: 4)
        XCTAssertEqual(chmod(target, 0o640), 0)
        try writer.close()
        XCTAssertTrue(writer.isFinal)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), target, "the link stays a link")
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o640)
        XCTAssertEqual(try MediaTestSupport.probe(link).int("nb_read_frames"), 4)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("remux") }
        XCTAssertEqual(leftovers, [], "no temporary copy left behind")
    }

    func testFailureAtFirstFrameLeavesNoFile() throws {
        for ext in ["mp4", "mkv", "y4m"] {
            let file = path("first.\(ext)")
            let writer = try VideoWriter(path: file)
            writer.failBeforeFrame = 0
            assertMediaError(.encoder, containing: ["injected"]) {
                try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 3), count: 3)
            }
            XCTAssertEqual(writer.framesWritten, 0)
            try writer.close()
            XCTAssertFalse(FileManager.default.fileExists(atPath: file), ext)
        }
    }

    func testFailedSetUpFreesEverythingAndClosesTheWriter() throws {
        let file = path("setup.mp4")
        let writer = try VideoWriter(path: file)
        writer.failSetUp = true
        let frames = MediaTestSupport.gradientFrames(width: 64, height: 48, count: 2)
        assertMediaError(.encoder, containing: ["injected setup failure"]) { try write(writer, frames, count: 2) }
        assertMediaError(.closed, containing: [file, "injected setup failure"]) { try write(writer, frames, count: 2) }
        try writer.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }

    func testTinyFrameRateIsRejectedNotDividedByZero() throws {
        let writer = try VideoWriter(path: path("tiny.mkv"))
        assertMediaError(.invalidArgument, containing: ["frame rate"]) {
            try write(writer, MediaTestSupport.gradientFrames(width: 64, height: 48, count: 1), count: 1, rate: 1e-300)
        }
        try writer.close()
    }

    func testSymlinkIsNotRemovedWhenNothingWasWritten() throws {
        let link = path("link.y4m")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        let writer = try VideoWriter(path: link)
        try writer.close()
        XCTAssertNotNil(try? FileManager.default.destinationOfSymbolicLink(atPath: link))
    }

    func testFullDiskIsAnIOError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        for ext in ["mkv", "y4m", "mp4"] {
            let link = path("full.\(ext)")
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")
            let writer = try VideoWriter(path: link)
            let frames = MediaTestSupport.gradientFrames(width: 64, height: 48, count: 24)
            var error: MediaError?
            do {
                for _ in 0..<20 { try write(writer, frames, count: 24) }
                try writer.close()
            } catch let e as MediaError {
                error = e
            }
            XCTAssertEqual(error?.kind, .io, "\(ext): \(String(describing: error))")
            XCTAssertTrue(error?.message.contains("No space left on device") ?? false, "\(String(describing: error))")
            XCTAssertTrue(error?.message.contains(link) ?? false, "\(String(describing: error))")
            try? writer.close()
            try writer.close()  // idempotent after a failed close
            assertMediaError(.closed) { try write(writer, frames, count: 1) }
        }
    }
}
