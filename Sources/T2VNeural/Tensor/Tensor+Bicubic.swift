// torch.nn.functional.interpolate(mode="bicubic") (aten/src/ATen/native/UpSample.h: cubic
// convolution with A = −0.75, edge-clamped taps) and kornia's Gaussian blur (filters/gaussian.py,
// reflect border), the two steps of `kornia.geometry.resize(..., antialias=True)`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// `F.interpolate(x, size=(height, width), mode="bicubic", align_corners=alignCorners)` of an
    /// `[N, C, H, W]` tensor, computed as PyTorch's CPU kernel does in float32: the source coordinate
    /// is `dst·(in−1)/(out−1)` with `alignCorners` (else `(dst+0.5)·in/out − 0.5`), the four taps
    /// around it are clamped to the edge, and their Keys weights use A = −0.75. Rows are interpolated
    /// first, then columns of the result, which is the same sum as PyTorch's nested one.
    public func resizedBicubic(height oh: Int, width ow: Int, alignCorners: Bool) throws -> Tensor {
        guard rank == 4, oh >= 1, ow >= 1, shape[2] >= 1, shape[3] >= 1 else {
            throw NeuralError.shapeMismatch(op: "bicubic resize", "input \(shape) to \(oh)×\(ow)")
        }
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        _ = try Tensor.validatedCount([n, c, oh, ow])
        _ = try Tensor.validatedCount([n, c, h, ow])
        let columns = Tensor.cubicTaps(input: w, output: ow, alignCorners: alignCorners)
        let rows = Tensor.cubicTaps(input: h, output: oh, alignCorners: alignCorners)
        let planes = n * c
        // Pass 1: along each input row, to the output width.
        let wide = Tensor(uninitializedShape: [n, c, h, ow])
        let src = pointer, mid = wide.pointer
        Parallel.forRanges(planes * h, grain: max(1, 16_384 / max(ow, 1))) { range in
            for row in range {
                let s = src + row * w, d = mid + row * ow
                for j in 0..<ow {
                    let t = columns[j]
                    d[j] = s[t.index.0] * t.weight.0 + s[t.index.1] * t.weight.1 + s[t.index.2] * t.weight.2
                        + s[t.index.3] * t.weight.3
                }
            }
        }
        // Pass 2: down each column of the result, to the output height.
        let result = Tensor(uninitializedShape: [n, c, oh, ow])
        let out = result.pointer
        Parallel.forRanges(planes * oh, grain: max(1, 16_384 / max(ow, 1))) { range in
            for index in range {
                let plane = index / oh, i = index % oh
                let t = rows[i]
                let base = mid + plane * h * ow
                let r0 = base + t.index.0 * ow, r1 = base + t.index.1 * ow
                let r2 = base + t.index.2 * ow, r3 = base + t.index.3 * ow
                let d = out + index * ow
                for j in 0..<ow {
                    d[j] = r0[j] * t.weight.0 + r1[j] * t.weight.1 + r2[j] * t.weight.2 + r3[j] * t.weight.3
                }
            }
        }
        return withExtendedLifetime((self, wide)) { result }
    }

    /// The four clamped source indices and Keys weights (A = −0.75) of each output position.
    static func cubicTaps(input: Int, output: Int, alignCorners: Bool)
        -> [(index: (Int, Int, Int, Int), weight: (Float, Float, Float, Float))]
    {
        let a: Float = -0.75
        func near(_ x: Float) -> Float { ((a + 2) * x - (a + 3)) * x * x + 1 }  // |x| ≤ 1
        func far(_ x: Float) -> Float { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }  // 1 < |x| < 2
        // area_pixel_compute_scale / area_pixel_compute_source_index(cubic: true), in float32.
        let scale: Float = alignCorners
            ? (output > 1 ? Float(input - 1) / Float(output - 1) : 0)
            : Float(input) / Float(output)
        return (0..<output).map { dst in
            let real = alignCorners ? scale * Float(dst) : scale * (Float(dst) + 0.5) - 0.5
            let floorIndex = Int(real.rounded(.down))
            let t = real - Float(floorIndex)
            func clamp(_ i: Int) -> Int { Swift.min(Swift.max(i, 0), input - 1) }
            return (
                (clamp(floorIndex - 1), clamp(floorIndex), clamp(floorIndex + 1), clamp(floorIndex + 2)),
                (far(t + 1), near(t), near(1 - t), far(2 - t))
            )
        }
    }

    /// kornia's `gaussian_blur2d(x, (kh, kw), (sigmaH, sigmaW), border_type="reflect", separable=True)`
    /// of an `[N, C, H, W]` tensor: normalised 1-D Gaussians (odd sizes, centred), applied along the
    /// width and then the height, with reflect padding (the edge sample is not repeated).
    public func gaussianBlurred(kernelHeight kh: Int, kernelWidth kw: Int, sigmaHeight: Float, sigmaWidth: Float) throws -> Tensor {
        guard rank == 4, kh >= 1, kw >= 1, kh % 2 == 1, kw % 2 == 1, sigmaHeight > 0, sigmaWidth > 0 else {
            throw NeuralError.invalidArgument(op: "gaussian blur", "kernel \(kh)×\(kw), sigma (\(sigmaHeight), \(sigmaWidth)) for \(shape)")
        }
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        guard kh / 2 < h, kw / 2 < w else {
            throw NeuralError.invalidArgument(op: "gaussian blur", "reflect padding of \(kh / 2)×\(kw / 2) needs more than \(h)×\(w) pixels")
        }
        func kernel(_ size: Int, _ sigma: Float) -> [Float] {
            let g = (0..<size).map { i -> Float in
                let x = Float(i - size / 2)
                return expf(-(x * x) / (2 * sigma * sigma))
            }
            let sum = g.reduce(0, +)
            return g.map { $0 / sum }
        }
        func reflect(_ i: Int, _ size: Int) -> Int { i < 0 ? -i : (i >= size ? 2 * (size - 1) - i : i) }
        let kx = kernel(kw, sigmaWidth), ky = kernel(kh, sigmaHeight)
        let rx = kw / 2, ry = kh / 2
        let planes = n * c
        let horizontal = Tensor(uninitializedShape: shape)
        let src = pointer, mid = horizontal.pointer
        Parallel.forRanges(planes * h, grain: max(1, 16_384 / max(w, 1))) { range in
            for row in range {
                let s = src + row * w, d = mid + row * w
                for j in 0..<w {
                    var sum: Float = 0
                    for k in 0..<kw { sum += s[reflect(j + k - rx, w)] * kx[k] }
                    d[j] = sum
                }
            }
        }
        let result = Tensor(uninitializedShape: shape)
        let out = result.pointer
        Parallel.forRanges(planes * h, grain: max(1, 16_384 / max(w, 1))) { range in
            for index in range {
                let plane = index / h, i = index % h
                let base = mid + plane * h * w, d = out + index * w
                for j in 0..<w {
                    var sum: Float = 0
                    for k in 0..<kh { sum += base[reflect(i + k - ry, h) * w + j] * ky[k] }
                    d[j] = sum
                }
            }
        }
        return withExtendedLifetime((self, horizontal)) { result }
    }
}
