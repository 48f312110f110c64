// Parity of TextToVideoPipeline with diffusers' TextToVideoSDPipeline on the tiny model
// (Fixtures/reference/pipeline_{ddim,dpm}.safetensors, made by tools/fixtures/make_fixtures.py from
// Fixtures/models/tiny-t2v; the command and versions are in Fixtures/MANIFEST.json), cancellation,
// the video-to-video pipeline, and the loading errors of a diffusers folder.

import Foundation
@testable import T2VNeural
import Testing

enum PipelineFixtures {
    static let root = SharedFixtures.root
    static let tiny = root.appendingPathComponent("models/tiny-t2v")
    static func reference(_ name: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(path: root.appendingPathComponent("reference/\(name).safetensors").path)
    }

    /// Worst |a − b| (absolute) and max |b|, with the worst element as text.
    static func compare(_ actual: Tensor, _ expected: Tensor) -> (absolute: Float, scale: Float, text: String) {
        guard let parity = Parity(actual, expected) else {
            return (.infinity, 0, "shape \(actual.shape) vs expected \(expected.shape)")
        }
        return (parity.difference, parity.scale, actual.count == 0 ? "empty" : "\(parity)")
    }

    /// Expects `actual` within `tolerance · max|expected|` of `expected`, printing the worst element.
    static func expectWithinScale(
        _ actual: Tensor, _ expected: Tensor, tolerance: Float = 1e-4, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let c = compare(actual, expected)
        print("\(label): \(c.text)")
        #expect(c.absolute <= tolerance * c.scale, "\(label): \(c.text)", sourceLocation: sourceLocation)
    }

    /// Expects `actual` within `tolerance` (absolute) of `expected`, printing the worst element.
    static func expectWithin(
        _ actual: Tensor, _ expected: Tensor, tolerance: Float, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let c = compare(actual, expected)
        print("\(label): \(c.text)")
        #expect(c.absolute <= tolerance, "\(label): \(c.text)", sourceLocation: sourceLocation)
    }

    /// A copy of the whole tiny pipeline folder in a fresh temporary directory, for breaking it.
    static func copy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("t2v-pipeline-test-\(UUID().uuidString)").appendingPathComponent("tiny-t2v")
        try FileManager.default.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: tiny, to: dir)
        return dir
    }

    static func remove(_ dir: URL) { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }

    /// Rewrites the JSON object in `url` with `edit` applied.
    static func editJSON(_ url: URL, _ edit: (inout [String: Any]) -> Void) throws {
        let data = try Data(contentsOf: url)
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PipelineError.invalidArgument("\(url.path) is not a JSON object")
        }
        edit(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    static let prompt = "a red kite over a beach"
}

@Suite("Pipeline", .serialized)
struct PipelineTests {
    /// One fixture run: the pipeline's intermediate values and frames against diffusers'.
    func checkParity(scheduler: String, reference name: String) throws {
        let reference = try PipelineFixtures.reference(name)
        let pipe = try TextToVideoPipeline(directory: PipelineFixtures.tiny, scheduler: scheduler)
        let tokenizer = pipe.components.tokenizer

        // encode_prompt
        #expect(tokenizer(PipelineFixtures.prompt, maxLength: 77) == (try reference.integers(named: "prompt_input_ids").values))
        #expect(tokenizer("", maxLength: 77) == (try reference.integers(named: "negative_input_ids").values))
        let (promptEmbeds, negativeEmbeds) = try pipe.encodePrompt(PipelineFixtures.prompt, negativePrompt: "")
        PipelineFixtures.expectWithinScale(promptEmbeds, try reference.tensor(named: "prompt_embeds"), "\(name) prompt_embeds")
        let negative = try #require(negativeEmbeds)
        PipelineFixtures.expectWithinScale(negative, try reference.tensor(named: "negative_prompt_embeds"), "\(name) negative_prompt_embeds")

        // prepare_latents
        var generator = TorchRandomSource(seed: 42)
        let initial = try pipe.prepareLatents(
            batchSize: 1, numChannelsLatents: 4, numFrames: 4, height: 32, width: 32, generator: &generator)
        PipelineFixtures.expectWithin(initial, try reference.tensor(named: "init_latents"), tolerance: 1e-6, "\(name) init_latents")

        // the whole run through the public API
        var stepLatents = [Tensor]()
        var progressCalls = [(Int, Int)]()
        let output = try pipe.generate(
            prompt: PipelineFixtures.prompt, negativePrompt: "", numFrames: 4, height: 32, width: 32,
            numInferenceSteps: 3, guidanceScale: 9.0, seed: 42,
            progress: { i, n in progressCalls.append((i, n)); return true },
            callback: { _, _, latents in stepLatents.append(latents) })
        #expect(output.timesteps == (try reference.integers(named: "timesteps").values))
        #expect(progressCalls.map(\.0) == [0, 1, 2, 3] && progressCalls.allSatisfy { $0.1 == 3 })
        #expect(stepLatents.count == 3)
        for (i, latents) in stepLatents.enumerated() {
            PipelineFixtures.expectWithinScale(latents, try reference.tensor(named: "step\(i)_latents"), "\(name) step\(i)_latents")
        }
        PipelineFixtures.expectWithinScale(output.video, try reference.tensor(named: "decoded_video"), "\(name) decoded_video")
        let expectedFrames = try reference.tensor(named: "frames")
        #expect(output.frames.shape == [4, 32, 32, 3])
        PipelineFixtures.expectWithin(
            output.frames, try expectedFrames.reshaped([4, 32, 32, 3]), tolerance: 2.0 / 255, "\(name) frames")

        // rgb24 (through callAsFunction) gives the same frames as 8-bit values
        let rgb = try pipe.rgb24(
            prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 3, seed: 42)
        #expect(rgb.frameCount == 4 && rgb.height == 32 && rgb.width == 32 && rgb.bytes.count == 4 * 32 * 32 * 3)
        #expect(rgb.bytes == VideoProcessor.rgb24(output.frames))
        let worstByte = zip(rgb.bytes, expectedFrames.scalars).map { abs(Float($0) - $1 * 255) }.max() ?? .infinity
        print("\(name) rgb24: max |byte − 255·reference| = \(worstByte)")
        #expect(worstByte <= 2.5)
    }

