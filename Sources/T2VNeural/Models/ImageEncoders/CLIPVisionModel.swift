// transformers/models/clip/modeling_clip.py (CLIPVisionModelWithProjection, CLIPVisionTransformer,
// CLIPVisionEmbeddings) and open_clip's VisionTransformer (transformer.py), the same computation,
// eval mode.

import FoundationEssentials

/// A CLIP image tower with its projection: transformers' `CLIPVisionModelWithProjection`, or the
/// `visual` module of an OpenCLIP model (StreamingT2V's APM uses OpenCLIP ViT-H-14).
///
/// Patch convolution (no bias) → class token first → position embeddings → `pre_layrnorm` →
/// `num_hidden_layers` pre-norm encoder layers (full self-attention) → `post_layernorm` of the
/// class token → projection (no bias). The result (`image_embeds`) is not normalised.
///
/// Weights in either layout (``Layout``): transformers' names (`vision_model.…`,
/// `visual_projection.weight`) or OpenCLIP's (`visual.conv1.weight`, `visual.transformer.resblocks.…`,
/// `visual.proj`, under any prefix such as the StreamingT2V checkpoint's `image_encoder.model.`).
public struct CLIPVisionModelWithProjection: Sendable {
    /// How the weights of a store are named.
    public enum Layout: Equatable, Sendable {
        /// transformers' `CLIPVisionModelWithProjection` state dict.
        case transformers
        /// OpenCLIP's `VisionTransformer` under `prefix` (ending in `visual.`).
        case openCLIP(prefix: String)
    }

    public let config: CLIPVisionConfig
    public let layout: Layout
    let patchEmbedding: Conv2d
    let classEmbedding: Tensor
    let positionEmbedding: Tensor
    let preLayerNorm: LayerNorm
    let layers: [CLIPEncoderLayer]
    let postLayerNorm: LayerNorm
    let visualProjection: Linear

    /// The layout of `weights`: transformers' if it has `vision_model.embeddings.patch_embedding.weight`,
    /// else OpenCLIP's if exactly one name ends in `visual.conv1.weight`; nil otherwise.
    public static func layout(of weights: WeightStore) -> Layout? {
        if weights.contains("vision_model.embeddings.patch_embedding.weight") { return .transformers }
        let suffix = "visual.conv1.weight"
        let candidates = weights.tensorNames.filter { $0 == suffix || $0.hasSuffix("." + suffix) }
        guard candidates.count == 1, let name = candidates.first else { return nil }
        return .openCLIP(prefix: String(name.dropLast("conv1.weight".count)))
    }

    /// Builds the model from `weights`, checking every tensor's shape against `config`.
    public init(config: CLIPVisionConfig, weights: WeightStore) throws {
        try config.validate()
        guard let layout = CLIPVisionModelWithProjection.layout(of: weights) else {
            throw NeuralError.tensorNotFound(
                name: "vision_model.embeddings.patch_embedding.weight (transformers) or visual.conv1.weight (OpenCLIP)",
                source: weights.source)
        }
        self.config = config
        self.layout = layout
        let w: WeightStore
        switch layout {
        case .transformers: w = weights
        case .openCLIP(let prefix): w = OpenCLIPVisionKeys.transformersView(of: weights, prefix: prefix, config: config)
        }
        let f = config.fields
        let d = f.hiddenSize
        patchEmbedding = try Conv2d(
            w, "vision_model.embeddings.patch_embedding", inChannels: f.numChannels, outChannels: d,
            kernelSize: f.patchSize, stride: f.patchSize, bias: false)
        classEmbedding = try w.tensor("vision_model.embeddings.class_embedding", shape: [d])
        positionEmbedding = try w.tensor("vision_model.embeddings.position_embedding.weight", shape: [config.tokenCount, d])
        preLayerNorm = try LayerNorm(w, "vision_model.pre_layrnorm", dim: d, eps: f.layerNormEps)
        layers = try (0..<f.numHiddenLayers).map {
            try CLIPEncoderLayer(
                w, "vision_model.encoder.layers.\($0)", hiddenSize: d, intermediateSize: f.intermediateSize,
                heads: f.numAttentionHeads, eps: f.layerNormEps)
        }
        postLayerNorm = try LayerNorm(w, "vision_model.post_layernorm", dim: d, eps: f.layerNormEps)
        visualProjection = try Linear(w, "visual_projection", inFeatures: d, outFeatures: f.projectionDim, bias: false)
    }

    /// Loads `config.json` and `model[.<variant>].safetensors` from an `image_encoder/` folder.
    public init(directory: URL, variant: String? = nil) throws {
        let config = try CLIPVisionConfig(directory: directory)
        let weights = try WeightStore(directory: directory, weightsName: "model", variant: variant)
        try self.init(config: config, weights: weights)
    }

