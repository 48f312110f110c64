// diffusers/models/unets/unet_3d_condition.py (UNet3DConditionModel: time embedding, conv_in,
// transformer_in, down blocks, mid block): the part the UNet and StreamingT2V's CAM share.

/// The encoder half of a UNet3D: `time_embedding`, `conv_in`, `transformer_in`, `down_blocks` and
/// `mid_block`, under their diffusers names. ``UNet3DConditionModel`` adds the up blocks;
/// ``StreamingT2VCAM`` (a copy of this half, ControlNet-style) adds its frame encoder.
struct UNet3DEncoder: Sendable {
    let config: UNet3DConfig
    let timeProjDim: Int
    let timeEmbedding: TimestepEmbedding
    let convIn: Conv2d
    let transformerIn: TransformerTemporalModel
    let downBlocks: [UNet3DDownBlock]
    let midBlock: UNet3DMidBlock

    init(config: UNet3DConfig, weights: WeightStore, settings: UNet3DBlockSettings) throws {
        self.config = config
        let boc = config.blockOutChannels
        let n = boc.count
        timeProjDim = boc[0]
        timeEmbedding = try TimestepEmbedding(weights, "time_embedding", inChannels: boc[0], timeEmbedDim: settings.tembChannels)
        convIn = try Conv2d.conv3x3(weights, "conv_in", inChannels: config.inChannels, outChannels: boc[0])
        // num_attention_heads=8, attention_head_dim=config.attention_head_dim: 8 heads of that size.
        transformerIn = try TransformerTemporalModel(weights, "transformer_in", heads: 8, dimHead: config.headSize(block: 0),
                                                     inChannels: boc[0], groups: settings.groups)
        downBlocks = try config.downBlockTypes.indices.map { i in
            try UNet3DDownBlock(
                weights, "down_blocks.\(i)", crossAttention: config.downBlockTypes[i] == "CrossAttnDownBlock3D",
                numLayers: config.layersPerBlock, inChannels: boc[max(i - 1, 0)], outChannels: boc[i],
                headSize: config.headSize(block: i), addDownsample: i != n - 1, downsamplePadding: config.downsamplePadding,
                settings: settings)
        }
        midBlock = try UNet3DMidBlock(weights, "mid_block", channels: boc[n - 1], headSize: config.headSize(block: n - 1),
                                      outputScaleFactor: Float(config.midBlockScaleFactor), settings: settings)
    }

    /// The channels of the skip connections `down` returns, in order: `transformer_in`'s output,
    /// then each down block's layers and downsampler.
    var skipChannels: [Int] {
        let boc = config.blockOutChannels
        var channels = [boc[0]]
        for (i, block) in downBlocks.enumerated() {
            channels += Array(repeating: boc[i], count: block.layers.resnets.count + block.downsamplers.count)
        }
        return channels
    }

    /// Time embedding, `conv_in`, `transformer_in` (then `+ added`, the CAM's frame features, when
    /// given), the down blocks. `frames` is `(batch·F, C, H, W)`; returns the last down output, the
    /// skip connections and what the blocks are passed.
    func down(
        frames x0: Tensor, batch b: Int, timestep: Float, context: Tensor, added: Tensor? = nil,
        depth: Int? = nil, observe: ((String, Tensor) -> Void)? = nil
    ) throws -> (Tensor, [Tensor], UNet3DBlockInputs) {
        let f = x0.shape[0] / b
        let tProj = try Tensor.timestepEmbedding(timesteps: [Float](repeating: timestep, count: b), dim: timeProjDim,
                                                 flipSinToCos: true, downscaleFreqShift: 0)
        observe?("time_proj", tProj)
        let emb = try timeEmbedding(tProj)
        observe?("time_embedding", emb)
        let inputs = UNet3DBlockInputs(tembActivated: try emb.repeatInterleaved(f).silu(), context: context, frames: f)

        var x = try convIn(x0)
        observe?("conv_in", x)
        x = try transformerIn(x, frames: f)
        observe?("transformer_in", x)
        if let added {
            try x.add(added)
            observe?("controlnet_cond_embedding", x)
        }
        var residuals = [x]
        for (i, block) in downBlocks.prefix(depth ?? downBlocks.count).enumerated() {
            let (out, states) = try block(x, inputs)
            x = out
            residuals += states
            observe?("down_blocks.\(i)", x)
        }
        return (x, residuals, inputs)
    }
}
