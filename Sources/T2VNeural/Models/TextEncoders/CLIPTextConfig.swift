// The text encoder's config.json. Matches transformers/models/clip/configuration_clip.py (CLIPTextConfig).

import FoundationEssentials

/// `CLIPTextConfig` as transformers writes it to `text_encoder/config.json`.
///
/// Keys missing from the file take transformers' defaults; keys this engine does not read
/// (`_name_or_path`, `architectures`, `initializer_range`, …) are ignored. ``validate()`` rejects
/// values the engine does not support, naming them.
public struct CLIPTextConfig: Codable, Equatable, Sendable {
    public var vocabSize: Int
    public var hiddenSize: Int
    public var intermediateSize: Int
    public var projectionDim: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var maxPositionEmbeddings: Int
    /// `"gelu"` (exact), `"quick_gelu"`, `"gelu_new"` / `"gelu_pytorch_tanh"` (tanh approximation).
    public var hiddenAct: String
    public var layerNormEps: Float
    public var attentionDropout: Float
    public var padTokenId: Int?
    public var bosTokenId: Int?
    public var eosTokenId: Int?
    /// transformers' `model_type` (`"clip_text_model"`), when present.
    public var modelType: String?

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size"
        case hiddenSize = "hidden_size"
        case intermediateSize = "intermediate_size"
        case projectionDim = "projection_dim"
        case numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads"
        case maxPositionEmbeddings = "max_position_embeddings"
        case hiddenAct = "hidden_act"
        case layerNormEps = "layer_norm_eps"
        case attentionDropout = "attention_dropout"
        case padTokenId = "pad_token_id"
        case bosTokenId = "bos_token_id"
        case eosTokenId = "eos_token_id"
        case modelType = "model_type"
    }

    /// transformers' defaults, overridden by the arguments given.
    public init(
        vocabSize: Int = 49408, hiddenSize: Int = 512, intermediateSize: Int = 2048, projectionDim: Int = 512,
        numHiddenLayers: Int = 12, numAttentionHeads: Int = 8, maxPositionEmbeddings: Int = 77,
        hiddenAct: String = "quick_gelu", layerNormEps: Float = 1e-5, attentionDropout: Float = 0,
        padTokenId: Int? = 1, bosTokenId: Int? = 49406, eosTokenId: Int? = 49407, modelType: String? = "clip_text_model"
    ) {
        self.vocabSize = vocabSize
        self.hiddenSize = hiddenSize
        self.intermediateSize = intermediateSize
        self.projectionDim = projectionDim
        self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads
        self.maxPositionEmbeddings = maxPositionEmbeddings
        self.hiddenAct = hiddenAct
        self.layerNormEps = layerNormEps
        self.attentionDropout = attentionDropout
        self.padTokenId = padTokenId
        self.bosTokenId = bosTokenId
        self.eosTokenId = eosTokenId
        self.modelType = modelType
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.update(&vocabSize, .vocabSize)
        try c.update(&hiddenSize, .hiddenSize)
        try c.update(&intermediateSize, .intermediateSize)
        try c.update(&projectionDim, .projectionDim)
        try c.update(&numHiddenLayers, .numHiddenLayers)
        try c.update(&numAttentionHeads, .numAttentionHeads)
        try c.update(&maxPositionEmbeddings, .maxPositionEmbeddings)
        try c.update(&hiddenAct, .hiddenAct)
        try c.update(&layerNormEps, .layerNormEps)
        try c.update(&attentionDropout, .attentionDropout)
        try c.update(&padTokenId, .padTokenId)
        try c.update(&bosTokenId, .bosTokenId)
        try c.update(&eosTokenId, .eosTokenId)
        modelType = try c.decodeIfPresent(String.self, forKey: .modelType)
    }

    /// Reads `config.json` from a component folder and validates it.
    public init(directory: URL) throws {
        self = try WeightStore.loadConfig(CLIPTextConfig.self, directory: directory)
        try validate()
    }

    /// The activations this engine implements, by their transformers names.
    public static let supportedActivations = ["gelu", "quick_gelu", "gelu_new", "gelu_pytorch_tanh"]

    /// Throws ``NeuralError/unsupported(_:)`` naming the first key whose value the engine cannot run.
    public func validate() throws {
        func positive(_ value: Int, _ key: CodingKeys) throws {
            guard value > 0 else { throw NeuralError.unsupported("text encoder config \(key.rawValue) = \(value) (must be positive)") }
        }
        try positive(vocabSize, .vocabSize)
        try positive(hiddenSize, .hiddenSize)
        try positive(intermediateSize, .intermediateSize)
        try positive(numAttentionHeads, .numAttentionHeads)
        try positive(maxPositionEmbeddings, .maxPositionEmbeddings)
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
