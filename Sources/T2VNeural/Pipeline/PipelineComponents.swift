// Matches diffusers/pipelines/pipeline_utils.py (DiffusionPipeline.from_pretrained): model_index.json
// names each component's library and class; each component loads from the folder of that name.

import FoundationEssentials
import T2VSupport

/// The components of a diffusers text-to-video folder (`TextToVideoSDPipeline` /
/// `VideoToVideoSDPipeline` layout: text-to-video-ms-1.7b, zeroscope):
///
/// ```
/// model_index.json
/// tokenizer/      vocab.json, merges.txt, special_tokens_map.json, tokenizer_config.json
/// text_encoder/   config.json, model[.<variant>].safetensors
/// unet/           config.json, diffusion_pytorch_model[.<variant>].safetensors
/// vae/            config.json, diffusion_pytorch_model[.<variant>].safetensors
/// scheduler/      scheduler_config.json
/// ```
///
/// - Weights are safetensors (F32 memory-mapped, F16/BF16 converted to float32). With a `variant`
///   (e.g. "fp16"), a component without that variant's file falls back to its plain file, as
///   diffusers does.
/// - Errors (``PipelineError``) name the component: a missing folder or `model_index.json` entry,
///   a class other than the one this engine runs, or a folder holding only PyTorch `.bin` weights
///   (pointing to ``conversionScript``). Errors inside a component pass through as the component
///   throws them (they name the file or tensor).
public struct PipelineComponents: @unchecked Sendable {
    /// The script that converts `.bin` component weights to safetensors (path in the repository).
    public static let conversionScript = "tools/convert_bin_to_safetensors.py"
    /// Pipeline classes whose folders hold these components.
    public static let pipelineClassNames = ["TextToVideoSDPipeline", "VideoToVideoSDPipeline"]

    public let directory: URL
    /// `_class_name` of model_index.json.
    public let pipelineClassName: String
    public let tokenizer: CLIPTokenizer
    public let textEncoder: CLIPTextModel
    public let unet: UNet3DConditionModel
    public let vae: AutoencoderKL
    /// The scheduler class named in model_index.json, and `scheduler_config.json` as stored (see
    /// ``SchedulerKind`` for how a scheduler is made from it).
    public let schedulerClassName: String
    public let schedulerConfig: JSONValue

    /// Loads every component of the folder at `directory`. `vaeParts` chooses the VAE halves to
    /// load (text-to-video needs only the decoder; video-to-video needs both). `pipelineClasses`
    /// are the model_index.json classes accepted (a StreamingT2V folder holds these components too,
    /// besides its own: ``StreamingT2VStage``). `unet`, when given, is used instead of loading
    /// `unet/` (a StreamingT2V folder's first-chunk UNet, loaded by its stage).
    public init(directory: URL, variant: String? = nil, vaeParts: AutoencoderKL.Parts = .all,
                pipelineClasses: [String] = PipelineComponents.pipelineClassNames, unet: UNet3DConditionModel? = nil) throws {
        self.directory = directory
        let index = try Self.readModelIndex(directory)
        pipelineClassName = try Self.checkPipelineClass(index, accepted: pipelineClasses)

        let tokenizerDir = try Self.component("tokenizer", index, directory, expected: ["CLIPTokenizer", "CLIPTokenizerFast"])
        tokenizer = try CLIPTokenizer(directory: tokenizerDir)

        let textDir = try Self.component("text_encoder", index, directory, expected: ["CLIPTextModel"])
        try Self.checkArchitectures(textDir, name: "text_encoder", expected: "CLIPTextModel")
        textEncoder = try CLIPTextModel(
            directory: textDir, variant: try Self.resolveVariant(textDir, "text_encoder", weightsName: "model", variant))

        if let unet {
            self.unet = unet
        } else {
            self.unet = try Self.loadUNet("unet", index, directory, variant: variant)
        }

        let vaeDir = try Self.component("vae", index, directory, expected: ["AutoencoderKL"])
        try Self.checkConfigClass(vaeDir, name: "vae", file: "config.json", expected: ["AutoencoderKL"])
        vae = try AutoencoderKL(
            directory: vaeDir,
            variant: try Self.resolveVariant(vaeDir, "vae", weightsName: "diffusion_pytorch_model", variant),
            parts: vaeParts)

        let schedulerDir = try Self.component("scheduler", index, directory, expected: nil)
        let schedulerURL = schedulerDir.appendingPathComponent("scheduler_config.json")
        guard FileBytes.exists(schedulerURL.path) else {
            throw PipelineError.missingComponent(name: "scheduler", path: schedulerURL.path)
        }
        schedulerClassName = try Self.entryClass("scheduler", index, directory)
        // Whatever class wrote it, the file's keys are what `from_config` hands a scheduler.
        schedulerConfig = try SchedulerConfigCoding.read(schedulerURL)
    }

    /// The UNet3D of component `name` (model_index.json class, config class, weights variant checked).
    static func loadUNet(_ name: String, _ index: JSONValue, _ directory: URL, variant: String?, apm: APMTokens? = nil) throws
        -> UNet3DConditionModel
    {
        let folder = try component(name, index, directory, expected: ["UNet3DConditionModel"])
        try checkConfigClass(folder, name: name, file: "config.json", expected: ["UNet3DConditionModel"])
        return try UNet3DConditionModel(
            directory: folder, variant: try resolveVariant(folder, name, weightsName: "diffusion_pytorch_model", variant), apm: apm)
    }

