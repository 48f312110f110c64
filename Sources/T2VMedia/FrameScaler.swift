/// Resizes packed rgb24 frames from one size to another, the path every model whose native size
/// differs from the output takes.
///
/// - Filter: separable bicubic (Keys, a = −0.5: Catmull-Rom) with the kernel and support of
///   Pillow's `Image.resize(BICUBIC)`: when shrinking, the kernel is widened by the reduction
///   factor so the result is antialiased (every source pixel contributes); weights are normalised
///   per output pixel, and edge pixels use the taps that fall inside the source. Each channel is
///   filtered on its own in the frame's own RGB values (no colour-space conversion); the
///   horizontal pass stays in float (Pillow rounds it to 8 bits and uses fixed-point weights, so
///   results may differ from Pillow's by a level or two), and the result is rounded and clamped.
/// - Aspect: `cover` (the default) scales the source to fill the output and centres it, cutting
///   the excess of the longer side (no black bars, no distortion); `stretch` maps the whole source
///   onto the whole output. The cut is fractional (sub-pixel), so nothing shifts by half a pixel.
/// - Same size and `cover`/`stretch` alike: bytes are copied unchanged.
///
/// A scaler is immutable after creation and may be used from several threads at once.
public final class FrameScaler: @unchecked Sendable {
    public enum Fit: String, Sendable { case cover, stretch }

    public let sourceWidth: Int
    public let sourceHeight: Int
    public let width: Int
    public let height: Int
    public let fit: Fit
    private let horizontal: Taps
    private let vertical: Taps

    /// Contributions of source pixels to each output pixel along one axis.
    struct Taps {
        var first: [Int]  // first source index per output index
        var count: [Int]  // taps per output index
        var offset: [Int]  // start of its weights in `weights`
        var weights: [Float]

        init(source: Int, output: Int, cropStart: Double, cropLength: Double) {
            let scale = cropLength / Double(output)
            let filterScale = max(1, scale)
            let support = 2 * filterScale
            first = []
            count = []
            offset = []
            weights = []
            for o in 0..<output {
                let center = cropStart + (Double(o) + 0.5) * scale
                let lo = max(0, Int((center - support + 0.5).rounded(.down)))
                let hi = min(source, Int((center + support + 0.5).rounded(.down)))
                var ws: [Double] = []
                for s in lo..<max(lo, hi) {
                    ws.append(Taps.cubic((Double(s) - center + 0.5) / filterScale))
                }
                var total = ws.reduce(0, +)
                if total == 0 {  // degenerate (cannot happen for support >= 2); take the nearest pixel
                    ws = ws.map { _ in 0 }
                    if !ws.isEmpty { ws[min(ws.count - 1, max(0, Int(center) - lo))] = 1 }
                    total = 1
                }
                first.append(lo)
                count.append(ws.count)
                offset.append(weights.count)
                weights.append(contentsOf: ws.map { Float($0 / total) })
            }
        }

        /// Keys' cubic convolution kernel with a = −0.5.
        static func cubic(_ x: Double) -> Double {
            let a = -0.5
            let t = abs(x)
            if t < 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
            if t < 2 { return (((t - 5) * t + 8) * t - 4) * a }
            return 0
        }
    }

    /// A scaler from `sourceWidth`×`sourceHeight` to `width`×`height` (all at least 1).
    public init(sourceWidth: Int, sourceHeight: Int, width: Int, height: Int, fit: Fit = .cover) throws {
        guard sourceWidth >= 1, sourceHeight >= 1, width >= 1, height >= 1,
            sourceWidth <= 1 << 15, sourceHeight <= 1 << 15, width <= 1 << 15, height <= 1 << 15
        else {
            throw MediaError(
                kind: .invalidArgument,
                message: "cannot scale \(sourceWidth)x\(sourceHeight) to \(width)x\(height): sizes must be 1...32768")
        }
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.width = width
        self.height = height
        self.fit = fit
        var cropW = Double(sourceWidth), cropH = Double(sourceHeight)
        if fit == .cover {
            let sourceAspect = Double(sourceWidth) / Double(sourceHeight)
            let aspect = Double(width) / Double(height)
            if sourceAspect > aspect { cropW = Double(sourceHeight) * aspect } else { cropH = Double(sourceWidth) / aspect }
        }
        horizontal = Taps(
            source: sourceWidth, output: width, cropStart: (Double(sourceWidth) - cropW) / 2, cropLength: cropW)
        vertical = Taps(
            source: sourceHeight, output: height, cropStart: (Double(sourceHeight) - cropH) / 2, cropLength: cropH)
    }

    /// True when frames pass through unchanged.
    public var isIdentity: Bool { sourceWidth == width && sourceHeight == height }

    /// Scales one frame: `source` holds `sourceWidth·sourceHeight·3` bytes, `destination` receives
    /// `width·height·3`.
    public func scale(_ source: UnsafePointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>) {
        if isIdentity {
            destination.update(from: source, count: width * height * 3)
            return
        }
        // Rows of the source that any output row reads.
        var rowLo = sourceHeight, rowHi = 0
        for o in 0..<height {
            rowLo = min(rowLo, vertical.first[o])
            rowHi = max(rowHi, vertical.first[o] + vertical.count[o])
        }
        let rows = max(0, rowHi - rowLo)
        let stride = width * 3
        let temp = UnsafeMutablePointer<Float>.allocate(capacity: max(1, rows * stride))
        defer { temp.deallocate() }
        horizontal.weights.withUnsafeBufferPointer { w in
            for r in 0..<rows {
                let src = source + (rowLo + r) * sourceWidth * 3
                let dst = temp + r * stride
                for o in 0..<width {
                    var red: Float = 0, green: Float = 0, blue: Float = 0
                    let lo = horizontal.first[o], base = horizontal.offset[o]
                    for k in 0..<horizontal.count[o] {
                        let p = src + (lo + k) * 3
                        let weight = w[base + k]
                        red += weight * Float(p[0])
                        green += weight * Float(p[1])
                        blue += weight * Float(p[2])
                    }
                    dst[o * 3] = red
                    dst[o * 3 + 1] = green
                    dst[o * 3 + 2] = blue
                }
            }
        }
        vertical.weights.withUnsafeBufferPointer { w in
            for o in 0..<height {
                let out = destination + o * stride
                let lo = vertical.first[o] - rowLo, base = vertical.offset[o], n = vertical.count[o]
                for x in 0..<stride {
                    var v: Float = 0
                    for k in 0..<n { v += w[base + k] * temp[(lo + k) * stride + x] }
                    out[x] = UInt8(min(255, max(0, v.rounded())))
                }
            }
        }
    }
}
