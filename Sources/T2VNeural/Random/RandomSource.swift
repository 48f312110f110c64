/// A seeded source of standard normal samples, so that noise is reproducible and testable.
public protocol RandomSource {
    /// The next `count` samples of N(0, 1) as float32, continuing the source's state.
    mutating func normalArray(count: Int) -> [Float]
}

extension RandomSource {
    /// `count` samples of N(mean, std²): `x * std + mean` on the standard samples.
    public mutating func normalArray(count: Int, mean: Float, std: Float) -> [Float] {
        var values = normalArray(count: count)
        for i in values.indices { values[i] = values[i] * std + mean }
        return values
    }

    /// Fills `buffer` with the next standard normal samples.
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>) {
        let values = normalArray(count: buffer.count)
        for i in 0..<buffer.count { buffer[i] = values[i] }
    }
}
