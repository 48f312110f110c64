import Foundation
import XCTest

/// Helpers shared by the media tests: frame synthesis, a temporary folder, and ffprobe/ffmpeg runs.
enum MediaTestSupport {
    /// A fresh folder under the system temporary directory.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("t2vmedia-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `count` packed rgb24 frames of one colour.
    static func solidFrames(width: Int, height: Int, count: Int, rgb: (UInt8, UInt8, UInt8)) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height * 3 * count)
        var i = 0
        while i < bytes.count {
            bytes[i] = rgb.0
            bytes[i + 1] = rgb.1
            bytes[i + 2] = rgb.2
            i += 3
        }
        return bytes
    }

    /// `count` packed rgb24 frames of a gradient that moves with the frame index.
    static func gradientFrames(width: Int, height: Int, count: Int, firstFrame: Int = 0) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height * 3 * count)
        var i = 0
        for f in 0..<count {
            let t = (firstFrame + f) * 4
            for y in 0..<height {
                for x in 0..<width {
                    bytes[i] = UInt8(truncatingIfNeeded: x + t)
                    bytes[i + 1] = UInt8(truncatingIfNeeded: y + 2 * t)
                    bytes[i + 2] = UInt8(truncatingIfNeeded: (x + y) / 2 + 3 * t)
                    i += 3
                }
            }
        }
        return bytes
    }

    static func tool(_ name: String) throws -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let path = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw XCTSkip("\(name) is not installed")
    }

    /// Runs a program and returns its standard output; fails the test on a non-zero exit.
    static func run(_ program: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        // stderr goes to a file so neither stream can fill a pipe and block the child.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("t2vmedia-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? errHandle.close() }
        process.standardOutput = out
        process.standardError = errHandle
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        if process.terminationStatus != 0 {
            let text = String(decoding: errData, as: UTF8.self)
            XCTFail("\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)",
                    file: file, line: line)
        }
        return data
    }

    struct Probe {
        var stream: [String: Any]
        var format: [String: Any]
        func string(_ key: String) -> String? { stream[key].map { "\($0)" } }
        func int(_ key: String) -> Int? { string(key).flatMap { Int($0) } }
        var formatDuration: Double? { format["duration"].flatMap { Double("\($0)") } }
        var streamDuration: Double? { stream["duration"].flatMap { Double("\($0)") } }
    }

    /// `ffprobe -v error -show_streams -show_format -count_frames -of json` of the file's only stream.
    static func probe(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> Probe {
        let data = try run(try tool("ffprobe"),
                           ["-v", "error", "-show_streams", "-show_format", "-count_frames", "-of", "json", path],
                           file: file, line: line)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let streams = object?["streams"] as? [[String: Any]] ?? []
        XCTAssertEqual(streams.count, 1, "streams in \(path)", file: file, line: line)
        return Probe(stream: streams.first ?? [:], format: object?["format"] as? [String: Any] ?? [:])
    }

    /// Decodes every frame to packed rgb24 through a pipe, the way a user would: FFmpeg's own
    /// conversion, which reads the BT.709 tags of the H.264 files and assumes BT.601 for y4m.
    static func decodeRGB(_ path: String) throws -> [UInt8] {
        let data = try run(try tool("ffmpeg"), ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        return [UInt8](data)
    }

    /// The top-level ISO-BMFF box types of an mp4 file, in order.
    static func topLevelBoxes(_ path: String) throws -> [String] {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var boxes: [String] = []
        var offset = 0
        while offset + 8 <= data.count {
            var size = data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: data[offset + 4..<offset + 8], as: UTF8.self)
            if size == 1, offset + 16 <= data.count {
                size = data[offset + 8..<offset + 16].reduce(0) { $0 << 8 | Int($1) }
            } else if size == 0 {
                size = data.count - offset
            }
            boxes.append(type)
            guard size >= 8 else { break }
            offset += size
        }
        return boxes
    }
}
