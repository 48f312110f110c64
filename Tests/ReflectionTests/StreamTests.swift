import Reflection
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct StreamTests {
    @Test func segmentsContinueEachOtherAcrossTexts() {
        let segs = runStream(config: smallConfig(), texts: ["a red kite over a beach", "a boat on a lake at night"])
        #expect(segs.count == 4)
        var expectedStart = 0.0
        for (i, s) in segs.enumerated() {
            #expect(field(s.metadata, "index") == Double(i))
            #expect(field(s.metadata, "num_frames") == 5)
            #expect(abs((field(s.metadata, "start_time") ?? -1) - expectedStart) < 1e-9)
            #expect(s.data.count == 64 * 48 * 3 * 5)
            expectedStart += field(s.metadata, "duration") ?? 0
        }
        #expect(segs[0].metadata.contains("\"text\":\"a red kite over a beach\""))
        #expect(segs[3].metadata.contains("\"text\":\"a boat on a lake at night\""))
        #expect(segs[0].metadata.contains("\"model\":\"builtin\""))
    }

    @Test func sameInputsGiveSameBytesAndDifferentTextsDiffer() {
        let a = runStream(config: smallConfig(), texts: ["three birds fly to the left"])
        let b = runStream(config: smallConfig(), texts: ["three birds fly to the left"])
        let c = runStream(config: smallConfig(), texts: ["three birds fly to the right"])
        let d = runStream(config: smallConfig("\"seed\": 43"), texts: ["three birds fly to the left"])
        #expect(a.count == 2 && b.count == 2 && c.count == 2)
        #expect(a.map { digest($0.data) } == b.map { digest($0.data) })
        #expect(a.map { digest($0.data) } != c.map { digest($0.data) })
        #expect(a.map { digest($0.data) } != d.map { digest($0.data) })
    }

    @Test func receiveEndsWhenEverythingIsDeliveredAndAfterStop() throws {
        let ctx = try #require(t2vContextNew(smallConfig()))
        defer { t2vContextFree(ctx) }
        let stream = try #require(t2vStreamNew(ctx))
        defer { t2vStreamFree(stream) }
        var seg: UnsafeMutableRawPointer?
        #expect(t2vStreamReceiveSegment(stream, -1, &seg) == T2V_END_OF_STREAM, "not started: nothing to wait for")
        #expect(t2vStreamStart(stream) == T2V_OK)
        #expect(t2vStreamReceiveSegment(stream, -1, &seg) == T2V_END_OF_STREAM, "nothing sent")
        #expect(t2vStreamSendText(stream, "a cat") == T2V_OK)
        #expect(t2vStreamReceiveSegment(stream, -1, &seg) == T2V_OK)
        t2vSegmentFree(seg)
        #expect(t2vStreamReceiveSegment(stream, -1, &seg) == T2V_OK)
        t2vSegmentFree(seg)
        #expect(t2vStreamReceiveSegment(stream, -1, &seg) == T2V_END_OF_STREAM)
        // More text after the end: the stream carries on.
        #expect(t2vStreamSendText(stream, "a dog") == T2V_OK)
        #expect(t2vStreamReceiveSegment(stream, -1, &seg) == T2V_OK)
        #expect(field(copySegment(seg!).metadata, "index") == 2)
        t2vSegmentFree(seg)
        #expect(t2vStreamStop(stream) == T2V_OK)
        #expect(t2vStreamReceiveSegment(stream, -1, &seg) == T2V_END_OF_STREAM)
        #expect(t2vStreamStart(stream) == T2V_ERR_STATE)
    }

    @Test func badTextIsRefused() throws {
        let ctx = try #require(t2vContextNew(smallConfig()))
        defer { t2vContextFree(ctx) }
        let stream = try #require(t2vStreamNew(ctx))
        defer { t2vStreamFree(stream) }
        #expect(t2vStreamStart(stream) == T2V_OK)
        #expect(t2vStreamSendText(stream, "") == T2V_ERR_INVALID_ARGUMENT)
        #expect(lastError.contains("empty"))
        #expect(t2vStreamSendText(stream, String(repeating: "a", count: 10_001)) == T2V_ERR_INVALID_ARGUMENT)
        #expect(lastError.contains("10000"))
        #expect(t2vStreamSendText(stream, String(repeating: "é", count: 10_000)) == T2V_OK)
        let invalid: [CChar] = [0x61, CChar(bitPattern: 0xC3), 0x28, 0]
        #expect(t2vStreamSendText(stream, invalid) == T2V_ERR_INVALID_ARGUMENT)
        #expect(lastError.contains("UTF-8"))
        #expect(t2vStreamReceiveSegment(stream, -1, nil) == T2V_ERR_INVALID_ARGUMENT)
        #expect(t2vStreamReceiveSegment(stream, .nan, nil) == T2V_ERR_INVALID_ARGUMENT)
    }

    /// A progress callback that blocks the worker until the test lets it go.
    final class Gate: @unchecked Sendable {
        var mutex = pthread_mutex_t()
        var open = false
        var calls = 0
        var maxSegment: Int64 = -1
        init() { pthread_mutex_init(&mutex, nil) }
        var pointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
        static let callback: T2VProgressCallback = { index, _, _, user in
            let gate = Unmanaged<Gate>.fromOpaque(user!).takeUnretainedValue()
            while true {
                pthread_mutex_lock(&gate.mutex)
                gate.calls += 1
                gate.maxSegment = max(gate.maxSegment, index)
                let open = gate.open
                pthread_mutex_unlock(&gate.mutex)
                if open { return true }
                usleep(1000)
            }
        }
        func release() {
            pthread_mutex_lock(&mutex)
            open = true
            pthread_mutex_unlock(&mutex)
        }
    }

    @Test func timeoutWhileTheWorkerIsBusy() throws {
        let ctx = try #require(t2vContextNew(smallConfig()))
        defer { t2vContextFree(ctx) }
        let stream = try #require(t2vStreamNew(ctx))
        defer { t2vStreamFree(stream) }
        let gate = Gate()
        #expect(t2vStreamSetProgressCallback(stream, Gate.callback, gate.pointer) == T2V_OK)
        #expect(t2vStreamStart(stream) == T2V_OK)
        #expect(t2vStreamSendText(stream, "a slow snail") == T2V_OK)
        var seg: UnsafeMutableRawPointer?
        #expect(t2vStreamReceiveSegment(stream, 0.05, &seg) == T2V_TIMEOUT)
        #expect(seg == nil)
        gate.release()
        #expect(t2vStreamReceiveSegment(stream, 30, &seg) == T2V_OK)
        t2vSegmentFree(seg)
    }

    @Test func workerStaysAtMostTheBufferLimitAhead() throws {
        let ctx = try #require(t2vContextNew(smallConfig("\"seconds_per_text\": 3.0, \"max_buffered_segments\": 1")))
        defer { t2vContextFree(ctx) }
        let stream = try #require(t2vStreamNew(ctx))
        defer { t2vStreamFree(stream) }
        let gate = Gate()
        gate.release()
        #expect(t2vStreamSetProgressCallback(stream, Gate.callback, gate.pointer) == T2V_OK)
        #expect(t2vStreamStart(stream) == T2V_OK)
        #expect(t2vStreamSendText(stream, "a long walk") == T2V_OK)  // 6 segments
        usleep(300_000)
        pthread_mutex_lock(&gate.mutex)
        let ahead = gate.maxSegment
        pthread_mutex_unlock(&gate.mutex)
        // Segment 0 waits in the buffer, segment 1 is made and waits to be delivered; no more.
        #expect(ahead == 1)
        var seg: UnsafeMutableRawPointer?
        var n = 0
        while t2vStreamReceiveSegment(stream, 30, &seg) == T2V_OK {
            t2vSegmentFree(seg)
            n += 1
        }
        #expect(n == 6)
    }

    @Test func callbackReturningFalseCancelsAndIsReportedOnce() throws {
        let ctx = try #require(t2vContextNew(smallConfig()))
        defer { t2vContextFree(ctx) }
        let stream = try #require(t2vStreamNew(ctx))
        defer { t2vStreamFree(stream) }
        let refuse: T2VProgressCallback = { _, _, _, _ in false }
        #expect(t2vStreamSetProgressCallback(stream, refuse, nil) == T2V_OK)
        #expect(t2vStreamStart(stream) == T2V_OK)
        #expect(t2vStreamSendText(stream, "a fox") == T2V_OK)
        var seg: UnsafeMutableRawPointer?
        #expect(t2vStreamReceiveSegment(stream, 30, &seg) == T2V_ERR_CANCELLED)
        #expect(lastError.contains("progress callback"))
        #expect(t2vStreamReceiveSegment(stream, 30, &seg) == T2V_END_OF_STREAM)
        #expect(t2vStreamSendText(stream, "more") == T2V_ERR_STATE)
    }

    @Test func stopCancelsMidChunkPromptly() throws {
        // One 20 s segment at 1080p (600 frames) takes far longer than the bound below to make.
        let ctx = try #require(t2vContextNew("{\"resolution\": \"1080p\", \"frame_rate\": 30, \"seconds_per_text\": 20, \"segment_seconds\": 20}"))
        defer { t2vContextFree(ctx) }
        let stream = try #require(t2vStreamNew(ctx))
        defer { t2vStreamFree(stream) }
        let gate = Gate()
        gate.release()
        #expect(t2vStreamSetProgressCallback(stream, Gate.callback, gate.pointer) == T2V_OK)
        #expect(t2vStreamStart(stream) == T2V_OK)
        #expect(t2vStreamSendText(stream, "a city street at night in the rain") == T2V_OK)
        while true {
            pthread_mutex_lock(&gate.mutex)
            let calls = gate.calls
            pthread_mutex_unlock(&gate.mutex)
            if calls > 0 { break }
            usleep(1000)
        }
        let t0 = monotonicSeconds()
        #expect(t2vStreamStop(stream) == T2V_OK)
        let elapsed = monotonicSeconds() - t0
        #expect(elapsed < 5, "stop took \(elapsed) s")
        pthread_mutex_lock(&gate.mutex)
        let calls = gate.calls
        pthread_mutex_unlock(&gate.mutex)
        #expect(calls < 600, "stopped before the chunk was complete")
        var seg: UnsafeMutableRawPointer?
        #expect(t2vStreamReceiveSegment(stream, 1, &seg) == T2V_END_OF_STREAM)
    }
}

