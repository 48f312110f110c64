// The VAE's config.json. Matches diffusers/models/autoencoders/autoencoder_kl.py (AutoencoderKL.__init__).

import FoundationEssentials

/// `AutoencoderKL`'s config as diffusers writes it to `vae/config.json`.
///
/// Keys missing from the file take diffusers' defaults; keys the engine does not read
/// (`_diffusers_version`, `sample_size`, …) are ignored. ``validate()`` rejects values the engine
/// does not support (another block type, activation, class), naming them.
public struct AutoencoderKLConfig: Codable, Equatable, Sendable {
    /// `_class_name`, when present; only `"AutoencoderKL"` is supported.
    public var className: String?
    public var inChannels: Int
    public var outChannels: Int
    public var downBlockTypes: [String]
    public var upBlockTypes: [String]
    public var blockOutChannels: [Int]
    public var layersPerBlock: Int
    /// `"silu"` (or its alias `"swish"`).
    public var actFn: String
    public var latentChannels: Int
    public var normNumGroups: Int
    public var scalingFactor: Float
    public var shiftFactor: Float?
    public var latentsMean: [Float]?
    public var latentsStd: [Float]?
    public var forceUpcast: Bool
    public var useQuantConv: Bool
    public var usePostQuantConv: Bool
    public var midBlockAddAttention: Bool

    enum CodingKeys: String, CodingKey {
        case className = "_class_name"
        case inChannels = "in_channels"
        case outChannels = "out_channels"
        case downBlockTypes = "down_block_types"
        case upBlockTypes = "up_block_types"
        case blockOutChannels = "block_out_channels"
        case layersPerBlock = "layers_per_block"
        case actFn = "act_fn"
        case latentChannels = "latent_channels"
        case normNumGroups = "norm_num_groups"
        case scalingFactor = "scaling_factor"
        case shiftFactor = "shift_factor"
        case latentsMean = "latents_mean"
        case latentsStd = "latents_std"
        case forceUpcast = "force_upcast"
        case useQuantConv = "use_quant_conv"
        case usePostQuantConv = "use_post_quant_conv"
        case midBlockAddAttention = "mid_block_add_attention"
    }

    /// diffusers' defaults, overridden by the arguments given.
    public init(
        className: String? = "AutoencoderKL", inChannels: Int = 3, outChannels: Int = 3,
        downBlockTypes: [String] = ["DownEncoderBlock2D"], upBlockTypes: [String] = ["UpDecoderBlock2D"],
        blockOutChannels: [Int] = [64], layersPerBlock: Int = 1, actFn: String = "silu", latentChannels: Int = 4,
        normNumGroups: Int = 32, scalingFactor: Float = 0.18215, shiftFactor: Float? = nil,
        latentsMean: [Float]? = nil, latentsStd: [Float]? = nil, forceUpcast: Bool = true,
        useQuantConv: Bool = true, usePostQuantConv: Bool = true, midBlockAddAttention: Bool = true
    ) {
        self.className = className
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.downBlockTypes = downBlockTypes
        self.upBlockTypes = upBlockTypes
        self.blockOutChannels = blockOutChannels
        self.layersPerBlock = layersPerBlock
        self.actFn = actFn
        self.latentChannels = latentChannels
        self.normNumGroups = normNumGroups
        self.scalingFactor = scalingFactor
        self.shiftFactor = shiftFactor
        self.latentsMean = latentsMean
        self.latentsStd = latentsStd
        self.forceUpcast = forceUpcast
        self.useQuantConv = useQuantConv
        self.usePostQuantConv = usePostQuantConv
        self.midBlockAddAttention = midBlockAddAttention
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        className = try c.decodeIfPresent(String.self, forKey: .className)
        try c.update(&inChannels, .inChannels)
        try c.update(&outChannels, .outChannels)
        try c.update(&downBlockTypes, .downBlockTypes)
        try c.update(&upBlockTypes, .upBlockTypes)
        try c.update(&blockOutChannels, .blockOutChannels)
        try c.update(&layersPerBlock, .layersPerBlock)
        try c.update(&actFn, .actFn)
        try c.update(&latentChannels, .latentChannels)
        try c.update(&normNumGroups, .normNumGroups)
        try c.update(&scalingFactor, .scalingFactor)
        try c.update(&shiftFactor, .shiftFactor)
        try c.update(&latentsMean, .latentsMean)
        try c.update(&latentsStd, .latentsStd)
        try c.update(&forceUpcast, .forceUpcast)
        try c.update(&useQuantConv, .useQuantConv)
        try c.update(&usePostQuantConv, .usePostQuantConv)
        try c.update(&midBlockAddAttention, .midBlockAddAttention)
    }

    /// Reads `config.json` from a component folder and validates it.
    public init(directory: URL) throws {
        self = try WeightStore.loadConfig(AutoencoderKLConfig.self, directory: directory)
        try validate()
    }

    /// The eps of every GroupNorm in the encoder and decoder (diffusers' `Encoder`/`Decoder` fix it).
    static let normEps: Float = 1e-6

    public static let supportedDownBlockTypes = ["DownEncoderBlock2D"]
    public static let supportedUpBlockTypes = ["UpDecoderBlock2D"]
    public static let supportedActivations = ["silu", "swish"]

    /// Throws ``NeuralError/unsupported(_:)`` naming the first key whose value the engine cannot run.
    public func validate() throws {
        func fail(_ text: String) -> NeuralError { NeuralError.unsupported("vae config \(text)") }
        if let className, className != "AutoencoderKL" {
            throw fail("_class_name \"\(className)\" (supported: AutoencoderKL)")
        }
        for type in downBlockTypes where !Self.supportedDownBlockTypes.contains(type) {
            throw fail("down_block_types entry \"\(type)\" (supported: \(Self.supportedDownBlockTypes.joined(separator: ", ")))")
        }
        for type in upBlockTypes where !Self.supportedUpBlockTypes.contains(type) {
            throw fail("up_block_types entry \"\(type)\" (supported: \(Self.supportedUpBlockTypes.joined(separator: ", ")))")
        }
        guard Self.supportedActivations.contains(actFn) else {
            throw fail("act_fn \"\(actFn)\" (supported: \(Self.supportedActivations.joined(separator: ", ")))")
        }
        guard !blockOutChannels.isEmpty, blockOutChannels.allSatisfy({ $0 > 0 }) else {
            throw fail("block_out_channels \(blockOutChannels) (must be non-empty and positive)")
        }
        guard downBlockTypes.count == blockOutChannels.count else {
            throw fail("down_block_types has \(downBlockTypes.count) entries for \(blockOutChannels.count) block_out_channels")
        }
        guard upBlockTypes.count == blockOutChannels.count else {
            throw fail("up_block_types has \(upBlockTypes.count) entries for \(blockOutChannels.count) block_out_channels")
        }
        guard normNumGroups > 0, blockOutChannels.allSatisfy({ $0 % normNumGroups == 0 }) else {
            throw fail("norm_num_groups \(normNumGroups) does not divide block_out_channels \(blockOutChannels)")
        }
        guard layersPerBlock >= 1 else { throw fail("layers_per_block \(layersPerBlock) (must be at least 1)") }
        guard inChannels > 0 else { throw fail("in_channels \(inChannels)") }
        guard outChannels > 0 else { throw fail("out_channels \(outChannels)") }
        guard latentChannels > 0 else { throw fail("latent_channels \(latentChannels)") }
        guard scalingFactor.isFinite, scalingFactor != 0 else { throw fail("scaling_factor \(scalingFactor)") }
    }
}
