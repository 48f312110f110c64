// StreamingT2V's CAM merger (ConditionalModel "cross_attention" → CrossAttention), one per skip
// connection and one for the mid block; written from shared/streamingt2v-spec.md §2.3 step 3.

/// Injects the CAM's features into one of the base UNet's skip connections (or its mid output):
/// each pixel's 16 frames attend to the same pixel's CAM frames.
///
///     h   = GroupNorm(32, C, eps 1e-6)(x as (B, C, F, H, W))      statistics over the frames too
///     h   = proj_in(h as (B·H·W, F, C))
///     kv  = c as (B·H·W, F_c, C)                                  raw CAM features
///     a   = Attention(q = to_q(h), k = to_k(kv), v = to_v(kv)), C/64 heads of 64, to_out.0
///     out = x + proj_out(a) as (B·F, C, H, W)
///
/// Weights under `<prefix>temporal_transformer.{norm, proj_in, attention.*, proj_out}`.
struct CAMMerger: Sendable {
    let norm: GroupNorm
    let projIn: Linear
    let attention: Attention
    let projOut: Linear
    let channels: Int

    init(_ weights: WeightStore, _ prefix: String, channels c: Int, headDim: Int = 64, groups: Int = 32) throws {
        guard c % headDim == 0 else {
            throw NeuralError.unsupported("\(prefix): \(c) channels are not whole heads of \(headDim)")
        }
        let p = "\(prefix)temporal_transformer"
        norm = try GroupNorm(weights, "\(p).norm", groups: groups, channels: c, eps: 1e-6)
        projIn = try Linear(weights, "\(p).proj_in", inFeatures: c, outFeatures: c)
        attention = try Attention(weights, "\(p).attention", queryDim: c, contextDim: c, heads: c / headDim, dimHead: headDim)
        projOut = try Linear(weights, "\(p).proj_out", inFeatures: c, outFeatures: c)
        channels = c
    }

    /// `x` `(B·frames, C, H, W)` (the base UNet's features), `cam` `(B·camFrames, C, H, W)` (the
    /// CAM's at the same level) → `x` with the CAM's attention added.
    func callAsFunction(_ x: Tensor, cam: Tensor, frames: Int, camFrames: Int) throws -> Tensor {
        guard x.rank == 4, cam.rank == 4, x.shape[1] == channels, cam.shape[1] == channels, frames >= 1, camFrames >= 1,
              x.shape[0] % frames == 0, cam.shape[0] % camFrames == 0, x.shape[0] / frames == cam.shape[0] / camFrames,
              x.shape[2] == cam.shape[2], x.shape[3] == cam.shape[3]
        else {
            throw NeuralError.shapeMismatch(
                op: "CAM merger", "features \(x.shape) of \(frames) frames with CAM features \(cam.shape) of \(camFrames)")
        }
        let (b, h, w) = (x.shape[0] / frames, x.shape[2], x.shape[3])
        let normed = try norm.acrossFrames(x, frames: frames)
        let queries = try projIn(try normed.framesToTemporalTokens(frames: frames))
        let context = try cam.framesToTemporalTokens(frames: camFrames)
        let attended = try projOut(try attention(queries, context: context))
        var out = try attended.temporalTokensToFrames(batch: b, height: h, width: w)
        try out.add(x)
        return out
    }
}
