// Matches diffusers/video_processor.py (VideoProcessor.preprocess_video / postprocess_video with
// output_type "np") and image_processor.py (denormalize, numpy_to_pil's rounding to uint8).

/// Conversions between decoded video tensors and frames.
enum VideoProcessor {
    /// `postprocess_video(video, "np")[0]`: video `(1, C, F, H, W)` in about [-1, 1] → frames
    /// `(F, H, W, C)` as `(x / 2 + 0.5).clamp(0, 1)`.
    static func postprocessVideo(_ video: Tensor) throws -> Tensor {
        guard video.rank == 5, video.shape[0] == 1 else {
            throw PipelineError.invalidArgument("postprocess_video: video \(video.shape) is not (1, C, F, H, W)")
        }
        let (c, f, h, w) = (video.shape[1], video.shape[2], video.shape[3], video.shape[4])
        let frames = try video.reshaped([c, f, h, w]).permuted([1, 2, 3, 0])
        return frames.map { $0 / 2 + 0.5 }.clamped(min: 0, max: 1)
    }

    /// Frames `(F, H, W, C)` in [0, 1] → interleaved 8-bit samples, `round(x * 255)` with ties to
    /// even as numpy's `round` (diffusers' `numpy_to_pil`). NaN becomes 0 (diffusers' cast is
    /// undefined there); a diverged model must not bring the process down.
    static func rgb24(_ frames: Tensor) -> [UInt8] {
        frames.withUnsafeBufferPointer { src in
            var bytes = [UInt8](repeating: 0, count: src.count)
            for i in 0..<src.count {
                let x = src[i]
                guard !x.isNaN else { continue }
                bytes[i] = UInt8((min(max(x, 0), 1) * 255).rounded(.toNearestOrEven))
            }
            return bytes
        }
    }

    /// `preprocess_video(frames)`: frames `(F, H, W, C)` in [0, 1] → video `(1, C, F, H, W)` in
    /// [-1, 1] (`2x − 1`).
    static func preprocessVideo(_ frames: Tensor) throws -> Tensor {
        guard frames.rank == 4 else {
            throw PipelineError.invalidArgument("video \(frames.shape) is not (frames, height, width, channels)")
        }
        let (f, h, w, c) = (frames.shape[0], frames.shape[1], frames.shape[2], frames.shape[3])
        let normalized = frames.map { $0 * 2 - 1 }
        return try normalized.permuted([3, 0, 1, 2]).reshaped([1, c, f, h, w])
    }
}
