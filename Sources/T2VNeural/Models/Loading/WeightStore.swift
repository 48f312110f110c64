// The weights and config of one model component folder (diffusers / transformers layout).
// Matches the file naming of diffusers/models/modeling_utils.py and transformers' modeling_utils.py
// (`_add_variant`, `*.safetensors.index.json` shards).

import FoundationEssentials
import T2VSupport

/// The tensors of one component folder (`text_encoder/`, `vae/`, …), looked up by their
/// checkpoint state-dict names.
///
/// - Files: `<weightsName>.safetensors`, or with a variant `<weightsName>.<variant>.safetensors`
///   (e.g. `model.fp16.safetensors`), or shards listed in `<weightsName>.safetensors.index.json`
///   (`….safetensors.index.<variant>.json` with a variant). PyTorch `.bin` files are not read.
/// - F32 tensors are borrowed zero-copy from the memory map; F16 and BF16 are converted exactly to
///   float32 when fetched.
/// - Every failure throws ``NeuralError`` naming the file or tensor: a missing tensor
///   (``NeuralError/tensorNotFound(name:source:)``) or a tensor of another shape
///   (``NeuralError/shapeMismatch(op:_:)`` whose text names the tensor and both shapes). A folder
///   with only PyTorch `.bin` weights gets an error pointing to the conversion script.
/// - The names fetched are recorded, so ``unusedNames`` lists what a model ignored. Loading is not
///   thread-safe; a model holds the tensors it took, not the store.
public final class WeightStore: @unchecked Sendable {
    /// Where the tensors come from (folder and file names), used in error messages.
    public let source: String
    private let files: [SafeTensorsFile]
    private let index: [String: Int]
    private let provider: ((String, [Int]) throws -> Tensor)?
    private var used = Set<String>()

    /// A store over already opened files; a name present in several files is taken from the first.
    public init(files: [SafeTensorsFile], source: String? = nil) {
        self.files = files
        self.source = source ?? files.map(\.source).joined(separator: ", ")
        var index = [String: Int]()
        for (i, file) in files.enumerated() {
            for name in file.tensorNames where index[name] == nil { index[name] = i }
        }
        self.index = index
        self.provider = nil
    }

    /// A store with no files whose tensors `provider` makes on request, given the name and the
    /// shape the model expects (random weights for benchmarks, synthetic models in tests). Every
    /// name counts as present.
    public init(source: String, provider: @escaping (_ name: String, _ shape: [Int]) throws -> Tensor) {
        self.files = []
        self.index = [:]
        self.source = source
        self.provider = provider
    }

    /// Opens the weights of a component folder: `weightsName` is the file's base name
    /// (`"model"` for transformers models, `"diffusion_pytorch_model"` for diffusers models),
    /// `variant` e.g. `"fp16"` (nil for the plain file).
    public convenience init(directory: URL, weightsName: String, variant: String? = nil) throws {
        let single = WeightStore.addVariant("\(weightsName).safetensors", variant)
        let indexName = WeightStore.addVariant("\(weightsName).safetensors.index.json", variant)
        let fm = FileManager.default
        let singleURL = directory.appendingPathComponent(single)
        let indexURL = directory.appendingPathComponent(indexName)
        if fm.fileExists(atPath: singleURL.path) {
            self.init(files: [try SafeTensorsFile(path: singleURL.path)], source: singleURL.path)
            return
        }
        guard fm.fileExists(atPath: indexURL.path) else {
            let bin = directory.appendingPathComponent(WeightStore.addVariant("\(weightsName).bin", variant))
            let pytorchBin = directory.appendingPathComponent(WeightStore.addVariant("pytorch_model.bin", variant))
            if let found = [bin, pytorchBin].first(where: { fm.fileExists(atPath: $0.path) }) {
                throw NeuralError.file(
                    path: found.path,
                    "only PyTorch .bin weights found; convert them to safetensors with: "
                        + "python \(PipelineComponents.conversionScript) <model directory>")
            }
            throw NeuralError.file(path: directory.path, "no weights: neither \(single) nor \(indexName) exists")
        }
        let data: Data
        do { data = Data(try FileBytes.read(indexURL.path)) } catch let error as FileReadError {
            throw NeuralError.file(path: indexURL.path, "cannot read: \(error.reason)")
        }
        struct ShardIndex: Decodable {
            let weightMap: [String: String]
            enum CodingKeys: String, CodingKey { case weightMap = "weight_map" }
        }
        let shards: ShardIndex
        do { shards = try JSONDecoder().decode(ShardIndex.self, from: data) } catch {
            throw NeuralError.file(path: indexURL.path, "invalid shard index: \(error)")
        }
        var files = [SafeTensorsFile]()
        for shard in Set(shards.weightMap.values).sorted() {
            guard !shard.contains("/"), !shard.hasPrefix(".") else {
                throw NeuralError.file(path: indexURL.path, "shard name '\(shard)' is not a file in the folder")
            }
            files.append(try SafeTensorsFile(path: directory.appendingPathComponent(shard).path))
        }
        self.init(files: files, source: indexURL.path)
    }

