// What the text-to-video and video-to-video pipelines share: diffusers' `from_pretrained` of a
// folder, and the construction from loaded components.

import FoundationEssentials

/// A pipeline over the components of a diffusers folder (``PipelineComponents``).
public protocol DiffusersPipeline: AnyObject {
    /// The VAE halves the pipeline runs (text-to-video decodes only; video-to-video also encodes).
    static var vaeParts: AutoencoderKL.Parts { get }
    /// A pipeline over already loaded components, with a fresh scheduler of `scheduler` from
    /// their stored config (an unusable config is rejected here).
    init(components: PipelineComponents, scheduler: SchedulerKind) throws
}

extension DiffusersPipeline {
    /// Loads the diffusers folder at `directory` (see ``PipelineComponents``); `variant` e.g.
    /// "fp16"; `scheduler` a name of ``SchedulerKind/allCases`` ("ddim", …).
    public init(directory: URL, variant: String? = nil, scheduler: String = "ddim") throws {
        let kind = try SchedulerKind(name: scheduler)
        try self.init(
            components: PipelineComponents(directory: directory, variant: variant, vaeParts: Self.vaeParts), scheduler: kind)
    }
}
