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
        guard rank == 5 else { throw NeuralError.shapeMismatch(op: "conv3d", "input must be [N, C, F, H, W], got \(shape)") }
        guard weight.rank == 5, weight.shape[1] == shape[1] else {
            throw NeuralError.shapeMismatch(op: "conv3d", "weight \(weight.shape) for input \(shape) (expected [O, \(shape[1]), kf, kh, kw])")
        }
        let (n, c, f, h, w) = (shape[0], shape[1], shape[2], shape[3], shape[4])
        let (o, kf, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3], weight.shape[4])
        if let bias, bias.shape != [o] {
            throw NeuralError.shapeMismatch(op: "conv3d", "bias \(bias.shape) for \(o) output channels")
        }
        let limit = 1 << 31
        let (pf, ph, pw) = padding
        guard stride >= 1, stride <= limit else { throw NeuralError.invalidArgument(op: "conv3d", "stride \(stride)") }
        guard pf >= 0, ph >= 0, pw >= 0, pf <= limit, ph <= limit, pw <= limit else {
            throw NeuralError.invalidArgument(op: "conv3d", "padding \(padding) out of range")
        }
        guard kf >= 1, kh >= 1, kw >= 1 else { throw NeuralError.invalidArgument(op: "conv3d", "empty kernel \(weight.shape)") }
        guard f + 2 * pf >= kf, h + 2 * ph >= kh, w + 2 * pw >= kw else {
            throw NeuralError.shapeMismatch(op: "conv3d", "kernel \(kf)×\(kh)×\(kw) larger than padded input")
        }
        let fo = (f + 2 * pf - kf) / stride + 1
        let ho = (h + 2 * ph - kh) / stride + 1
        let wo = (w + 2 * pw - kw) / stride + 1
        let outShape = [n, o, fo, ho, wo]
        _ = try Tensor.validatedCount(outShape)
        let kdim = try Tensor.validatedCount([c, kf, kh, kw])
        _ = try Tensor.validatedCount([kdim, fo, ho, wo])
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
