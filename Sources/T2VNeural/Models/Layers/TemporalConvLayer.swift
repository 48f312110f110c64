// diffusers/models/resnet.py (TemporalConvLayer)

/// Four `[GroupNorm, SiLU, (Dropout), Conv3d (3,1,1)]` stages over the frames, added to the input.
/// State-dict trap: `conv1` has no Dropout, so its conv is `conv1.2`; `conv2`–`conv4` are
/// `convN.3`. GroupNorm eps is torch's default 1e-5 (not the config's), groups `norm_num_groups`.
struct TemporalConvLayer: Sendable {
    let norms: [GroupNorm]
    let convWeights: [Tensor]
    let convBiases: [Tensor]

    init(_ weights: WeightStore, _ prefix: String, inDim: Int, outDim: Int, groups: Int) throws {
        var norms = [GroupNorm]()
        var ws = [Tensor]()
        var bs = [Tensor]()
        for i in 1...4 {
            let (cin, cout) = i == 1 ? (inDim, outDim) : (outDim, inDim)
            let convIndex = i == 1 ? 2 : 3
            norms.append(try GroupNorm(weights, "\(prefix).conv\(i).0", groups: groups, channels: cin, eps: 1e-5))
            ws.append(try weights.tensor("\(prefix).conv\(i).\(convIndex).weight", shape: [cout, cin, 3, 1, 1]))
            bs.append(try weights.tensor("\(prefix).conv\(i).\(convIndex).bias", shape: [cout]))
        }
        self.norms = norms
        convWeights = ws
        convBiases = bs
    }

    /// `x` `(batch·frames, C, H, W)`.
    func callAsFunction(_ x: Tensor, frames: Int) throws -> Tensor {
        var h = x
        for i in 0..<4 {
            h = try norms[i].acrossFrames(h, frames: frames, applySiLU: true)
                .temporalConv(frames: frames, weight: convWeights[i], bias: convBiases[i])
        }
        try h.add(x)
        return h
    }
}
