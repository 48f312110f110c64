// Stride-1 2-D convolution as kernel-row-shifted sgemms over a width-only unfold, optionally reading
// its input upsampled ×2 and/or through silu(group_norm(·)), and starting from a residual.

extension Tensor {
    /// Stride-1 convolution for the model ports, optionally reading `self` upsampled ×2 (nearest)
    /// without materialising it, and optionally starting from `residual` (the output's shape), so
    /// `residual + conv(x)` costs no extra pass. Same checks as ``blasConv2d(weight:bias:stride:padding:)``.
    ///
    /// With `normSiLU`, the convolution reads `silu(group_norm(self))` computed on the fly while
    /// unfolding (statistics and `v = x·scale + shift` from ``groupNormAffine(_:n:c:spatial:groups:weight:bias:eps:)``,
    /// then `v·σ(v)` with ``VectorMath/silu(_:)``, as ``GroupNormActivation/silu``), so the
    /// normalised tensor is never stored.
    func blasConv2dFused(
        weight: Tensor, bias: Tensor?, padding: Padding2D, upsample2x: Bool, residual: Tensor?,
        normSiLU: GroupNormSiLU?
    ) throws -> Tensor {
        let up = upsample2x ? 2 : 1
        let g = try conv2dFusedGeometry(weight: weight, bias: bias, padding: padding, upsample2x: upsample2x, residual: residual)
        let (n, c, h, w, o, kh, kw) = (g.n, g.c, g.h, g.w, g.o, g.kh, g.kw)
        let (ho, wo, kdim) = (g.ho, g.wo, g.kdim)
        let outShape = [n, o, ho, wo]
        try Tensor.checkBLAS(o, ho * wo, kdim, h * w, op: "conv2d")
        let result = Tensor(uninitializedShape: outShape)
        if result.count == 0 { return result }
        var affine = [Float]()
        if let g = normSiLU {
            try Tensor.checkGroupNormSiLU(g, channels: c)
            affine = Tensor.groupNormAffine(pointer, n: n, c: c, spatial: shape[2] * shape[3], groups: g.groups,
                                            weight: g.weight.pointer, bias: g.bias.pointer, eps: g.eps)
            withExtendedLifetime(g.weight) {}
            withExtendedLifetime(g.bias) {}
        }
        affine.withUnsafeBufferPointer { ab in
            let pair = normSiLU == nil ? nil
                : ab.baseAddress.map { (scale: UnsafePointer($0), shift: UnsafePointer($0 + n * c)) }
            Tensor.conv2dRowShift(pointer, weight.pointer, bias?.pointer, residual?.pointer, result.pointer, n: n, c: c, h: h, w: w,
                                  upsample: up, o: o, kh: kh, kw: kw, padTop: padding.top, padLeft: padding.left, ho: ho, wo: wo,
                                  affine: pair)
        }
        withExtendedLifetime(weight) {}
        withExtendedLifetime(bias) {}
        withExtendedLifetime(residual) {}
        return withExtendedLifetime(self) { result }
    }

