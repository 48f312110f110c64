// The renderer of the built-in procedural video model: a layered 2.5-D picture (sky, parallax
// ground layers, subjects, weather, optional caption) that is a pure function of
// (size, seed, scenes, start times, transition, time).

import Dispatch

/// Renders frames of a `SceneDescription` into packed rgb24.
///
/// The renderer holds no mutable state: `render` may be called from any thread, also concurrently
/// on one instance, and the bytes never depend on timing or on the number of threads.
public final class SceneRenderer: @unchecked Sendable {
    public let width: Int
    public let height: Int
    public let seed: UInt64
    public let threads: Int
    public let caption: Bool

    /// seed steers layout details together with scene.variation; threads: rows are split in bands over this many
    /// threads (1 = no threading); output is bit-identical for any thread count.
    public init(width: Int, height: Int, seed: UInt64, threads: Int = 1, caption: Bool = false) {
        self.width = max(1, width)
        self.height = max(1, height)
        self.seed = seed
        self.threads = max(1, min(64, threads))
        self.caption = caption
    }

    /// Renders the frame at `time` seconds into `pixels` (packed rgb24, width*height*3 bytes, rows top to bottom).
    /// `current` is the scene in force; `previous` the scene before it (nil at the start of a stream);
    /// `transition` in 0...1 is how far the move from previous to current has gone (0 = all previous, 1 = all current).
    public func render(time: Double, current: SceneState, previous: SceneState?, transition: Double,
                       into pixels: UnsafeMutablePointer<UInt8>) {
        let plan = FramePlan(self, time: time, current: current, previous: previous, transition: transition)
        let n = min(threads, max(1, height / 8))
        if n <= 1 {
            drawBand(plan, Raster(base: pixels, w: width, h: height, y0: 0, y1: height))
        } else {
            let h = height, w = width
            let base = UnsafeMutableRawPointer(pixels)
            DispatchQueue.concurrentPerform(iterations: n) { k in
                let px = base.assumingMemoryBound(to: UInt8.self)
                self.drawBand(plan, Raster(base: px, w: w, h: h, y0: h * k / n, y1: h * (k + 1) / n))
            }
        }
    }

    // MARK: bands

    func drawBand(_ f: FramePlan, _ r: Raster) {
        drawSky(r, f, coverRow: f.coverFrom[0])
        for (i, L) in f.layers.enumerated() {
            let limit = f.coverFrom[i + 1]
            SceneRenderer.fillLayer(L, r, f.look, limit)
            drawTextures(L, r, f, limit)
            drawDecos(L, r, f)
        }
        if f.look.underwater > 0.01 { drawRays(r, f) }
        for p in f.subjects where !p.sky { SceneRenderer.drawPlaced(p, r, f.look, f.time) }
        drawWeather(r, f)
        drawPost(r, f)
        if caption, let text = f.captionText { drawCaption(r, text, f.captionAlpha) }
    }

