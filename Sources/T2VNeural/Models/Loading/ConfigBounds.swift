// Upper and lower bounds of the sizes a model folder's config files may ask for. A config is
// hostile input: a layer count of 1e9 or a sample size of 2^62 must be an error naming the key, not
// an allocation of hundreds of gigabytes or an overflow trap. The bounds are far above every
// released checkpoint of these families (text-to-video-ms-1.7b, zeroscope_v2, CLIP ViT-H).

import T2VSupport

/// The ranges config values must lie in, by the key's name in the file.
enum ConfigBounds {
    /// Feature widths (hidden, intermediate, block, cross-attention and head sizes): 1,280 in the
    /// released UNets, 5,120 in CLIP ViT-H's feed-forward. Image and latent channels: 3 and 4. Layers
    /// per UNet/VAE level: 2; text-encoder layers: 23 (24 in OpenCLIP ViT-H's text tower). Heads: 16;
    /// vocabulary: 49,408; positions: 77; GroupNorm groups: 32; training steps: 1,000. A latent
    /// `sample_size` of 1,024 is 8,192 pixels at the usual VAE factor 8. CLIP image towers: 224²
    /// images in patches of 14, projected to 1,024.
    static let ranges: [String: ClosedRange<Int>] = [
        "hidden_size": 1...65_536, "intermediate_size": 1...65_536, "block_out_channels": 1...65_536,
        "cross_attention_dim": 1...65_536, "attention_head_dim": 1...65_536,
        "in_channels": 1...64, "out_channels": 1...64, "latent_channels": 1...64,
        "layers_per_block": 1...64, "num_hidden_layers": 0...256, "num_attention_heads": 1...1_024,
        "vocab_size": 1...1_048_576, "max_position_embeddings": 1...65_536, "norm_num_groups": 1...1_024,
        "sample_size": 1...1_024, "num_train_timesteps": 1...100_000,
        "projection_dim": 1...65_536, "num_channels": 1...64, "image_size": 1...4_096, "patch_size": 1...1_024,
        "context_dim": 1...65_536, "inner_dim": 1...65_536, "tokens": 1...1_024,
        "conditioning_embedding_out_channels": 1...65_536, "num_frames_conditioning": 1...1_024,
    ]
    /// How many levels a UNet or VAE may have (4 in the released models).
    static let levels = 1...16

    /// Throws ``NeuralError/invalidArgument(op:_:)`` naming the first key of `members` (a config's
    /// keys as the file names them) whose integer, or list of per-level integers, leaves its range.
    static func check(_ what: String, _ members: [(String, JSONValue)]) throws {
        for (key, value) in members {
            guard let range = ranges[key] else { continue }
            let values: [JSONValue]
            if case .array(let items) = value {
                guard levels.contains(items.count) else {
                    throw NeuralError.invalidArgument(
                        op: what, "\(key) has \(items.count) entries (\(levels.lowerBound)...\(levels.upperBound))")
                }
                values = items
            } else {
                values = [value]
            }
            for case .int(let v) in values where !range.contains(Int(clamping: v)) {
                throw NeuralError.invalidArgument(
                    op: what, "\(key) = \(v) is out of range (\(range.lowerBound)...\(range.upperBound))")
            }
        }
    }
}
