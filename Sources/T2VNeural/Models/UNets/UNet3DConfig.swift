// The config.json of a UNet3DConditionModel folder.
// diffusers/models/unets/unet_3d_condition.py (UNet3DConditionModel.__init__)

import FoundationEssentials
import T2VSupport

/// `unet/config.json` of a diffusers `UNet3DConditionModel` (ModelScope text-to-video family).
///
/// Every key is optional on disk and takes diffusers' default when absent. Keys that this engine
/// does not implement (other block types, activations, `num_attention_heads`, `time_cond_proj_dim`,
/// `use_linear_projection: false`) are accepted by the decoder and rejected by ``validate()``, which
/// names the key and the value.
public struct UNet3DConfig: ConfigFile, Equatable, Sendable {
    /// The keys, with diffusers' defaults (the text-to-video-ms-1.7b layout).
    public struct Fields: Codable, Equatable, Sendable {
        public var className: String? = "UNet3DConditionModel"
        public var sampleSize: Int? = nil
        public var inChannels = 4
        public var outChannels = 4
        public var downBlockTypes = ["CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "DownBlock3D"]
        public var upBlockTypes = ["UpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D"]
        public var blockOutChannels = [320, 640, 1280, 1280]
        public var layersPerBlock = 2
        public var downsamplePadding = 1
        public var midBlockScaleFactor: Double = 1
        public var actFn = "silu"
        public var normNumGroups: Int? = 32
        public var normEps = 1e-5
        public var crossAttentionDim = 1024
        /// Per block (a single number on disk applies to every block). Despite its name, diffusers uses
        /// it as the *size* of each attention head: a block of C channels has C / attentionHeadDim heads.
        public var attentionHeadDim = [64]
        public var numAttentionHeads: [Int]? = nil
        public var timeCondProjDim: Int? = nil
        /// Not a key of UNet3DConditionModel's config; read only so that a copied 2-D config that sets
        /// it to false is rejected instead of silently ignored.
        public var useLinearProjection: Bool? = nil
    }

    public var fields = Fields()

    public init() {}

    /// `sample_size` may be a list (its first entry is used); `attention_head_dim` and
    /// `num_attention_heads` a number or one per block; `norm_num_groups: null` is kept (and
    /// rejected by ``validate()``).
    public static let keyRules: [String: ConfigKeyRule] = [
        "sample_size": .firstOfList, "attention_head_dim": .numberOrList, "num_attention_heads": .numberOrList,
        "norm_num_groups": .nullIsNil,
    ]

    /// Reads and decodes `config.json` at `url`; errors name the file.
    public static func load(contentsOf url: URL) throws -> UNet3DConfig {
        let data: Data
        do {
            data = Data(try FileBytes.read(url.path))
        } catch let error as FileReadError {
            throw NeuralError.file(path: url.path, "cannot read the UNet config: \(error.reason)")
        }
        do {
            return try JSONDecoder().decode(UNet3DConfig.self, from: data)
        } catch {
            throw NeuralError.file(path: url.path, "invalid UNet3DConditionModel config: \(error)")
        }
    }

    /// Width of the time embedding (`block_out_channels[0] * 4`).
    public var timeEmbedDim: Int { (fields.blockOutChannels.first ?? 0) * 4 }

    /// The per-head size of block `i` (see ``Fields/headSize(block:)``).
    func headSize(block i: Int) -> Int { fields.headSize(block: i) }

    /// Throws ``NeuralError/unsupported(_:)`` naming the first key whose value this engine does not
    /// implement, or ``NeuralError/invalidArgument(op:_:)`` for inconsistent values.
    public func validate() throws {
        try checkBounds("UNet3DConditionModel config")
        try fields.validate()
    }
}

extension UNet3DConfig.Fields {
    /// The per-head size of block `i` (diffusers' `num_attention_heads = num_attention_heads or
    /// attention_head_dim`, passed to the blocks as `out_channels // num_attention_heads` heads).
    func headSize(block i: Int) -> Int {
        attentionHeadDim.count == 1 ? attentionHeadDim[0] : attentionHeadDim[i]
    }

    func validate() throws {
        let op = "UNet3DConditionModel config"
        if let className, className != "UNet3DConditionModel" {
            throw NeuralError.unsupported("\(op): _class_name '\(className)' (expected 'UNet3DConditionModel')")
        }
        for t in downBlockTypes where t != "CrossAttnDownBlock3D" && t != "DownBlock3D" {
            throw NeuralError.unsupported("\(op): down_block_types entry '\(t)' (supported: CrossAttnDownBlock3D, DownBlock3D)")
        }
        for t in upBlockTypes where t != "CrossAttnUpBlock3D" && t != "UpBlock3D" {
            throw NeuralError.unsupported("\(op): up_block_types entry '\(t)' (supported: CrossAttnUpBlock3D, UpBlock3D)")
        }
        if actFn != "silu" && actFn != "swish" {
            throw NeuralError.unsupported("\(op): act_fn '\(actFn)' (supported: silu, swish)")
        }
        if let numAttentionHeads {
            // diffusers raises NotImplementedError for it too.
            throw NeuralError.unsupported("\(op): num_attention_heads \(numAttentionHeads) (only attention_head_dim is supported, as in diffusers)")
        }
        if let timeCondProjDim {
            throw NeuralError.unsupported("\(op): time_cond_proj_dim \(timeCondProjDim)")
        }
        if let useLinearProjection, !useLinearProjection {
            throw NeuralError.unsupported("\(op): use_linear_projection false (UNet3D blocks use linear projections)")
        }
        guard let groups = normNumGroups else {
            throw NeuralError.unsupported("\(op): norm_num_groups null")
        }
        let n = blockOutChannels.count
        guard n >= 1, downBlockTypes.count == n, upBlockTypes.count == n else {
            throw NeuralError.invalidArgument(op: op, "block_out_channels \(blockOutChannels), down_block_types \(downBlockTypes.count), up_block_types \(upBlockTypes.count) entries must agree")
        }
        guard attentionHeadDim.count == 1 else {
            // diffusers passes the raw value to transformer_in, which needs a single number.
            throw NeuralError.unsupported("\(op): attention_head_dim list \(attentionHeadDim) (transformer_in needs a single number)")
        }
        guard inChannels >= 1, outChannels >= 1, layersPerBlock >= 1, crossAttentionDim >= 1, groups >= 1,
              downsamplePadding >= 0, normEps > 0, midBlockScaleFactor != 0
        else {
            throw NeuralError.invalidArgument(op: op, "in_channels \(inChannels), out_channels \(outChannels), layers_per_block \(layersPerBlock), cross_attention_dim \(crossAttentionDim), norm_num_groups \(groups), downsample_padding \(downsamplePadding), norm_eps \(normEps), mid_block_scale_factor \(midBlockScaleFactor)")
        }
        for (i, c) in blockOutChannels.enumerated() {
            let head = headSize(block: i)
            guard c >= 1, c % groups == 0, head >= 1, c % head == 0 else {
                throw NeuralError.invalidArgument(op: op, "block_out_channels[\(i)] = \(c) must divide into norm_num_groups \(groups) and attention_head_dim \(head)")
            }
        }
    }
}
