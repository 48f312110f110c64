// 3-D convolution (im2col over frames and rows + sgemm), as the UNet3D's temporal convolutions use.

extension Tensor {
    /// 3-D convolution (`torch.nn.functional.conv3d`, groups = 1, dilation = 1) with symmetric
    /// zero padding `(frames, height, width)` and one stride for all three axes.
    ///
    /// `self` is `[N, C, F, H, W]`, `weight` `[O, C, kf, kh, kw]`, `bias` `[O]`; the result is
    /// `[N, O, F', H', W']`. E.g. `TemporalConvLayer`'s convolutions: kernel (3, 1, 1), padding
    /// (1, 0, 0). Each image is unfolded in bands of output rows that fit
    /// ``NeuralRuntime/convolutionScratchBudget``, one sgemm per band.
    func blasConv3d(weight: Tensor, bias: Tensor?, stride: Int, padding: (Int, Int, Int)) throws -> Tensor {
        let g = try conv3dGeometry(weight: weight, bias: bias, stride: stride, padding: padding)
        let (n, c, f, h, w, o) = (g.n, g.c, g.f, g.h, g.w, g.o)
        let (kf, kh, kw, fo, ho, wo, kdim) = (g.kf, g.kh, g.kw, g.fo, g.ho, g.wo, g.kdim)
        let (pf, ph, pw) = padding
        let outShape = [n, o, fo, ho, wo]
        let volume = fo * ho * wo
        try Tensor.checkBLAS(o, volume, kdim, op: "conv3d")
        let result = Tensor(uninitializedShape: outShape)
        if result.count == 0 { return result }
        let x = pointer, wt = weight.pointer, y = result.pointer
        let bp = bias?.pointer
        let rowsTotal = fo * ho  // output rows (frame, y) flattened
        let budgetFloats = max(NeuralRuntime.convolutionScratchBudget / 4, 1)
        let bandRows = max(1, min(rowsTotal, budgetFloats / max(kdim * wo, 1)))
        let inVolume = f * h * w
        ScratchPool.withBuffer(count: kdim * bandRows * wo) { cols in
            Tensor.bandedGEMM(images: n, outChannels: o, kdim: kdim, outRows: rowsTotal, outWidth: wo, bandRows: bandRows,
                              weight: wt, bias: bp, output: y) { img, bandRange in
                let xi = x + img * c * inVolume
                let rows = bandRange.count, width = rows * wo, first = bandRange.lowerBound
                Parallel.forRanges(kdim, grain: max(1, 4096 / max(width, 1))) { range in
                    for r in range {
                        let ch = r / (kf * kh * kw)
                        let a = (r / (kh * kw)) % kf
                        let ki = (r / kw) % kh
                        let kj = r % kw
                        let dstRow = cols + r * width
                        let shift = kj - pw
                        let valid = Tensor.unfoldColumns(shift: shift, stride: stride, width: w, outWidth: wo)
                        for band in 0..<rows {
                            let flat = first + band
                            let ot = flat / ho, oy = flat % ho
                            let it = ot * stride - pf + a
                            let iy = oy * stride - ph + ki
                            let inside = it >= 0 && it < f && iy >= 0 && iy < h
                            Tensor.unfoldRow(dstRow + band * wo, from: inside ? xi + ch * inVolume + (it * h + iy) * w : nil,
                                             shift: shift, stride: stride, valid: valid, outWidth: wo)
                        }
                    }
                }
                return UnsafePointer(cols)
            }
        }
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        return withExtendedLifetime(self) { result }
    }
}
