// Drawing of the parallax ground layers: blending two settings' layers, filling them, their
// textures (water, grass, road, windows, floor, wall) and decorations.

extension SceneRenderer {
    /// Builds the blended plan of layer `slot` for this frame.
    static func planLayer(a: LayerSpec, b: LayerSpec?, e: Double, w: Int, h: Int, camX: Double, camY: Double,
                          look: Look) -> LayerPlan {
        let W = Double(w), H = Double(h)
        var top = [Float](repeating: 0, count: w)
        var shade = [Int32](repeating: 256, count: w)
        var snow = [Float](repeating: -1e9, count: w)
        let specs: [(LayerSpec, Double)] = b.map { [(a, 1 - e), ($0, e)] } ?? [(a, 1)]
        let par = b.map { mixD(a.parallax, $0.parallax, e) } ?? a.parallax
        let snowLine = b.map { mixD(a.snowLine, $0.snowLine, e) } ?? a.snowLine
        let hasSnow = snowLine > -0.2
        var minTop = 1e9, maxTop = -1e9
        let sunLeft = look.sunX < 0.5 ? 1.0 : -1.0
        var prev = 0.0
        for x in 0..<w {
            var t = 0.0
            var sh = 0.0
            for (s, wt) in specs {
                let wx = Double(x) + camX * s.parallax
                let (hh, bs) = s.height(wx / W * s.freq)
                t += wt * ((s.base - s.amp * hh) * H + camY * s.parallax)
                sh += wt * bs
            }
            top[x] = Float(t)
            if hasSnow {
                snow[x] = Float(snowLine * H + 0.02 * H * (vnoise(Double(x + ifloor(camX * par)) / W * 30, 99) - 0.5)
                    + camY * par)
            }
            let slope = x == 0 ? 0 : (t - prev)
            prev = t
            let lightK = clampD(1 + 0.5 * slope * sunLeft, 0.72, 1)
            shade[x] = Int32(clampD(sh, 0, 1) * lightK * 256 + 0.5)
            if t < minTop { minTop = t }
            if t > maxTop { maxTop = t }
        }
        if w > 1 { shade[0] = shade[1] }
        if minTop > H { minTop = 1e9 }
        // A hidden layer takes the colours of the visible one it turns into.
        var ca = a, cb = a
        if let b = b {
            cb = b.hidden ? a : b
            if a.hidden { ca = b }
        }
        var ct = RGB.lerp(ca.top, cb.top, e)
        var cbo = RGB.lerp(ca.bottom, cb.bottom, e)
        func waterish(_ s: LayerSpec) -> Double { s.texture == .water ? 1 : 0 }
        let wat = b.map { mixD(waterish(a), waterish($0), e) } ?? waterish(a)
        if wat > 0 {
            // water reflects the sky near the horizon
            ct = RGB.lerp(ct, RGB.lerp(ct, look.skyHorizon.times(0.8), 0.55), wat)
            cbo = RGB.lerp(cbo, RGB.lerp(cbo, look.skyTop.times(0.6), 0.3), wat)
        }
        var texs: [(LayerTexture, Double)] = []
        var decos: [(Deco, Double, LayerSpec)] = []
        for (s, wt) in specs where wt > 0.001 {
            if s.texture != .none {
                if let i = texs.firstIndex(where: { $0.0 == s.texture }) { texs[i].1 += wt } else { texs.append((s.texture, wt)) }
            }
            if s.deco != .none { decos.append((s.deco, wt, s)) }
        }
        return LayerPlan(top: top, shade: shade, snow: snow, hasSnow: hasSnow, colTop: ct, colBottom: cbo,
                         snowPix: Pix(look.lit(RGB(0.96, 0.97, 1.0))), minTop: minTop, maxTop: maxTop, parallax: par,
                         textures: texs, decos: decos,
                         windowSpec: specs.filter { $0.0.texture == .windows }.max { $0.1 < $1.1 }?.0)
    }

