import Testing
@testable import T2VEngine

/// The timeline of a model that renders any size and rate (as the built-in one does): segment
/// lengths, the frames handed from one segment to the next, text changes; and a stream over a fake
/// model's resources (stop, backpressure) — all without weights.
@Suite struct TimelineTests {
    @Test func textsAreCutIntoSegmentsAndTheLastOneIsShorter() throws {
        let model = FakeAnySizeModel(keep: 0)
        let settings = fakeSettings { $0.secondsPerText = 1.25 }  // 10 frames: 4 + 4 + 2
        let timeline = try Timeline(settings: settings, model: model, seed: 3)
        #expect(timeline.segmentLengths() == [4, 4, 2])
        var segments: [Segment] = []
        try timeline.run(text: "a", progress: { _, _, _ in true }, deliver: { segments.append($0); return true })
        #expect(levels(segments) == Array(0..<10))
        #expect(segments.map { $0.metadata["index"] } == [.int(0), .int(1), .int(2)])
    }

    @Test func eachSegmentGetsTheLastFramesOfTheOneBefore() throws {
        let model = FakeAnySizeModel(keep: 2)
        let timeline = try Timeline(settings: fakeSettings(), model: model, seed: 3)
        try timeline.run(text: "a", progress: { _, _, _ in true }, deliver: { _ in true })
        try timeline.run(text: "b", progress: { _, _, _ in true }, deliver: { _ in true })
        #expect(model.requests.map(\.startFrame) == [0, 4, 8, 12])
        #expect(model.requests.map(\.conditioningFrameCount) == [0, 2, 2, 2])
        #expect(model.requests[1].conditioningFrames.first == 2)  // frames 2 and 3 of segment 0
        // The second text knows the first as its previous prompt, and when it began.
        #expect(model.requests[2].previousPrompt == "a" && model.requests[2].promptStartFrame == 8)
        #expect(model.requests[0].previousPrompt == nil)
    }

    @Test func aStreamOverFakeResourcesDeliversEveryTextAndStopsPromptly() throws {
        let resources = FakeResources { FakeAnySizeModel(keep: 0) }
        let context = try Context(settings: fakeSettings(), resources: resources)
        let stream = Stream(context: context)
        try stream.start()
        try stream.send("a")
        try stream.send("b")
        var frames = 0
        while case .segment(let segment) = try stream.receive(timeout: 10) { frames += segment.bytes.count / (16 * 16 * 3) }
        #expect(frames == 16)
        #expect(resources.made.load(ordering: .relaxed) == 1)
        stream.stop()
        stream.stop()  // idempotent
        #expect(throws: T2VError.self) { try stream.send("c") }
    }

    @Test func stopCancelsAChunkInProgress() throws {
        // A model whose chunk would never end unless cancelled: progress reports until told to stop.
        final class Endless: VideoModel, @unchecked Sendable {
            let name = "endless"
            let nativeFormat: NativeFormat? = nil
            let conditioningFrameCount = 0
            func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws {
                var step = 0
                while progress(step, Int.max) { step += 1 }
                throw T2VError.cancelled("generation was cancelled")
            }
        }
        let context = try Context(settings: fakeSettings(), resources: FakeResources { Endless() })
        let stream = Stream(context: context)
        try stream.start()
        try stream.send("never ends")
        #expect(try { if case .timeout = try stream.receive(timeout: 0.05) { return true } else { return false } }())
        stream.stop()  // returns only once the worker has ended
        #expect(try { if case .end = try stream.receive(timeout: 0) { return true } else { return false } }())
    }
}
