// Linear blends of a value's fields, for transitions between two scenes (their looks, their subjects).

/// The fields of `T` that blend linearly from one value to another.
struct BlendedFields<T> {
    var numbers: [WritableKeyPath<T, Double>] = []
    var colors: [WritableKeyPath<T, RGB>] = []

    /// `base` with every listed field moved the fraction `t` of the way from its value in `a` to that in `b`.
    func blend(_ base: T, _ a: T, _ b: T, _ t: Double) -> T {
        var o = base
        for k in numbers { o[keyPath: k] = mixD(a[keyPath: k], b[keyPath: k], t) }
        for k in colors { o[keyPath: k] = .lerp(a[keyPath: k], b[keyPath: k], t) }
        return o
    }
}
