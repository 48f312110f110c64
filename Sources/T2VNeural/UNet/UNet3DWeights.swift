// Weights of one diffusers component folder (here `unet/`), read from memory-mapped safetensors.
// A small loader of the UNet's own; to be merged with the shared `WeightStore` of Models/ once it exists.

import Foundation

/// The state dict of a UNet folder: `diffusion_pytorch_model[.<variant>].safetensors`, or the shards
/// listed by `diffusion_pytorch_model[.<variant>].safetensors.index.json`.
///
/// - F32 tensors are borrowed from the mapping (zero-copy); F16/BF16 are converted to float32 when
///   a layer takes them (so an fp16 checkpoint costs float32 memory once loaded).
/// - ``tensor(_:shape:)`` checks the shape the config implies and names the tensor and the file in
///   its errors; the names used are recorded so that ``unusedNames`` lists what the model ignored.
/// - Not thread-safe while loading; a model holds the tensors it took, not this object.
public final class UNet3DWeights {
    /// The files read, in order (one unless sharded).
    public let files: [SafeTensorsFile]
    /// The folder or file the weights came from, for messages.
    public let source: String
    private var owner: [String: Int] = [:]
    private var used = Set<String>()
    private let generator: ((String, [Int]) throws -> Tensor)?

    /// Opens the weights in `directory`. `variant` ("fp16") selects
    /// `diffusion_pytorch_model.fp16.safetensors`. A folder with only PyTorch `.bin` weights gets an
    /// error that says so.
    public convenience init(directory: URL, variant: String? = nil) throws {
        let stem = "diffusion_pytorch_model" + (variant.map { ".\($0)" } ?? "")
        let fm = FileManager.default
        let single = directory.appendingPathComponent(stem + ".safetensors")
        let index = directory.appendingPathComponent(stem + ".safetensors.index.json")
        if fm.fileExists(atPath: single.path) {
            try self.init(files: [SafeTensorsFile(path: single.path)], source: single.path)
            return
        }
        if fm.fileExists(atPath: index.path) {
            let shards = try UNet3DWeights.shardNames(index: index)
            let files = try shards.map { try SafeTensorsFile(path: directory.appendingPathComponent($0).path) }
            try self.init(files: files, source: index.path)
            return
        }
        let bin = directory.appendingPathComponent(stem + ".bin")
        if fm.fileExists(atPath: bin.path) {
            throw NeuralError.file(
                path: bin.path,
                "only PyTorch .bin weights found; convert the folder to safetensors first (e.g. `from diffusers import UNet3DConditionModel; UNet3DConditionModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)`)")
        }
        throw NeuralError.file(path: single.path, "no UNet weights (\(stem).safetensors or its .index.json) in \(directory.path)")
    }

    /// Weights from already opened files; a name present in two files is an error.
    public init(files: [SafeTensorsFile], source: String) throws {
        self.files = files
        self.source = source
        self.generator = nil
        for (i, file) in files.enumerated() {
            for name in file.tensorNames {
                if let j = owner[name], j != i {
                    throw NeuralError.safeTensors(source: source, tensor: name, "present in both \(files[j].source) and \(file.source)")
                }
                owner[name] = i
            }
        }
    }

    /// Weights made on request by `generator(name, shape)` instead of read from files — e.g. random
    /// weights at a real model's sizes for a benchmark. Every name is accepted.
    public init(source: String, generator: @escaping (String, [Int]) throws -> Tensor) {
        self.files = []
        self.source = source
        self.generator = generator
    }

    /// The shard file names of a `*.safetensors.index.json` (its `weight_map` values).
    private static func shardNames(index: URL) throws -> [String] {
        do {
            let data = try Data(contentsOf: index)
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let map = json["weight_map"] as? [String: String]
            else {
                throw NeuralError.file(path: index.path, "no weight_map object")
            }
            return Array(Set(map.values)).sorted()
        } catch let error as NeuralError {
            throw error
        } catch {
            throw NeuralError.file(path: index.path, "cannot read the shard index: \(error.localizedDescription)")
        }
    }

    /// True when a tensor of that name exists.
    public func contains(_ name: String) -> Bool { generator != nil || owner[name] != nil }

    /// Tensor `name` as float32, which must have exactly `shape`.
    public func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        if let generator {
            let t = try generator(name, shape)
            guard t.shape == shape else {
                throw NeuralError.shapeMismatch(op: "\(source)", "generated '\(name)' has shape \(t.shape), expected \(shape)")
            }
            used.insert(name)
            return t
        }
        guard let i = owner[name] else { throw NeuralError.tensorNotFound(name: name, source: source) }
        let info = try files[i].info(named: name)
        guard info.shape == shape else {
            throw NeuralError.safeTensors(source: files[i].source, tensor: name, "shape \(info.shape), but the config implies \(shape)")
        }
        used.insert(name)
        return try files[i].tensor(named: name)
    }

    /// Names in the files that no layer asked for (sorted).
    public var unusedNames: [String] {
        owner.keys.filter { !used.contains($0) }.sorted()
    }
}
