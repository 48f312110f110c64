// reflection's side of the neural benchmark (issue 5 "Figures"): the CLIP text encoder and the SD VAE
// decoder at their real sizes on random weights, timed, with peak RSS, achieved GFLOP/s and the
// sgemm peak measured in the same process. tools/bench_neural.py is the PyTorch side;
// tools/bench_neural.sh runs both and prints the table.
//
//   t2v-neural-bench --only text|vae|unet|st2v|st2v-chunk|sgemm [--threads 2] [--frames 16] [--latent 32] [--batch 1] [--repeats 3]
//                    [--conv-budget-mib N]   (im2col scratch per convolution; default the runtime's 32 MiB)
//                    [--backend fp32|bf16|onednn-f32]  (unet: the compute backend; default fp32 = OpenBLAS)
//                    [--shallow 1]           (unet: also time a DeepCache shallow step after the full one)
//
// Prints one JSON object on stdout.

import COpenBLAS
import Foundation
@_spi(Benchmarks) import T2VNeural

struct Options {
    var only = "text"
    var threads = 2
    var frames = 16
    var latent = 32
    var batch = 1
    var repeats = 3
    /// unet: run one untimed forward first (a denoising loop's steady state).
    var warm = false
    var convBudgetMiB = 0
    /// st2v-chunk: the StreamingT2V folder (tools/bench_streamingt2v.py make-folder), the DDIM steps,
    /// and where to save the chunk's frames.
    var model = ""
    var steps = 2
    var save = ""
    var backend = "fp32"
    var shallow = false
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst().makeIterator()
    while let a = args.next() {
        let v = args.next() ?? ""
        switch a {
        case "--only": o.only = v
        case "--threads": o.threads = Int(v) ?? o.threads
        case "--frames": o.frames = Int(v) ?? o.frames
        case "--latent": o.latent = Int(v) ?? o.latent
        case "--batch": o.batch = Int(v) ?? o.batch
        case "--repeats": o.repeats = Int(v) ?? o.repeats
        case "--warm": o.warm = (Int(v) ?? 0) != 0
        case "--conv-budget-mib": o.convBudgetMiB = Int(v) ?? o.convBudgetMiB
        case "--model": o.model = v
        case "--steps": o.steps = Int(v) ?? o.steps
        case "--save": o.save = v
        case "--backend": o.backend = v
        case "--shallow": o.shallow = (Int(v) ?? 0) != 0
        default:
            FileHandle.standardError.write("unknown option \(a)\n".data(using: .utf8) ?? Data())
            exit(2)
        }
    }
    return o
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Peak resident set size in MiB (VmHWM of /proc/self/status).
func peakRSSMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        // "VmHWM:\t 9715456 kB", or with no space once the figure has 8 digits ("VmHWM:\t17230000 kB").
        let kb = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }.first ?? -1
        return kb / 1024
    }
    return -1
}

/// One 4096³ row-major sgemm after a warm-up, in GFLOP/s.
func sgemmPeak() -> Double {
    let n = 4096
    let a = [Float](repeating: 0.5, count: n * n)
    let b = [Float](repeating: 0.25, count: n * n)
    var c = [Float](repeating: 0, count: n * n)
    let n32 = Int32(n)
    func run() {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in c.withUnsafeMutableBufferPointer { pc in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n32, n32, n32, 1, pa.baseAddress, n32,
                        pb.baseAddress, n32, 0, pc.baseAddress, n32)
        } } }
    }
    run()
    let t0 = now()
    run()
    return 2 * Double(n) * Double(n) * Double(n) / (now() - t0) / 1e9
}

/// Random weights shaped as the model asks: vectors named `*.weight` (norm scales) are ones,
/// biases small, matrices and kernels uniform in ±1/√fan_in (PyTorch's default initialisation).
func randomWeights(seed: UInt64) -> WeightStore {
    WeightStore(source: "random weights") { name, shape in
        var state = seed
        for byte in name.utf8 { state = (state ^ UInt64(byte)) &* 0x100000001b3 }  // FNV-1a: the same weights every run
        return try Tensor(shape: shape) { buffer in
            if shape.count == 1 && name.hasSuffix(".weight") {
                for i in buffer.indices { buffer[i] = 1 }
                return
            }
            let fanIn = shape.count >= 2 ? shape.dropFirst().reduce(1, *) : max(shape.first ?? 1, 1)
            let bound = (name.hasSuffix(".bias") ? 0.1 : 1) / Float(fanIn).squareRoot()
            for i in buffer.indices {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let u = Float(state >> 40) / Float(1 << 24)
                buffer[i] = (2 * u - 1) * bound
            }
        }
    }
}

/// Inputs uniform in [−1, 1) from a fixed LCG state: the same every run.
struct Noise {
    var state: UInt64

    mutating func tensor(_ shape: [Int]) throws -> Tensor {
        var state = self.state
        defer { self.state = state }
        return try Tensor(shape: shape) { buffer in
            for i in buffer.indices {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                buffer[i] = Float(state >> 40) / Float(1 << 23) - 1
            }
        }
    }
}

