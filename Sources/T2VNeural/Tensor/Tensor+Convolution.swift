// 2-D convolution (im2col + sgemm, 1×1 straight to sgemm) and nearest-neighbour upsampling.

/// Zero padding on the four sides of an image, for ``Tensor/conv2d(weight:bias:stride:padding:)``.
public struct Padding2D: Equatable, Sendable {
    public var top: Int
    public var bottom: Int
    public var left: Int
    public var right: Int

    /// The same padding on all four sides (PyTorch's `padding=p`).
    public init(_ all: Int) {
        self.init(top: all, bottom: all, left: all, right: all)
    }

    /// Explicit sides; e.g. diffusers' `Downsample2D` with `padding=0` pads `(0, 1, 0, 1)`
    /// (left 0, right 1, top 0, bottom 1) before its stride-2 convolution.
    public init(top: Int, bottom: Int, left: Int, right: Int) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }
}

extension Tensor {
    /// 2-D convolution (`torch.nn.functional.conv2d`, groups = 1, dilation = 1).
    ///
    /// `self` is `[N, C, H, W]`, `weight` is `[O, C, kh, kw]`, `bias` is `[O]`; the result is
    /// `[N, O, (H + pad − kh)/stride + 1, (W + pad − kw)/stride + 1]`.
    /// A 1×1 kernel with stride 1 and no padding is one sgemm per image; otherwise each image is
    /// unfolded (im2col) in bands of output rows whose columns fit
    /// ``NeuralRuntime/convolutionScratchBudget``, each band one sgemm into the output.
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) throws -> Tensor {
        try conv2d(weight: weight, bias: bias, stride: stride, padding: Padding2D(padding))
    }

    /// 2-D convolution with explicit padding on each side (e.g. diffusers' asymmetric `(0, 1, 0, 1)`).
    public func conv2d(weight: Tensor, bias: Tensor?, stride: Int, padding: Padding2D) throws -> Tensor {
        guard rank == 4 else { throw NeuralError.shapeMismatch(op: "conv2d", "input must be [N, C, H, W], got \(shape)") }
        guard weight.rank == 4, weight.shape[1] == shape[1] else {
            throw NeuralError.shapeMismatch(op: "conv2d", "weight \(weight.shape) for input \(shape) (expected [O, \(shape[1]), kh, kw])")
        }
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let (o, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
        if let bias, bias.shape != [o] {
            throw NeuralError.shapeMismatch(op: "conv2d", "bias \(bias.shape) for \(o) output channels")
        }
        let limit = 1 << 31
        guard stride >= 1, stride <= limit else { throw NeuralError.invalidArgument(op: "conv2d", "stride \(stride)") }
        guard padding.top >= 0, padding.bottom >= 0, padding.left >= 0, padding.right >= 0,
              padding.top <= limit, padding.bottom <= limit, padding.left <= limit, padding.right <= limit
        else {
            throw NeuralError.invalidArgument(op: "conv2d", "padding \(padding) out of range")
        }
        guard kh >= 1, kw >= 1 else { throw NeuralError.invalidArgument(op: "conv2d", "empty kernel \(weight.shape)") }
        let paddedH = h + padding.top + padding.bottom
        let paddedW = w + padding.left + padding.right
        guard paddedH >= kh, paddedW >= kw else {
            throw NeuralError.shapeMismatch(op: "conv2d", "kernel \(kh)×\(kw) larger than padded input \(paddedH)×\(paddedW)")
        }
        let ho = (paddedH - kh) / stride + 1
        let wo = (paddedW - kw) / stride + 1
        let outShape = [n, o, ho, wo]
        _ = try Tensor.validatedCount(outShape)
        let kdim = try Tensor.validatedCount([c, kh, kw])
        _ = try Tensor.validatedCount([kdim, ho, wo])
        let hw = ho * wo
        try Tensor.checkBLAS(o, hw, kdim, h * w, op: "conv2d")
        let result = Tensor(uninitializedShape: outShape)
        if result.count == 0 { return result }
        let x = pointer, wt = weight.pointer, y = result.pointer
        let bp = bias?.pointer
        let direct = kh == 1 && kw == 1 && stride == 1 && padding == Padding2D(0)
        // Rows of output per band so that kdim × rows × wo floats fit the budget.
        let budgetFloats = max(NeuralRuntime.convolutionScratchBudget / 4, 1)
        let bandRows = max(1, min(ho, budgetFloats / max(kdim * wo, 1)))
        let scratchCount = direct ? 0 : kdim * bandRows * wo
        ScratchPool.withBuffer(count: scratchCount) { cols in
            for img in 0..<n {
                let xi = x + img * c * h * w
                let yi = y + img * o * hw
                // Bias first; the sgemm accumulates onto it.
                if let bp {
                    for ch in 0..<o { (yi + ch * hw).initialize(repeating: bp[ch], count: hw) }
                }
                let beta: Float = bp == nil ? 0 : 1
                if direct {
                    sgemm(m: o, n: hw, k: kdim, a: wt, lda: kdim, b: xi, ldb: hw, beta: beta, c: yi, ldc: hw)
                    continue
                }
                var y0 = 0
                while y0 < ho {
                    let rows = min(bandRows, ho - y0)
                    let width = rows * wo
                    Tensor.im2col(xi, channels: c, height: h, width: w, kh: kh, kw: kw, stride: stride,
                                  padTop: padding.top, padLeft: padding.left, outWidth: wo,
                                  rows: y0..<(y0 + rows), into: cols)
                    sgemm(m: o, n: width, k: kdim, a: wt, lda: kdim, b: cols, ldb: width, beta: beta,
                          c: yi + y0 * wo, ldc: hw)
                    y0 += rows
                }
            }
        }
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        return withExtendedLifetime(self) { result }
    }

    /// Unfolds output rows `rows` of one image into `cols` as a `[C·kh·kw, rows·wo]` matrix
    /// (row index `(c·kh + i)·kw + j`, matching the `[O, C, kh, kw]` weight layout).
    static func im2col(
        _ x: UnsafePointer<Float>, channels: Int, height h: Int, width w: Int, kh: Int, kw: Int, stride s: Int,
        padTop: Int, padLeft: Int, outWidth wo: Int, rows: Range<Int>, into cols: UnsafeMutablePointer<Float>
    ) {
        let width = rows.count * wo
        let kdim = channels * kh * kw
        Parallel.forRanges(kdim, grain: max(1, 4096 / max(width, 1))) { range in
            for r in range {
                let ch = r / (kh * kw)
                let ki = (r / kw) % kh
                let kj = r % kw
                let plane = x + ch * h * w
                let dstRow = cols + r * width
                // Output columns ox whose input column ox·s − padLeft + kj lies inside [0, w).
                let shift = kj - padLeft
                let oxStart = shift >= 0 ? 0 : min(wo, (-shift + s - 1) / s)
                let oxEnd = (w - 1 - shift) < 0 ? 0 : min(wo, (w - 1 - shift) / s + 1)
                for (band, oy) in rows.enumerated() {
                    let dst = dstRow + band * wo
                    let iy = oy * s - padTop + ki
                    if iy < 0 || iy >= h || oxStart >= oxEnd {
                        dst.update(repeating: 0, count: wo)
                        continue
                    }
                    if oxStart > 0 { dst.update(repeating: 0, count: oxStart) }
                    let src = plane + iy * w + shift
                    if s == 1 {
                        (dst + oxStart).update(from: src + oxStart, count: oxEnd - oxStart)
                    } else {
                        for ox in oxStart..<oxEnd { dst[ox] = src[ox * s] }
                    }
                    if oxEnd < wo { (dst + oxEnd).update(repeating: 0, count: wo - oxEnd) }
                }
            }
        }
    }

    /// Nearest-neighbour upsampling by 2 of an `[N, C, H, W]` tensor
    /// (`F.interpolate(scale_factor=2, mode="nearest")`): `[N, C, 2H, 2W]`.
    public func upsampleNearest2x() throws -> Tensor {
        guard rank == 4 else { throw NeuralError.shapeMismatch(op: "upsample_nearest2x", "input must be [N, C, H, W], got \(shape)") }
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let outShape = [n, c, 2 * h, 2 * w]
        _ = try Tensor.validatedCount(outShape)
        let result = Tensor(uninitializedShape: outShape)
        let src = pointer, dst = result.pointer
        Parallel.forRanges(n * c * h, grain: max(1, 4096 / max(w, 1))) { range in
            for row in range {
                let s = src + row * w
                let d = dst + row * 4 * w
                for j in 0..<w {
                    let v = s[j]
                    d[2 * j] = v
                    d[2 * j + 1] = v
                }
                (d + 2 * w).update(from: d, count: 2 * w)
            }
        }
        return withExtendedLifetime(self) { result }
    }
}
