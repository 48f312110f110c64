// Operations the UNet3D needs beyond the shared runtime: group norm over frames, the temporal
// (3, 1, 1) convolution and the layout changes between frames and temporal tokens, all working on
// the UNet's (batch·frames, C, H, W) layout without permuting to (batch, C, frames, H, W).

import COpenBLAS
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits `0..<count` over the runtime's threads (each index handled by one worker, so results do
/// not depend on the thread count).
enum UNet3DParallel {
    static func forEach(_ count: Int, minimumPerTask: Int = 1, _ body: (Int) -> Void) {
        if count <= 0 { return }
        let tasks = max(1, min(NeuralRuntime.threadCount, count / max(minimumPerTask, 1)))
        if tasks == 1 {
            for i in 0..<count { body(i) }
            return
        }
        let per = (count + tasks - 1) / tasks
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: tasks) { t in
                let end = min(count, (t + 1) * per)
                var i = t * per
                while i < end { body(i); i += 1 }
            }
        }
    }
}

/// Row-major `C = A·B + beta·C` through OpenBLAS, sizes already checked.
@inline(__always)
func unet3dSGEMM(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int
) {
    if m == 0 || n == 0 || k == 0 { return }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(lda), b,
                blasint(ldb), beta, c, blasint(ldc))
}

