// diffusers/models/unets/unet_3d_condition.py (what forward passes to every down, mid and up block)

/// What the UNet passes to every block.
struct UNet3DBlockInputs {
    /// `silu(time_embedding)` repeated per frame, `(batch·frames, temb)`.
    let tembActivated: Tensor
    /// The text, `(batch, 77, D)` (not repeated per frame).
    let context: Tensor
    let frames: Int
}