@Suite struct Concurrency {
    @Test func severalStreamsOnOneContextFromSeveralThreads() throws {
        let config = smallConfig("\"threads\": 1")
        let texts = ["a red kite", "a blue whale swims", "two horses run right", "snow falls on a village"]
        // Reference bytes, one stream at a time.
        let expected = texts.map { runStream(config: config, texts: [$0]).map { digest($0.data) } }
        let ctx = try #require(t2vContextNew(config))
        defer { t2vContextFree(ctx) }
        final class Results: @unchecked Sendable {
            var mutex = pthread_mutex_t()
            var data: [[UInt64]]
            init(_ n: Int) { data = Array(repeating: [], count: n); pthread_mutex_init(&mutex, nil) }
        }
        let results = Results(texts.count)
        let shared = UnsafeSendable(ctx)
        onThreads(texts.count) { i in
            guard let stream = t2vStreamNew(shared.value) else { return }
            defer { t2vStreamFree(stream) }
            _ = t2vStreamStart(stream)
            _ = t2vStreamSendText(stream, texts[i])
            var got: [UInt64] = []
            var seg: UnsafeMutableRawPointer?
            while t2vStreamReceiveSegment(stream, 60, &seg) == T2V_OK, let s = seg {
                got.append(digest(copySegment(s).data))
                t2vSegmentFree(s)
            }
            pthread_mutex_lock(&results.mutex)
            results.data[i] = got
            pthread_mutex_unlock(&results.mutex)
        }
        for i in texts.indices {
            #expect(results.data[i].count == 2)
            #expect(results.data[i] == expected[i], "stream \(i) gave other bytes when run alongside others")
        }
    }

    @Test func stopFromAnotherThreadWakesABlockedReceive() throws {
        let ctx = try #require(t2vContextNew(smallConfig()))
        defer { t2vContextFree(ctx) }
        let stream = try #require(t2vStreamNew(ctx))
        defer { t2vStreamFree(stream) }
        let gate = StreamTests.Gate()  // never opened: the worker stays inside the first frame
        #expect(t2vStreamSetProgressCallback(stream, StreamTests.Gate.callback, gate.pointer) == T2V_OK)
        #expect(t2vStreamStart(stream) == T2V_OK)
        #expect(t2vStreamSendText(stream, "an owl") == T2V_OK)
        let s = UnsafeSendable(stream)
        final class Box: @unchecked Sendable { var status: Int32 = -1 }
        let box = Box()
        onThreads(2) { i in
            if i == 0 {
                var seg: UnsafeMutableRawPointer?
                box.status = t2vStreamReceiveSegment(s.value, -1, &seg)
            } else {
                usleep(100_000)
                gate.release()  // let the worker reach its next cancellation point
                _ = t2vStreamStop(s.value)
            }
        }
        #expect(box.status == T2V_END_OF_STREAM || box.status == T2V_OK)
    }
}

struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
