// diffusers/models/activations.py (GEGLU)

/// diffusers' `GEGLU`: `proj` to `2·dimOut`, then `a·gelu(b)` of the two halves.
struct GEGLU: Sendable {
    let proj: Linear

    init(_ weights: WeightStore, _ prefix: String, dimIn: Int, dimOut: Int) throws {
        proj = try Linear(weights, "\(prefix).proj", inFeatures: dimIn, outFeatures: 2 * dimOut)
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try proj(x).geglu() }
}
