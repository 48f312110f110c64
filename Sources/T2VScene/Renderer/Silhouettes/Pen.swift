/// Maps local units (u right, v down) to pixels.
struct Pen {
    var ox: Double
    var oy: Double
    var s: Double
    var rot: Double
    var c: Double
    var sn: Double
    var fx: Double
    var alpha: Double
    let r: Raster

    init(_ r: Raster, x: Double, y: Double, scale: Double, rot: Double, facing: Double, alpha: Double) {
        self.r = r
        ox = x
        oy = y
        s = scale
        self.rot = rot
        c = dcos(rot)
        sn = dsin(rot)
        fx = facing < 0 ? -1 : 1
        self.alpha = alpha
    }
    @inline(__always) func X(_ u: Double, _ v: Double) -> Double { ox + s * (fx * u * c - v * sn) }
    @inline(__always) func Y(_ u: Double, _ v: Double) -> Double { oy + s * (fx * u * sn + v * c) }

    func circle(_ u: Double, _ v: Double, _ rad: Double, _ col: Pix, _ a: Double = 1) {
        r.circle(X(u, v), Y(u, v), rad * s, col, alpha * a)
    }
    func ring(_ u: Double, _ v: Double, _ rad: Double, _ t: Double, _ col: Pix) {
        r.ring(X(u, v), Y(u, v), rad * s, max(0.8, t * s), col, alpha)
    }
    func line(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double, _ r0: Double, _ r1: Double, _ col: Pix, _ a: Double = 1) {
        r.capsule(X(u0, v0), Y(u0, v0), X(u1, v1), Y(u1, v1), max(0.45, r0 * s), max(0.45, r1 * s), col, alpha * a)
    }
    func ellipse(_ u: Double, _ v: Double, _ ru: Double, _ rv: Double, _ angle: Double, _ col: Pix, _ a: Double = 1) {
        let t = rot + fx * angle
        r.ellipse(X(u, v), Y(u, v), ru * s, rv * s, dcos(t), dsin(t), col, alpha * a)
    }
    func poly(_ pts: [Double], _ col: Pix, _ a: Double = 1) {
        var q = [Double](repeating: 0, count: pts.count)
        var i = 0
        while i + 1 < pts.count {
            q[i] = X(pts[i], pts[i + 1])
            q[i + 1] = Y(pts[i], pts[i + 1])
            i += 2
        }
        r.polygon(q, col, alpha * a)
    }
    func box(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double, _ col: Pix, _ a: Double = 1) {
        poly([u0, v0, u1, v0, u1, v1, u0, v1], col, a)
    }
}
