// transformers/models/clip/modeling_clip.py (CLIPTextModel, CLIPTextTransformer, CLIPTextEmbeddings),
// the CLIP text encoder, eval mode.

import FoundationEssentials

/// transformers' `CLIPTextModel`: token and position embeddings, `num_hidden_layers` pre-norm
/// transformer layers with causal self-attention, a final layer norm.
///
/// Weights keep the checkpoint's names (`text_model.embeddings.token_embedding.weight`,
/// `text_model.encoder.layers.0.self_attn.q_proj.weight`, …); checkpoints saved without the
/// `text_model.` prefix (transformers 5.x) are read too.
public struct CLIPTextModel: Sendable {
    public let config: CLIPTextConfig
    let tokenEmbedding: Tensor
    let positionEmbedding: Tensor
    let layers: [CLIPEncoderLayer]
    let finalLayerNorm: LayerNorm

    /// Builds the model from `weights`, checking every tensor's shape against `config`.
    public init(config: CLIPTextConfig, weights: WeightStore) throws {
        try config.validate()
        self.config = config
        let prefix: String
        if weights.contains("text_model.embeddings.token_embedding.weight")
            || !weights.contains("embeddings.token_embedding.weight") {
            prefix = "text_model."
        } else {
            prefix = ""
        }
        let hidden = config.hiddenSize
        tokenEmbedding = try weights.tensor("\(prefix)embeddings.token_embedding.weight", shape: [config.vocabSize, hidden])
        positionEmbedding = try weights.tensor(
            "\(prefix)embeddings.position_embedding.weight", shape: [config.maxPositionEmbeddings, hidden])
        layers = try (0..<config.numHiddenLayers).map {
            try CLIPEncoderLayer(
                weights, "\(prefix)encoder.layers.\($0)", hiddenSize: hidden, intermediateSize: config.intermediateSize,
                heads: config.numAttentionHeads, eps: config.layerNormEps)
        }
        finalLayerNorm = try LayerNorm(weights, "\(prefix)final_layer_norm", dim: hidden, eps: config.layerNormEps)
    }

    /// Loads `config.json` and `model[.<variant>].safetensors` from a `text_encoder/` folder.
    public init(directory: URL, variant: String? = nil) throws {
        let config = try CLIPTextConfig(directory: directory)
        let weights = try WeightStore(directory: directory, weightsName: "model", variant: variant)
        try self.init(config: config, weights: weights)
    }

    /// `last_hidden_state` `[batch, tokens, hidden]` for rows of token ids of equal length
    /// (at most `max_position_embeddings`; the pipeline passes 77), no attention mask.
    public func callAsFunction(inputIds: [[Int]]) throws -> Tensor {
        try forward(inputIds: inputIds).lastHiddenState
    }

    /// `CLIPTextTransformer.forward`: embeddings, causal encoder layers, final layer norm.
    public func forward(inputIds: [[Int]], outputHiddenStates: Bool = false) throws -> CLIPTextModelOutput {
        let batch = inputIds.count
        let length = inputIds.first?.count ?? 0
        guard batch > 0, length > 0, inputIds.allSatisfy({ $0.count == length }) else {
            throw NeuralError.invalidArgument(
                op: "CLIPTextModel", "input ids must be non-empty rows of equal length, got lengths \(inputIds.map(\.count))")
        }
        guard length <= config.maxPositionEmbeddings else {
            throw NeuralError.invalidArgument(
                op: "CLIPTextModel", "\(length) tokens exceed max_position_embeddings \(config.maxPositionEmbeddings)")
        }
        let hidden = config.hiddenSize
        // CLIPTextEmbeddings: token_embedding(input_ids) + position_embedding(position_ids 0..<L).
        var h = try tokenEmbedding.embedding(inputIds.flatMap { $0 }).reshaped([batch, length, hidden])
        let positions = try positionEmbedding.narrowed(dim: 0, start: 0, length: length)
        try h.add(positions)
        var states = [Tensor]()
        if outputHiddenStates { states.append(h) }
        for layer in layers {
            h = try layer(h, activation: config.hiddenAct, causal: true)
            if outputHiddenStates { states.append(h) }
        }
        return CLIPTextModelOutput(lastHiddenState: try finalLayerNorm(h), hiddenStates: states)
    }
}