    /// Stride-1 convolution as `kh` sgemms per band of output rows, without a full im2col: the input
    /// is unfolded along the kernel's width only (`Q[(c·kw + j), py, x] = xpad[c, py, x + j]` over the
    /// band's padded rows), and kernel row `i` multiplies `Q` shifted down by `i` rows —
    /// `y[o, band] += Wᵢ[o, (c, j)] · Q[(c, j), i·wo ..< i·wo + rows·wo]` — with `Wᵢ` the weight
    /// repacked as `[kh, O, C·kw]`. Copies `kw` times the input instead of `kh·kw` times, and each
    /// sgemm writes straight into the output.
    static func conv2dRowShift(
        _ x: UnsafePointer<Float>, _ wt: UnsafePointer<Float>, _ bp: UnsafePointer<Float>?,
        _ residual: UnsafePointer<Float>?, _ y: UnsafeMutablePointer<Float>,
        n: Int, c: Int, h: Int, w: Int, upsample up: Int, o: Int, kh: Int, kw: Int, padTop: Int, padLeft: Int,
        ho: Int, wo: Int, affine: (scale: UnsafePointer<Float>, shift: UnsafePointer<Float>)? = nil
    ) {
        // h, w: the (upsampled) input size the convolution sees; the source is (h / up) × (w / up).
        let sh = h / up, sw = w / up
        let hw = ho * wo
        let kdim = c * kw
        let budgetFloats = max(NeuralRuntime.convolutionScratchBudget / 4, 1)
        let bandRows = max(1, min(ho, budgetFloats / max(kdim * wo, 1) - (kh - 1)))
        let padded = bandRows + kh - 1
        ScratchPool.withBuffer(count: kh * o * kdim) { packed in
            // packed[i][o][c·kw + j] = weight[o, c, i, j]
            Parallel.forRanges(o, grain: max(1, 16384 / max(c * kh * kw, 1))) { range in
                for oc in range {
                    for ch in 0..<c {
                        let src = wt + (oc * c + ch) * kh * kw
                        for i in 0..<kh {
                            let dst = packed + (i * o + oc) * kdim + ch * kw
                            for j in 0..<kw { dst[j] = src[i * kw + j] }
                        }
                    }
                }
            }
            // Bias and/or residual into output rows y0 ..< y0 + rows of image `img`, written to
            // `dst(ch)` (the output itself, or a column block of a scratch matrix).
            func fill(_ img: Int, _ y0: Int, _ rows: Int, parallel: Bool, _ dst: (Int) -> UnsafeMutablePointer<Float>) {
                let ri = residual.map { $0 + img * o * hw }
                let count = rows * wo
                guard bp != nil || ri != nil else { return }
                Parallel.forRanges(parallel ? o : 0, grain: max(1, 16384 / max(count, 1)), serialCount: o) { range in
                    for ch in range {
                        let d = dst(ch)
                        switch (bp, ri) {
                        case let (bp?, ri?):
                            let r = ri + ch * hw + y0 * wo, v = bp[ch]
                            for k in 0..<count { d[k] = r[k] + v }
                        case let (nil, ri?): d.update(from: ri + ch * hw + y0 * wo, count: count)
                        case let (bp?, nil): d.update(repeating: bp[ch], count: count)
                        case (nil, nil): break
                        }
                    }
                }
            }
            // Unfolds the padded rows of output rows y0 ..< y0 + rows of image `img` into `q`
            // (`Q[(c·kw + j), pr·wo + x]`, leading dimension `ldq`).
            func unfold(_ img: Int, _ y0: Int, _ rows: Int, _ q: UnsafeMutablePointer<Float>, ldq: Int, parallel: Bool) {
                let xi = x + img * c * sh * sw
                let prows = rows + kh - 1
                Parallel.forRanges(parallel ? c : 0, grain: max(1, 8192 / max(prows * wo * kw, 1)), serialCount: c) { range in
                    // The logical input row (upsampled and/or normalised + SiLU) when it is not
                    // simply a row of the source.
                    let needsRow = up != 1 || affine != nil
                    let row = needsRow ? UnsafeMutablePointer<Float>.allocate(capacity: max(w, 1)) : nil
                    defer { row?.deallocate() }
                    for ch in range {
                        let plane = xi + ch * sh * sw
                        let scale = affine.map { $0.scale[img * c + ch] } ?? 1
                        let offset = affine.map { $0.shift[img * c + ch] } ?? 0
                        for pr in 0..<prows {
                            let iy = y0 + pr - padTop
                            let inside = iy >= 0 && iy < h
                            var src: UnsafePointer<Float> = plane
                            if inside {
                                if let row {
                                    let srow = plane + (iy / up) * sw
                                    if up == 1 {
                                        for xx in 0..<w { row[xx] = VectorMath.silu(srow[xx] * scale + offset) }
                                    } else if affine == nil {
                                        for p in 0..<sw { let v = srow[p]; row[2 * p] = v; row[2 * p + 1] = v }
                                    } else {
                                        for p in 0..<sw {
                                            let v = VectorMath.silu(srow[p] * scale + offset)
                                            row[2 * p] = v
                                            row[2 * p + 1] = v
                                        }
                                    }
                                    src = UnsafePointer(row)
                                } else {
                                    src = plane + iy * w
                                }
                            }
                            for j in 0..<kw {
                                let dst = q + (ch * kw + j) * ldq + pr * wo
                                let shift = j - padLeft
                                let xStart = shift >= 0 ? 0 : min(wo, -shift)
                                let xEnd = max(xStart, min(wo, w - shift))
                                if !inside || xStart >= xEnd {
                                    dst.update(repeating: 0, count: wo)
                                    continue
                                }
                                if xStart > 0 { dst.update(repeating: 0, count: xStart) }
                                (dst + xStart).update(from: src + shift + xStart, count: xEnd - xStart)
                                if xEnd < wo { (dst + xEnd).update(repeating: 0, count: wo - xEnd) }
                            }
                        }
                    }
                }
            }
            // One band of one image: bias/residual into its output rows, unfold, kh sgemms.
            func band(_ img: Int, _ y0: Int, _ rows: Int, _ q: UnsafeMutablePointer<Float>, parallelFill: Bool) {
                let yi = y + img * o * hw
                fill(img, y0, rows, parallel: parallelFill) { yi + $0 * hw + y0 * wo }
                let ldq = (rows + kh - 1) * wo
                unfold(img, y0, rows, q, ldq: ldq, parallel: parallelFill)
                let hasInit = bp != nil || residual != nil
                for i in 0..<kh {
                    let beta: Float = (!hasInit && i == 0) ? 0 : 1
                    sgemm(m: o, n: rows * wo, k: kdim, a: packed + i * o * kdim, lda: kdim,
                          b: q + i * wo, ldb: ldq, beta: beta, c: yi + y0 * wo, ldc: hw)
                }
            }
            // Several whole small images side by side: their padded rows in consecutive column
            // blocks of `q`, each kernel row one sgemm over all of them into `t` (the last kh − 1
            // rows of each block straddle two images and are discarded), then copied out. One
            // packing of the weights serves every image: small images (deep UNet levels) would
            // otherwise spend more time packing weights than multiplying.
            let block = (ho + kh - 1) * wo
            func imageGroup(_ first: Int, _ count: Int, _ q: UnsafeMutablePointer<Float>, _ t: UnsafeMutablePointer<Float>) {
                let ld = count * block
                let hasInit = bp != nil || residual != nil
                for g in 0..<count {
                    fill(first + g, 0, ho, parallel: false) { t + $0 * ld + g * block }
                    unfold(first + g, 0, ho, q + g * block, ldq: ld, parallel: false)
                }
                let columns = ld - (kh - 1) * wo
                for i in 0..<kh {
                    let beta: Float = (!hasInit && i == 0) ? 0 : 1
                    sgemm(m: o, n: columns, k: kdim, a: packed + i * o * kdim, lda: kdim,
                          b: q + i * wo, ldb: ld, beta: beta, c: t, ldc: ld)
                }
                for g in 0..<count {
                    let yi = y + (first + g) * o * hw
                    for ch in 0..<o { (yi + ch * hw).update(from: t + ch * ld + g * block, count: hw) }
                }
            }
            let workers = NeuralRuntime.threadCount
            if hw < 512 && n > 1 {
                // At least one group per worker; each group's scratch within the budget share.
                let fits = budgetFloats / max(workers, 1) / max((kdim + o) * block, 1)
                let perGroup = max(1, min(fits, (n + workers - 1) / max(workers, 1)))
                let groups = (n + perGroup - 1) / perGroup
                NeuralRuntime.withSingleThreadedBLAS {
                    Parallel.forRanges(groups, grain: 1) { range in
                        let first = range.lowerBound * perGroup
                        let last = min(n, range.upperBound * perGroup)
                        let size = min(perGroup, last - first)
                        ScratchPool.withBuffer(count: kdim * size * block) { q in
                            ScratchPool.withBuffer(count: o * size * block) { t in
                                var img = first
                                while img < last {
                                    let count = min(perGroup, last - img)
                                    imageGroup(img, count, q, t)
                                    img += count
                                }
                            }
                        }
                    }
                }
                return
            }
            if workers > 1 && ho >= 2 * workers {
                // Each worker takes contiguous output rows and runs single-threaded sgemms on them:
                // no BLAS thread hand-offs, and the unfolded rows stay in its cache. Every output
                // element is still one sgemm dot product over the same K, so the split does not
                // change results.
                let perRows = max(1, min(ho, budgetFloats / workers / max(kdim * wo, 1) - (kh - 1)))
                NeuralRuntime.withSingleThreadedBLAS {
                    for img in 0..<n {
                        Parallel.forRanges(ho, grain: 1) { range in
                            ScratchPool.withBuffer(count: kdim * (perRows + kh - 1) * wo) { q in
                                var y0 = range.lowerBound
                                while y0 < range.upperBound {
                                    let rows = min(perRows, range.upperBound - y0)
                                    band(img, y0, rows, q, parallelFill: false)
                                    y0 += rows
                                }
                            }
                        }
                    }
                }
                return
            }
            ScratchPool.withBuffer(count: kdim * padded * wo) { q in
                for img in 0..<n {
                    var y0 = 0
                    while y0 < ho {
                        let rows = min(bandRows, ho - y0)
                        band(img, y0, rows, q, parallelFill: true)
                        y0 += rows
                    }
                }
            }
        }
    }
}
