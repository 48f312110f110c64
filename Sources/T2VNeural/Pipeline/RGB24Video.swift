// 8-bit frames as diffusers' numpy_to_pil makes them from the pipeline's float frames.

/// Frames as interleaved 8-bit RGB: `bytes` holds `frameCount · height · width · 3` values, frame
/// after frame, rows top to bottom, `round(x · 255)` of the float frames.
public struct RGB24Video: Sendable, Equatable {
    public var bytes: [UInt8]
    public var frameCount: Int
    public var height: Int
    public var width: Int

    public init(bytes: [UInt8], frameCount: Int, height: Int, width: Int) {
        self.bytes = bytes
        self.frameCount = frameCount
        self.height = height
        self.width = width
    }

    /// The bytes of frame `index` (`height · width · 3`).
    public func frame(_ index: Int) -> ArraySlice<UInt8> {
        let size = height * width * 3
        let lo = min(max(index, 0) * size, bytes.count)
        return bytes[lo..<min(lo + size, bytes.count)]
    }
}
