// diffusers/models/autoencoders/autoencoder_kl.py (AutoencoderKL), the video pipelines' VAE, eval mode,
// no tiling or slicing.

import FoundationEssentials

/// diffusers' `AutoencoderKL`: `encode` (image → latent distribution) and `decode` (latents → image),
/// on NCHW float32 tensors. Neither applies `scaling_factor`; the pipeline does
/// (`latents / scaling_factor` before `decode`).
///
/// Weights keep the checkpoint's names (`decoder.up_blocks.0.resnets.0.conv1.weight`, …). A model
/// built with `parts: .decoder` does not read or need the encoder's weights.
public struct AutoencoderKL: Sendable {
    /// Receives the name of a submodule (as in diffusers' module tree, e.g. `decoder.mid_block`) and
    /// its output, for layer-by-layer comparisons.
    public typealias Trace = (String, Tensor) -> Void

    /// Which halves to load.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let encoder = Parts(rawValue: 1)
        public static let decoder = Parts(rawValue: 2)
        public static let all: Parts = [.encoder, .decoder]
    }

    public let config: AutoencoderKLConfig
    let encoder: VAEEncoder?
    let quantConv: Conv2d?
    let decoder: VAEDecoder?
    let postQuantConv: Conv2d?

    /// Builds the model from `weights`, checking every tensor's shape against `config`.
    public init(config: AutoencoderKLConfig, weights: WeightStore, parts: Parts = .all) throws {
        try config.validate()
        self.config = config
        let latent = config.latentChannels
        if parts.contains(.encoder) {
            encoder = try VAEEncoder(weights, "encoder", config: config)
            quantConv = config.useQuantConv
                ? try Conv2d(weights, "quant_conv", inChannels: 2 * latent, outChannels: 2 * latent, kernelSize: 1)
                : nil
        } else {
            encoder = nil
            quantConv = nil
        }
        if parts.contains(.decoder) {
            decoder = try VAEDecoder(weights, "decoder", config: config)
            postQuantConv = config.usePostQuantConv
                ? try Conv2d(weights, "post_quant_conv", inChannels: latent, outChannels: latent, kernelSize: 1)
                : nil
        } else {
            decoder = nil
            postQuantConv = nil
        }
    }

    /// Loads `config.json` and `diffusion_pytorch_model[.<variant>].safetensors` from a `vae/` folder.
    public init(directory: URL, variant: String? = nil, parts: Parts = .all) throws {
        let config = try AutoencoderKLConfig(directory: directory)
        let weights = try WeightStore(directory: directory, weightsName: "diffusion_pytorch_model", variant: variant)
        try self.init(config: config, weights: weights, parts: parts)
    }

    /// Factor between image and latent sizes (`2^(len(block_out_channels) − 1)`).
    public var downsampleFactor: Int { 1 << (config.blockOutChannels.count - 1) }

    /// `vae.encode(x).latent_dist` for images `[N, in_channels, H, W]` in [-1, 1].
    public func encode(_ image: Tensor, trace: Trace? = nil) throws -> DiagonalGaussianDistribution {
        guard let encoder else { throw NeuralError.unsupported("AutoencoderKL.encode: the encoder was not loaded") }
        guard image.rank == 4, image.shape[1] == config.inChannels else {
            throw NeuralError.shapeMismatch(op: "AutoencoderKL.encode", "image \(image.shape), expected [N, \(config.inChannels), H, W]")
        }
        var h = try encoder(image, trace: trace)
        if let quantConv {
            h = try quantConv(h)
            trace?("quant_conv", h)
        }
        return try DiagonalGaussianDistribution(moments: h)
    }

    /// `vae.decode(z).sample` for latents `[N, latent_channels, h, w]`: images `[N, out_channels,
    /// h·f, w·f]` (f = ``downsampleFactor``). With `batchSize`, the latents are decoded that many at a
    /// time into one preallocated result, bounding the working memory (the result is the same).
    public func decode(_ latents: Tensor, batchSize: Int? = nil, trace: Trace? = nil) throws -> Tensor {
        guard let decoder else { throw NeuralError.unsupported("AutoencoderKL.decode: the decoder was not loaded") }
        guard latents.rank == 4, latents.shape[1] == config.latentChannels else {
            throw NeuralError.shapeMismatch(
                op: "AutoencoderKL.decode", "latents \(latents.shape), expected [N, \(config.latentChannels), h, w]")
        }
        if let batchSize { guard batchSize >= 1 else {
            throw NeuralError.invalidArgument(op: "AutoencoderKL.decode", "batch size \(batchSize)")
        } }
        let n = latents.shape[0]
        let step = min(batchSize ?? n, max(n, 1))
        func run(_ z: Tensor) throws -> Tensor {
            var h = z
            if let postQuantConv {
                h = try postQuantConv(h)
                trace?("post_quant_conv", h)
            }
            return try decoder(h, trace: trace)
        }
        if step >= n { return try run(latents) }
        let f = downsampleFactor
        let outShape = [n, config.outChannels, latents.shape[2] * f, latents.shape[3] * f]
        let perImage = outShape[1] * outShape[2] * outShape[3]
        return try Tensor(shape: outShape) { out in
            var start = 0
            while start < n {
                let len = min(step, n - start)
                let images = try run(try latents.narrowed(dim: 0, start: start, length: len))
                guard images.count == len * perImage, let base = out.baseAddress else {
                    throw NeuralError.shapeMismatch(op: "AutoencoderKL.decode", "decoded \(images.shape), expected \(outShape)")
                }
                images.withUnsafeBufferPointer { src in
                    if let s = src.baseAddress { (base + start * perImage).update(from: s, count: len * perImage) }
                }
                start += len
            }
        }
    }
}