    /// Fills a layer's pixels in rows ya ..< yb (already clipped to the band and to what later layers cover).
    static func fillLayer(_ L: LayerPlan, _ r: Raster, _ look: Look, _ yb: Int) {
        if !L.visible { return }
        let H = Double(r.h)
        let ya = max(r.y0, ifloor(L.minTop))
        let yEnd = min(r.y1, yb)
        if ya >= yEnd { return }
        let ltop = look.lit(L.colTop), lbot = look.lit(L.colBottom)
        let span = max(1, H - L.minTop)
        let w = r.w
        L.top.withUnsafeBufferPointer { tp in
            L.shade.withUnsafeBufferPointer { sp in
                L.snow.withUnsafeBufferPointer { np in
                    for y in ya..<yEnd {
                        let yf = Double(y)
                        let t = clamp01((yf - L.minTop) / span)
                        let rc = Pix(RGB.lerp(ltop, lbot, t))
                        let sy = Float(yf)
                        let syf = Float(yf + 1)
                        var o = y * w * 3
                        for x in 0..<w {
                            let tt = tp[x]
                            if tt < syf {
                                let c = (L.hasSnow && sy < np[x]) ? L.snowPix : rc
                                let s = sp[x]
                                let cc = Pix(r: (c.r * s) >> 8, g: (c.g * s) >> 8, b: (c.b * s) >> 8)
                                if tt <= sy {
                                    r.put(o, cc)
                                } else {
                                    r.blend(o, cc, Int32((syf - tt) * 256))
                                }
                            }
                            o += 3
                        }
                    }
                }
            }
        }
    }

    /// Textures laid over a filled layer.
    func drawTextures(_ L: LayerPlan, _ r: Raster, _ f: FramePlan, _ yb: Int) {
        if !L.visible { return }
        for (tex, wt) in L.textures {
            switch tex {
            case .water: drawWater(L, r, f, wt, yb)
            case .grass: drawGrass(L, r, f, wt)
            case .road: drawRoad(L, r, f, wt)
            case .windows: drawWindows(L, r, f, wt)
            case .floor: drawFloor(L, r, f, wt)
            case .wall: drawWall(L, r, f, wt)
            case .none: break
            }
        }
    }

    func drawWater(_ L: LayerPlan, _ r: Raster, _ f: FramePlan, _ wt: Double, _ yb: Int) {
        let W = Double(r.w), H = Double(r.h)
        let ya = max(r.y0, ifloor(L.minTop) + 1)
        let yEnd = min(r.y1, yb)
        if ya >= yEnd { return }
        let look = f.look
        let hi = Pix(look.grade(RGB.lerp(look.skyHorizon, .white, 0.45)))
        let sunP = Pix(look.grade(RGB.lerp(look.sunColor, .white, 0.3)))
        let moonP = Pix(look.grade(RGB(0.85, 0.88, 0.95)))
        let glint = max(look.sunAmount, look.moonAmount)
        let gp = look.sunAmount >= look.moonAmount ? sunP : moonP
        let sunXp = look.sunX * W + f.camX * 0.05
        let seed = mix64(seed ^ 0x5A17)
        let t = f.time
        let camOff = f.camX * L.parallax
        L.top.withUnsafeBufferPointer { tp in
            for y in ya..<yEnd {
                let d = clamp01((Double(y) - L.minTop) / max(1, H - L.minTop))
                if hashUnit(seed, y) < 0.42 {
                    let len = W * (0.008 + 0.05 * d * d) + 2
                    let nd = 2 + r.w / 480
                    for k in 0..<nd {
                        let dir = (k & 1) == 0 ? 1.0 : -0.7
                        let x0 = fract(hashUnit2(seed, y, k) + t * (0.004 + 0.02 * d) * dir + camOff / W) * (W + len) - len
                        let a = wt * (0.3 + 0.25 * dsin(t * 1.7 + Double(y) * 0.37 + Double(k))) * (0.4 + 0.6 * d)
                        maskedSpan(r, tp, y, x0, x0 + len, hi, a)
                    }
                }
                if glint > 0.02 && hashUnit2(seed, y, 99) < 0.6 {
                    let spread = W * (0.01 + 0.08 * d)
                    for k in 0..<2 {
                        let c = sunXp + spread * (2 * fract(hashUnit2(seed, y, 50 + k) + t * 0.15) - 1)
                        let len = W * (0.006 + 0.02 * d)
                        let a = wt * glint * 0.7 * (0.5 + 0.5 * dsin(t * 3 + Double(y)))
                        maskedSpan(r, tp, y, c - len * 0.5, c + len * 0.5, gp, a)
                    }
                }
            }
        }
    }

