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
public struct UNet3DConfig: Codable, Equatable, Sendable {
    public var className: String?
    public var sampleSize: Int?
    public var inChannels: Int
    public var outChannels: Int
    public var downBlockTypes: [String]
    public var upBlockTypes: [String]
    public var blockOutChannels: [Int]
    public var layersPerBlock: Int
    public var downsamplePadding: Int
    public var midBlockScaleFactor: Double
    public var actFn: String
    public var normNumGroups: Int?
    public var normEps: Double
    public var crossAttentionDim: Int
    /// Per block (a single number on disk applies to every block). Despite its name, diffusers uses
    /// it as the *size* of each attention head: a block of C channels has C / attentionHeadDim heads.
    public var attentionHeadDim: [Int]
    public var numAttentionHeads: [Int]?
    public var timeCondProjDim: Int?
    /// Not a key of UNet3DConditionModel's config; read only so that a copied 2-D config that sets
    /// it to false is rejected instead of silently ignored.
    public var useLinearProjection: Bool?

    enum CodingKeys: String, CodingKey {
        case className = "_class_name"
        case sampleSize = "sample_size"
        case inChannels = "in_channels"
        case outChannels = "out_channels"
        case downBlockTypes = "down_block_types"
        case upBlockTypes = "up_block_types"
        case blockOutChannels = "block_out_channels"
        case layersPerBlock = "layers_per_block"
        case downsamplePadding = "downsample_padding"
        case midBlockScaleFactor = "mid_block_scale_factor"
        case actFn = "act_fn"
        case normNumGroups = "norm_num_groups"
        case normEps = "norm_eps"
        case crossAttentionDim = "cross_attention_dim"
        case attentionHeadDim = "attention_head_dim"
        case numAttentionHeads = "num_attention_heads"
        case timeCondProjDim = "time_cond_proj_dim"
        case useLinearProjection = "use_linear_projection"
    }

    /// diffusers' defaults (the text-to-video-ms-1.7b layout).
    public init() {
        className = "UNet3DConditionModel"
        sampleSize = nil
        inChannels = 4
        outChannels = 4
        downBlockTypes = ["CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "DownBlock3D"]
        upBlockTypes = ["UpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D"]
        blockOutChannels = [320, 640, 1280, 1280]
        layersPerBlock = 2
        downsamplePadding = 1
        midBlockScaleFactor = 1
        actFn = "silu"
        normNumGroups = 32
        normEps = 1e-5
        crossAttentionDim = 1024
        attentionHeadDim = [64]
        numAttentionHeads = nil
        timeCondProjDim = nil
        useLinearProjection = nil
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.update(&className, .className)
        sampleSize = try c.intOrList(.sampleSize)?.first
        try c.update(&inChannels, .inChannels)
        try c.update(&outChannels, .outChannels)
        try c.update(&downBlockTypes, .downBlockTypes)
        try c.update(&upBlockTypes, .upBlockTypes)
        try c.update(&blockOutChannels, .blockOutChannels)
        try c.update(&layersPerBlock, .layersPerBlock)
        try c.update(&downsamplePadding, .downsamplePadding)
        try c.update(&midBlockScaleFactor, .midBlockScaleFactor)
        try c.update(&actFn, .actFn)
        if c.contains(.normNumGroups) {
            normNumGroups = try c.decodeIfPresent(Int.self, forKey: .normNumGroups)
        }
        try c.update(&normEps, .normEps)
        try c.update(&crossAttentionDim, .crossAttentionDim)
        attentionHeadDim = try c.intOrList(.attentionHeadDim) ?? attentionHeadDim
        numAttentionHeads = try c.intOrList(.numAttentionHeads)
        try c.update(&timeCondProjDim, .timeCondProjDim)
        try c.update(&useLinearProjection, .useLinearProjection)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(className, forKey: .className)
        try c.encode(sampleSize, forKey: .sampleSize)
        try c.encode(inChannels, forKey: .inChannels)
        try c.encode(outChannels, forKey: .outChannels)
        try c.encode(downBlockTypes, forKey: .downBlockTypes)
        try c.encode(upBlockTypes, forKey: .upBlockTypes)
        try c.encode(blockOutChannels, forKey: .blockOutChannels)
        try c.encode(layersPerBlock, forKey: .layersPerBlock)
        try c.encode(downsamplePadding, forKey: .downsamplePadding)
        try c.encode(midBlockScaleFactor, forKey: .midBlockScaleFactor)
        try c.encode(actFn, forKey: .actFn)
        try c.encode(normNumGroups, forKey: .normNumGroups)
        try c.encode(normEps, forKey: .normEps)
        try c.encode(crossAttentionDim, forKey: .crossAttentionDim)
        if attentionHeadDim.count == 1 {
            try c.encode(attentionHeadDim[0], forKey: .attentionHeadDim)
        } else {
            try c.encode(attentionHeadDim, forKey: .attentionHeadDim)
        }
        try c.encode(numAttentionHeads, forKey: .numAttentionHeads)
        try c.encode(timeCondProjDim, forKey: .timeCondProjDim)
        try c.encodeIfPresent(useLinearProjection, forKey: .useLinearProjection)
    }

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

    // MARK: Derived values

    /// Width of the time embedding (`block_out_channels[0] * 4`).
    public var timeEmbedDim: Int { (blockOutChannels.first ?? 0) * 4 }

    /// The per-head size of block `i` (diffusers' `num_attention_heads = num_attention_heads or
    /// attention_head_dim`, passed to the blocks as `out_channels // num_attention_heads` heads).
    func headSize(block i: Int) -> Int {
        attentionHeadDim.count == 1 ? attentionHeadDim[0] : attentionHeadDim[i]
    }

    /// Throws ``NeuralError/unsupported(_:)`` naming the first key whose value this engine does not
    /// implement, or ``NeuralError/invalidArgument(op:_:)`` for inconsistent values.
    public func validate() throws {
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
