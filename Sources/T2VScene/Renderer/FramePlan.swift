/// Everything computed once per frame before the bands are drawn.
final class FramePlan: @unchecked Sendable {
    let time: Double
    let look: Look
    let camX: Double
    let camY: Double
    let layers: [LayerPlan]
    /// coverFrom[i]: first row fully covered by layers i..<3 (index 3 = nothing).
    let coverFrom: [Int]
    let subjects: [Placed]
    let flash: Double
    let flashSlot: Int
    let captionText: String?
    let captionAlpha: Double

    init(_ rd: SceneRenderer, time t0: Double, current: SceneState, previous: SceneState?, transition: Double) {
        let w = rd.width, h = rd.height
        let W = Double(w), H = Double(h)
        let time = t0.isFinite ? t0 : 0
        self.time = time
        var tr = transition.isNaN ? 1 : clamp01(transition)
        let prev = previous
        if prev == nil { tr = 1 }
        let e = smooth01(tr)
        func lookOf(_ s: SceneDescription) -> Look {
            var k = Look.of(s, seed: rd.seed)
            for sub in s.subjects where sub.family == .skyBody {
                let n = sub.noun.lowercased()
                if n.contains("sun") { k.sunAmount = 0 }
                if n.contains("moon") { k.moonAmount = 0 }
            }
            return k
        }
        let lc = lookOf(current.scene)
        var look = prev.map { Look.lerp(lookOf($0.scene), lc, e) } ?? lc
        // Camera: slow pan and sway, a function of absolute time only.
        let cs = mix64(rd.seed ^ 0xCA3E)
        let p1 = hashUnit(cs, 1) * twoPi, p2 = hashUnit(cs, 2) * twoPi, p3 = hashUnit(cs, 3) * twoPi
        camX = W * (0.05 * dsin(twoPi * time / 61 + p1) + 0.02 * dsin(twoPi * time / 17.3 + p2))
        camY = H * 0.006 * dsin(twoPi * time / 7.3 + p3)
        // Lightning.
        let period = 2.7
        let slot = ifloor(time / period)
        var fl = 0.0
        if look.storm > 0.01 {
            let ls = mix64(rd.seed ^ 0x1F1A)
            if hashUnit(ls, slot) < 0.6 {
                let start = Double(slot) * period + hashUnit2(ls, slot, 1) * (period - 0.5)
                let dt = time - start
                if dt >= 0 && dt < 0.4 {
                    let k = 1 - dt / 0.4
                    fl = look.storm * k * k * (0.75 + 0.25 * dsin(dt * 70))
                }
            }
        }
        flash = fl
        flashSlot = slot
        // Layers.
        let la = LayerSpec.layers(current.scene.setting)
        let lp = prev.map { LayerSpec.layers($0.scene.setting) }
        var layers: [LayerPlan] = []
        for i in 0..<3 {
            if let lp = lp {
                layers.append(SceneRenderer.planLayer(a: lp[i], b: la[i], e: e, w: w, h: h, camX: camX, camY: camY,
                                                      look: look))
            } else {
                layers.append(SceneRenderer.planLayer(a: la[i], b: nil, e: 1, w: w, h: h, camX: camX, camY: camY,
                                                      look: look))
            }
        }
        self.layers = layers
        // coverFrom[0]: first row fully covered by any layer (the sky stops there);
        // coverFrom[i + 1]: first row fully covered by the layers in front of layer i.
        var coverFrom = [Int](repeating: h, count: 4)
        var c = h
        for i in stride(from: 2, through: 0, by: -1) {
            coverFrom[i + 1] = c
            if layers[i].visible && layers[i].maxTop < H { c = min(c, max(0, iceil(layers[i].maxTop) + 1)) }
        }
        coverFrom[0] = c
        self.coverFrom = coverFrom
        // Subjects.
        var subs = SceneRenderer.planSubjects(w: w, h: h, seed: rd.seed, time: time, current: current, previous: prev,
                                              e: e, camX: camX, camY: camY)
        subs.sort { ($0.depth, $0.order) < ($1.depth, $1.order) }
        subjects = subs
        look.wind = min(1, look.wind)
        self.look = look
        if rd.caption {
            let text = current.scene.text
            captionText = text.isEmpty ? nil : text
            captionAlpha = 1
        } else {
            captionText = nil
            captionAlpha = 0
        }
    }
}
