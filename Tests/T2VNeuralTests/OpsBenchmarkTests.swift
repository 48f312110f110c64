// Opt-in speed figures (not assertions): run with
//   T2V_BENCH=1 swift test -c release --filter OpsBenchmarkTests
// on an otherwise idle machine. Prints GFLOP/s for a 1024³ matmul and a 3×3 conv
// (1, 320, 64, 64) → 320 channels, on 1 and 2 threads, and times a 4096×4096 attention.

import T2VNeural
import Testing
#if canImport(Glibc)
import Glibc
#endif

private func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Best time of `repeats` runs after one warm-up.
private func bestTime(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<repeats {
        let t0 = now()
        try body()
        best = min(best, now() - t0)
    }
    return best
}

/// `x` with one decimal (no Foundation needed).
private func fixed(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}

@Suite(.enabled(if: getenv("T2V_BENCH") != nil))
struct OpsBenchmarkTests {
    @Test func speed() throws {
        var rng = TestRNG(seed: 99)
        let a = try rng.tensor([1024, 1024]), b = try rng.tensor([1024, 1024])
        let x = try rng.tensor([1, 320, 64, 64]), w = try rng.tensor([320, 320, 3, 3], scale: 0.05), bias = try rng.tensor([320])
        let q = try rng.tensor([1, 4096, 64]), k = try rng.tensor([1, 4096, 64]), v = try rng.tensor([1, 4096, 64])
        let saved = NeuralRuntime.threadCount
        defer { NeuralRuntime.setThreadCount(saved) }
        for threads in [1, 2] {
            NeuralRuntime.setThreadCount(threads)
            let tm = try bestTime(5) { _ = try a.matmul(b) }
            let tc = try bestTime(5) { _ = try x.conv2d(weight: w, bias: bias, padding: 1) }
            let ta = try bestTime(3) { _ = try Tensor.scaledDotProductAttention(query: q, key: k, value: v) }
            let mm: Double = 2.0 * 1024 * 1024 * 1024 / tm / 1e9
            let cv: Double = 2.0 * 320 * 320 * 9 * 64 * 64 / tc / 1e9
            let at: Double = 4.0 * 4096 * 4096 * 64 / ta / 1e9
            let blas = NeuralRuntime.blasThreadCount
            var line = "T2V_BENCH threads=\(threads) (BLAS \(blas))"
            line += " matmul 1024^3: \(fixed(tm * 1e3)) ms \(fixed(mm)) GFLOP/s"
            line += " | conv2d 3x3 (1,320,64,64)->320: \(fixed(tc * 1e3)) ms \(fixed(cv)) GFLOP/s"
            line += " | sdpa 4096x4096x64: \(fixed(ta * 1e3)) ms \(fixed(at)) GFLOP/s"
            print(line)
        }
    }
}