func json(_ fields: [(String, Any)]) -> String {
    "{" + fields.map { key, value in
        let v: String
        switch value {
        case let d as Double: v = d.isFinite ? String(format: "%.4f", d) : "null"
        case let s as String: v = "\"\(s)\""
        default: v = "\(value)"
        }
        return "\"\(key)\": \(v)"
    }.joined(separator: ", ") + "}"
}

func main() throws {
    let o = parseOptions()
    NeuralRuntime.setThreadCount(o.threads)
    if o.convBudgetMiB > 0 { NeuralRuntime.setConvolutionScratchBudget(o.convBudgetMiB << 20) }
    var fields: [(String, Any)] = [("side", "reflection"), ("component", o.only), ("threads", o.threads)]
    switch o.only {
    case "sgemm":
        fields.append(("sgemm_gflops", sgemmPeak()))
    case "text":
        // text-to-video-ms-1.7b's text encoder: CLIPTextModel hidden 1024, 23 layers, 16 heads, gelu.
        let config = CLIPTextConfig {
            $0.hiddenSize = 1024
            $0.intermediateSize = 4096
            $0.numHiddenLayers = 23
            $0.numAttentionHeads = 16
            $0.hiddenAct = "gelu"
        }
        let t0 = now()
        let model = try CLIPTextModel(config: config, weights: randomWeights(seed: 1))
        fields.append(("init_s", now() - t0))
        var ids = [[Int]]()
        for p in 0..<2 {
            var row = [49406] + (0..<20).map { ($0 * 7919 + p * 104729) % 49000 } + [49407]
            row += Array(repeating: 0, count: 77 - row.count)
            ids.append(row)
        }
        _ = try model(inputIds: ids)  // warm-up
        var times = [Double]()
        var checksum: Float = 0
        for _ in 0..<max(1, o.repeats) {
            let t = now()
            let out = try model(inputIds: ids)
            times.append(now() - t)
            checksum = out.scalars.reduce(0) { $0 + abs($1) } / Float(out.count)
        }
        let best = times.min() ?? 0
        fields += [("seconds", best), ("seconds_median", times.sorted()[times.count / 2]),
                   ("tflop", 0.09), ("gflops", 0.09e3 / best), ("mean_abs", Double(checksum))]
    case "vae":
        // Stable Diffusion's VAE (text-to-video-ms-1.7b): block_out_channels 128, 256, 512, 512.
        let config = AutoencoderKLConfig {
            $0.downBlockTypes = Array(repeating: "DownEncoderBlock2D", count: 4)
            $0.upBlockTypes = Array(repeating: "UpDecoderBlock2D", count: 4)
            $0.blockOutChannels = [128, 256, 512, 512]
            $0.layersPerBlock = 2
        }
        let t0 = now()
        let vae = try AutoencoderKL(config: config, weights: randomWeights(seed: 2), parts: .decoder)
        fields.append(("init_s", now() - t0))
        var noise = Noise(state: 12345)
        let latents = try noise.tensor([o.frames, 4, o.latent, o.latent])
        _ = try vae.decode(try latents.narrowed(dim: 0, start: 0, length: 1).narrowed(dim: 2, start: 0, length: 8)
            .narrowed(dim: 3, start: 0, length: 8))  // warm-up at 64×64
        let t = now()
        let images = try vae.decode(latents, batchSize: o.batch)
        let seconds = now() - t
        let tflop = 9.95 * Double(o.frames) / 16 * Double(o.latent * o.latent) / 1024
        let meanAbs = images.withUnsafeBufferPointer { p in p.reduce(0) { $0 + Double(abs($1)) } / Double(p.count) }
        fields += [("seconds", seconds), ("frames", o.frames), ("size", o.latent * 8), ("batch", o.batch),
                   ("tflop", tflop), ("gflops", tflop * 1e3 / seconds), ("mean_abs", meanAbs)]
    case "unet":
        // text-to-video-ms-1.7b's UNet3DConditionModel (diffusers' defaults: 320/640/1280/1280, 1.41 B
        // parameters): one forward on latents (2, 4, frames, latent, latent), text context (2, 77, 1024).
        let store = randomWeights(seed: 3)
        let t0 = now()
        let unet = try UNet3DConditionModel(
            config: UNet3DConfig(), weights: WeightStore(source: "random weights") { try store.tensor($0, shape: $1) })
        fields.append(("init_s", now() - t0))
        var noise = Noise(state: 777)
        let sample = try noise.tensor([2, 4, o.frames, o.latent, o.latent])
        let context = try noise.tensor([2, 77, 1024])
        let cache = UNet3DConditionModel.StepCache()
        try ComputePrecision.withBackend(named: o.backend) {
            if o.warm { _ = try unet(sample: sample, timestep: 500, encoderHiddenStates: context) }
            let t = now()
            let out = try unet.forward(sample: sample, timestep: 500, encoderHiddenStates: context, stepCache: .refresh(cache))
            let seconds = now() - t
            // NOTES.md: 9.77 TFLOP at 16 frames of 32×32 (scaled linearly; attention grows faster).
            let tflop = 9.77 * Double(o.frames) / 16 * Double(o.latent * o.latent) / 1024
            let meanAbs = out.withUnsafeBufferPointer { p in p.reduce(0) { $0 + Double(abs($1)) } / Double(p.count) }
            fields += [("seconds", seconds), ("frames", o.frames), ("tflop", tflop), ("gflops", tflop * 1e3 / seconds),
                       ("mean_abs", meanAbs), ("warm", o.warm ? 1 : 0)]
            if o.shallow {
                let t = now()
                _ = try unet.forward(sample: sample, timestep: 480, encoderHiddenStates: context, stepCache: .reuse(cache))
                fields.append(("shallow_seconds", now() - t))
            }
        }
        fields.append(("backend", o.backend))
    case "st2v":
        // One step of StreamingT2V's streaming stage at the released sizes: the CAM (the UNet's encoder
        // half and the frame encoder) on the first 8 latents and 8 frames, then the base UNet with the
        // APM (77 text + 16 image tokens) and the CAM mergers; a CFG batch of 2.
        let store = randomWeights(seed: 4)
        let weights = WeightStore(source: "random weights") { try store.tensor($0, shape: $1) }
        let t0 = now()
        let base = try UNet3DConditionModel(config: UNet3DConfig(), weights: weights, apm: APMTokens(text: 77, image: 16))
        let cam = try StreamingT2VCAM(config: UNet3DConfig(), weights: weights, frameEncoderChannels: [32, 96, 256, 512])
        fields.append(("init_s", now() - t0))
        var noise = Noise(state: 778)
        let camFrames = 8
        let sample = try noise.tensor([2, 4, o.frames, o.latent, o.latent])
        let text = try noise.tensor([2, 77, 1024])
        let context = try Tensor.concat([text, try noise.tensor([2, 16, 1024])], dim: 1)
        let frames = try noise.tensor([2 * camFrames, 3, 8 * o.latent, 8 * o.latent])
        func step() throws -> (Tensor, Double) {
            let t = now()
            let features = try cam(
                sample: try sample.narrowed(dim: 2, start: 0, length: camFrames), timestep: 500, text: text, conditioningFrames: frames)
            let camSeconds = now() - t
            return (try base.forward(sample: sample, timestep: 500, encoderHiddenStates: context, cam: features), camSeconds)
        }
        if o.warm { _ = try step() }
        let t = now()
        let (out, camSeconds) = try step()
        let seconds = now() - t
        let meanAbs = out.withUnsafeBufferPointer { p in p.reduce(0) { $0 + Double(abs($1)) } / Double(p.count) }
        fields += [("seconds", seconds), ("cam_seconds", camSeconds), ("frames", o.frames), ("mean_abs", meanAbs),
                   ("warm", o.warm ? 1 : 0)]
    case "st2v-chunk":
        // One streamed chunk of 16 frames by StreamingT2VStage from a folder of random weights at the
        // released sizes (tools/bench_streamingt2v.py make-folder): image tokens and conditioning, then
        // the DDIM steps with the CAM on the last 8 previous frames, and the VAE decode.
        let folder = URL(fileURLWithPath: o.model, isDirectory: true)
        let t0 = now()
        let stage = try StreamingT2VStage(directory: folder)
        let previous = try SafeTensorsFile(path: folder.appendingPathComponent("bench_inputs.safetensors").path)
            .tensor(named: "previous")
        fields.append(("load_s", now() - t0))
        var t = now()
        let conditioning = try stage.conditioning(
            prompt: "a red kite over a beach", anchor: try previous.narrowed(dim: 0, start: 0, length: 1))
        fields.append(("conditioning_s", now() - t))
        var generator = TorchRandomSource(seed: 33)
        t = now()
        let (frames, _) = try stage.chunk(
            conditioning: conditioning, previousFrames: previous, numFrames: 16, numInferenceSteps: o.steps, generator: &generator)
        fields += [("chunk_s", now() - t), ("steps", o.steps),
                   ("mean", frames.withUnsafeBufferPointer { p in p.reduce(0) { $0 + Double($1) } / Double(p.count) })]
        if !o.save.isEmpty {
            try Data(try SafeTensorsWriter.serialize([(name: "frames", tensor: frames)])).write(to: URL(fileURLWithPath: o.save))
        }
    default:
        FileHandle.standardError.write("--only text|vae|unet|st2v|st2v-chunk|sgemm\n".data(using: .utf8) ?? Data())
        exit(2)
    }
    fields.append(("peak_rss_mib", peakRSSMiB()))
    print(json(fields))
}

do {
    try main()
} catch {
    FileHandle.standardError.write("t2v-neural-bench: \(error)\n".data(using: .utf8) ?? Data())
    exit(1)
}
