// diffusers/models/unets/unet_3d_condition.py (the arguments UNet3DConditionModel.__init__ passes to
// every get_down_block / UNetMidBlock3DCrossAttn / get_up_block)

/// What every block of one UNet is built with, from its config.
struct UNet3DBlockSettings: Sendable {
    /// The time embedding's width (`block_out_channels[0] * 4`).
    let tembChannels: Int
    /// `norm_num_groups` and `norm_eps` of the resnets' GroupNorms.
    let groups: Int
    let eps: Float
    let crossAttentionDim: Int
    /// The APM's tokens in every spatial cross-attention (StreamingT2V's base UNet); nil otherwise.
    let apm: APMTokens?

    init(config: UNet3DConfig, apm: APMTokens? = nil) {
        self.apm = apm
        tembChannels = config.timeEmbedDim
        groups = config.normNumGroups ?? 32
        eps = Float(config.normEps)
        crossAttentionDim = config.crossAttentionDim
    }
}
