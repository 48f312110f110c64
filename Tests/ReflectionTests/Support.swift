import Foundation
import Reflection
#if canImport(Glibc)
import Glibc
#endif

// Small helpers over the C surface: the tests call the exported t2v_ functions exactly as a C
// program would (through their Swift names), never the engine directly.

let T2V_OK: Int32 = 0
let T2V_ERR_INVALID_ARGUMENT: Int32 = 1
let T2V_ERR_TYPE: Int32 = 2
let T2V_ERR_STATE: Int32 = 3
let T2V_ERR_SEGMENT_MISMATCH: Int32 = 5
let T2V_ERR_CANCELLED: Int32 = 7
let T2V_END_OF_STREAM: Int32 = 8
let T2V_TIMEOUT: Int32 = 9
let T2V_ERR_UNSUPPORTED: Int32 = 10

var lastError: String { String(cString: t2vLastError()!) }

/// Takes a `char *` result, frees it, returns its text.
func take(_ p: UnsafeMutablePointer<CChar>?) -> String? {
    guard let p else { return nil }
    defer { t2vStringFree(p) }
    return String(cString: p)
}

/// A small, fast configuration for tests; `extra` holds `"key": value` pairs that replace or add keys.
func smallConfig(_ extra: String = "") -> String {
    configJSON([
        ("resolution", "\"64x48\""), ("frame_rate", "10"), ("seconds_per_text", "1.0"), ("segment_seconds", "0.5"),
    ], extra)
}

/// A configuration object from `base` (key, JSON value) pairs, with the `"key": value, ...` pairs
/// of `extra` replacing or adding keys.
func configJSON(_ base: [(String, String)], _ extra: String) -> String {
    var pairs = base
    for item in extra.split(separator: ",") where !item.isEmpty {
        let kv = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let key = kv[0].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        pairs.removeAll { $0.0 == key }
        pairs.append((key, kv[1]))
    }
    return "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

/// A short fingerprint of frames, so failures print a number rather than megabytes.
func digest(_ data: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

struct ReceivedSegment {
    var data: [UInt8]
    var metadata: String
}

func copySegment(_ seg: UnsafeMutableRawPointer) -> ReceivedSegment {
    var size: UInt = 0
    let data = t2vSegmentData(seg, &size)
    let bytes = Array(UnsafeBufferPointer(start: data, count: Int(size)))
    return ReceivedSegment(data: bytes, metadata: take(t2vSegmentMetadata(seg)) ?? "")
}

/// Runs a whole stream: sends `texts`, receives until the end, returns the segments.
func runStream(config: String, texts: [String]) -> [ReceivedSegment] {
    guard let ctx = t2vContextNew(config) else { return [] }
    defer { t2vContextFree(ctx) }
    guard let stream = t2vStreamNew(ctx) else { return [] }
    defer { t2vStreamFree(stream) }
    guard t2vStreamStart(stream) == T2V_OK else { return [] }
    for t in texts { _ = t2vStreamSendText(stream, t) }
    var out: [ReceivedSegment] = []
    var seg: UnsafeMutableRawPointer?
    while t2vStreamReceiveSegment(stream, 60, &seg) == T2V_OK, let s = seg {
        out.append(copySegment(s))
        t2vSegmentFree(s)
    }
    return out
}

/// A numeric field of a compact JSON object string (enough for the metadata the library writes).
func field(_ json: String, _ key: String) -> Double? {
    guard let r = json.range(of: "\"\(key)\":") else { return nil }
    let rest = json[r.upperBound...].prefix { "0123456789.-e".contains($0) }
    return Double(rest)
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` on `count` threads at once and waits for all of them.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Job { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
    var threads: [pthread_t] = []
    for i in 0..<count {
        let job = Unmanaged.passRetained(Job { body(i) }).toOpaque()
        var t = pthread_t()
        pthread_create(&t, nil, { raw in
            Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, job)
        threads.append(t)
    }
    for t in threads { pthread_join(t, nil) }
}
