import Reflection
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 11: values at the edges of what the C surface accepts. Each case used to crash, hang or be
/// accepted wrongly; a crash here takes the test process down, which fails `make test`.
@Suite struct ReliabilityTests {
    /// A 1080p stream: rendering a segment takes long enough that a receive has to wait.
    func waitingStream(_ body: (UnsafeMutableRawPointer) throws -> Void) throws {
        let ctx = try #require(t2vContextNew(#"{"resolution": "1080p", "frame_rate": 30, "seconds_per_text": 0.5}"#))
        defer { t2vContextFree(ctx) }
        let stream = try #require(t2vStreamNew(ctx))
        defer { t2vStreamFree(stream) }
        #expect(t2vStreamStart(stream) == T2V_OK)
        #expect(t2vStreamSendText(stream, "a red kite over a beach at sunset") == T2V_OK)
        try body(stream)
    }

    @Test(arguments: [Double.infinity, .greatestFiniteMagnitude, 1e300, 9.3e18, -Double.infinity, -1])
    func anyTimeoutWaitsWithoutCrashing(timeout: Double) throws {
        try waitingStream { stream in
            var seg: UnsafeMutableRawPointer?
            #expect(t2vStreamReceiveSegment(stream, timeout, &seg) == T2V_OK, "timeout \(timeout)")
            #expect(seg != nil)
            t2vSegmentFree(seg)
        }
    }

    @Test func aNaNTimeoutIsAnError() throws {
        try waitingStream { stream in
            var seg: UnsafeMutableRawPointer?
            #expect(t2vStreamReceiveSegment(stream, .nan, &seg) == T2V_ERR_INVALID_ARGUMENT)
            #expect(seg == nil)
            #expect(t2vLastError().map { String(cString: $0) }?.contains("NaN") == true)
        }
    }
}
