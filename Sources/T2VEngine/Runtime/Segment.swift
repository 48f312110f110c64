/// A piece of video: packed rgb24 frames (frame after frame, rows top to bottom) and metadata.
/// Segments from a stream or processor carry the metadata keys below; a user may build one from
/// their own frames and any JSON object, which is checked when the segment is written.
public final class Segment: @unchecked Sendable {
    /// The frames, owned by the segment and immutable after creation (so the C ABI can lend a
    /// stable pointer to them and any thread can read them).
    public let bytes: UnsafeBufferPointer<UInt8>
    /// A JSON object.
    public let metadata: JSONValue

    /// The pixel format every segment uses.
    public static let pixelFormat = "rgb24"

    /// Takes ownership of `storage` (allocated with `UnsafeMutableBufferPointer.allocate`).
    init(adopting storage: UnsafeMutableBufferPointer<UInt8>, metadata: JSONValue) {
        bytes = UnsafeBufferPointer(storage)
        self.metadata = metadata
    }

    /// Copies `data`; `metadata` must be a JSON object.
    public convenience init(copying data: UnsafeRawBufferPointer, metadata: JSONValue) throws {
        guard case .object = metadata else {
            throw T2VError.wrongType("segment metadata must be a JSON object, not \(metadata.typeName)")
        }
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, data.count))
        _ = UnsafeMutableRawBufferPointer(storage).initializeMemory(as: UInt8.self, from: data)
        self.init(adopting: UnsafeMutableBufferPointer(rebasing: storage[0..<data.count]), metadata: metadata)
    }

    deinit { UnsafeMutableBufferPointer(mutating: bytes).deallocate() }

    /// The frames as an array (a copy).
    public var data: [UInt8] { Array(bytes) }

    /// Metadata of a segment the engine made.
    static func makeMetadata(
        index: Int64, width: Int, height: Int, frameRate: Double, numFrames: Int, firstFrame: Int64, text: String,
        seed: UInt64, model: String, extra: [(String, JSONValue)] = []
    ) -> JSONValue {
        .object([
            ("index", .int(index)),
            ("width", .int(Int64(width))),
            ("height", .int(Int64(height))),
            ("frame_rate", frameRate == frameRate.rounded() ? .int(Int64(frameRate)) : .double(frameRate)),
            ("num_frames", .int(Int64(numFrames))),
            ("pixel_format", .string(pixelFormat)),
            ("start_time", .double(Double(firstFrame) / frameRate)),
            ("duration", .double(Double(numFrames) / frameRate)),
            ("first_frame", .int(firstFrame)),
            ("text", .string(text)),
            ("seed", .int(Int64(bitPattern: seed))),
            ("model", .string(model)),
        ] + extra)
    }

    /// The geometry a segment must declare to be written, checked against its data.
    public struct Geometry: Equatable {
        public var width: Int
        public var height: Int
        public var frameRate: Double
        public var numFrames: Int
    }

    /// Reads and checks width, height, frame_rate, num_frames and pixel_format against the data size.
    public func geometry() throws -> Geometry {
        func int(_ key: String) throws -> Int {
            guard let v = metadata[key] else { throw T2VError.segmentMismatch("segment metadata has no \"\(key)\"") }
            switch v {
            case .int(let i) where i > 0 && i <= Int64(Int32.max): return Int(i)
            case .double(let d) where d > 0 && d == d.rounded() && d <= Double(Int32.max): return Int(d)
            default: throw T2VError.segmentMismatch("segment metadata \"\(key)\" must be a positive integer, got \(v.serialized)")
            }
        }
        let width = try int("width")
        let height = try int("height")
        let numFrames = try int("num_frames")
        guard let rateValue = metadata["frame_rate"] else {
            throw T2VError.segmentMismatch("segment metadata has no \"frame_rate\"")
        }
        guard let rate = rateValue.number, rate >= Settings.minFrameRate, rate <= Settings.maxFrameRate else {
            throw T2VError.segmentMismatch(
                "segment metadata \"frame_rate\" must be a number in [\(Settings.minFrameRate), \(Int(Settings.maxFrameRate))], got \(rateValue.serialized)")
        }
        if let format = metadata["pixel_format"], format != .string(Segment.pixelFormat) {
            throw T2VError.segmentMismatch("segment pixel_format must be \"rgb24\", got \(format.serialized)")
        }
        let (frameBytes, o1) = width.multipliedReportingOverflow(by: height * 3)
        let (expected, o2) = frameBytes.multipliedReportingOverflow(by: numFrames)
        guard !o1, !o2, expected == bytes.count else {
            throw T2VError.segmentMismatch(
                "segment data is \(bytes.count) bytes but its metadata describes \(numFrames) rgb24 frames of \(width)x\(height) (\(o1 || o2 ? "too many" : String(expected)) bytes)")
        }
        return Geometry(width: width, height: height, frameRate: rate, numFrames: numFrames)
    }
}
