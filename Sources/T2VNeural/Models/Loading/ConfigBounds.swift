// Upper and lower bounds of the sizes a model folder's config files may ask for. A config is
// hostile input: a layer count of 1e9 or a sample size of 2^62 must be an error naming the key, not
// an allocation of hundreds of gigabytes or an overflow trap. The bounds are far above every
// released checkpoint of these families (text-to-video-ms-1.7b, zeroscope_v2, CLIP ViT-H).

/// The ranges a config value must lie in.
enum ConfigBounds {
    static let channels = 1...65_536
    static let imageChannels = 1...64
    static let blocks = 1...16
    static let layers = 1...64
    static let textLayers = 0...256
    static let heads = 1...1_024
    static let vocabulary = 1...1_048_576
    static let positions = 1...65_536
    static let groups = 1...1_024
    /// Latent side of `sample_size`: 1,024 latents are 8,192 pixels at the usual VAE factor 8.
    static let sampleSize = 1...1_024
    static let trainTimesteps = 1...100_000

    /// Throws ``NeuralError/invalidArgument(op:_:)`` naming `key` unless `value` is in `range`.
    static func check(_ what: String, _ key: String, _ value: Int, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw NeuralError.invalidArgument(
                op: what, "\(key) = \(value) is out of range (\(range.lowerBound)...\(range.upperBound))")
        }
    }

    /// As ``check(_:_:_:_:)`` for every entry of a list, which must have `count` entries in range.
    static func check(_ what: String, _ key: String, _ values: [Int], _ range: ClosedRange<Int>, count: ClosedRange<Int>) throws {
        try check(what, "the length of \(key)", values.count, count)
        for value in values { try check(what, key, value, range) }
    }
}
