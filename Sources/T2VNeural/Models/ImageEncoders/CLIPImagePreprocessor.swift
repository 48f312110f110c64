// StreamingT2V's FrozenOpenCLIPImageEmbedder.preprocess (t2v_enhanced/.../image_embedder.py), with
// kornia 0.7's `geometry.resize(antialias=True)` and `enhance.normalize`.

/// Frames in [−1, 1] to CLIP pixel values, as StreamingT2V feeds its OpenCLIP image tower:
/// 1. `kornia.geometry.resize(x, (size, size), interpolation="bicubic", align_corners=True,
///    antialias=True)`: when shrinking, a Gaussian blur first (σ = (factor − 1)/2, at least 0.001;
///    kernel `int(max(4σ, 3))` made odd; reflect border; numerically the identity from 256 to 224),
///    then PyTorch's bicubic interpolation (A = −0.75, corners aligned);
/// 2. `(x + 1) / 2`;
/// 3. `(x − mean) / std` per channel, with CLIP's mean and std.
/// There is no centre crop: the frames are resized to a square whatever their aspect.
public struct CLIPImagePreprocessor: Sendable {
    /// The side of the square the tower takes (`image_size`).
    public var size: Int
    /// OpenAI CLIP's channel means and standard deviations (open_clip `OPENAI_DATASET_MEAN/STD`).
    public var mean: [Float] = [0.48145466, 0.4578275, 0.40821073]
    public var std: [Float] = [0.26862954, 0.26130258, 0.27577711]

    public init(size: Int = 224) { self.size = size }

    /// `[B, 3, H, W]` frames in [−1, 1] → `[B, 3, size, size]` pixel values.
    public func callAsFunction(_ frames: Tensor) throws -> Tensor {
        guard frames.rank == 4, frames.shape[1] == mean.count, mean.count == std.count, size >= 1 else {
            throw NeuralError.shapeMismatch(op: "CLIP preprocessing", "frames \(frames.shape), expected [B, \(mean.count), H, W]")
        }
        let resized = try resize(frames)
        var x = resized.adding(scalar: 1).scaled(by: 0.5)
        let (b, c, plane) = (x.shape[0], x.shape[1], size * size)
        x.withUnsafeMutableBufferPointer { values in
            for image in 0..<b {
                for channel in 0..<c {
                    let m = mean[channel], s = std[channel]
                    let start = (image * c + channel) * plane
                    for i in start..<start + plane { values[i] = (values[i] - m) / s }
                }
            }
        }
        return x
    }

    /// kornia's `resize` to `size`×`size` with `antialias=True`, bicubic, corners aligned.
    func resize(_ frames: Tensor) throws -> Tensor {
        let (h, w) = (frames.shape[2], frames.shape[3])
        if h == size && w == size { return frames }
        // Python floats, as kornia computes them; the blur only when shrinking.
        let factors = (Double(h) / Double(size), Double(w) / Double(size))
        var input = frames
        if max(factors.0, factors.1) > 1 {
            let sigmas = (max((factors.0 - 1) / 2, 0.001), max((factors.1 - 1) / 2, 0.001))
            func kernelSize(_ sigma: Double) -> Int {
                let k = Int(max(2.0 * 2 * sigma, 3))
                return k % 2 == 0 ? k + 1 : k
            }
            input = try frames.gaussianBlurred(
                kernelHeight: kernelSize(sigmas.0), kernelWidth: kernelSize(sigmas.1),
                sigmaHeight: Float(sigmas.0), sigmaWidth: Float(sigmas.1))
        }
        return try input.resizedBicubic(height: size, width: size, alignCorners: true)
    }
}