    /// Blends a horizontal span with soft ends, only where the layer covers (top <= y).
    @inline(__always) func maskedSpan(_ r: Raster, _ tp: UnsafeBufferPointer<Float>, _ y: Int, _ x0: Double,
                                      _ x1: Double, _ c: Pix, _ a: Double) {
        if a <= 0 || x1 <= x0 { return }
        let xa = max(r.xlo, ifloor(x0)), xb = min(r.xhi, iceil(x1))
        if xa >= xb { return }
        let fy = Float(y)
        let mid = (x0 + x1) * 0.5, half = (x1 - x0) * 0.5
        var o = (y * r.w + xa) * 3
        for x in xa..<xb {
            if tp[x] <= fy {
                let q = abs(Double(x) + 0.5 - mid) / half
                let k = 1 - q * q
                if k > 0 { r.blend(o, c, weight256(a * k)) }
            }
            o += 3
        }
    }

    func drawGrass(_ L: LayerPlan, _ r: Raster, _ f: FramePlan, _ wt: Double) {
        let H = Double(r.h), W = Double(r.w)
        let step = max(2.0, H / 200)
        let bladeH = H * 0.016
        if Double(r.y1) < L.minTop - 1.5 * bladeH - 3 || Double(r.y0) > L.maxTop + step + 4 { return }
        let look = f.look
        let c1 = Pix(look.lit(RGB.lerp(L.colTop, RGB(0.1, 0.3, 0.05), 0.35)))
        let c2 = Pix(look.lit(RGB.lerp(L.colTop, RGB(0.7, 0.9, 0.4), 0.25)))
        let off = f.camX * L.parallax
        let i0 = ifloor(off / step) - 2, i1 = ifloor((off + W) / step) + 2
        let s = mix64(seed ^ 0x6A55)
        if i1 < i0 { return }
        L.top.withUnsafeBufferPointer { tp in
            for i in i0...i1 {
                let x = Double(i) * step - off + step * hashUnit(s, i)
                let xi = min(r.w - 1, max(0, ifloor(x)))
                let ty = Double(tp[xi]) + 1.5
                let hh = bladeH * (0.5 + 0.8 * hashUnit2(s, i, 1))
                let lean = hh * (0.15 + f.look.wind * 0.6 * (0.75 + 0.25 * dsin(f.time * 2.3 + Double(i) * 0.21)))
                r.capsule(x, ty, x + lean, ty - hh, max(0.5, step * 0.22), 0.45, (i & 1) == 0 ? c1 : c2, wt)
            }
        }
    }

    func drawRoad(_ L: LayerPlan, _ r: Raster, _ f: FramePlan, _ wt: Double) {
        let H = Double(r.h), W = Double(r.w)
        let look = f.look
        let top = L.minTop
        let walk = Pix(look.lit(RGB(0.55, 0.54, 0.52)))
        let kerb = Pix(look.lit(RGB(0.2, 0.2, 0.2)))
        let paint = Pix(look.lit(RGB(0.95, 0.92, 0.8)))
        r.rect(0, L.maxTop, W, top + 0.04 * H, walk, wt)
        r.rect(0, top + 0.04 * H, W, top + 0.047 * H, kerb, wt)
        let ly = top + 0.6 * (H - top)
        let period = 0.16 * W
        let off = f.camX * L.parallax
        var x = -fract(off / period) * period
        while x < W {
            r.rect(x, ly, x + period * 0.5, ly + 0.012 * H, paint, wt * 0.9)
            x += period
        }
    }