extension Tensor {
    /// `torch.nn.GroupNorm` applied to the video `(batch, C, frames, H, W)` that this
    /// `(batch·frames, C, H, W)` tensor holds (batch-major): the statistics of each group run over
    /// its channels, all `frames` frames and all positions, as diffusers' `TemporalConvLayer` and
    /// `TransformerTemporalModel` norms do. The result keeps this layout; `applySiLU` fuses the
    /// following SiLU. Statistics in double precision, two passes.
    func groupNormAcrossFrames(
        frames f: Int, groups g: Int, weight: Tensor, bias: Tensor, eps: Float, applySiLU: Bool
    ) throws -> Tensor {
        let op = "group_norm (over frames)"
        guard rank >= 2, f >= 1, shape[0] % f == 0 else {
            throw NeuralError.shapeMismatch(op: op, "input \(shape) is not (batch·\(f) frames, C, ...)")
        }
        let n = shape[0], c = shape[1]
        guard g >= 1, c % g == 0 else { throw NeuralError.invalidArgument(op: op, "\(c) channels do not split into \(g) groups") }
        guard weight.shape == [c], bias.shape == [c] else {
            throw NeuralError.shapeMismatch(op: op, "weight \(weight.shape), bias \(bias.shape) for \(c) channels")
        }
        let s = n * c == 0 ? 0 : count / (n * c)
        let b = n / f, cpg = c / g
        let run = cpg * s
        let total = Double(f * run)
        return try Tensor(shape: shape) { out in
            guard let y = out.baseAddress, run > 0 else { return }
            withUnsafeBufferPointer { xb in
                weight.withUnsafeBufferPointer { wb in
                    bias.withUnsafeBufferPointer { bb in
                        guard let x = xb.baseAddress, let w = wb.baseAddress, let bp = bb.baseAddress else { return }
                        UNet3DParallel.forEach(b * g) { unit in
                            let bi = unit / g, gi = unit % g
                            func start(_ fi: Int) -> Int { ((bi * f + fi) * c + gi * cpg) * s }
                            var sum = 0.0
                            for fi in 0..<f { sum += UNet3DMath.sum(x + start(fi), run) }
                            let mean = sum / total
                            var sq = 0.0
                            for fi in 0..<f { sq += UNet3DMath.squaredDeviations(x + start(fi), run, mean: Float(mean)) }
                            let rstd = Float(1 / (sq / total + Double(eps)).squareRoot())
                            let m = Float(mean)
                            for fi in 0..<f {
                                for k in 0..<cpg {
                                    let ch = gi * cpg + k
                                    let scale = rstd * w[ch]
                                    let shift = bp[ch] - m * scale
                                    let off = start(fi) + k * s
                                    let src = x + off, dst = y + off
                                    if applySiLU {
                                        for j in 0..<s {
                                            let v = src[j] * scale + shift
                                            dst[j] = v / (1 + expf(-v))
                                        }
                                    } else {
                                        for j in 0..<s { dst[j] = src[j] * scale + shift }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The `nn.Conv3d(C, O, (3, 1, 1), padding=(1, 0, 0))` of `TemporalConvLayer` applied to the
    /// video this `(batch·frames, C, H, W)` tensor holds; the result is `(batch·frames, O, H, W)`.
    /// For a group of output frames, the three neighbouring input frames of each are gathered into
    /// a `[C·3, frames·H·W]` column matrix (rows in the weight's `(c, k)` order, zero rows past
    /// either end) and one sgemm with the memory-mapped `[O, C, 3, 1, 1]` weight as an `[O, 3C]`
    /// matrix makes the group's frames, which are then copied to their places.
    func temporalConv(frames f: Int, weight: Tensor, bias: Tensor) throws -> Tensor {
        let op = "temporal conv3d (3,1,1)"
        guard rank >= 2, f >= 1, shape[0] % f == 0 else {
            throw NeuralError.shapeMismatch(op: op, "input \(shape) is not (batch·\(f) frames, C, ...)")
        }
        let n = shape[0], c = shape[1]
        guard weight.rank == 5, weight.shape[1] == c, Array(weight.shape[2...]) == [3, 1, 1] else {
            throw NeuralError.shapeMismatch(op: op, "weight \(weight.shape) for \(c) input channels (expected [O, \(c), 3, 1, 1])")
        }
        let o = weight.shape[0]
        guard bias.shape == [o] else { throw NeuralError.shapeMismatch(op: op, "bias \(bias.shape) for \(o) outputs") }
        let s = n * c == 0 ? 0 : count / (n * c)
        var outShape = shape
        outShape[1] = o
        let kdim = 3 * c
        for d in [o, s, kdim] where d > Int(Int32.max) {
            throw NeuralError.invalidArgument(op: op, "dimension \(d) exceeds the BLAS limit")
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
                                UNet3DParallel.forEach(c, minimumPerTask: max(1, 16384 / max(3 * ld, 1))) { ci in
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
                                unet3dSGEMM(m: o, n: ld, k: kdim, a: w, lda: kdim, b: cols, ldb: ld, beta: 1, c: t, ldc: ld)
                                UNet3DParallel.forEach(g, minimumPerTask: 1) { fl in
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

    /// `(batch·frames, C, H, W)` → `(batch·H·W, frames, C)`: the token layout of
    /// `TransformerTemporalModel` (`permute(0, 3, 4, 2, 1)` of the `(batch, C, frames, H, W)` video).
    func framesToTemporalTokens(frames f: Int) throws -> Tensor {
        guard rank == 4, f >= 1, shape[0] % f == 0 else {
            throw NeuralError.shapeMismatch(op: "frames to temporal tokens", "input \(shape) is not (batch·\(f) frames, C, H, W)")
        }
        let b = shape[0] / f, c = shape[1], s = shape[2] * shape[3]
        return try reshaped([b, f, c, s]).permuted([0, 3, 1, 2]).reshaped([b * s, f, c])
    }

    /// Inverse of ``framesToTemporalTokens(frames:)``: `(batch·H·W, frames, C)` →
    /// `(batch·frames, C, H, W)`.
    func temporalTokensToFrames(batch b: Int, height h: Int, width w: Int) throws -> Tensor {
        guard rank == 3, shape[0] == b * h * w else {
            throw NeuralError.shapeMismatch(op: "temporal tokens to frames", "input \(shape) for batch \(b), \(h)×\(w)")
        }
        let f = shape[1], c = shape[2]
        return try reshaped([b, h * w, f, c]).permuted([0, 2, 3, 1]).reshaped([b * f, c, h, w])
    }

    /// `F.interpolate(x, size=(height, width), mode="nearest")` of an `[N, C, H, W]` tensor
    /// (source index `floor(dst · in / out)`, as PyTorch's legacy nearest mode).
    func upsampleNearest(height oh: Int, width ow: Int) throws -> Tensor {
        guard rank == 4, oh >= 1, ow >= 1 else {
            throw NeuralError.shapeMismatch(op: "upsample_nearest", "input \(shape) to \(oh)×\(ow)")
        }
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let sh = Float(h) / Float(oh), sw = Float(w) / Float(ow)
        let rows = (0..<oh).map { min(Int((Float($0) * sh).rounded(.down)), h - 1) }
        let columns = (0..<ow).map { min(Int((Float($0) * sw).rounded(.down)), w - 1) }
        return try Tensor(shape: [n, c, oh, ow]) { out in
            guard let y = out.baseAddress else { return }
            withUnsafeBufferPointer { xb in
                guard let x = xb.baseAddress, h > 0, w > 0 else { return }
                for plane in 0..<(n * c) {
                    let src = x + plane * h * w, dst = y + plane * oh * ow
                    for i in 0..<oh {
                        let row = src + rows[i] * w
                        for j in 0..<ow { dst[i * ow + j] = row[columns[j]] }
                    }
                }
            }
        }
    }

    /// Each row of a `[B, ...]` tensor repeated `times` times in place
    /// (`repeat_interleave(times, dim=0)`): `[B·times, ...]`.
    func repeatInterleaved(_ times: Int) throws -> Tensor {
        guard rank >= 1, times >= 1 else { throw NeuralError.invalidArgument(op: "repeat_interleave", "\(times) times for \(shape)") }
        var outShape = shape
        outShape[0] *= times
        let row = shape[0] == 0 ? 0 : count / shape[0]
        return try Tensor(shape: outShape) { out in
            guard let y = out.baseAddress, row > 0 else { return }
            withUnsafeBufferPointer { xb in
                guard let x = xb.baseAddress else { return }
                for r in 0..<shape[0] {
                    for t in 0..<times { (y + (r * times + t) * row).update(from: x + r * row, count: row) }
                }
            }
        }
    }
}

/// Float sums with double-precision folding (8-lane partial sums folded every 1,024 elements).
enum UNet3DMath {
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Double {
        let raw = UnsafeRawPointer(p)
        var total = 0.0
        var i = 0
        while i < n {
            let end = min(n, i + 1024)
            var acc = SIMD8<Float>()
            var j = i
            while j + 8 <= end {
                acc += raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
                j += 8
            }
            var s = Double(acc.sum())
            while j < end { s += Double(p[j]); j += 1 }
            total += s
            i = end
        }
        return total
    }

    static func squaredDeviations(_ p: UnsafePointer<Float>, _ n: Int, mean m: Float) -> Double {
        let raw = UnsafeRawPointer(p)
        let mv = SIMD8<Float>(repeating: m)
        var total = 0.0
        var i = 0
        while i < n {
            let end = min(n, i + 1024)
            var acc = SIMD8<Float>()
            var j = i
            while j + 8 <= end {
                let v = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) - mv
                acc += v * v
                j += 8
            }
            var s = Double(acc.sum())
            while j < end { let v = Double(p[j] - m); s += v * v; j += 1 }
            total += s
            i = end
        }
        return total
    }
}
