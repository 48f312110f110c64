// 2-D convolution on OpenBLAS: stride 1 through the row-shift kernel (Tensor+Conv2dRowShift.swift),
// other strides im2col + sgemm, 1×1 straight to sgemm.

extension Tensor {
    /// 2-D convolution (`torch.nn.functional.conv2d`, groups = 1, dilation = 1).
    ///
    /// `self` is `[N, C, H, W]`, `weight` is `[O, C, kh, kw]`, `bias` is `[O]`; the result is
    /// `[N, O, (H + pad − kh)/stride + 1, (W + pad − kw)/stride + 1]`.
    /// A 1×1 kernel with stride 1 and no padding is one sgemm per image (columns split over the
    /// runtime's workers). Other stride-1 kernels unfold the input along the kernel width only, in
    /// bands of output rows that fit ``NeuralRuntime/convolutionScratchBudget``, and run `kh`
    /// sgemms per band (one per kernel row, on the unfolded rows shifted down), each band on one
    /// worker with single-threaded OpenBLAS. Strided kernels use im2col bands, one sgemm each.
    /// Every output element is one dot product in a fixed order, whatever the thread count.
    func blasConv2d(weight: Tensor, bias: Tensor?, stride: Int, padding: Padding2D) throws -> Tensor {
        let g = try conv2dGeometry(weight: weight, bias: bias, stride: stride, padding: padding, upsample: 1)
        let (n, c, h, w, o, kh, kw) = (g.n, g.c, g.h, g.w, g.o, g.kh, g.kw)
        let (ho, wo, kdim) = (g.ho, g.wo, g.kdim)
        let outShape = [n, o, ho, wo]
        let hw = ho * wo
        try Tensor.checkBLAS(o, hw, kdim, h * w, op: "conv2d")
        let result = Tensor(uninitializedShape: outShape)
        if result.count == 0 { return result }
        let x = pointer, wt = weight.pointer, y = result.pointer
        let bp = bias?.pointer
        let direct = kh == 1 && kw == 1 && stride == 1 && padding == Padding2D(0)
        if !direct && stride == 1 {
            Tensor.conv2dRowShift(x, wt, bp, nil, y, n: n, c: c, h: h, w: w, upsample: 1, o: o, kh: kh, kw: kw,
                                  padTop: padding.top, padLeft: padding.left, ho: ho, wo: wo)
            withExtendedLifetime(weight) {}
            withExtendedLifetime(bias) {}
            return withExtendedLifetime(self) { result }
        }
        // Rows of output per band so that kdim × rows × wo floats fit the budget.
        let budgetFloats = max(NeuralRuntime.convolutionScratchBudget / 4, 1)
        let bandRows = max(1, min(ho, budgetFloats / max(kdim * wo, 1)))
        let scratchCount = direct ? 0 : kdim * bandRows * wo
        let workers = NeuralRuntime.threadCount
        if direct && workers > 1 && hw >= 64 * workers {
            // 1×1: each worker takes contiguous pixels (columns) with single-threaded sgemms, as
            // in conv2dRowShift; every output element is the same K-long dot product either way.
            NeuralRuntime.withSingleThreadedBLAS {
                for img in 0..<n {
                    let xi = x + img * c * h * w
                    let yi = y + img * o * hw
                    Parallel.forRanges(hw, grain: 64) { range in
                        let cols = range.count
                        if let bp {
                            for ch in 0..<o { (yi + ch * hw + range.lowerBound).update(repeating: bp[ch], count: cols) }
                        }
                        sgemm(m: o, n: cols, k: kdim, a: wt, lda: kdim, b: xi + range.lowerBound, ldb: hw,
                              beta: bp == nil ? 0 : 1, c: yi + range.lowerBound, ldc: hw)
                    }
                }
            }
            withExtendedLifetime(weight) {}
            withExtendedLifetime(bias) {}
            return withExtendedLifetime(self) { result }
        }
        ScratchPool.withBuffer(count: scratchCount) { cols in
            Tensor.bandedGEMM(images: n, outChannels: o, kdim: kdim, outRows: ho, outWidth: wo, bandRows: direct ? ho : bandRows,
                              weight: wt, bias: bp, output: y) { img, rows in
                let xi = x + img * c * h * w
                if direct { return UnsafePointer(xi) }
                Tensor.im2col(xi, channels: c, height: h, width: w, kh: kh, kw: kw, stride: stride,
                              padTop: padding.top, padLeft: padding.left, outWidth: wo, rows: rows, into: cols)
                return UnsafePointer(cols)
            }
        }
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        return withExtendedLifetime(self) { result }
    }