    @Test func ddimParity() throws {
        try checkParity(scheduler: "ddim", reference: "pipeline_ddim")
    }

    @Test func dpmSolverParity() throws {
        try checkParity(scheduler: "dpmsolver", reference: "pipeline_dpm")
    }

    @Test func cancellationBetweenSteps() throws {
        let pipe = try TextToVideoPipeline(directory: PipelineFixtures.tiny)
        var calls = [Int]()
        #expect(throws: PipelineError.cancelled(completedSteps: 1, totalSteps: 3)) {
            _ = try pipe(prompt: "x", numFrames: 2, height: 16, width: 16, numInferenceSteps: 3, seed: 1) { i, _ in
                calls.append(i)
                return i < 1
            }
        }
        #expect(calls == [0, 1])
        #expect(throws: PipelineError.cancelled(completedSteps: 0, totalSteps: 2)) {
            _ = try pipe(prompt: "x", numFrames: 2, height: 16, width: 16, numInferenceSteps: 2, seed: 1) { _, _ in false }
        }
    }

    @Test func invalidArguments() throws {
        let pipe = try TextToVideoPipeline(directory: PipelineFixtures.tiny)
        #expect(throws: PipelineError.self) { _ = try pipe(prompt: "x", numFrames: 2, height: 20, width: 16, seed: 1) }
        #expect(throws: PipelineError.self) { _ = try pipe(prompt: "x", numFrames: 0, height: 16, width: 16, seed: 1) }
        #expect(throws: PipelineError.self) {
            _ = try pipe(prompt: "x", numFrames: 2, height: 16, width: 16, numInferenceSteps: 0, seed: 1)
        }
        #expect(throws: PipelineError.unsupportedScheduler("euler")) {
            _ = try TextToVideoPipeline(directory: PipelineFixtures.tiny, scheduler: "euler")
        }
        // guidance_scale ≤ 1 runs without the unconditional batch
        let frames = try pipe(prompt: "x", numFrames: 2, height: 16, width: 16, numInferenceSteps: 2, guidanceScale: 1, seed: 3)
        #expect(frames.shape == [2, 16, 16, 3])
        #expect(frames.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func fp16VariantLoads() throws {
        // text_encoder and vae have fp16 files; unet falls back to its plain file, as in diffusers.
        let pipe = try TextToVideoPipeline(directory: PipelineFixtures.tiny, variant: "fp16")
        let reference = try PipelineFixtures.reference("pipeline_ddim")
        let frames = try pipe(
            prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 3, seed: 42)
        let c = PipelineFixtures.compare(frames, try reference.tensor(named: "frames").reshaped([4, 32, 32, 3]))
        print("fp16 variant frames vs fp32 reference: \(c.text)")
        #expect(c.absolute < 0.1)
    }

    @Test func videoToVideo() throws {
        let pipe = try VideoToVideoPipeline(directory: PipelineFixtures.tiny, scheduler: "dpmsolver")
        let t2v = try TextToVideoPipeline(directory: PipelineFixtures.tiny)
        let video = try t2v(prompt: PipelineFixtures.prompt, numFrames: 3, height: 32, width: 32, numInferenceSteps: 2, seed: 7)
        var calls = [(Int, Int)]()
        let a = try pipe(prompt: "a kite", video: video, strength: 0.5, numInferenceSteps: 4, seed: 9) { i, n in
            calls.append((i, n))
            return true
        }
        #expect(a.shape == [3, 32, 32, 3])
        #expect(a.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(calls.map(\.0) == [0, 1, 2] && calls.allSatisfy { $0.1 == 2 })  // int(4 · 0.5) steps
        let b = try pipe(prompt: "a kite", video: video, strength: 0.5, numInferenceSteps: 4, seed: 9)
        #expect(a.scalars == b.scalars)
        let timesteps = try pipe.getTimesteps(numInferenceSteps: 4, strength: 0.5)
        #expect(timesteps.timesteps.count == 2 && timesteps.numInferenceSteps == 2)
        #expect(throws: PipelineError.self) { _ = try pipe(prompt: "x", video: video, strength: 1.5, seed: 1) }
        #expect(throws: PipelineError.self) { _ = try pipe(prompt: "x", video: video, strength: 0.01, numInferenceSteps: 4, seed: 1) }
    }

    /// VideoToVideoSDPipeline parity (Fixtures/reference/video_to_video_{ddim,dpm}.safetensors):
    /// strength 0.6 of 5 steps, guidance 7.5, seed 9, over the DDIM text-to-video frames.
    @Test(arguments: [("ddim", "video_to_video_ddim"), ("dpmsolver", "video_to_video_dpm")])
    func videoToVideoParity(scheduler: String, reference name: String) throws {
        let reference = try PipelineFixtures.reference(name)
        let pipe = try VideoToVideoPipeline(directory: PipelineFixtures.tiny, scheduler: scheduler)
        let input = try reference.tensor(named: "input").reshaped([4, 32, 32, 3])
        let frames = try pipe(
            prompt: "a kite over the sea", video: input, strength: 0.6, negativePrompt: "", numInferenceSteps: 5,
            guidanceScale: 7.5, seed: 9)
        PipelineFixtures.expectWithin(
            frames, try reference.tensor(named: "frames").reshaped([4, 32, 32, 3]), tolerance: 2.0 / 255, "\(name) frames")
    }

    @Test func addNoiseOfBothSchedulers() throws {
        // DDIM: √ᾱ_t·x + √(1−ᾱ_t)·ε; DPM-Solver: α_t·x + σ_t·ε at sigmas[begin_index], the same
        // coefficients computed another way.
        let config = try DDIMSchedulerConfig.load(from: PipelineFixtures.tiny.appendingPathComponent("scheduler/scheduler_config.json"))
        var ddim = try DDIMScheduler(config: config)
        var dpm = try DPMSolverMultistepScheduler(config: DPMSolverMultistepSchedulerConfig(fromDDIM: config))
        try ddim.setTimesteps(4)
        try dpm.setTimesteps(4)
        let x = try Tensor(shape: [2, 3], scalars: [1, -2, 0.5, 3, 0, -1])
        let e = try Tensor(shape: [2, 3], scalars: [0.3, 1, -1, 0.2, 2, -0.5])
        for (index, t) in dpm.timesteps.enumerated() {
            let a = try VideoToVideoPipeline.addNoise(dpm, x, noise: e, timestep: t, beginIndex: index)
            let b = try VideoToVideoPipeline.addNoise(ddim, x, noise: e, timestep: t, beginIndex: index)
            let ac = ddim.alphasCumprod[t]
            let expected = try Tensor(shape: [2, 3], scalars: zip(x.scalars, e.scalars).map { ac.squareRoot() * $0 + (1 - ac).squareRoot() * $1 })
            PipelineFixtures.expectWithinScale(b, expected, tolerance: 1e-6, "DDIM add_noise t=\(t)")
            PipelineFixtures.expectWithinScale(a, expected, tolerance: 1e-5, "DPM add_noise t=\(t)")
        }
    }

    @Test func videoToVideoDDIM() throws {
        let pipe = try VideoToVideoPipeline(directory: PipelineFixtures.tiny, scheduler: "ddim")
        let video = try Tensor(shape: [2, 16, 16, 3]) { buffer in
            for i in 0..<buffer.count { buffer[i] = Float(i % 97) / 96 }
        }
        let frames = try pipe(prompt: "a kite", video: video, strength: 0.7, numInferenceSteps: 3, guidanceScale: 7.5, seed: 5)
        #expect(frames.shape == [2, 16, 16, 3])
        #expect(frames.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    // MARK: Loading errors

    @Test func missingComponentFolder() throws {
        let dir = try PipelineFixtures.copy()
        defer { PipelineFixtures.remove(dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("vae"))
        let error = #expect(throws: PipelineError.self) { _ = try TextToVideoPipeline(directory: dir) }
        guard case .missingComponent(let name, let path)? = error else {
            Issue.record("expected missingComponent, got \(String(describing: error))")
            return
        }
        #expect(name == "vae" && path.hasSuffix("vae"))
        #expect(error?.description.contains("'vae'") == true)
    }

    @Test func missingModelIndexEntryAndFile() throws {
        let dir = try PipelineFixtures.copy()
        defer { PipelineFixtures.remove(dir) }
        try PipelineFixtures.editJSON(dir.appendingPathComponent("model_index.json")) { $0["text_encoder"] = nil }
        let error = #expect(throws: PipelineError.self) { _ = try TextToVideoPipeline(directory: dir) }
        guard case .missingComponent(let name, _)? = error else {
            Issue.record("expected missingComponent, got \(String(describing: error))")
            return
        }
        #expect(name == "text_encoder")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("model_index.json"))
        #expect(throws: PipelineError.self) { _ = try TextToVideoPipeline(directory: dir) }
    }

    @Test func wrongClassName() throws {
        let dir = try PipelineFixtures.copy()
        defer { PipelineFixtures.remove(dir) }
        // in model_index.json
        try PipelineFixtures.editJSON(dir.appendingPathComponent("model_index.json")) {
            $0["unet"] = ["diffusers", "UNet2DConditionModel"]
        }
        let error = #expect(throws: PipelineError.self) { _ = try TextToVideoPipeline(directory: dir) }
        guard case .componentClassMismatch(let name, let found, _)? = error else {
            Issue.record("expected componentClassMismatch, got \(String(describing: error))")
            return
        }
        #expect(name == "unet" && found == "UNet2DConditionModel")
        print("wrong class: \(error?.description ?? "")")
        try PipelineFixtures.editJSON(dir.appendingPathComponent("model_index.json")) {
            $0["unet"] = ["diffusers", "UNet3DConditionModel"]
        }
        // in the component's own config.json
        try PipelineFixtures.editJSON(dir.appendingPathComponent("vae/config.json")) { $0["_class_name"] = "AutoencoderTiny" }
        let vaeError = #expect(throws: PipelineError.self) { _ = try TextToVideoPipeline(directory: dir) }
        guard case .componentClassMismatch(let vaeName, _, _)? = vaeError else {
            Issue.record("expected componentClassMismatch, got \(String(describing: vaeError))")
            return
        }
        #expect(vaeName == "vae")
        try PipelineFixtures.editJSON(dir.appendingPathComponent("vae/config.json")) { $0["_class_name"] = "AutoencoderKL" }
        // the pipeline class
        try PipelineFixtures.editJSON(dir.appendingPathComponent("model_index.json")) {
            $0["_class_name"] = "StableDiffusionPipeline"
        }
        #expect(throws: PipelineError.componentClassMismatch(
            name: "pipeline", found: "StableDiffusionPipeline", expected: PipelineComponents.pipelineClassNames)) {
            _ = try TextToVideoPipeline(directory: dir)
        }
    }

    @Test func binOnlyFolder() throws {
        let dir = try PipelineFixtures.copy()
        defer { PipelineFixtures.remove(dir) }
        let unet = dir.appendingPathComponent("unet")
        try FileManager.default.moveItem(
            at: unet.appendingPathComponent("diffusion_pytorch_model.safetensors"),
            to: unet.appendingPathComponent("diffusion_pytorch_model.bin"))
        let error = #expect(throws: PipelineError.self) { _ = try TextToVideoPipeline(directory: dir) }
        guard case .binWeightsOnly(let name, _, let script)? = error else {
            Issue.record("expected binWeightsOnly, got \(String(describing: error))")
            return
        }
        #expect(name == "unet" && script == "tools/convert_bin_to_safetensors.py")
        #expect(error?.description.contains("tools/convert_bin_to_safetensors.py") == true)
        print("bin only: \(error?.description ?? "")")
        // the script the message names exists in the repository
        let scriptURL = PipelineFixtures.root.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/convert_bin_to_safetensors.py")  // root is <repo>/Tests/Fixtures
        #expect(FileManager.default.fileExists(atPath: scriptURL.path), "\(scriptURL.path)")
    }
}
