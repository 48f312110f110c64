import FoundationEssentials
import Glibc

/// Beta schedules and `alphas_cumprod` with PyTorch's dtypes: betas float32 (`torch.linspace`
/// in float32), cumulative product accumulated in double and stored as float32 (ATen's CPU
/// `cumprod`). Matches `betas_for_alpha_bar`, `rescale_zero_terminal_snr` and the schedule part
/// of `__init__` in diffusers/schedulers/scheduling_ddim.py (shared with
/// scheduling_dpmsolver_multistep.py).
enum NoiseSchedule {
    /// `torch.linspace(start, end, steps, dtype=torch.float32)` as ATen's CPU kernel computes it
    /// (RangeFactoriesKernel.cpp `linspace_kernel`): `start + step*idx` before the halfway point,
    /// `end - step*(steps-idx-1)` after it, each contracted to one fused multiply-add by the
    /// compiler of PyTorch's CPU kernels (checked bit for bit against torch 2.x).
    static func torchLinspace(_ start: Double, _ end: Double, _ steps: Int) -> [Float] {
        guard steps > 0 else { return [] }
        let s = Float(start), e = Float(end)
        if steps == 1 { return [s] }
        let step = (e - s) / Float(steps - 1)
        let halfway = steps / 2
        return (0..<steps).map { i in
            i < halfway ? s.addingProduct(step, Float(i)) : e.addingProduct(-step, Float(steps - i - 1))
        }
    }

    /// `torch.cumprod(x, 0)` on CPU for float32.
    static func cumprod(_ x: [Float]) -> [Float] {
        var acc = 1.0
        return x.map { v in
            acc *= Double(v)
            return Float(acc)
        }
    }

    /// `betas_for_alpha_bar(n)` with the cosine transform ("squaredcos_cap_v2").
    static func betasForAlphaBar(_ n: Int, maxBeta: Double = 0.999) -> [Float] {
        func alphaBar(_ t: Double) -> Double {
            let c = Glibc.cos((t + 0.008) / 1.008 * Double.pi / 2)
            return c * c
        }
        return (0..<n).map { i in
            let t1 = Double(i) / Double(n)
            let t2 = Double(i + 1) / Double(n)
            return Float(Swift.min(1 - alphaBar(t2) / alphaBar(t1), maxBeta))
        }
    }

    /// `rescale_zero_terminal_snr(betas)` in float32.
    static func rescaleZeroTerminalSNR(_ betas: [Float]) -> [Float] {
        let alphas = betas.map { 1 - $0 }
        var sqrtBar = cumprod(alphas).map { $0.squareRoot() }
        guard let first = sqrtBar.first, let last = sqrtBar.last else { return betas }
        let scale = first / (first - last)
        for i in sqrtBar.indices {
            sqrtBar[i] = (sqrtBar[i] - last) * scale
        }
        let bar = sqrtBar.map { $0 * $0 }
        var out = [Float](repeating: 0, count: bar.count)
        out[0] = 1 - bar[0]
        for i in 1..<bar.count { out[i] = 1 - bar[i] / bar[i - 1] }
        return out
    }

    /// The betas of a scheduler config's noise-schedule keys.
    static func betas(_ keys: NoiseScheduleKeys) throws -> [Float] {
        try betas(
            numTrainTimesteps: keys.numTrainTimesteps, betaStart: keys.betaStart, betaEnd: keys.betaEnd,
            betaSchedule: keys.betaSchedule, trainedBetas: keys.trainedBetas, rescaleBetasZeroSNR: keys.rescaleBetasZeroSnr)
    }

    static func betas(
        numTrainTimesteps: Int, betaStart: Double, betaEnd: Double, betaSchedule: String,
        trainedBetas: [Double]?, rescaleBetasZeroSNR: Bool
    ) throws -> [Float] {
        var betas: [Float]
        if let trained = trainedBetas {
            betas = trained.map { Float($0) }
        } else {
            switch betaSchedule {
            case "linear":
                betas = torchLinspace(betaStart, betaEnd, numTrainTimesteps)
            case "scaled_linear":
                betas = torchLinspace(betaStart.squareRoot(), betaEnd.squareRoot(), numTrainTimesteps).map { $0 * $0 }
            case "squaredcos_cap_v2":
                betas = betasForAlphaBar(numTrainTimesteps)
            default:
                throw SchedulerError.unsupportedConfig(field: "beta_schedule", value: betaSchedule)
            }
        }
        // Every beta a probability strictly between 0 and 1, or alphas_cumprod leaves (0, 1) and the
        // sigmas, logs and timesteps derived from it become NaN (beta_end 5 is a typo, not a schedule).
        if let bad = betas.firstIndex(where: { !($0 > 0 && $0 < 1) }) {
            let field = trainedBetas == nil ? "beta_start/beta_end" : "trained_betas"
            throw SchedulerError.unsupportedConfig(
                field: field, value: "beta \(bad) of the schedule is \(betas[bad]) (every beta must be in (0, 1))")
        }
        if rescaleBetasZeroSNR { betas = rescaleZeroTerminalSNR(betas) }
        return betas
    }

    // MARK: numpy helpers (float64)

    /// `np.linspace(start, stop, num)`.
    static func npLinspace(_ start: Double, _ stop: Double, _ num: Int) -> [Double] {
        guard num > 0 else { return [] }
        if num == 1 { return [start] }
        let step = (stop - start) / Double(num - 1)
        var y = (0..<num).map { Double($0) * step + start }
        y[num - 1] = stop
        return y
    }

    /// `np.arange(start, stop, step)` for float64 (`start + i*delta`, delta = (start+step)-start).
    static func npArange(_ start: Double, _ stop: Double, _ step: Double) -> [Double] {
        let length = truncatingToInt(Glibc.ceil((stop - start) / step))
        guard length > 0 else { return [] }
        if length == 1 { return [start] }
        let delta = (start + step) - start
        return (0..<length).map { i in i == 0 ? start : (i == 1 ? start + step : start + Double(i) * delta) }
    }

    /// `np.round` (half to even) then `astype(np.int64)`.
    /// A value that is not finite (which a validated schedule never gives) becomes 0 rather than a trap.
    static func npRoundToInt(_ x: Double) -> Int {
        truncatingToInt(x.rounded(.toNearestOrEven))
    }

    /// `astype(np.int64)` of a float64 without trapping: NaN gives 0, values past ±2^62 are clamped.
    static func truncatingToInt(_ x: Double) -> Int {
        guard x.isFinite else { return 0 }
        return Int(Swift.max(-0x1p62, Swift.min(0x1p62, x)))
    }
}
