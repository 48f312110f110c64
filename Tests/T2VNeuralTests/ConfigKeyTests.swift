// The config types' keys are their property names converted to snake_case (ConfigFile): every
// property must name a key diffusers / transformers write, and every such key in the fixture
// files must come back from decoding with the file's value.

import Foundation
import T2VSupport
import Testing
@testable import T2VNeural

struct ConfigKeyTests {
    static let fixtures = SharedFixtures.root

    /// A fixture file as a JSON object (Python's bare `-Infinity` quoted, as the loaders do).
    static func fileObject(_ path: String) throws -> [(String, JSONValue)] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(path))
        return try #require(JSONValue.parse(bytes: Array(SchedulerConfigJSON.quoteNonFiniteNumbers(data))).objectMembers)
    }

    /// The file keys of `fields`' properties, groups (nested structs) included.
    static func propertyKeys(_ fields: Any) -> [String] {
        Mirror(reflecting: fields).children.flatMap { child -> [String] in
            if child.value is NoiseScheduleKeys { return propertyKeys(child.value) }
            return [ConfigKeyName.fileKey(child.label ?? "")]
        }
    }

    /// Every property is a key of `file` (or of `extraKeys`), and every key of `file` that is a
    /// property decodes to the file's value (absent and null alike for nil).
    static func check<C: ConfigFile>(_ config: C, file path: String, extraKeys: Set<String> = []) throws {
        let file = try fileObject(path)
        let fileKeys = Set(file.map(\.0))
        let keys = propertyKeys(config.fields)
        #expect(Set(keys).count == keys.count, "\(C.self): keys \(keys)")
        for key in keys { #expect(fileKeys.contains(key) || extraKeys.contains(key), "\(C.self): \(key) is not a key of \(path)") }

        let encoded = try #require(JSONValue.parse(bytes: Array(JSONEncoder().encode(config))).objectMembers)
        let encodedKeys = Set(encoded.map(\.0))
        #expect(encodedKeys.isSubset(of: Set(keys)), "\(C.self): \(encodedKeys.subtracting(keys))")
        for (key, value) in file where keys.contains(key) {
            let decoded = encoded.first { $0.0 == key }?.1 ?? .null
            #expect(decoded == value, "\(C.self): \(key) decoded as \(decoded.serialized), file has \(value.serialized)")
        }
    }

    @Test func unetKeys() throws {
        let config = try UNet3DConfig.load(contentsOf: Self.fixtures.appendingPathComponent("models/tiny-t2v/unet/config.json"))
        try Self.check(config, file: "models/tiny-t2v/unet/config.json", extraKeys: ["use_linear_projection"])
    }

    @Test func vaeKeys() throws {
        let config = try WeightStore.loadConfig(AutoencoderKLConfig.self, directory: ModelFixtures.tiny.appendingPathComponent("vae"))
        try Self.check(config, file: "models/tiny-t2v/vae/config.json")
    }

    @Test func textEncoderKeys() throws {
        let config = try WeightStore.loadConfig(CLIPTextConfig.self, directory: ModelFixtures.tiny.appendingPathComponent("text_encoder"))
        try Self.check(config, file: "models/tiny-t2v/text_encoder/config.json")
    }

    @Test func imageEncoderKeys() throws {
        let config = try WeightStore.loadConfig(
            CLIPVisionConfig.self, directory: StreamingT2VFixtures.root.appendingPathComponent("image_encoder"))
        try Self.check(config, file: "streamingt2v/image_encoder/config.json")
    }

    @Test(arguments: ["ddim", "ddim_vpred", "ddim_trailing", "ddim_eta05"])
    func ddimKeys(_ name: String) throws {
        let path = "schedulers/\(name)/scheduler_config.json"
        try Self.check(DDIMSchedulerConfig.load(from: Self.fixtures.appendingPathComponent(path)), file: path)
    }

    @Test(arguments: ["dpm", "dpm_vpred", "dpm_trailing", "dpm_linspace", "dpm_karras", "dpm_no_lower_order_final"])
    func dpmKeys(_ name: String) throws {
        let path = "schedulers/\(name)/scheduler_config.json"
        try Self.check(DPMSolverMultistepSchedulerConfig.load(from: Self.fixtures.appendingPathComponent(path)), file: path)
    }

    @Test func nullsAndAbsentKeysReadAsBefore() throws {
        func decode<C: ConfigFile>(_ type: C.Type, _ json: String) throws -> C {
            try JSONDecoder().decode(C.self, from: Data(json.utf8))
        }
        let unet = try decode(UNet3DConfig.self, #"{"norm_num_groups": null, "in_channels": null, "sample_size": [32, 32], "attention_head_dim": 8}"#)
        #expect(unet.normNumGroups == nil && unet.inChannels == 4 && unet.sampleSize == 32 && unet.attentionHeadDim == [8])
        #expect(try decode(UNet3DConfig.self, "{}").normNumGroups == 32)
        #expect(try decode(UNet3DConfig.self, String(decoding: JSONEncoder().encode(unet), as: UTF8.self)) == unet)
        #expect(try decode(AutoencoderKLConfig.self, "{}").className == nil)
        #expect(try decode(CLIPTextConfig.self, #"{"pad_token_id": null}"#).modelType == nil)
        #expect(try decode(CLIPTextConfig.self, #"{"pad_token_id": null}"#).padTokenId == 1)
        let dpm = try decode(DPMSolverMultistepSchedulerConfig.self, #"{"algorithm_type": "deis", "solver_type": "bh2", "timestep_spacing": null}"#)
        #expect(dpm.algorithmType == "dpmsolver++" && dpm.solverType == "midpoint" && dpm.timestepSpacing == "linspace")
        #expect(try decode(DDIMSchedulerConfig.self, "{}").timestepSpacing == "leading")
        let fromDDIM = DPMSolverMultistepSchedulerConfig(fromDDIM: .textToVideoMS)
        #expect(fromDDIM.betaSchedule == "scaled_linear" && fromDDIM.stepsOffset == 1 && fromDDIM.timestepSpacing == "leading")
        #expect(fromDDIM.solverOrder == 2 && fromDDIM.lambdaMinClipped == -.infinity)
    }
}
