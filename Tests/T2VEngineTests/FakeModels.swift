import Synchronization
@testable import T2VEngine

/// A model with a native format whose frames are flat grey levels that say which chunk and which
/// frame of it they are: frame `o` of chunk `k` is `30·(k+1) + o` everywhere. It records every
/// request, so a test can check what the streaming pipeline asked for and handed over.
final class FakeNativeModel: VideoModel, @unchecked Sendable {
    let name = "fake-native"
    let nativeFormat: NativeFormat?
    var conditioningFrameCount: Int { nativeFormat?.overlapFrames ?? 0 }
    private(set) var requests: [ChunkRequest] = []
    /// Denoising "steps" reported per chunk through `progress`.
    let steps: Int

    init(size: Int = 16, frameRate: Double = 8, framesPerChunk: Int = 4, overlapFrames: Int = 2, steps: Int = 2) {
        nativeFormat = NativeFormat(
            width: size, height: size, frameRate: frameRate, framesPerChunk: framesPerChunk, overlapFrames: overlapFrames)
        self.steps = steps
    }

    static func level(chunk: Int64, frame: Int) -> UInt8 { UInt8(30 * (Int(chunk) + 1) + frame) }

    func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws {
        requests.append(request)
        for step in 1...steps where !progress(step, steps) {
            throw T2VError.cancelled("generation was cancelled")
        }
        let frameBytes = request.width * request.height * 3
        for o in 0..<request.frameCount {
            (pixels + o * frameBytes).initialize(repeating: FakeNativeModel.level(chunk: request.chunkIndex, frame: o), count: frameBytes)
        }
    }
}

/// A model that renders any size and rate (like the built-in one) and wants the last `keep`
/// frames of the previous segment: each frame is the grey level of its timeline frame number.
final class FakeAnySizeModel: VideoModel, @unchecked Sendable {
    let name = "fake-any"
    let nativeFormat: NativeFormat? = nil
    let conditioningFrameCount: Int
    private(set) var requests: [ChunkRequest] = []

    init(keep: Int) { conditioningFrameCount = keep }

    func generate(_ request: ChunkRequest, into pixels: UnsafeMutablePointer<UInt8>, progress: ChunkProgress) throws {
        requests.append(request)
        let frameBytes = request.width * request.height * 3
        for o in 0..<request.frameCount {
            guard progress(o + 1, request.frameCount) else { throw T2VError.cancelled("generation was cancelled") }
            (pixels + o * frameBytes).initialize(repeating: UInt8(truncatingIfNeeded: request.startFrame + Int64(o)), count: frameBytes)
        }
    }
}

/// Resources that hand out one prepared model (and count how often one was asked for).
final class FakeResources: ModelResources, @unchecked Sendable {
    let make: () -> VideoModel
    let made = Atomic<Int>(0)
    init(_ make: @escaping () -> VideoModel) { self.make = make }
    func validate(_ settings: Settings) throws {}
    func makeModel(_ settings: Settings) throws -> VideoModel {
        made.add(1, ordering: .relaxed)
        return make()
    }
}

/// Settings for the fakes: 16×16 output at 8 frames/s, 1 s per text in segments of 0.5 s.
func fakeSettings(_ change: (inout Settings) -> Void = { _ in }) -> Settings {
    var s = Settings()
    (s.width, s.height, s.resolution) = (16, 16, "16x16")
    s.frameRate = 8
    s.modelFrameRate = 8
    s.secondsPerText = 1
    s.segmentSeconds = 0.5
    s.transitionSeconds = 0
    change(&s)
    return s
}

/// The grey level of each frame of `segments` (frames are flat).
func levels(_ segments: [Segment]) -> [UInt8] {
    segments.flatMap { segment -> [UInt8] in
        let frameBytes = 16 * 16 * 3
        return stride(from: 0, to: segment.bytes.count, by: frameBytes).map { segment.bytes[$0] }
    }
}
