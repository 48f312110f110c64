// Nearest-neighbour resampling, row repetition and the UNet's frames ↔ temporal-token layouts
// (copies only, no arithmetic).

extension Tensor {
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
