// The image encoder's config.json. Matches transformers/models/clip/configuration_clip.py
// (CLIPVisionConfig), as CLIPVisionModelWithProjection writes it to `image_encoder/config.json`.

import FoundationEssentials

/// `CLIPVisionConfig` as transformers writes it.
///
/// Keys missing from the file take transformers' defaults; keys this engine does not read are
/// ignored. ``validate()`` rejects values the engine does not support, naming them. OpenCLIP's
/// ViT-H-14 (the StreamingT2V image tower) is ``openCLIPViTH14``.
public struct CLIPVisionConfig: ConfigFile, Equatable, Sendable {
    /// The keys, with transformers' defaults.
    public struct Fields: Codable, Equatable, Sendable {
        public var hiddenSize = 768
        public var intermediateSize = 3072
        public var projectionDim = 512
        public var numHiddenLayers = 12
        public var numAttentionHeads = 12
        public var numChannels = 3
        public var imageSize = 224
        public var patchSize = 32
        /// `"gelu"` (exact), `"quick_gelu"`, `"gelu_new"` / `"gelu_pytorch_tanh"` (tanh approximation).
        public var hiddenAct = "quick_gelu"
        public var layerNormEps: Float = 1e-5
        public var attentionDropout: Float = 0
        /// transformers' `model_type` (`"clip_vision_model"`), when present.
        public var modelType: String? = "clip_vision_model"
    }

    public var fields = Fields()

    public init() {}

    /// A file without `model_type` reads as nil.
    public static let keyRules: [String: ConfigKeyRule] = ["model_type": .absentIsNil]

    /// OpenCLIP `ViT-H-14` (laion2b_s32b_b79k), the image tower of StreamingT2V's APM: 224² images,
    /// patch 14, width 1280, 32 layers of 16 heads, MLP 5120, exact GELU, projection to 1024.
    public static let openCLIPViTH14 = CLIPVisionConfig {
        $0.hiddenSize = 1280
        $0.intermediateSize = 5120
        $0.projectionDim = 1024
        $0.numHiddenLayers = 32
        $0.numAttentionHeads = 16
        $0.imageSize = 224
        $0.patchSize = 14
        $0.hiddenAct = "gelu"
    }

    /// Patches per side (`image_size // patch_size`, as the patch convolution floors).
    public var gridSize: Int { fields.imageSize / fields.patchSize }
    /// Tokens per image: the class token and one per patch.
    public var tokenCount: Int { gridSize * gridSize + 1 }

    /// Throws naming the first key whose value the engine cannot run.
    public func validate() throws {
        try checkBounds("image encoder config")
        let f = fields
        guard f.patchSize <= f.imageSize else {
            throw NeuralError.unsupported("image encoder config patch_size \(f.patchSize) exceeds image_size \(f.imageSize)")
        }
        guard f.hiddenSize % f.numAttentionHeads == 0 else {
            throw NeuralError.unsupported(
                "image encoder config hidden_size \(f.hiddenSize) is not a multiple of num_attention_heads \(f.numAttentionHeads)")
        }
        guard CLIPTextConfig.supportedActivations.contains(f.hiddenAct) else {
            throw NeuralError.unsupported(
                "image encoder config hidden_act \"\(f.hiddenAct)\" (supported: \(CLIPTextConfig.supportedActivations.joined(separator: ", ")))")
        }
        guard f.layerNormEps.isFinite, f.layerNormEps >= 0 else {
            throw NeuralError.unsupported("image encoder config layer_norm_eps = \(f.layerNormEps)")
        }
        guard tokenCount <= 65_536 else {
            throw NeuralError.invalidArgument(
                op: "image encoder config", "image_size \(f.imageSize) / patch_size \(f.patchSize) gives \(tokenCount) tokens (at most 65,536)")
        }
        if let modelType = f.modelType, modelType != "clip_vision_model" {
            throw NeuralError.unsupported("image encoder config model_type \"\(modelType)\" (supported: clip_vision_model)")
        }
    }
}