    /// `image_embeds` `[B, projection_dim]` of `pixelValues` `[B, num_channels, image_size, image_size]`
    /// (already preprocessed: ``CLIPImagePreprocessor``).
    public func callAsFunction(pixelValues: Tensor) throws -> Tensor {
        let f = config.fields
        guard pixelValues.rank == 4, pixelValues.shape[0] >= 1, pixelValues.shape[1] == f.numChannels,
              pixelValues.shape[2] == f.imageSize, pixelValues.shape[3] == f.imageSize
        else {
            throw NeuralError.shapeMismatch(
                op: "CLIP image encoder",
                "pixel values \(pixelValues.shape), expected [B, \(f.numChannels), \(f.imageSize), \(f.imageSize)]")
        }
        let b = pixelValues.shape[0], d = f.hiddenSize, g = config.gridSize
        // CLIPVisionEmbeddings: patches as tokens, the class token first, plus positions.
        let patches = try patchEmbedding(pixelValues).reshaped([b, d, g * g]).transposed(1, 2)
        let classToken = try classEmbedding.reshaped([1, 1, d])
        let classTokens = try Tensor.concat(Array(repeating: classToken, count: b), dim: 0)
        var h = try Tensor.concat([classTokens, patches], dim: 1)
        try h.add(positionEmbedding)
        h = try preLayerNorm(h)
        for layer in layers {
            h = try layer(h, activation: f.hiddenAct, causal: false)
        }
        let pooled = try postLayerNorm(try h.narrowed(dim: 1, start: 0, length: 1).reshaped([b, d]))
        return try visualProjection(pooled)
    }
}

/// OpenCLIP's `VisionTransformer` names, served under transformers' names: the fused attention
/// input projection (`attn.in_proj_weight` `[3C, C]`, rows q | k | v) is split, and `proj`
/// `[C, P]` (used as `x @ proj`) is transposed into `visual_projection.weight` `[P, C]`.
enum OpenCLIPVisionKeys {
    static func transformersView(of store: WeightStore, prefix p: String, config: CLIPVisionConfig) -> WeightStore {
        let d = config.fields.hiddenSize
        return WeightStore(source: store.source) { name, shape in
            func take(_ source: String) throws -> Tensor { try store.tensor(source) }
            let layerPrefix = "vision_model.encoder.layers."
            if name.hasPrefix(layerPrefix) {
                let rest = name.dropFirst(layerPrefix.count)
                guard let dot = rest.firstIndex(of: ".") else { throw NeuralError.tensorNotFound(name: name, source: store.source) }
                let layer = rest[..<dot]
                let field = String(rest[rest.index(after: dot)...])
                let block = "\(p)transformer.resblocks.\(layer)."
                let projections = ["self_attn.q_proj.": 0, "self_attn.k_proj.": 1, "self_attn.v_proj.": 2]
                for (key, part) in projections where field.hasPrefix(key) {
                    let kind = field.dropFirst(key.count)  // "weight" or "bias"
                    let fused = try take("\(block)attn.in_proj_\(kind)")
                    guard fused.rank >= 1, fused.shape[0] == 3 * d else {
                        throw NeuralError.shapeMismatch(
                            op: "loading \(store.source)", "tensor '\(block)attn.in_proj_\(kind)' has shape \(fused.shape), expected [\(3 * d), …]")
                    }
                    return try fused.narrowed(dim: 0, start: part * d, length: d)
                }
                let renamed: [(String, String)] = [
                    ("layer_norm1.", "ln_1."), ("layer_norm2.", "ln_2."), ("self_attn.out_proj.", "attn.out_proj."),
                    ("mlp.fc1.", "mlp.c_fc."), ("mlp.fc2.", "mlp.c_proj."),
                ]
                for (from, to) in renamed where field.hasPrefix(from) {
                    return try take(block + to + field.dropFirst(from.count))
                }
                throw NeuralError.tensorNotFound(name: name, source: store.source)
            }
            switch name {
            case "vision_model.embeddings.patch_embedding.weight": return try take("\(p)conv1.weight")
            case "vision_model.embeddings.class_embedding": return try take("\(p)class_embedding")
            case "vision_model.embeddings.position_embedding.weight": return try take("\(p)positional_embedding")
            case "vision_model.pre_layrnorm.weight": return try take("\(p)ln_pre.weight")
            case "vision_model.pre_layrnorm.bias": return try take("\(p)ln_pre.bias")
            case "vision_model.post_layernorm.weight": return try take("\(p)ln_post.weight")
            case "vision_model.post_layernorm.bias": return try take("\(p)ln_post.bias")
            case "visual_projection.weight":
                let projection = try take("\(p)proj")
                guard projection.rank == 2, projection.shape == [shape[1], shape[0]] else {
                    throw NeuralError.shapeMismatch(
                        op: "loading \(store.source)", "tensor '\(p)proj' has shape \(projection.shape), expected \([shape[1], shape[0]])")
                }
                return try projection.transposed(0, 1)
            default:
                throw NeuralError.tensorNotFound(name: name, source: store.source)
            }
        }
    }
}
