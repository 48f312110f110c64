// The (3, 1, 1) temporal convolution of diffusers' TemporalConvLayer on the UNet's (batch·frames, C, H, W)
// layout: frames gathered into a column matrix, one sgemm per group of frames.

extension Tensor {
    /// The `nn.Conv3d(C, O, (3, 1, 1), padding=(1, 0, 0))` of `TemporalConvLayer` applied to the
    /// video this `(batch·frames, C, H, W)` tensor holds; the result is `(batch·frames, O, H, W)`.
    /// For a group of output frames, the three neighbouring input frames of each are gathered into
    /// a `[C·3, frames·H·W]` column matrix (rows in the weight's `(c, k)` order, zero rows past
    /// either end) and one sgemm with the memory-mapped `[O, C, 3, 1, 1]` weight as an `[O, 3C]`
    /// matrix makes the group's frames, which are then copied to their places.
    func blasTemporalConv(frames f: Int, weight: Tensor, bias: Tensor) throws -> Tensor {
        let g = try temporalConvGeometry(frames: f, weight: weight, bias: bias)
        let (n, c, o, s, outShape) = (g.n, g.c, g.o, g.spatial, g.outShape)
        let kdim = 3 * c
        for d in [o, s, kdim] where d > Int(Int32.max) {
            throw NeuralError.invalidArgument(op: "temporal conv3d (3,1,1)", "dimension \(d) exceeds the BLAS limit")
        }
        let b = n / f
        // Frames per sgemm: as many as the scratch budget allows (one packing of the weight then
        // serves them all; small deep-level frames would otherwise spend more time packing it).
        let budgetFloats = max(NeuralRuntime.convolutionScratchBudget / 4, 1)
        let group = max(1, min(f, budgetFloats / max((kdim + o) * s, 1)))
        return try Tensor(shape: outShape) { out in
            guard let y = out.baseAddress, s > 0, o > 0 else { return }
            let cols = UnsafeMutablePointer<Float>.allocate(capacity: max(kdim * group * s, 1))
            defer { cols.deallocate() }
            let t = UnsafeMutablePointer<Float>.allocate(capacity: max(o * group * s, 1))
            defer { t.deallocate() }
            withUnsafeBufferPointer { xb in
                weight.withUnsafeBufferPointer { wb in
                    bias.withUnsafeBufferPointer { bb in
                        guard let x = xb.baseAddress, let w = wb.baseAddress, let bp = bb.baseAddress else { return }
                        for bi in 0..<b {
                            var f0 = 0
                            while f0 < f {
                                let g = min(group, f - f0), ld = g * s
                                // cols[(ci·3 + k), fl·s + p] = x[bi, f0 + fl + k − 1, ci, p] (0 past the ends)
                                Parallel.forEach(c, minimumPerTask: max(1, 16384 / max(3 * ld, 1))) { ci in
                                    for k in 0..<3 {
                                        for fl in 0..<g {
                                            let dst = cols + (ci * 3 + k) * ld + fl * s
                                            let src = f0 + fl + k - 1
                                            if src < 0 || src >= f {
                                                dst.update(repeating: 0, count: s)
                                            } else {
                                                dst.update(from: x + ((bi * f + src) * c + ci) * s, count: s)
                                            }
                                        }
                                    }
                                }
                                for ch in 0..<o { (t + ch * ld).update(repeating: bp[ch], count: ld) }
                                sgemm(m: o, n: ld, k: kdim, a: w, lda: kdim, b: cols, ldb: ld, beta: 1, c: t, ldc: ld)
                                Parallel.forEach(g, minimumPerTask: 1) { fl in
                                    let yf = y + (bi * f + f0 + fl) * o * s
                                    for ch in 0..<o { (yf + ch * s).update(from: t + ch * ld + fl * s, count: s) }
                                }
                                f0 += g
                            }
                        }
                    }
                }
            }
        }
    }
}
