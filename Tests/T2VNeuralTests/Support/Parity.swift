// The one comparison behind every parity check of the neural tests: the worst element, its
// difference and the scale of the reference. The suites' helpers (expectClose, relativeError,
// compare, srWorst) all report through it.

import T2VNeural

/// How far `actual` is from `expected`: the element with the largest |difference| (NaN counts as
/// the worst), that difference, and the scale `max |expected|`.
struct Parity: CustomStringConvertible {
    let worstIndex: Int
    let actual: Float
    let expected: Float
    let difference: Float
    let scale: Float
    /// The shape of the compared tensors, to print the worst element's index per dimension.
    let shape: [Int]?

    /// nil when the counts differ.
    init?(_ actual: [Float], _ expected: [Float], shape: [Int]? = nil) {
        guard actual.count == expected.count else { return nil }
        var worst = 0
        var worstDiff: Float = 0
        var scale: Float = 0
        for i in 0..<actual.count {
            let d = abs(actual[i] - expected[i])
            if d > worstDiff || d.isNaN { worstDiff = d; worst = i }
            scale = max(scale, abs(expected[i]))
        }
        worstIndex = worst
        self.actual = actual.isEmpty ? 0 : actual[worst]
        self.expected = expected.isEmpty ? 0 : expected[worst]
        difference = worstDiff
        self.scale = scale
        self.shape = shape
    }

    /// nil when the shapes differ.
    init?(_ actual: Tensor, _ expected: Tensor) {
        guard actual.shape == expected.shape else { return nil }
        self.init(actual.scalars, expected.scalars, shape: expected.shape)
    }

    /// difference / scale (the difference itself when the reference is all zeros).
    var relative: Float { scale > 0 ? difference / scale : difference }

    /// The worst element's index, per dimension when the shape is known.
    var index: String {
        guard let shape else { return "\(worstIndex)" }
        var index = [Int](), rest = worstIndex
        for dim in shape.reversed() { index.insert(rest % max(dim, 1), at: 0); rest /= max(dim, 1) }
        return "\(index)"
    }

    var description: String {
        "worst element \(index): \(actual) vs expected \(expected), |diff| \(difference), scale \(scale), relative \(relative)"
    }
}
