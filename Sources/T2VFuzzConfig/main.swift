// t2v-fuzz-config — fuzz target and corpus replayer for every configuration file reflection reads:
// a context's configuration (the C ABI's config_json), and a model folder's UNet, VAE and text
// encoder config.json and scheduler_config.json (decoded, validated, and for schedulers run through
// set_timesteps and a step, where the arithmetic on their values happens), its model_index.json
// (a context is made over a folder with the fixture's components) and its tokenizer files (the
// tokenizer is loaded from them and encodes sample texts; ModelFolder.swift).
//
// The first byte of an input picks the target (modulo their number); the rest is the file's text
// (for the two-file tokenizer targets: the first file, a NUL byte, the second). New targets are
// appended, so that the corpus keeps selecting the targets it was made for.
// Normal build: `t2v-fuzz-config FILE...` replays files. libFuzzer build: as t2v-fuzz-safetensors
// (`make fuzz`), with -DT2V_LIBFUZZER -sanitize=fuzzer,address.

import FoundationEssentials
import T2VEngine
import T2VFuzzDriver
import T2VNeural
#if canImport(Glibc)
import Glibc
#endif

/// The targets, in the order the first byte selects them.
let targets: [(name: String, run: ([UInt8]) throws -> String)] = [
    ("context configuration", { bytes in
        let settings = try Settings(json: try JSONValue.parse(bytes: bytes))
        _ = try Context(settings: settings)  // the built-in model: cheap to make
        return "ok: \(settings.json.serialized.prefix(60))"
    }),
    ("unet/config.json", { bytes in
        let config = try JSONDecoder().decode(UNet3DConfig.self, from: Data(bytes))
        try config.validate()
        return "ok: blocks \(config.blockOutChannels)"
    }),
    ("vae/config.json", { bytes in
        let config = try JSONDecoder().decode(AutoencoderKLConfig.self, from: Data(bytes))
        try config.validate()
        return "ok: latent channels \(config.latentChannels)"
    }),
    ("text_encoder/config.json", { bytes in
        let config = try JSONDecoder().decode(CLIPTextConfig.self, from: Data(bytes))
        try config.validate()
        return "ok: \(config.numHiddenLayers) layers"
    }),
    ("scheduler_config.json (DDIM)", { bytes in try runScheduler(.ddim, bytes) }),
    ("scheduler_config.json (DPM-Solver++)", { bytes in try runScheduler(.dpmSolver, bytes) }),
    ("model_index.json", runModelIndex),
    ("tokenizer/vocab.json NUL merges.txt", runTokenizerFiles),
    ("tokenizer/special_tokens_map.json NUL tokenizer_config.json", runTokenizerSpecials),
]

/// Makes the scheduler from the stored config and runs a few steps on a tiny sample.
func runScheduler(_ kind: SchedulerKind, _ bytes: [UInt8]) throws -> String {
    let quoted = SchedulerConfigJSON.quoteNonFiniteNumbers(Data(bytes))
    var scheduler = try kind.make(storedConfig: try JSONValue.parse(bytes: Array(quoted)))
    for steps in [1, 3, 25] {
        try scheduler.setTimesteps(steps)
        var sample: [Float] = [0.5, -0.25, 1, 0]
        for t in scheduler.timesteps.prefix(3) {
            sample = try scheduler.step(modelOutput: [0.1, 0.2, -0.3, 0.4], timestep: t, sample: sample, varianceNoise: [0, 0, 0, 0])
        }
    }
    return "ok: \(scheduler.timesteps.count) timesteps"
}

/// Runs one input; errors are expected outcomes, crashes are not.
func exercise(_ input: [UInt8]) -> String {
    guard let first = input.first else { return "empty input" }
    let target = targets[Int(first) % targets.count]
    do {
        return "\(target.name): \(try target.run(Array(input.dropFirst())))"
    } catch {
        return "\(target.name): error: \(String(describing: error).prefix(120))"
    }
}

fuzzMain(usage: "usage: t2v-fuzz-config FILE...   (replays files: first byte picks the target, the rest is the file)", exercise)
