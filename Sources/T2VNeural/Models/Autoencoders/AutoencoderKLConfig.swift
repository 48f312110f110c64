// The VAE's config.json. Matches diffusers/models/autoencoders/autoencoder_kl.py (AutoencoderKL.__init__).

import FoundationEssentials

/// `AutoencoderKL`'s config as diffusers writes it to `vae/config.json`.
///
/// Keys missing from the file take diffusers' defaults; keys the engine does not read
/// (`_diffusers_version`, `sample_size`, …) are ignored. ``validate()`` rejects values the engine
/// does not support (another block type, activation, class), naming them.
public struct AutoencoderKLConfig: ConfigFile, Equatable, Sendable {
    /// The keys, with diffusers' defaults.
    public struct Fields: Codable, Equatable, Sendable {
        /// `_class_name`, when present; only `"AutoencoderKL"` is supported.
        public var className: String? = "AutoencoderKL"
        public var inChannels = 3
        public var outChannels = 3
        public var downBlockTypes = ["DownEncoderBlock2D"]
        public var upBlockTypes = ["UpDecoderBlock2D"]
        public var blockOutChannels = [64]
        public var layersPerBlock = 1
        /// `"silu"` (or its alias `"swish"`).
        public var actFn = "silu"
        public var latentChannels = 4
        public var normNumGroups = 32
        public var scalingFactor: Float = 0.18215
        public var shiftFactor: Float? = nil
        public var latentsMean: [Float]? = nil
        public var latentsStd: [Float]? = nil
        public var forceUpcast = true
        public var useQuantConv = true
        public var usePostQuantConv = true
        public var midBlockAddAttention = true
    }

    public var fields = Fields()

    public init() {}

    /// A file without `_class_name` reads as nil.
    public static let keyRules: [String: ConfigKeyRule] = ["_class_name": .absentIsNil]

    /// The eps of every GroupNorm in the encoder and decoder (diffusers' `Encoder`/`Decoder` fix it).
    static let normEps: Float = 1e-6

    public static let supportedDownBlockTypes = ["DownEncoderBlock2D"]
    public static let supportedUpBlockTypes = ["UpDecoderBlock2D"]
    public static let supportedActivations = ["silu", "swish"]

    /// Throws ``NeuralError/unsupported(_:)`` naming the first key whose value the engine cannot run.
    public func validate() throws {
        try checkBounds("vae config")
        try fields.validate()
    }
}

extension AutoencoderKLConfig.Fields {
    func validate() throws {
        func fail(_ text: String) -> NeuralError { NeuralError.unsupported("vae config \(text)") }
        if let className, className != "AutoencoderKL" {
            throw fail("_class_name \"\(className)\" (supported: AutoencoderKL)")
        }
        for type in downBlockTypes where !AutoencoderKLConfig.supportedDownBlockTypes.contains(type) {
            throw fail("down_block_types entry \"\(type)\" (supported: \(AutoencoderKLConfig.supportedDownBlockTypes.joined(separator: ", ")))")
        }
        for type in upBlockTypes where !AutoencoderKLConfig.supportedUpBlockTypes.contains(type) {
            throw fail("up_block_types entry \"\(type)\" (supported: \(AutoencoderKLConfig.supportedUpBlockTypes.joined(separator: ", ")))")
        }
        guard AutoencoderKLConfig.supportedActivations.contains(actFn) else {
            throw fail("act_fn \"\(actFn)\" (supported: \(AutoencoderKLConfig.supportedActivations.joined(separator: ", ")))")
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
