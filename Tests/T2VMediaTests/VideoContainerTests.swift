import Foundation
import XCTest

@testable import T2VMedia

/// One row per entry of the `VideoContainer` table: what ffprobe must report for a file written with
/// it. A container added to the table without a row here fails `testEveryContainerIsProbed`.
final class VideoContainerTests: XCTestCase {
    private struct Expected {
        /// ffprobe's `format_name` (a comma-separated list for some muxers).
        var formatName: String
        /// ffprobe's `codec_name` of the stream.
        var codec: String
        /// ffprobe's `color_space`, or nil where the container carries no matrix tag.
        var colorSpace: String?
        /// Whether the `moov` box must come before `mdat` (ISO-BMFF with faststart).
        var moovFirst = false
    }

    private static let expected: [String: Expected] = [
        "mp4": Expected(formatName: "mov,mp4,m4a,3gp,3g2,mj2", codec: "h264", colorSpace: "bt709", moovFirst: true),
        "mkv": Expected(formatName: "matroska,webm", codec: "h264", colorSpace: "bt709"),
        "y4m": Expected(formatName: "yuv4mpegpipe", codec: "rawvideo", colorSpace: nil),
    ]

    private var directory: URL!

    override func setUpWithError() throws {
        directory = try MediaTestSupport.makeTemporaryDirectory()
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testTableEntriesAreDistinctAndFoundByExtension() throws {
        let extensions = VideoContainer.allCases.map(\.rawValue)
        XCTAssertEqual(Set(extensions).count, extensions.count, "\(extensions)")
        for container in VideoContainer.allCases {
            XCTAssertEqual(container.rawValue, container.rawValue.lowercased())
            XCTAssertFalse(container.rawValue.contains("."), container.rawValue)
            XCTAssertEqual(VideoContainer(rawValue: container.rawValue), container)
            XCTAssertEqual(try VideoContainer.forPath("clip." + container.rawValue.uppercased()), container)
            XCTAssertEqual("\(container)", container.rawValue)
        }
        XCTAssertNil(VideoContainer(rawValue: "avi"))
    }

    func testTableFields() {
        XCTAssertEqual(VideoContainer.mp4.muxerName, "mp4")
        XCTAssertEqual(VideoContainer.mp4.encoderName, "libx264")
        XCTAssertEqual(VideoContainer.mp4.matrix.name, "BT.709")
        XCTAssertTrue(VideoContainer.mp4.takesX264Options)
        // Streamed as fragmented MP4 (readable after a kill), remuxed to a plain faststart MP4 on close.
        XCTAssertEqual(
            VideoContainer.mp4.muxerOptions.map { "\($0.key)=\($0.value)" },
            ["movflags=+frag_custom+empty_moov+default_base_moof"])
        XCTAssertEqual(VideoContainer.mp4.finish.remux, .always, "mp4 is remuxed on close")
        XCTAssertEqual(VideoContainer.mp4.finish.options.map { "\($0.key)=\($0.value)" }, ["movflags=+faststart"])
        XCTAssertEqual(VideoContainer.mkv.muxerName, "matroska")
        XCTAssertTrue(VideoContainer.mkv.muxerOptions.isEmpty)
        XCTAssertEqual(VideoContainer.mkv.finish.remux, .afterFailure, "mkv has a trailer")
        XCTAssertEqual(VideoContainer.y4m.finish.remux, .never, "y4m is final as written")
        XCTAssertEqual(VideoContainer.y4m.encoderName, "wrapped_avframe")
        XCTAssertEqual(VideoContainer.y4m.matrix.name, "BT.601")
        XCTAssertFalse(VideoContainer.y4m.takesX264Options)
    }

    func testEveryContainerIsProbed() throws {
        let frames = MediaTestSupport.gradientFrames(width: 64, height: 48, count: 6)
        for container in VideoContainer.allCases {
            let ext = container.rawValue
            guard let expected = Self.expected[ext] else {
                XCTFail("the container table has .\(ext) but VideoContainerTests.expected has no row for it")
                continue
            }
            let file = directory.appendingPathComponent("probe.\(ext)").path
            let writer = try VideoWriter(path: file)
            XCTAssertEqual(writer.container, container)
            try frames.withUnsafeBufferPointer {
                try writer.write(frames: $0, count: 6, width: 64, height: 48, frameRate: 24)
            }
            try writer.close()

            let probe = try MediaTestSupport.probe(file)
            XCTAssertEqual(probe.format["format_name"].map { "\($0)" }, expected.formatName, ext)
            XCTAssertEqual(probe.string("codec_name"), expected.codec, ext)
            XCTAssertEqual(probe.string("pix_fmt"), "yuv420p", ext)
            XCTAssertEqual(probe.string("color_range"), "tv", ext)
            XCTAssertEqual(probe.int("nb_read_frames"), 6, ext)
            if let colorSpace = expected.colorSpace {
                XCTAssertEqual(probe.string("color_space"), colorSpace, ext)
            }
            if expected.moovFirst {
                let boxes = try MediaTestSupport.topLevelBoxes(file)
                let moov = try XCTUnwrap(boxes.firstIndex(of: "moov"), "\(boxes)")
                let mdat = try XCTUnwrap(boxes.firstIndex(of: "mdat"), "\(boxes)")
                XCTAssertLessThan(moov, mdat, "\(ext): \(boxes)")
            }
        }
    }
}