    /// Sky gradient, stars, planets, sun and moon, sky-body subjects, clouds, lightning.
    /// Rows at or below `coverRow` are skipped for the gradient (ground layers cover them).
    func drawSky(_ r: Raster, _ f: FramePlan, coverRow: Int) {
        let W = Double(r.w), H = Double(r.h)
        let look = f.look
        let top = look.grade(look.skyTop), hor = look.grade(look.skyHorizon)
        let hy = max(1, look.horizon * H)
        let yEnd = min(r.y1, coverRow)
        if r.y0 < yEnd {
            for y in r.y0..<yEnd {
                let t = clamp01((Double(y) + 0.5) / hy)
                let c = RGB.lerp(top, hor, t * (0.6 + 0.4 * t))
                r.fillRow(y, r.xlo, r.xhi, Pix(c))
            }
        }
        if look.stars > 0.01 {
            let n = max(20, r.w * r.h / 6500)
            let s = mix64(seed ^ 0x57A2)
            let sz = max(1.0, H / 540)
            let white = Pix(look.grade(RGB(1, 1, 0.95)))
            let off = f.camX * 0.05
            let maxY = min(Double(coverRow), H * max(0.3, min(1, look.horizon)))
            for i in 0..<n {
                let y = hashUnit2(s, i, 1) * hashUnit2(s, i, 1) * maxY
                if y + 2 * sz + 1 < Double(r.y0) || y - 1 > Double(r.y1) { continue }
                let x = fract(hashUnit2(s, i, 0) + off / W) * W
                let tw = 0.65 + 0.35 * dsin(f.time * (1 + 3 * hashUnit2(s, i, 2)) + Double(i))
                let big = hashUnit2(s, i, 3) > 0.92 ? 2.0 : 1.0
                r.rect(x, y, x + sz * big, y + sz * big, white, look.stars * tw * (0.35 + 0.65 * hashUnit2(s, i, 4)))
            }
        }
        if look.space > 0.01 {
            let s = mix64(seed ^ 0x91A7)
            for i in 0..<2 {
                let x = W * (i == 0 ? 0.22 + 0.1 * hashUnit(s, 1) : 0.72 + 0.1 * hashUnit(s, 2)) + f.camX * 0.1
                let y = H * (i == 0 ? 0.3 : 0.62)
                let unit = H * (i == 0 ? 0.28 : 0.16)
                let col = i == 0 ? RGB(0.85, 0.55, 0.3) : RGB(0.35, 0.55, 0.85)
                var k = Paint(main: col, look: look)
                k.main = Pix(look.grade(col))
                k.dark = Pix(look.grade(col.times(0.45)))
                k.light = Pix(look.grade(RGB.lerp(col, .white, 0.5)))
                let pen = Pen(r, x: x, y: y, scale: unit, rot: -0.3, facing: 1, alpha: look.space)
                if i == 0 { Silhouette.planet(pen, k, Pose()) } else {
                    pen.circle(0, 0, 0.45, k.main)
                    pen.circle(0.1, 0.08, 0.36, k.dark, 0.45)
                }
            }
        }
        let sunR = H * 0.055
        let sx = look.sunX * W + f.camX * 0.05, sy = look.sunY * H + f.camY * 0.05
        if look.sunAmount > 0.01 {
            let c = Pix(look.grade(look.sunColor))
            r.glow(sx, sy, sunR * 5, c, 0.35 * look.sunAmount)
            r.glow(sx, sy, sunR * 2, Pix(look.grade(RGB.lerp(look.sunColor, .white, 0.5))), 0.5 * look.sunAmount)
            r.circle(sx, sy, sunR, Pix(look.grade(RGB.lerp(look.sunColor, .white, 0.55))), look.sunAmount)
        }
        if look.moonAmount > 0.01 {
            let mx = W - sx * 0.8, my = H * 0.16 + f.camY * 0.05
            let mr = H * 0.045
            let c = Pix(look.grade(RGB(0.95, 0.95, 0.88)))
            r.glow(mx, my, mr * 3.5, Pix(look.grade(RGB(0.6, 0.65, 0.8))), 0.25 * look.moonAmount)
            r.circle(mx, my, mr, c, look.moonAmount)
            let d = Pix(look.grade(RGB(0.75, 0.76, 0.72)))
            r.circle(mx - mr * 0.3, my - mr * 0.2, mr * 0.22, d, 0.6 * look.moonAmount)
            r.circle(mx + mr * 0.35, my + mr * 0.3, mr * 0.15, d, 0.6 * look.moonAmount)
        }
        for p in f.subjects where p.sky { SceneRenderer.drawPlaced(p, r, look, f.time) }
        // Clouds, drifting with the wind.
        if look.cloudCover > 0.01 {
            let s = mix64(seed ^ 0xC10D)
            let cc = look.grade(look.cloudColor)
            let shadeC = look.grade(look.cloudColor.times(0.82))
            for i in 0..<12 {
                let a = clamp01((look.cloudCover - 0.9 * hashUnit2(s, i, 0)) * 4)
                if a <= 0 { continue }
                let cw = H * (0.08 + 0.1 * hashUnit2(s, i, 1))
                let span = W + 4 * cw
                let speed = (0.004 + 0.012 * look.wind) * (0.6 + 0.8 * hashUnit2(s, i, 2))
                let x = fract(hashUnit2(s, i, 3) + f.time * speed) * span - 2 * cw + f.camX * 0.12
                let y = H * (0.05 + 0.32 * hashUnit2(s, i, 4)) * (look.horizon / 0.55) + f.camY * 0.12
                if y - 1.3 * cw > Double(r.y1) || y + 1.3 * cw < Double(r.y0) { continue }
                var k = Paint(main: look.cloudColor, look: look)
                k.main = Pix(cc)
                let pen = Pen(r, x: x, y: y + cw * 0.08, scale: cw * 0.95, rot: 0, facing: 1, alpha: a * 0.55)
                pen.ellipse(0, 0.18, 0.9, 0.2, 0, Pix(shadeC))
                Silhouette.cloud(Pen(r, x: x, y: y, scale: cw, rot: 0, facing: hashUnit2(s, i, 5) < 0.5 ? -1 : 1,
                                     alpha: a), k, Pose())
            }
        }
        if f.flash > 0.25 {
            let s = hashKey(seed ^ 0xB017, f.flashSlot)
            var x = W * (0.2 + 0.6 * hashUnit(s, 0))
            var y = 0.0
            let c = Pix(r: 245, g: 245, b: 255)
            let segs = 9
            let groundY = H * 0.6
            for i in 0..<segs {
                let ny = groundY * Double(i + 1) / Double(segs)
                let nx = x + W * 0.04 * (hashUnit(s, i + 1) - 0.5)
                r.capsule(x, y, nx, ny, max(0.8, H * 0.003), max(0.6, H * 0.002), c, min(1, f.flash * 1.2))
                x = nx
                y = ny
            }
        }
    }

