// Weather over the picture (rain, snow, fog, lightning) and the final grading pass.

extension SceneRenderer {
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