    /// An im2col convolution's products: for each image, the bias into its `[O, outRows·wo]` output
    /// (or nothing, beta 0), then per band of `bandRows` output rows one sgemm of the `[O, kdim]`
    /// weight with the `[kdim, rows·wo]` column matrix `columns(image, rows)` returns, accumulated
    /// into the band's output columns.
    static func bandedGEMM(
        images n: Int, outChannels o: Int, kdim: Int, outRows: Int, outWidth wo: Int, bandRows: Int,
        weight wt: UnsafePointer<Float>, bias bp: UnsafePointer<Float>?, output y: UnsafeMutablePointer<Float>,
        columns: (_ image: Int, _ rows: Range<Int>) -> UnsafePointer<Float>
    ) {
        let plane = outRows * wo
        for img in 0..<n {
            let yi = y + img * o * plane
            // Bias first; the sgemm accumulates onto it.
            if let bp {
                for ch in 0..<o { (yi + ch * plane).initialize(repeating: bp[ch], count: plane) }
            }
            let beta: Float = bp == nil ? 0 : 1
            var r0 = 0
            while r0 < outRows {
                let rows = min(bandRows, outRows - r0)
                let width = rows * wo
                let b = columns(img, r0..<(r0 + rows))
                sgemm(m: o, n: width, k: kdim, a: wt, lda: kdim, b: b, ldb: width, beta: beta, c: yi + r0 * wo, ldc: plane)
                r0 += rows
            }
        }
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
                let shift = kj - padLeft
                let valid = unfoldColumns(shift: shift, stride: s, width: w, outWidth: wo)
                for (band, oy) in rows.enumerated() {
                    let iy = oy * s - padTop + ki
                    unfoldRow(dstRow + band * wo, from: iy < 0 || iy >= h ? nil : plane + iy * w, shift: shift, stride: s,
                              valid: valid, outWidth: wo)
                }
            }
        }
    }

    /// The output columns `ox` of a row whose input column `ox·stride + shift` lies inside `0..<width`.
    @inline(__always)
    static func unfoldColumns(shift: Int, stride s: Int, width w: Int, outWidth wo: Int) -> Range<Int> {
        let start = shift >= 0 ? 0 : min(wo, (-shift + s - 1) / s)
        let end = (w - 1 - shift) < 0 ? 0 : min(wo, (w - 1 - shift) / s + 1)
        return start..<max(start, end)
    }

    /// One unfolded row: `dst[ox] = row[ox·stride + shift]` for `ox` in `valid`, zero elsewhere in
    /// `0..<wo`; a nil `row` (a padding row) gives zeros. Copies only.
    @inline(__always)
    static func unfoldRow(
        _ dst: UnsafeMutablePointer<Float>, from row: UnsafePointer<Float>?, shift: Int, stride s: Int, valid: Range<Int>,
        outWidth wo: Int
    ) {
        guard let row, !valid.isEmpty else {
            dst.update(repeating: 0, count: wo)
            return
        }
        if valid.lowerBound > 0 { dst.update(repeating: 0, count: valid.lowerBound) }
        let src = row + shift
        if s == 1 {
            (dst + valid.lowerBound).update(from: src + valid.lowerBound, count: valid.count)
        } else {
            for ox in valid { dst[ox] = src[ox * s] }
        }
        if valid.upperBound < wo { (dst + valid.upperBound).update(repeating: 0, count: wo - valid.upperBound) }
    }
}