    func drawRays(_ r: Raster, _ f: FramePlan) {
        let W = Double(r.w), H = Double(r.h)
        let c = Pix(f.look.grade(RGB(0.75, 0.95, 1.0)))
        for i in 0..<4 {
            let x = W * (0.15 + 0.22 * Double(i)) + W * 0.04 * dsin(f.time * 0.3 + Double(i) * 1.7) + f.camX * 0.2
            let wd = W * (0.025 + 0.015 * Double(i % 2))
            r.polygon([x - wd, 0, x + wd, 0, x + wd * 2.5 + W * 0.12, H * 0.85, x - wd * 0.5 + W * 0.12, H * 0.85], c,
                      0.05 * f.look.underwater * (0.7 + 0.3 * dsin(f.time * 0.8 + Double(i))))
        }
    }

    // MARK: weather

    func drawWeather(_ r: Raster, _ f: FramePlan) {
        let W = Double(r.w), H = Double(r.h)
        let look = f.look
        let t = f.time
        let area = Double(r.w * r.h)
        if look.rain > 0.01 {
            let n = Int(area * 0.00026)
            let s = mix64(seed ^ 0x4A1)
            let len = H * 0.04
            let slant = 0.12 + 0.45 * look.wind
            let c = Pix(look.grade(RGB.lerp(look.skyHorizon, RGB(0.85, 0.88, 0.95), 0.6)))
            let rw = max(0.5, H * 0.0012)
            for i in 0..<n {
                if hashUnit2(s, i, 5) >= look.rain { continue }
                let spd = 1.5 * (0.8 + 0.4 * hashUnit2(s, i, 2))
                let y = fract(hashUnit2(s, i, 1) + t * spd) * (H + len * 2) - len
                if y - len - 3 > Double(r.y1) || y + 3 < Double(r.y0) { continue }
                let x = fract(hashUnit2(s, i, 0) + (y / H) * slant * (H / W) + f.camX * 0.5 / W) * (W + len) - len * 0.5
                r.capsule(x, y, x - slant * len, y - len, rw, rw * 0.6, c, 0.45 * (0.6 + 0.4 * hashUnit2(s, i, 3)))
            }
        }
        if look.snow > 0.01 {
            let n = Int(area * 0.00013)
            let s = mix64(seed ^ 0x5A0)
            let c = Pix(look.grade(RGB(0.97, 0.97, 1.0)))
            for i in 0..<n {
                if hashUnit2(s, i, 5) >= look.snow { continue }
                let rad = H * (0.002 + 0.003 * hashUnit2(s, i, 4))
                let spd = 0.07 * (0.6 + 0.8 * hashUnit2(s, i, 2))
                let y = fract(hashUnit2(s, i, 1) + t * spd) * (H + 8 * rad) - 4 * rad
                if y - rad - 2 > Double(r.y1) || y + rad + 2 < Double(r.y0) { continue }
                let x = fract(hashUnit2(s, i, 0) + t * 0.03 * look.wind * (0.5 + hashUnit2(s, i, 3)) + f.camX * 0.5 / W)
                    * W + H * 0.01 * dsin(t * 1.3 + Double(i))
                r.circle(x, y, rad, c, 0.9)
            }
        }
        if look.underwater > 0.01 {
            let n = 28
            let s = mix64(seed ^ 0xB0B)
            let c = Pix(look.grade(RGB(0.85, 0.95, 1.0)))
            for i in 0..<n {
                if hashUnit2(s, i, 5) >= look.underwater { continue }
                let rad = H * (0.004 + 0.008 * hashUnit2(s, i, 4))
                let y = H * 1.05 - fract(hashUnit2(s, i, 1) + t * 0.08 * (0.6 + 0.8 * hashUnit2(s, i, 2))) * H * 1.1
                let x = hashUnit2(s, i, 0) * W + H * 0.01 * dsin(t * 2 + Double(i))
                r.ring(x, y, rad, max(0.8, rad * 0.25), c, 0.7 * look.underwater)
            }
        }
    }

    /// Fog (per-row blend toward the fog colour) and the lightning flash.
    func drawPost(_ r: Raster, _ f: FramePlan) {
        let look = f.look
        if look.fog < 0.005 && f.flash < 0.005 { return }
        let H = Double(r.h)
        let fc = Pix(look.grade(look.fogColor))
        let white = Pix(r: 255, g: 255, b: 255)
        let flashA = Int32(clamp01(f.flash * 0.55) * 256)
        for y in r.y0..<r.y1 {
            let d = abs(Double(y) / H - look.horizon)
            let a = look.fog * (0.45 + 0.55 * max(0, 1 - d * 1.6))
            let fa = weight256(a)
            if fa > 0 { r.blendRow(y, 0, r.w, fc, fa) }
            if flashA > 0 { r.blendRow(y, 0, r.w, white, flashA) }
        }
    }
}

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