    func drawWindows(_ L: LayerPlan, _ r: Raster, _ f: FramePlan, _ wt: Double) {
        let W = Double(r.w), H = Double(r.h)
        if Double(r.y1) < L.minTop { return }
        let look = f.look
        guard let spec = L.windowSpec else { return }
        let bw = W / spec.freq
        let off = f.camX * L.parallax
        let i0 = ifloor(off / bw) - 1, i1 = ifloor((off + W) / bw) + 1
        if i1 < i0 { return }
        let ws = H * (spec.parallax < 0.4 ? 0.014 : 0.022)
        let lit = Pix(look.grade(RGB(1.0, 0.84, 0.45)))
        let dark = Pix(look.lit(RGB.lerp(L.colTop, RGB(0.15, 0.2, 0.3), 0.5)))
        let pLit = 0.08 + 0.55 * look.night
        let s = mix64(spec.salt ^ 0x3311)
        L.top.withUnsafeBufferPointer { tp in
            for i in i0...i1 {
                let x0 = Double(i) * bw - off
                let xc = min(r.w - 1, max(0, ifloor(x0 + bw * 0.5)))
                let btop = Double(tp[xc])
                if btop > H { continue }
                let cols = max(1, Int(bw * 0.7 / (ws * 1.8)))
                let gap = (bw - Double(cols) * ws * 1.8) * 0.5
                var row = 0
                var y = btop + ws
                while y < H && row < 200 {
                    if y + ws * 1.2 + 1 > Double(r.y0) && y - 1 < Double(r.y1) {
                        for c in 0..<cols {
                            let wx = x0 + gap + Double(c) * ws * 1.8 + ws * 0.4
                            let on = hashUnit2(hashKey(s, i), row, c) < pLit
                            r.rect(wx, y, wx + ws, y + ws * 1.2, on ? lit : dark, wt * (on ? 1 : 0.6))
                        }
                    }
                    y += ws * 2.2
                    row += 1
                }
            }
        }
    }

    func drawFloor(_ L: LayerPlan, _ r: Raster, _ f: FramePlan, _ wt: Double) {
        let H = Double(r.h), W = Double(r.w)
        let line = Pix(f.look.lit(RGB.lerp(L.colTop, .black, 0.35)))
        var y = L.maxTop + 0.03 * H
        var k = 1.0
        while y < H {
            r.rect(0, y, W, y + max(1, 0.003 * H), line, wt * 0.8)
            k *= 1.25
            y += 0.02 * H * k
        }
        let skirt = Pix(f.look.lit(RGB(0.95, 0.93, 0.88)))
        r.rect(0, L.minTop - 0.02 * H, W, L.minTop, skirt, wt)
    }

    func drawWall(_ L: LayerPlan, _ r: Raster, _ f: FramePlan, _ wt: Double) {
        let H = Double(r.h), W = Double(r.w)
        let stripe = Pix(f.look.lit(RGB.lerp(L.colTop, .white, 0.3)))
        var x = -fract(f.camX * L.parallax / (0.08 * W)) * 0.08 * W
        while x < W {
            r.rect(x, 0, x + 0.012 * W, H, stripe, wt * 0.25)
            x += 0.08 * W
        }
        // A window onto the sky, opening as the room appears.
        let k = smooth01(wt)
        let cx = 0.5 * W + f.camX * L.parallax, cy = 0.33 * H
        let hw = 0.19 * W * k, hh = 0.2 * H * k
        if hw < 0.5 || hh < 0.5 { return }
        let clip = r.clipped(x0: ifloor(cx - hw), y0: ifloor(cy - hh), x1: iceil(cx + hw), y1: iceil(cy + hh))
        if clip.y0 < clip.y1 && clip.xlo < clip.xhi { drawSky(clip, f, coverRow: r.h) }
        let frame = Pix(f.look.lit(RGB(0.95, 0.94, 0.9)))
        let t = max(1.5, 0.012 * H)
        r.rect(cx - hw - t, cy - hh - t, cx + hw + t, cy - hh + t, frame, wt)
        r.rect(cx - hw - t, cy + hh - t, cx + hw + t, cy + hh + t * 2, frame, wt)
        r.rect(cx - hw - t, cy - hh, cx - hw + t, cy + hh, frame, wt)
        r.rect(cx + hw - t, cy - hh, cx + hw + t, cy + hh, frame, wt)
        r.rect(cx - t * 0.6, cy - hh, cx + t * 0.6, cy + hh, frame, wt)
        r.rect(cx - hw, cy - t * 0.6, cx + hw, cy + t * 0.6, frame, wt)
    }

