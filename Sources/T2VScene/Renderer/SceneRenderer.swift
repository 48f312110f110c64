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
}
