// Antialiased 2-D primitives over a packed rgb24 frame, clipped to a band of rows.
// Every pixel's value depends only on its coordinates and the primitive, never on the band,
// so splitting a frame over threads gives identical bytes.

struct Raster {
    let base: UnsafeMutablePointer<UInt8>
    let w: Int
    let h: Int
    /// Rows this raster may touch: y0 ..< y1.
    let y0: Int
    let y1: Int
    /// Columns this raster may touch: xlo ..< xhi.
    let xlo: Int
    let xhi: Int

    init(base: UnsafeMutablePointer<UInt8>, w: Int, h: Int, y0: Int, y1: Int, xlo: Int? = nil, xhi: Int? = nil) {
        self.base = base
        self.w = w
        self.h = h
        self.y0 = max(0, y0)
        self.y1 = min(h, y1)
        self.xlo = max(0, xlo ?? 0)
        self.xhi = min(w, xhi ?? w)
    }

    /// The same raster further clipped to a rectangle.
    func clipped(x0: Int, y0 cy0: Int, x1: Int, y1 cy1: Int) -> Raster {
        Raster(base: base, w: w, h: h, y0: max(y0, cy0), y1: min(y1, cy1), xlo: max(xlo, x0), xhi: min(xhi, x1))
    }

    @inline(__always) func put(_ o: Int, _ c: Pix) {
        base[o] = UInt8(truncatingIfNeeded: c.r)
        base[o + 1] = UInt8(truncatingIfNeeded: c.g)
        base[o + 2] = UInt8(truncatingIfNeeded: c.b)
    }

    /// Blends `c` into the pixel at byte offset `o` with weight a (0...256).
    @inline(__always) func blend(_ o: Int, _ c: Pix, _ a: Int32) {
        let r = Int32(base[o])
        let g = Int32(base[o + 1])
        let b = Int32(base[o + 2])
        base[o] = UInt8(truncatingIfNeeded: r + (((c.r - r) * a) >> 8))
        base[o + 1] = UInt8(truncatingIfNeeded: g + (((c.g - g) * a) >> 8))
        base[o + 2] = UInt8(truncatingIfNeeded: b + (((c.b - b) * a) >> 8))
    }

    @inline(__always) func rowRange(_ lo: Double, _ hi: Double) -> (Int, Int) {
        (max(y0, ifloor(lo)), min(y1, iceil(hi) + 1))
    }
    @inline(__always) func colRange(_ lo: Double, _ hi: Double) -> (Int, Int) {
        (max(xlo, ifloor(lo)), min(xhi, iceil(hi) + 1))
    }

    /// Visits every pixel of the box xLo...xHi × yLo...yHi (clipped to this raster), row by row, with its
    /// byte offset and the position of its centre relative to (ox, oy).
    @inline(__always) func scan(
        _ xLo: Double, _ yLo: Double, _ xHi: Double, _ yHi: Double, around ox: Double, _ oy: Double,
        _ body: (_ o: Int, _ dx: Double, _ dy: Double) -> Void
    ) {
        let (ya, yb) = rowRange(yLo, yHi)
        let (xa, xb) = colRange(xLo, xHi)
        if ya >= yb || xa >= xb { return }
        for y in ya..<yb {
            let dy = Double(y) + 0.5 - oy
            var o = (y * w + xa) * 3
            for x in xa..<xb {
                body(o, Double(x) + 0.5 - ox, dy)
                o += 3
            }
        }
    }

    /// Coverage of a pixel at signed distance d from the centre line of a stroke of thickness t.
    @inline(__always) static func strokeCoverage(_ d: Double, _ t: Double) -> Double {
        0.5 - ((d < 0 ? -d : d) - t * 0.5)
    }

    /// Twice the length of the gradient of u²/rx² + v²/ry² at (u, v), given 1/rx² and 1/ry²: dividing the
    /// implicit value by it gives the approximate distance to the ellipse.
    @inline(__always) static func ellipseGradient(_ u: Double, _ v: Double, _ irx2: Double, _ iry2: Double) -> Double {
        let gu = u * irx2
        let gv = v * iry2
        return 2 * (gu * gu + gv * gv).squareRoot()
    }

