// diffusers/models/transformers/transformer_2d.py (Transformer2DModel, continuous input, use_linear_projection=True)

/// The spatial transformer of the UNet3D blocks: GroupNorm (eps 1e-6), linear `proj_in`, one
/// ``UNet3DBasicTransformerBlock`` with cross-attention to the text, linear `proj_out`, residual.
/// Tokens are the `H·W` positions of each frame.
struct UNet3DTransformer2DModel {
    let norm: UNet3DGroupNorm
    let projIn: UNet3DLinear
    let transformerBlocks: [UNet3DBasicTransformerBlock]
    let projOut: UNet3DLinear

    init(_ weights: WeightStore, _ prefix: String, heads: Int, dimHead: Int, inChannels: Int, groups: Int,
         crossAttentionDim: Int, numLayers: Int = 1) throws {
        let inner = heads * dimHead
        norm = try UNet3DGroupNorm(weights, "\(prefix).norm", channels: inChannels, groups: groups, eps: 1e-6)
        projIn = try UNet3DLinear(weights, "\(prefix).proj_in", in: inChannels, out: inner)
        transformerBlocks = try (0..<numLayers).map {
            try UNet3DBasicTransformerBlock(weights, "\(prefix).transformer_blocks.\($0)", dim: inner, heads: heads, dimHead: dimHead,
                                            crossAttentionDim: crossAttentionDim, doubleSelfAttention: false)
        }
        projOut = try UNet3DLinear(weights, "\(prefix).proj_out", in: inner, out: inChannels)
    }

    /// `x` `(batch·frames, C, H, W)`, `context` `(batch, 77, D)`.
    func callAsFunction(_ x: Tensor, context: Tensor) throws -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var tokens = try norm(x).reshaped([n, c, h * w]).permuted([0, 2, 1])
        tokens = try projIn(tokens)
        for block in transformerBlocks { tokens = try block(tokens, context: context) }
        tokens = try projOut(tokens)
        var out = try tokens.permuted([0, 2, 1]).reshaped([n, c, h, w])
        try out.add(x)
        return out
    }
}
