// The text encoder's config.json. Matches transformers/models/clip/configuration_clip.py (CLIPTextConfig).

import FoundationEssentials

/// `CLIPTextConfig` as transformers writes it to `text_encoder/config.json`.
///
/// Keys missing from the file take transformers' defaults; keys this engine does not read
/// (`_name_or_path`, `architectures`, `initializer_range`, …) are ignored. ``validate()`` rejects
/// values the engine does not support, naming them.
public struct CLIPTextConfig: ConfigFile, Equatable, Sendable {
    /// The keys, with transformers' defaults.
    public struct Fields: Codable, Equatable, Sendable {
        public var vocabSize = 49408
        public var hiddenSize = 512
        public var intermediateSize = 2048
        public var projectionDim = 512
        public var numHiddenLayers = 12
        public var numAttentionHeads = 8
        public var maxPositionEmbeddings = 77
        /// `"gelu"` (exact), `"quick_gelu"`, `"gelu_new"` / `"gelu_pytorch_tanh"` (tanh approximation).
        public var hiddenAct = "quick_gelu"
        public var layerNormEps: Float = 1e-5
        public var attentionDropout: Float = 0
        public var padTokenId: Int? = 1
        public var bosTokenId: Int? = 49406
        public var eosTokenId: Int? = 49407
        /// transformers' `model_type` (`"clip_text_model"`), when present.
        public var modelType: String? = "clip_text_model"
    }

    public var fields = Fields()

    public init() {}

    /// A file without `model_type` reads as nil.
    public static let keyRules: [String: ConfigKeyRule] = ["model_type": .absentIsNil]

    /// The activations this engine implements, by their transformers names.
    public static let supportedActivations = ["gelu", "quick_gelu", "gelu_new", "gelu_pytorch_tanh"]

    /// Throws ``NeuralError/unsupported(_:)`` naming the first key whose value the engine cannot run.
    public func validate() throws {
        try checkBounds("text encoder config")
        try fields.validate()
    }
}

extension CLIPTextConfig.Fields {
    func validate() throws {
        func positive(_ value: Int, _ key: String) throws {
            guard value > 0 else { throw NeuralError.unsupported("text encoder config \(key) = \(value) (must be positive)") }
        }
        try positive(vocabSize, "vocab_size")
        try positive(hiddenSize, "hidden_size")
        try positive(intermediateSize, "intermediate_size")
        try positive(numAttentionHeads, "num_attention_heads")
        try positive(maxPositionEmbeddings, "max_position_embeddings")
        guard numHiddenLayers >= 0 else {
            throw NeuralError.unsupported("text encoder config num_hidden_layers = \(numHiddenLayers)")
        }
        guard hiddenSize % numAttentionHeads == 0 else {
            throw NeuralError.unsupported(
                "text encoder config hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(numAttentionHeads)")
        }
        guard CLIPTextConfig.supportedActivations.contains(hiddenAct) else {
            throw NeuralError.unsupported(
                "text encoder config hidden_act \"\(hiddenAct)\" (supported: \(CLIPTextConfig.supportedActivations.joined(separator: ", ")))")
        }
        guard layerNormEps.isFinite, layerNormEps >= 0 else {
            throw NeuralError.unsupported("text encoder config layer_norm_eps = \(layerNormEps)")
        }
        if let modelType, modelType != "clip_text_model" {
            throw NeuralError.unsupported("text encoder config model_type \"\(modelType)\" (supported: clip_text_model)")
        }
    }
}