    /// Trees, houses and the like standing on a layer.
    func drawDecos(_ L: LayerPlan, _ r: Raster, _ f: FramePlan) {
        let W = Double(r.w), H = Double(r.h)
        if !L.visible { return }
        for (deco, wt, spec) in L.decos {
            var count = 8.0, size = 0.3
            var kind = ShapeKind.tree
            var color = RGB(0.2, 0.5, 0.2)
            var haze = spec.parallax < 0.4 ? 0.4 : 0.15
            var density = 1.0
            switch deco {
            case .trees: count = 7; size = 0.3
            case .sparseTrees: count = 4; size = 0.16; density = 0.5
            case .pines:
                count = spec.parallax < 0.4 ? 16 : 8
                size = spec.parallax < 0.4 ? 0.12 : 0.22
                kind = .pine; color = RGB(0.12, 0.36, 0.22)
                if spec.base > 0.6 && spec.top.g > 0.8 { color = RGB(0.55, 0.68, 0.62) }
            case .houses: count = 5; size = 0.13; kind = .house; color = RGB(0.92, 0.86, 0.72); haze = 0.1
            case .cactus: count = 3; size = 0.12; kind = .cactus; color = RGB(0.3, 0.55, 0.3); density = 0.6
            case .seaweed: count = 9; size = 0.16; kind = .flower; color = RGB(0.15, 0.5, 0.3)
            case .none: continue
            }
            let sp = W / count
            let off = f.camX * L.parallax
            let i0 = ifloor(off / sp) - 1, i1 = ifloor((off + W) / sp) + 1
            if i1 < i0 { continue }
            let s = mix64(spec.salt ^ 0xDEC0)
            let sizeK = smooth01(wt)
            for i in i0...i1 {
                if hashUnit2(s, i, 0) >= density { continue }
                let x = (Double(i) + 0.2 + 0.6 * hashUnit2(s, i, 1)) * sp - off
                let xi = min(r.w - 1, max(0, ifloor(x)))
                let y = Double(L.top[xi]) + H * 0.012
                if y > H + 1 { continue }
                let unit = H * size * (0.75 + 0.5 * hashUnit2(s, i, 2)) * sizeK
                if unit < 1 { continue }
                var k = kind
                if deco == .trees && hashUnit2(s, i, 3) < 0.35 { k = .pine }
                let tint = RGB.lerp(color, f.look.skyHorizon, haze)
                let col = deco == .houses ? RGB.lerp(color, RGB(0.8, 0.6, 0.5), hashUnit2(s, i, 4)) : tint
                var paint = Paint(main: col, look: f.look)
                if deco == .seaweed {
                    paint.yellow = paint.main
                }
                let pose = Pose(phase: 0, gait: 0, wheel: 0, time: f.time + Double(i), wind: f.look.wind, night: f.look.night)
                let pen = Pen(r, x: x, y: y, scale: unit, rot: 0, facing: hashUnit2(s, i, 5) < 0.5 ? -1 : 1, alpha: 1)
                if deco == .seaweed {
                    seaweed(pen, paint, f.time + Double(i))
                } else {
                    var shape = Shape(kind: k, unit: size, halfWidth: 0.5, height: 1, anchor: .ground)
                    shape.kind = k
                    Silhouette.draw(shape, pen, paint, pose)
                }
            }
        }
    }

    func seaweed(_ p: Pen, _ k: Paint, _ t: Double) {
        var u0 = 0.0, v0 = 0.0
        for i in 1...6 {
            let v1 = -0.17 * Double(i)
            let u1 = 0.08 * Double(i) * dsin(t * 1.3 + Double(i) * 0.6) * 0.5
            p.line(u0, v0, u1, v1, 0.045, 0.04, k.main)
            u0 = u1
            v0 = v1
        }
    }
}
