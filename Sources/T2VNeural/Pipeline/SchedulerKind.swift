// The scheduler a pipeline runs: the folder's DDIM schedule, or DPM-Solver++ built from it
// (diffusers: `pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)`).

/// Which scheduler a pipeline runs; both are built from the folder's `scheduler_config.json`.
public enum SchedulerKind: String, Sendable, CaseIterable {
    /// `DDIMScheduler` (the scheduler text-to-video-ms-1.7b ships with).
    case ddim = "ddim"
    /// `DPMSolverMultistepScheduler.from_config(...)`: DPM-Solver++ (2nd order, midpoint).
    case dpmSolver = "dpmsolver"

    /// "ddim" or "dpmsolver" (also "dpm", "dpmsolver++", "dpm-solver"); other names throw
    /// ``PipelineError/unsupportedScheduler(_:)``.
    public init(name: String) throws {
        switch name.lowercased() {
        case "ddim": self = .ddim
        case "dpmsolver", "dpm", "dpmsolver++", "dpm-solver", "dpmsolvermultistep": self = .dpmSolver
        default: throw PipelineError.unsupportedScheduler(name)
        }
    }
}