    /// Opaque fill of row y, columns x0 ..< x1.
    @inline(__always) func fillRow(_ y: Int, _ x0: Int, _ x1: Int, _ c: Pix) {
        if y < y0 || y >= y1 { return }
        let a = max(xlo, x0)
        let b = min(xhi, x1)
        if a >= b { return }
        var p = base + (y * w + a) * 3
        let r = UInt8(truncatingIfNeeded: c.r)
        let g = UInt8(truncatingIfNeeded: c.g)
        let bl = UInt8(truncatingIfNeeded: c.b)
        for _ in a..<b {
            p[0] = r
            p[1] = g
            p[2] = bl
            p += 3
        }
    }

    /// Blended fill of row y, columns x0 ..< x1, weight a (0...256).
    @inline(__always) func blendRow(_ y: Int, _ x0: Int, _ x1: Int, _ c: Pix, _ a: Int32) {
        if y < y0 || y >= y1 || a <= 0 { return }
        if a >= 256 { fillRow(y, x0, x1, c); return }
        let lo = max(xlo, x0)
        let hi = min(xhi, x1)
        if lo >= hi { return }
        var o = (y * w + lo) * 3
        for _ in lo..<hi {
            blend(o, c, a)
            o += 3
        }
    }

    /// Axis-aligned rectangle with fractional (antialiased) edges.
    func rect(_ x0: Double, _ yTop: Double, _ x1: Double, _ yBot: Double, _ c: Pix, _ alpha: Double) {
        if alpha <= 0 || x1 <= x0 || yBot <= yTop { return }
        let (ya, yb) = rowRange(yTop, yBot)
        let (xa, xb) = colRange(x0, x1)
        if ya >= yb || xa >= xb { return }
        for y in ya..<yb {
            let fy = Double(y)
            let cy = min(fy + 1, yBot) - max(fy, yTop)
            if cy <= 0 { continue }
            var o = (y * w + xa) * 3
            for x in xa..<xb {
                let fx = Double(x)
                let cx = min(fx + 1, x1) - max(fx, x0)
                if cx > 0 { blend(o, c, weight256(cx * cy * alpha)) }
                o += 3
            }
        }
    }

    /// Filled disc.
    func circle(_ cx: Double, _ cy: Double, _ r: Double, _ c: Pix, _ alpha: Double) {
        if !(r > 0.05) || alpha <= 0 { return }
        let (ya, yb) = rowRange(cy - r - 1, cy + r + 1)
        if ya >= yb { return }
        let ro = r + 0.5
        let ri = r - 0.5
        let full = weight256(alpha)
        for y in ya..<yb {
            let dy = Double(y) + 0.5 - cy
            let dy2 = dy * dy
            if dy2 >= ro * ro { continue }
            let ho = (ro * ro - dy2).squareRoot()
            let hi = (ri > 0 && dy2 < ri * ri) ? (ri * ri - dy2).squareRoot() : -1.0
            let (xa, xb) = colRange(cx - ho - 1, cx + ho)
            if xa >= xb { continue }
            var o = (y * w + xa) * 3
            for x in xa..<xb {
                let dx = Double(x) + 0.5 - cx
                if dx <= hi && dx >= -hi {
                    if full >= 256 { put(o, c) } else { blend(o, c, full) }
                } else {
                    let cov = r + 0.5 - (dx * dx + dy2).squareRoot()
                    if cov > 0 { blend(o, c, weight256(cov * alpha)) }
                }
                o += 3
            }
        }
    }

