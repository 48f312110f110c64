// The config files of a StreamingT2V folder's own components (reflection's layout: the original
// code builds these modules from its Lightning config, and they have no config of their own).

import FoundationEssentials

/// `resampler/config.json`: the APM resampler's sizes (the released model's by default).
public struct ImageContextResamplerConfig: ConfigFile, Equatable, Sendable {
    public struct Fields: Codable, Equatable, Sendable {
        public var contextDim = 1024
        public var innerDim = 1280
        public var tokens = 16
    }

    public var fields = Fields()
    public init() {}

    public func validate() throws { try checkBounds("resampler config") }
}

/// The keys of `controlnet/config.json` beyond the UNet3D config it also holds: diffusers'
/// ControlNetModel name for the frame encoder's widths, and how many frames of the previous chunk
/// the CAM reads (`num_frames_conditioning`, VidXTend's name; 8 in the released model).
public struct StreamingT2VCAMConfig: ConfigFile, Equatable, Sendable {
    public struct Fields: Codable, Equatable, Sendable {
        public var conditioningEmbeddingOutChannels = [32, 96, 256, 512]
        public var numFramesConditioning = 8
    }

    public var fields = Fields()
    public init() {}

    public func validate() throws { try checkBounds("controlnet config") }
}
