/// A layer as drawn in one frame (two settings already blended).
struct LayerPlan {
    var top: [Float]
    var shade: [Int32]
    var snow: [Float]
    var hasSnow: Bool
    var colTop: RGB
    var colBottom: RGB
    var snowPix: Pix
    var minTop: Double
    var maxTop: Double
    var parallax: Double
    var textures: [(LayerTexture, Double)]
    var decos: [(Deco, Double, LayerSpec)]
    /// The spec whose blocks the window texture follows.
    var windowSpec: LayerSpec?

    var visible: Bool { minTop < 1e8 }
}
