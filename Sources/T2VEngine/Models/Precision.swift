import T2VNeural

extension Settings.Precision {
    /// The precision a diffusion model computes in, and why `auto` did not choose bf16. An explicit
    /// `bf16` on a CPU without bf16 instructions is an error naming the reason (a user who asked for
    /// it should know it cannot run, rather than get a slower stream than expected).
    func resolved() throws -> (precision: ComputePrecision, note: String?) {
        switch self {
        case .fp32:
            return (.fp32, nil)
        case .bf16:
            if let why = ComputePrecision.bf16Unavailable {
                throw T2VError.invalidArgument(#"precision "bf16" cannot run here: \#(why); use "auto" or "fp32""#)
            }
            return (.bf16, nil)
        case .auto:
            if let why = ComputePrecision.bf16Unavailable { return (.fp32, "bf16 unavailable: \(why)") }
            return (.bf16, nil)
        }
    }

    /// What a diffusion model's segments report: `precision` and, when `auto` fell back, `precision_note`.
    static func metadata(_ resolved: (precision: ComputePrecision, note: String?)) -> [(String, JSONValue)] {
        [("precision", .string(resolved.precision.rawValue))] + (resolved.note.map { [("precision_note", .string($0))] } ?? [])
    }
}