    /// The upper half of an annulus rIn...rOut around (cx, cy), cut into concentric bands of `cols`
    /// (outermost first), antialiased at both rims: a rainbow. Only the two arcs' spans are visited.
    func bands(_ cx: Double, _ cy: Double, _ rOut: Double, _ rIn: Double, _ cols: [Pix], _ alpha: Double) {
        if cols.isEmpty || !(rOut > rIn) || !(rIn >= 0) || !(rOut < 1e6) || alpha <= 0 { return }
        let (ya, yb) = rowRange(cy - rOut - 1, cy)
        if ya >= yb { return }
        let bw = (rOut - rIn) / Double(cols.count)
        let ro = rOut + 1, ri = rIn - 1
        for y in ya..<yb {
            let dy = Double(y) + 0.5 - cy
            if dy >= 0 || -dy > ro { continue }
            let outer = (ro * ro - dy * dy).squareRoot()
            let inner = ri > 0 && -dy < ri ? (ri * ri - dy * dy).squareRoot() : 0
            var last = Int.min
            for side in 0..<2 {
                let lo = side == 0 ? cx - outer : cx + inner
                let hi = side == 0 ? cx - inner : cx + outer
                var (xa, xb) = colRange(lo, hi)
                xa = max(xa, last)
                if xa >= xb { continue }
                last = xb
                var o = (y * w + xa) * 3
                for x in xa..<xb {
                    let dx = Double(x) + 0.5 - cx
                    let d = (dx * dx + dy * dy).squareRoot()
                    let cov = min(d - rIn + 0.5, rOut - d + 0.5)
                    if cov > 0 {
                        let bi = min(cols.count - 1, max(0, Int((rOut - d) / bw)))
                        blend(o, cols[bi], weight256(min(1, cov) * alpha))
                    }
                    o += 3
                }
            }
        }
    }

    /// Ring (circle outline) of radius r and thickness t.
    func ring(_ cx: Double, _ cy: Double, _ r: Double, _ t: Double, _ c: Pix, _ alpha: Double) {
        if !(r > 0.05) || !(t > 0.05) || alpha <= 0 { return }
        let R = r + t * 0.5 + 1
        scan(cx - R, cy - R, cx + R, cy + R, around: cx, cy) { o, dx, dy in
            let cov = Raster.strokeCoverage((dx * dx + dy * dy).squareRoot() - r, t)
            if cov > 0 { blend(o, c, weight256(cov * alpha)) }
        }
    }

    /// Capsule (segment a–b with radius r0 at a, r1 at b; approximate for unequal radii).
    func capsule(
        _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ r0: Double, _ r1: Double, _ c: Pix,
        _ alpha: Double
    ) {
        if alpha <= 0 || !(max(r0, r1) > 0.05) { return }
        let R = max(r0, r1) + 1
        let bax = bx - ax
        let bay = by - ay
        let l2 = bax * bax + bay * bay
        let inv = l2 > 1e-12 ? 1 / l2 : 0
        let dr = r1 - r0
        scan(min(ax, bx) - R, min(ay, by) - R, max(ax, bx) + R, max(ay, by) + R, around: ax, ay) { o, px, py in
            let hh = clamp01((px * bax + py * bay) * inv)
            let dx = px - bax * hh
            let dy = py - bay * hh
            let cov = r0 + dr * hh + 0.5 - (dx * dx + dy * dy).squareRoot()
            if cov > 0 { blend(o, c, weight256(cov * alpha)) }
        }
    }

    /// Ellipse with semi-axes rx, ry, rotated by the angle whose cosine/sine are ca/sa.
    func ellipse(
        _ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, _ ca: Double, _ sa: Double, _ c: Pix,
        _ alpha: Double
    ) {
        if alpha <= 0 || !(rx > 0.05) || !(ry > 0.05) { return }
        let R = max(rx, ry) + 1
        let irx2 = 1 / (rx * rx)
        let iry2 = 1 / (ry * ry)
        scan(cx - R, cy - R, cx + R, cy + R, around: cx, cy) { o, dx, dy in
            let u = dx * ca + dy * sa
            let v = -dx * sa + dy * ca
            let f = u * u * irx2 + v * v * iry2 - 1
            if f <= 0 {
                let g = Raster.ellipseGradient(u, v, irx2, iry2)
                let d = g > 1e-9 ? f / g : -1e9
                if d <= -0.5 {
                    blend(o, c, weight256(alpha))
                } else {
                    blend(o, c, weight256((0.5 - d) * alpha))
                }
            } else if f < 3 {
                let d = f / max(Raster.ellipseGradient(u, v, irx2, iry2), 1e-9)
                if d < 0.5 { blend(o, c, weight256((0.5 - d) * alpha)) }
            }
        }
    }

