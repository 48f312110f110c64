// diffusers/models/unets/unet_3d_condition.py (UNet3DConditionModel)

import FoundationEssentials

/// The conditional 3-D UNet of the ModelScope text-to-video family (text-to-video-ms-1.7b,
/// zeroscope): predicts the noise of a video latent `(batch, C, frames, H, W)` at a timestep, given
/// the text encoder's hidden states `(batch, 77, D)`.
///
/// - Loading: `config.json` and `diffusion_pytorch_model[.<variant>].safetensors` of a diffusers
///   `unet/` folder. F32 weights stay memory-mapped (zero-copy); F16/BF16 weights are converted to
///   float32 when loaded, so an fp16 folder costs float32 memory. Errors name the config key, the
///   tensor or the file.
/// - Computing: frames are folded into the batch, as in diffusers; attention runs in query blocks
///   (``NeuralRuntime/attentionMemoryBudget``), convolutions in bands
///   (``NeuralRuntime/convolutionScratchBudget``).
/// - Thread safety: the model is immutable after `init`; concurrent forwards are allowed but share
///   the runtime's threads.
public final class UNet3DConditionModel: @unchecked Sendable {
    public let config: UNet3DConfig
    /// State-dict names present in the weights that no layer uses (normally empty).
    public let unusedWeightNames: [String]

    let timeProjDim: Int
    let timeEmbedding: TimestepEmbedding
    let convIn: Conv2d
    let transformerIn: TransformerTemporalModel
    let downBlocks: [UNet3DDownBlock]
    let midBlock: UNet3DMidBlock
    let upBlocks: [UNet3DUpBlock]
    let convNormOut: GroupNorm
    let convOut: Conv2d

    /// Loads the `unet/` folder at `directory`; `variant` "fp16" reads
    /// `diffusion_pytorch_model.fp16.safetensors`.
    public convenience init(directory: URL, variant: String? = nil) throws {
        let url = directory.appendingPathComponent("config.json")
        let config = try UNet3DConfig.load(contentsOf: url)
        do {
            try config.validate()
        } catch let error as NeuralError {
            throw NeuralError.file(path: url.path, "\(error)")
        }
        let weights = try WeightStore(directory: directory, weightsName: "diffusion_pytorch_model", variant: variant)
        try self.init(config: config, weights: weights)
    }

    /// As ``init(directory:variant:)`` with a path.
    public convenience init(path: String, variant: String? = nil) throws {
        try self.init(directory: URL(fileURLWithPath: path, isDirectory: true), variant: variant)
    }

    /// Builds the model of `config` from `weights` (every tensor's shape is checked).
    public init(config: UNet3DConfig, weights: WeightStore) throws {
        try config.validate()
        self.config = config
        let boc = config.blockOutChannels
        let settings = UNet3DBlockSettings(config: config)
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
        let reversed = Array(boc.reversed())
        upBlocks = try config.upBlockTypes.indices.map { i in
            try UNet3DUpBlock(
                weights, "up_blocks.\(i)", crossAttention: config.upBlockTypes[i] == "CrossAttnUpBlock3D",
                numLayers: config.layersPerBlock + 1, inChannels: reversed[min(i + 1, n - 1)], outChannels: reversed[i],
                prevOutputChannels: reversed[max(i - 1, 0)], headSize: config.headSize(block: n - 1 - i),
                addUpsample: i != n - 1, settings: settings)
        }
        convNormOut = try GroupNorm(weights, "conv_norm_out", groups: settings.groups, channels: boc[0], eps: settings.eps)
        convOut = try Conv2d.conv3x3(weights, "conv_out", inChannels: boc[0], outChannels: config.outChannels)
        unusedWeightNames = weights.unusedNames
    }