    /// `2 ** (len(vae.config.block_out_channels) - 1)`.
    public var vaeScaleFactor: Int { vae.downsampleFactor }

    /// A fresh scheduler of `kind` built from the stored config, as diffusers'
    /// `<Scheduler>.from_config(pipe.scheduler.config)` does.
    func makeScheduler(_ kind: SchedulerKind, eta: Float) throws -> any Scheduler {
        try kind.make(storedConfig: schedulerConfig, eta: eta)
    }

    /// `_class_name` of the folder's model_index.json (`"TextToVideoSDPipeline"` when absent, as
    /// the folders of that pipeline may omit it), or the error naming what is wrong with the folder.
    public static func pipelineClassName(directory: URL) throws -> String {
        try className(readModelIndex(directory))
    }

    /// `_class_name` of a parsed model_index.json (`"TextToVideoSDPipeline"` when absent).
    static func className(_ index: JSONValue) -> String {
        index["_class_name"]?.stringValue ?? "TextToVideoSDPipeline"
    }

    /// The index's pipeline class, when it is one of `accepted`.
    static func checkPipelineClass(_ index: JSONValue, accepted: [String]) throws -> String {
        let name = className(index)
        guard accepted.contains(name) else {
            throw PipelineError.componentClassMismatch(name: "pipeline", found: name, expected: accepted)
        }
        return name
    }

    // MARK: Loading helpers

    static func readModelIndex(_ directory: URL) throws -> JSONValue {
        let url = directory.appendingPathComponent("model_index.json")
        guard FileBytes.isDirectory(directory.path) else {
            throw PipelineError.invalidModelIndex(path: directory.path, "not a directory")
        }
        guard let data = try? FileBytes.read(url.path) else {
            throw PipelineError.invalidModelIndex(path: url.path, "the file is missing or unreadable")
        }
        guard let index = try? JSONValue.parse(bytes: data), case .object = index else {
            throw PipelineError.invalidModelIndex(path: url.path, "not a JSON object")
        }
        return index
    }

    /// The class named by model_index.json's `[library, class]` entry for `name`.
    static func entryClass(_ name: String, _ index: JSONValue, _ directory: URL) throws -> String {
        guard let entry = index[name] else {
            throw PipelineError.missingComponent(
                name: name, path: directory.appendingPathComponent("model_index.json").path + " has no '\(name)' entry")
        }
        guard let pair = entry.arrayValue, pair.count == 2, let className = pair[1].stringValue else {
            throw PipelineError.missingComponent(
                name: name, path: directory.appendingPathComponent("model_index.json").path + " has '\(name)': \(entry.serialized)")
        }
        return className
    }

    /// The folder of component `name`, after checking its model_index.json class against `expected`.
    static func component(_ name: String, _ index: JSONValue, _ directory: URL, expected: [String]?) throws -> URL {
        let className = try entryClass(name, index, directory)
        if let expected, !expected.contains(className) {
            throw PipelineError.componentClassMismatch(name: name, found: className, expected: expected)
        }
        let folder = directory.appendingPathComponent(name, isDirectory: true)
        guard FileBytes.isDirectory(folder.path) else {
            throw PipelineError.missingComponent(name: name, path: folder.path)
        }
        return folder
    }

    static func readJSONObject(_ url: URL) -> JSONValue? {
        guard let object = try? JSONValue.read(file: url.path), case .object = object else { return nil }
        return object
    }

    /// A component config's `_class_name`, when present, must be one of `expected`.
    static func checkConfigClass(_ folder: URL, name: String, file: String, expected: [String]) throws {
        guard let config = readJSONObject(folder.appendingPathComponent(file)),
              let className = config["_class_name"]?.stringValue else { return }
        if !expected.contains(className) {
            throw PipelineError.componentClassMismatch(name: name, found: "\(className) (\(file))", expected: expected)
        }
    }

    /// A transformers config's `architectures`, when present, must contain `expected`.
    static func checkArchitectures(_ folder: URL, name: String, expected: String) throws {
        guard let config = readJSONObject(folder.appendingPathComponent("config.json")),
              let architectures = config["architectures"]?.arrayValue?.compactMap(\.stringValue), !architectures.isEmpty
        else { return }
        if !architectures.contains(expected) {
            throw PipelineError.componentClassMismatch(
                name: name, found: architectures.joined(separator: ", ") + " (config.json)", expected: [expected])
        }
    }

    /// The variant to load for a component: `variant` when its file exists, else nil (the plain
    /// file). A folder with `.bin` weights and no safetensors is an error naming the converter.
    static func resolveVariant(_ folder: URL, _ name: String, weightsName: String, _ variant: String?) throws -> String? {
        let files = FileBytes.directoryEntries(folder.path) ?? []
        func has(_ v: String?) -> Bool {
            files.contains(WeightStore.addVariant("\(weightsName).safetensors", v))
                || files.contains(WeightStore.addVariant("\(weightsName).safetensors.index.json", v))
        }
        if let variant, !variant.isEmpty, has(variant) { return variant }
        if has(nil) { return nil }
        if !files.contains(where: { $0.hasSuffix(".safetensors") }), files.contains(where: { $0.hasSuffix(".bin") }) {
            throw PipelineError.binWeightsOnly(name: name, path: folder.path, script: conversionScript)
        }
        return variant  // let the component report the missing file
    }
}
