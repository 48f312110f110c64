import Testing
@testable import T2VEngine

/// The streaming pipeline of a model with a native format (NativeTrack), tested with a fake model
/// and no weights: which chunks it asks for, what it hands each chunk to continue, how overlaps are
/// crossfaded within a text and only continued across a text change (the rules written at the top
/// of Streaming/NativeTrack.swift).
@Suite struct ChunkPlanningTests {
    func run(_ texts: [String], model: FakeNativeModel, settings: Settings = fakeSettings()) throws -> [Segment] {
        let timeline = try Timeline(settings: settings, model: model, seed: 7)
        var segments: [Segment] = []
        for text in texts {
            try timeline.run(text: text, progress: { _, _, _ in true }, deliver: { segments.append($0); return true })
        }
        return segments
    }

    @Test func chunksOverlapAndStayInsideTheText() throws {
        let model = FakeNativeModel()  // chunks of 4 frames, 2 shared; a text is 8 model frames
        let segments = try run(["a kite"], model: model)
        #expect(model.requests.map(\.startFrame) == [0, 2, 4])
        #expect(model.requests.map(\.frameCount) == [4, 4, 4])
        #expect(model.requests.map(\.conditioningFrameCount) == [0, 2, 2])
        #expect(model.requests.map(\.chunkIndex) == [0, 1, 2])
        #expect(segments.map { $0.bytes.count / (16 * 16 * 3) } == [4, 4])
    }

    @Test func eachChunkContinuesTheFramesItShares() throws {
        let model = FakeNativeModel()
        _ = try run(["a kite"], model: model)
        let frameBytes = 16 * 16 * 3
        // Chunk 1 continues model frames 2 and 3 as chunk 0 made them; chunk 2 frames 4 and 5 of chunk 1.
        let first = model.requests[1].conditioningFrames
        #expect(first.count == 2 * frameBytes)
        #expect(first[0] == FakeNativeModel.level(chunk: 0, frame: 2) && first[frameBytes] == FakeNativeModel.level(chunk: 0, frame: 3))
        let second = model.requests[2].conditioningFrames
        #expect(second[0] == FakeNativeModel.level(chunk: 1, frame: 2) && second[frameBytes] == FakeNativeModel.level(chunk: 1, frame: 3))
    }

    @Test func sharedFramesAreCrossfadedWithinAText() throws {
        let segments = try run(["a kite"], model: FakeNativeModel())
        // Frames 2 and 3: chunk 0 (32, 33) → chunk 1 (60, 61) with weights 1/3 and 2/3; frames 4 and 5:
        // chunk 1 (62, 63) → chunk 2 (90, 91); the rest as made.
        #expect(levels(segments) == [30, 31, 41, 52, 71, 82, 92, 93])
    }

    @Test func aNewTextContinuesThePreviousOneWithoutBlendingIntoIt() throws {
        let model = FakeNativeModel()
        let segments = try run(["a kite", "a boat"], model: model)
        #expect(model.requests.map(\.prompt) == ["a kite", "a kite", "a kite", "a boat", "a boat", "a boat", "a boat"])
        // The first chunk of the second text starts 2 frames back, in the first text, and continues them.
        #expect(model.requests[3].startFrame == 6 && model.requests[3].conditioningFrameCount == 2)
        #expect(model.requests[3].conditioningFrames.first == FakeNativeModel.level(chunk: 2, frame: 2))
        #expect(model.requests.map(\.startFrame) == [0, 2, 4, 6, 8, 10, 12])
        let all = levels(segments)
        #expect(all.count == 16)
        // The first text's last frames stay as chunk 2 made them (no blend with the new text).
        #expect(Array(all[6..<8]) == [92, 93])
        // Model frame 8 is chunk 3's frame 2 (122) crossfaded into chunk 4's frame 0 (150) at 1/3.
        #expect(all[8] == 131)
    }

    @Test func aShortTextNeedsNoMoreThanOneChunk() throws {
        let model = FakeNativeModel(framesPerChunk: 16, overlapFrames: 8)
        let segments = try run(["a kite"], model: model, settings: fakeSettings { $0.secondsPerText = 0.5 })
        // 4 model frames for the text: one chunk, cut to the text's length.
        #expect(model.requests.map(\.frameCount) == [4])
        #expect(levels(segments) == [30, 31, 32, 33])
    }

    @Test func aLowerOutputRateSkipsModelFramesAndAHigherOneBlendsThem() throws {
        let slow = try run(["a kite"], model: FakeNativeModel(), settings: fakeSettings { $0.frameRate = 4 })
        #expect(levels(slow) == [30, 41, 71, 92])
        let fast = try run(["a kite"], model: FakeNativeModel(), settings: fakeSettings { $0.frameRate = 16 })
        // Halfway positions are the rounded mean of their neighbours: (30 + 31) / 2 → 31 (30.5 rounds up).
        #expect(Array(levels(fast).prefix(4)) == [30, 31, 31, 36])
    }

    @Test func progressCountsTheStepsOfTheChunksASegmentNeeds() throws {
        let model = FakeNativeModel(steps: 3)
        let timeline = try Timeline(settings: fakeSettings(), model: model, seed: 1)
        var reports: [(Int64, Int, Int)] = []
        try timeline.run(text: "a kite", progress: { reports.append(($0, $1, $2)); return true }, deliver: { _ in true })
        // Segment 0 needs chunks 0 and 1 (6 steps), segment 1 chunk 2 (3 steps).
        #expect(reports.filter { $0.0 == 0 }.map(\.2).allSatisfy { $0 == 6 })
        #expect(reports.filter { $0.0 == 0 }.last.map { $0.1 } == 6)
        #expect(reports.filter { $0.0 == 1 }.map(\.1) == [1, 2, 3])
    }

    @Test func cancellingStopsBeforeTheNextChunk() throws {
        let model = FakeNativeModel()
        let timeline = try Timeline(settings: fakeSettings(), model: model, seed: 1)
        var delivered = 0
        #expect(throws: T2VError.self) {
            try timeline.run(text: "a kite", progress: { _, done, _ in done < 2 }, deliver: { _ in delivered += 1; return true })
        }
        #expect(model.requests.count == 1)
        #expect(delivered == 0)
    }
}
