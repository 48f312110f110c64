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

extension RGB24Video {
    /// Frames `(F, H, W, 3)` in [0, 1] as diffusers' `numpy_to_pil` rounds them (`round(x · 255)`).
    public init(frames: Tensor) throws {
        guard frames.rank == 4, frames.shape[3] == 3 else {
            throw PipelineError.invalidArgument("frames \(frames.shape) are not (frames, height, width, 3)")
        }
        self.init(
            bytes: VideoProcessor.rgb24(frames), frameCount: frames.shape[0], height: frames.shape[1], width: frames.shape[2])
    }

    /// The frames as a tensor `(F, H, W, 3)` in [0, 1] (`x / 255`).
    public func tensor() throws -> Tensor {
        try Tensor(shape: [frameCount, height, width, 3], scalars: bytes.map { Float($0) / 255 })
    }
}
