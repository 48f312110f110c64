// TextToVideoPipeline.continuation: a chunk that starts with frames already known (the streaming
// runtime's overlap) re-makes them close to the known ones, and without known frames is exactly
// `generate` (diffusers' run).

import Foundation
@testable import T2VNeural
import Testing

@Suite struct ContinuationTests {
    static func components() throws -> PipelineComponents {
        try PipelineComponents(directory: PipelineFixtures.tiny, vaeParts: .all)
    }

    @Test(arguments: [SchedulerKind.ddim, .dpmSolver])
    func knownFramesAreContinued(kind: SchedulerKind) throws {
        let pipe = try TextToVideoPipeline(components: try Self.components(), scheduler: kind)
        let first = try pipe.generate(
            prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 4, seed: 42)
        // Without known frames: exactly generate().
        let same = try pipe.continuation(
            prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 4,
            guidanceScale: 9, seed: 42, leading: nil)
        #expect(same.frames.scalars == first.frames.scalars)

        // The next chunk continues the last two frames (their latents, or their VAE encoding).
        let tail = try first.latents.narrowed(dim: 2, start: 2, length: 2)
        let tailFrames = try first.frames.narrowed(dim: 0, start: 2, length: 2)
        func distance(_ a: Tensor, _ b: Tensor) -> Float {
            zip(a.scalars, b.scalars).map { abs($0 - $1) }.reduce(0, +) / Float(a.count)
        }
        let unconditioned = try pipe.generate(
            prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 4, seed: 43)
        // Own latents: the re-made frames are the known frames, nearly.
        let next = try pipe.continuation(
            prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 4,
            guidanceScale: 9, seed: 43, leading: tail)
        let remade = try next.frames.narrowed(dim: 0, start: 0, length: 2)
        let free = try unconditioned.frames.narrowed(dim: 0, start: 0, length: 2)
        let d = distance(remade, tailFrames), dFree = distance(free, tailFrames)
        print("\(kind): re-made known frames differ by \(d) (mean |Δ|, [0, 1]); unconditioned: \(dFree)")
        #expect(d < 0.02 && d < dFree * 0.1)

        // Encoded frames (what a chunk gets when its known frames were blended): the final latents of
        // the known positions come back close to the given ones. (A random VAE does not reproduce
        // its input, so frames are not compared here.)
        let encoded = try pipe.encodeFrames(tailFrames)
        let fromFrames = try pipe.continuation(
            prompt: PipelineFixtures.prompt, numFrames: 4, height: 32, width: 32, numInferenceSteps: 4,
            guidanceScale: 9, seed: 43, leading: encoded)
        let knownLatents = try fromFrames.latents.narrowed(dim: 2, start: 0, length: 2)
        let freeLatents = try unconditioned.latents.narrowed(dim: 2, start: 0, length: 2)
        let l = distance(knownLatents, encoded), lFree = distance(freeLatents, encoded)
        print("\(kind): latents of encoded known frames differ by \(l); unconditioned: \(lFree)")
        #expect(l < lFree * 0.25)
    }

    @Test func badLeadingLatentsAreRefused() throws {
        let pipe = try TextToVideoPipeline(components: try Self.components())
        let wrong = try Tensor(shape: [1, 4, 4, 16, 16], repeating: 0)  // as many known frames as the chunk
        #expect(throws: PipelineError.self) {
            _ = try pipe.continuation(
                prompt: "x", numFrames: 4, height: 32, width: 32, numInferenceSteps: 2, guidanceScale: 9, seed: 1,
                leading: wrong)
        }
        let size = try Tensor(shape: [1, 4, 1, 8, 8], repeating: 0)  // a latent grid of another size
        #expect(throws: PipelineError.self) {
            _ = try pipe.continuation(
                prompt: "x", numFrames: 4, height: 32, width: 32, numInferenceSteps: 2, guidanceScale: 9, seed: 1,
                leading: size)
        }
    }
}