    /// Convex polygon given as interleaved x, y pixel coordinates (either winding).
    func polygon(_ pts: [Double], _ c: Pix, _ alpha: Double) {
        let n = pts.count / 2
        if n < 3 || alpha <= 0 { return }
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        var area = 0.0
        for i in 0..<n {
            let x = pts[2 * i], y = pts[2 * i + 1]
            if !x.isFinite || !y.isFinite { return }
            minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            let j = (i + 1) % n
            area += x * pts[2 * j + 1] - pts[2 * j] * y
        }
        if abs(area) < 1e-9 { return }
        let sgn = area > 0 ? 1.0 : -1.0
        // Edge lines as inward unit normals: nx*x + ny*y - d >= 0 inside.
        var ex = [Double](repeating: 0, count: n * 3)
        for i in 0..<n {
            let j = (i + 1) % n
            let x0 = pts[2 * i], y0 = pts[2 * i + 1], x1 = pts[2 * j], y1 = pts[2 * j + 1]
            var nx = -(y1 - y0) * sgn
            var ny = (x1 - x0) * sgn
            let l = (nx * nx + ny * ny).squareRoot()
            if l < 1e-12 { nx = 0; ny = 0 } else { nx /= l; ny /= l }
            ex[3 * i] = nx
            ex[3 * i + 1] = ny
            ex[3 * i + 2] = nx * x0 + ny * y0
        }
        let (ya, yb) = rowRange(minY - 1, maxY + 1)
        let (xa, xb) = colRange(minX - 1, maxX + 1)
        if ya >= yb || xa >= xb { return }
        ex.withUnsafeBufferPointer { e in
            for y in ya..<yb {
                let py = Double(y) + 0.5
                var o = (y * w + xa) * 3
                for x in xa..<xb {
                    let px = Double(x) + 0.5
                    var d = 1e9
                    var k = 0
                    while k < n {
                        let s = e[3 * k] * px + e[3 * k + 1] * py - e[3 * k + 2]
                        if s < d { d = s }
                        if d < -0.5 { break }
                        k += 1
                    }
                    let cov = d + 0.5
                    if cov > 0 { blend(o, c, weight256(cov * alpha)) }
                    o += 3
                }
            }
        }
    }

    /// Soft radial glow: weight strength * (1 - d²/R²)².
    func glow(_ cx: Double, _ cy: Double, _ R: Double, _ c: Pix, _ strength: Double) {
        if !(R > 0.5) || strength <= 0 { return }
        let (ya, yb) = rowRange(cy - R, cy + R)
        let (xa, xb) = colRange(cx - R, cx + R)
        if ya >= yb || xa >= xb { return }
        let iR2 = 1 / (R * R)
        for y in ya..<yb {
            let dy = Double(y) + 0.5 - cy
            let dy2 = dy * dy * iR2
            if dy2 >= 1 { continue }
            var o = (y * w + xa) * 3
            for x in xa..<xb {
                let dx = Double(x) + 0.5 - cx
                let q = dx * dx * iR2 + dy2
                if q < 1 {
                    let k = 1 - q
                    let a = Int32(strength * k * k * 256)
                    if a > 0 { blend(o, c, a) }
                }
                o += 3
            }
        }
    }

    /// Outline of an ellipse (thickness t), approximate distance.
    func ellipseRing(
        _ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, _ t: Double, _ c: Pix, _ alpha: Double
    ) {
        if alpha <= 0 || !(rx > 0.5) || !(ry > 0.5) || !(t > 0.05) { return }
        let R = max(rx, ry) + t + 1
        let irx2 = 1 / (rx * rx)
        let iry2 = 1 / (ry * ry)
        scan(cx - R, cy - R, cx + R, cy + R, around: cx, cy) { o, u, v in
            let f = u * u * irx2 + v * v * iry2 - 1
            let cov = Raster.strokeCoverage(f / max(Raster.ellipseGradient(u, v, irx2, iry2), 1e-9), t)
            if cov > 0 { blend(o, c, weight256(cov * alpha)) }
        }
    }
}