    /// One denoising prediction (diffusers' `UNet3DConditionModel.forward(...).sample`).
    ///
    /// - `sample`: `(batch, in_channels, frames, H, W)`.
    /// - `timestep`: the same timestep for the whole batch (an integer timestep passed as Float
    ///   gives the same embedding as PyTorch's int64 path).
    /// - `encoderHiddenStates`: `(batch, tokens, cross_attention_dim)`.
    /// - `observe`: called with diffusers' module names (`time_proj`, `time_embedding`, `conv_in`,
    ///   `transformer_in`, `down_blocks.i`, `mid_block`, `up_blocks.i`, `conv_norm_out`, `conv_out`)
    ///   and their outputs, for layer-by-layer debugging.
    /// - Returns `(batch, out_channels, frames, H, W)`.
    public func forward(
        sample: Tensor, timestep: Float, encoderHiddenStates: Tensor, observe: ((String, Tensor) -> Void)? = nil
    ) throws -> Tensor {
        let op = "UNet3DConditionModel"
        guard sample.rank == 5, sample.shape[1] == config.inChannels, sample.shape[0] >= 1, sample.shape[2] >= 1 else {
            throw NeuralError.shapeMismatch(op: op, "sample \(sample.shape) is not (batch, \(config.inChannels), frames, H, W)")
        }
        let (b, f, h, w) = (sample.shape[0], sample.shape[2], sample.shape[3], sample.shape[4])
        guard encoderHiddenStates.rank == 3, encoderHiddenStates.shape[0] == b,
              encoderHiddenStates.shape[2] == config.crossAttentionDim
        else {
            throw NeuralError.shapeMismatch(op: op, "encoder_hidden_states \(encoderHiddenStates.shape) for batch \(b) (expected (\(b), tokens, \(config.crossAttentionDim)))")
        }
        let upFactor = 1 << (config.blockOutChannels.count - 1)
        let forwardUpsampleSize = h % upFactor != 0 || w % upFactor != 0

        // 1. time
        let tProj = try Tensor.timestepEmbedding(timesteps: [Float](repeating: timestep, count: b), dim: timeProjDim,
                                                 flipSinToCos: true, downscaleFreqShift: 0)
        observe?("time_proj", tProj)
        let emb = try timeEmbedding(tProj)
        observe?("time_embedding", emb)
        let inputs = UNet3DBlockInputs(tembActivated: try emb.repeatInterleaved(f).silu(), context: encoderHiddenStates, frames: f)

        // 2. pre-process
        var x = try sample.permuted([0, 2, 1, 3, 4]).reshaped([b * f, config.inChannels, h, w])
        x = try convIn(x)
        observe?("conv_in", x)
        x = try transformerIn(x, frames: f)
        observe?("transformer_in", x)

        // 3. down
        var residuals = [x]
        for (i, block) in downBlocks.enumerated() {
            let (out, states) = try block(x, inputs)
            x = out
            residuals += states
            observe?("down_blocks.\(i)", x)
        }

        // 4. mid
        x = try midBlock(x, inputs)
        observe?("mid_block", x)

        // 5. up
        for (i, block) in upBlocks.enumerated() {
            let k = block.layers.resnets.count
            guard residuals.count >= k else {
                throw NeuralError.shapeMismatch(op: op, "up block \(i) needs \(k) skip outputs, \(residuals.count) left")
            }
            let skips = Array(residuals.suffix(k))
            residuals.removeLast(k)
            var size: (height: Int, width: Int)?
            if i != upBlocks.count - 1, forwardUpsampleSize, let last = residuals.last {
                size = (last.shape[2], last.shape[3])
            }
            x = try block(x, residuals: skips, inputs, upsampleSize: size)
            observe?("up_blocks.\(i)", x)
        }

        // 6. post-process
        x = try convNormOut(x)
        observe?("conv_norm_out", x)
        x = try convOut(x.silu())
        observe?("conv_out", x)
        return try x.reshaped([b, f, config.outChannels, h, w]).permuted([0, 2, 1, 3, 4])
    }

    /// `forward(sample:timestep:encoderHiddenStates:)`.
    public func callAsFunction(sample: Tensor, timestep: Float, encoderHiddenStates: Tensor) throws -> Tensor {
        try forward(sample: sample, timestep: timestep, encoderHiddenStates: encoderHiddenStates)
    }
}
