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

    /// The APM's tokens when the UNet is StreamingT2V's base UNet; nil for a plain ModelScope UNet.
    public let apm: APMTokens?
    let encoder: UNet3DEncoder
    /// StreamingT2V's CAM mergers: one per skip connection, then the mid block's (empty without the APM).
    let downMergers: [CAMMerger]
    let midMerger: CAMMerger?
    let upBlocks: [UNet3DUpBlock]
    let convNormOut: GroupNorm
    let convOut: Conv2d

    /// Loads the `unet/` folder at `directory`; `variant` "fp16" reads
    /// `diffusion_pytorch_model.fp16.safetensors`.
    public convenience init(directory: URL, variant: String? = nil, apm: APMTokens? = nil) throws {
        let url = directory.appendingPathComponent("config.json")
        let config = try UNet3DConfig.load(contentsOf: url)
        do {
            try config.validate()
        } catch let error as NeuralError {
            throw NeuralError.file(path: url.path, "\(error)")
        }
        let weights = try WeightStore(directory: directory, weightsName: "diffusion_pytorch_model", variant: variant)
        try self.init(config: config, weights: weights, apm: apm)
    }

    /// As ``init(directory:variant:)`` with a path.
    public convenience init(path: String, variant: String? = nil) throws {
        try self.init(directory: URL(fileURLWithPath: path, isDirectory: true), variant: variant)
    }

    /// Builds the model of `config` from `weights` (every tensor's shape is checked). With `apm`,
    /// it is StreamingT2V's base UNet: every spatial cross-attention has the APM's context mixer,
    /// and the CAM mergers `cross_attention_merger_down_blocks.i` and `cross_attention_merger_mid_block`
    /// are loaded (see ``forward(sample:timestep:encoderHiddenStates:cam:observe:)``).
    public init(config: UNet3DConfig, weights: WeightStore, apm: APMTokens? = nil) throws {
        try config.validate()
        self.config = config
        self.apm = apm
        let boc = config.blockOutChannels
        let settings = UNet3DBlockSettings(config: config, apm: apm)
        let n = boc.count
        encoder = try UNet3DEncoder(config: config, weights: weights, settings: settings)
        if apm != nil {
            downMergers = try encoder.skipChannels.enumerated().map { i, c in
                try CAMMerger(weights, "cross_attention_merger_down_blocks.\(i).", channels: c)
            }
            midMerger = try CAMMerger(weights, "cross_attention_merger_mid_block.", channels: boc[n - 1])
        } else {
            downMergers = []
            midMerger = nil
        }
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

    /// One denoising prediction (diffusers' `UNet3DConditionModel.forward(...).sample`); with `cam`
    /// (StreamingT2V's base UNet), each skip connection and the mid block's output are replaced by
    /// their CAM merger's output once all down blocks have run (spec §2.3).
    ///
    /// - `sample`: `(batch, in_channels, frames, H, W)`.
    /// - `timestep`: the same timestep for the whole batch (an integer timestep passed as Float
    ///   gives the same embedding as PyTorch's int64 path).
    /// - `encoderHiddenStates`: `(batch, tokens, cross_attention_dim)`; with the APM, the text tokens
    ///   followed by the image tokens.
    /// - `cam`: the CAM's features for this step (``StreamingT2VCAM``), for a UNet built with `apm`.
    /// - `observe`: called with diffusers' module names (`time_proj`, `time_embedding`, `conv_in`,
    ///   `transformer_in`, `down_blocks.i`, `mid_block`, `up_blocks.i`, `conv_norm_out`, `conv_out`)
    ///   and their outputs, for layer-by-layer debugging.
    /// - Returns `(batch, out_channels, frames, H, W)`.
    ///
    /// - `stepCache`: DeepCache (Ma et al., 2024), training-free: `.refresh` runs the whole UNet and
    ///   keeps the input of the last up block (the deep features); `.reuse` runs only the shallow
    ///   branch — `conv_in`, `transformer_in`, the first down block, then the last up block on the
    ///   kept deep features and this step's shallow skips — as long as the kept features fit the
    ///   sample (otherwise it refreshes). nil: the plain forward.
    public func forward(
        sample: Tensor, timestep: Float, encoderHiddenStates: Tensor, cam: CAMFeatures? = nil,
        stepCache: StepCache.Mode? = nil, observe: ((String, Tensor) -> Void)? = nil
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

        if let apm {
            // Text tokens alone run the UNet with the APM off (see APMContextMixer).
            guard encoderHiddenStates.shape[1] == apm.text + apm.image || encoderHiddenStates.shape[1] == apm.text else {
                throw NeuralError.shapeMismatch(
                    op: op, "encoder_hidden_states \(encoderHiddenStates.shape) must hold \(apm.text) text and \(apm.image) image tokens, "
                        + "or \(apm.text) text tokens alone (APM off)")
            }
        }
        if cam != nil, midMerger == nil {
            throw NeuralError.invalidArgument(op: op, "CAM features given to a UNet without CAM mergers (not built with apm)")
        }

        // 1.–3. time, pre-process, down
        let sampleFrames = try sample.permuted([0, 2, 1, 3, 4]).reshaped([b * f, config.inChannels, h, w])
        let reuse: Tensor? = {
            guard reuses(stepCache, sample: sample), case .reuse(let cache) = stepCache else { return nil }
            return cache.kept?.features
        }()
        var (x, residuals, inputs) = try encoder.down(
            frames: sampleFrames, batch: b, timestep: timestep, context: encoderHiddenStates, depth: reuse == nil ? nil : 1,
            observe: observe)
        if let cam {
            if let depth = cam.depth {
                guard reuse != nil else {
                    throw NeuralError.invalidArgument(
                        op: op, "CAM features of its first \(depth) down blocks serve only a DeepCache shallow step")
                }
                guard cam.down.count >= residuals.count else {
                    throw NeuralError.shapeMismatch(op: op, "\(cam.down.count) CAM skip features for \(residuals.count) shallow skips")
                }
            } else if cam.down.count != downMergers.count {
                throw NeuralError.shapeMismatch(op: op, "\(cam.down.count) CAM skip features for \(downMergers.count) mergers")
            }
            for i in residuals.indices {
                residuals[i] = try downMergers[i](residuals[i], cam: cam.down[i], frames: f, camFrames: cam.frames)
            }
        }
        if let reuse, let block = upBlocks.last {
            // DeepCache's shallow step: the last up block's skips are the first residuals.
            let k = block.layers.resnets.count
            guard residuals.count >= k else {
                throw NeuralError.shapeMismatch(op: op, "the last up block needs \(k) skip outputs, the first down block made \(residuals.count)")
            }
            x = try block(reuse, residuals: Array(residuals.prefix(k)), inputs, upsampleSize: nil)
            return try postProcess(x, batch: b, frames: f, height: h, width: w, observe: observe)
        }

        // 4. mid
        x = try encoder.midBlock(x, inputs)
        if let cam, let midMerger {
            x = try midMerger(x, cam: cam.mid, frames: f, camFrames: cam.frames)
        }
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
            if i == upBlocks.count - 1, case .refresh(let cache) = stepCache { cache.kept = (sample.shape, x) }
            x = try block(x, residuals: skips, inputs, upsampleSize: size)
            observe?("up_blocks.\(i)", x)
        }
        return try postProcess(x, batch: b, frames: f, height: h, width: w, observe: observe)
    }

    /// True when a forward of `sample` in `mode` runs only the shallow branch (DeepCache features of
    /// its shape are kept), so a CAM for it needs only its first down block.
    public func reuses(_ mode: StepCache.Mode?, sample: Tensor) -> Bool {
        guard case .reuse(let cache) = mode, let kept = cache.kept else { return false }
        return kept.sample == sample.shape
    }

    /// 6. post-process: norm, SiLU, `conv_out`, frames back out of the batch.
    private func postProcess(
        _ input: Tensor, batch b: Int, frames f: Int, height h: Int, width w: Int, observe: ((String, Tensor) -> Void)?
    ) throws -> Tensor {
        var x = try convNormOut(input)
        observe?("conv_norm_out", x)
        x = try convOut(x.silu())
        observe?("conv_out", x)
        return try x.reshaped([b, f, config.outChannels, h, w]).permuted([0, 2, 1, 3, 4])
    }

    /// The deep features DeepCache keeps between denoising steps (one per denoising run).
    public final class StepCache: @unchecked Sendable {
        /// What a forward does with the cache.
        public enum Mode {
            /// The whole UNet; keep the deep features.
            case refresh(StepCache)
            /// The shallow branch on the kept deep features.
            case reuse(StepCache)
        }

        /// The sample shape the features were made for, and the features (the last up block's input).
        var kept: (sample: [Int], features: Tensor)?

        public init() {}

        /// The mode of denoising step `step` with a full UNet every `interval` steps (DeepCache's
        /// uniform schedule; the first step is always full). nil when `interval` ≤ 1 (no caching).
        public func mode(step: Int, interval: Int) -> Mode? {
            guard interval > 1 else { return nil }
            return step % interval == 0 ? .refresh(self) : .reuse(self)
        }
    }

    /// `forward(sample:timestep:encoderHiddenStates:)` of a plain UNet.
    public func callAsFunction(sample: Tensor, timestep: Float, encoderHiddenStates: Tensor) throws -> Tensor {
        try forward(sample: sample, timestep: timestep, encoderHiddenStates: encoderHiddenStates)
    }
}