    /// diffusers' `_add_variant`: `"model.safetensors"` + `"fp16"` → `"model.fp16.safetensors"`.
    static func addVariant(_ name: String, _ variant: String?) -> String {
        guard let variant, !variant.isEmpty else { return name }
        var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        parts.insert(variant, at: parts.count - 1)
        return parts.joined(separator: ".")
    }

    /// All tensor names, sorted.
    public var tensorNames: [String] { index.keys.sorted() }

    /// True when a tensor called `name` exists.
    public func contains(_ name: String) -> Bool { provider != nil || index[name] != nil }

    /// The shape of tensor `name` as stored.
    public func shape(of name: String) throws -> [Int] {
        guard let i = index[name] else { throw NeuralError.tensorNotFound(name: name, source: source) }
        return try files[i].info(named: name).shape
    }

    /// Tensor `name` as float32, checked to have exactly `shape`.
    public func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        if let provider {
            let made = try provider(name, shape)
            guard made.shape == shape else {
                throw NeuralError.shapeMismatch(
                    op: "loading \(source)", "tensor '\(name)' has shape \(made.shape), expected \(shape)")
            }
            used.insert(name)
            return made
        }
        guard let i = index[name] else { throw NeuralError.tensorNotFound(name: name, source: source) }
        let stored = try files[i].info(named: name).shape
        guard stored == shape else {
            throw NeuralError.shapeMismatch(
                op: "loading \(source)", "tensor '\(name)' has shape \(stored), expected \(shape)")
        }
        used.insert(name)
        return try files[i].tensor(named: name)
    }

    /// Names in the files that nothing fetched (sorted).
    public var unusedNames: [String] { index.keys.filter { !used.contains($0) }.sorted() }

    /// Tensor `name` as float32, whatever its shape.
    public func tensor(_ name: String) throws -> Tensor {
        guard let i = index[name] else { throw NeuralError.tensorNotFound(name: name, source: source) }
        used.insert(name)
        return try files[i].tensor(named: name)
    }

    /// Decodes `config.json` (or `fileName`) of a component folder; decoding errors become
    /// ``NeuralError/file(path:_:)`` naming the file and the key.
    public static func loadConfig<C: Decodable>(_ type: C.Type, directory: URL, fileName: String = "config.json") throws -> C {
        let url = directory.appendingPathComponent(fileName)
        let data: Data
        do { data = Data(try FileBytes.read(url.path)) } catch let error as FileReadError {
            throw NeuralError.file(path: url.path, "cannot read: \(error.reason)")
        }
        do {
            return try JSONDecoder().decode(C.self, from: data)
        } catch let error as NeuralError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw NeuralError.file(path: url.path, "invalid value for '\(codingPath(context))': \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw NeuralError.file(path: url.path, "missing key '\(key.stringValue)' \(codingPath(context))")
        } catch {
            throw NeuralError.file(path: url.path, "invalid config: \(error)")
        }
    }

    private static func codingPath(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
