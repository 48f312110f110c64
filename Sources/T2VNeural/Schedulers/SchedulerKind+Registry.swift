// The schedulers the pipelines run. Adding one: its Scheduler and configuration files, one line
// here, and its parity test (docs/adding-a-scheduler.md). The configuration key `scheduler`, its
// documentation and the error texts list these names; nothing else names a scheduler.

extension DDIMSchedulerConfig: SchedulerConfiguration {}
extension DPMSolverMultistepSchedulerConfig: SchedulerConfiguration {}

extension SchedulerKind {
    /// `DDIMScheduler` (text-to-video-ms-1.7b's own).
    public static let ddim = SchedulerKind.family(
        name: "ddim", className: "DDIMScheduler", config: DDIMSchedulerConfig.self
    ) { config, eta in try DDIMScheduler(config: config, eta: eta) }

    /// `DPMSolverMultistepScheduler`: DPM-Solver++ (2nd order, midpoint).
    public static let dpmSolver = SchedulerKind.family(
        name: "dpmsolver", className: "DPMSolverMultistepScheduler", config: DPMSolverMultistepSchedulerConfig.self
    ) { config, _ in try DPMSolverMultistepScheduler(config: config) }

    /// Every scheduler kind, in the order the documentation lists them.
    public static let allCases: [SchedulerKind] = [.ddim, .dpmSolver]
}
