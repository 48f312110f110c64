// An input read as a program of C API calls, the handles it holds, and the argument choices.

import Reflection
import T2VSupport
#if canImport(Glibc)
import Glibc
#endif

/// What an input can call: the opcode byte modulo `Call.allCases.count` picks one.
enum Call: CaseIterable {
    case contextNew, contextConfig, contextFree
    case streamNew, streamStart, streamSendText, streamReceive, streamStop, streamFree, streamStopDuringReceive
    case streamProgress
    case processorNew, processorSet, processorGet, processorProcess, processorFree, processorProgress
    case segmentNew, segmentCopy, segmentRead, segmentFree
    case outputNew, outputWrite, outputClose, outputFree
    case library
}

/// Limits that keep one input cheap (libFuzzer's exec/s) whatever it asks for.
enum Budget {
    /// Calls per input.
    static let maxCalls = 32
    /// Pixels × frames one text may make (a stream's text or a processor's segment): 96×64 at 12 frames.
    static let pixelFrames = 96 * 64 * 12
    /// Threads a context may ask for (0, all online cores, is allowed too).
    static let threads = 8
}

/// A stream handle and what the program knows of its state.
struct StreamSlot {
    enum State { case created, started, stopped }
    var handle: UnsafeMutableRawPointer
    var state = State.created
    /// A progress callback that may cancel it is set: the worker may then stop it by itself.
    var mayCancel = false
}

/// A segment handle, the size of its frames, and its geometry when its metadata is the engine's
/// (made by a stream or processor, or copied from such a segment), so that it must be writable.
struct SegmentSlot {
    var handle: UnsafeMutableRawPointer
    var size: Int
    var geometry: Geometry?
}

struct Geometry: Equatable {
    var width: Int
    var height: Int
    var frameRate: Double
}

/// An output handle: closed, failed (a write or close failed other than by a mismatch, so that
/// later writes may fail too), and the geometry its first segment fixed.
struct OutputSlot {
    var handle: UnsafeMutableRawPointer
    var closed = false
    var failed = false
    var geometry: Geometry?
}

final class Program {
    let bytes: [UInt8]
    var position = 0
    var trace: [String] = []
    let tracing = getenv("T2V_FUZZ_TRACE") != nil

    var contexts = [UnsafeMutableRawPointer?](repeating: nil, count: 4)
    var streams = [StreamSlot?](repeating: nil, count: 4)
    var processors = [(handle: UnsafeMutableRawPointer, mayCancel: Bool)?](repeating: nil, count: 4)
    var segments = [SegmentSlot?](repeating: nil, count: 8)
    var outputs = [OutputSlot?](repeating: nil, count: 4)

    var calls = 0
    var received = 0
    var processed = 0
    var written = 0
    var skipped = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var summary: String {
        "ok: \(calls) calls, \(received) segments received, \(processed) processed, \(written) written, \(skipped) skipped as too costly"
    }

    /// Records a call for the failure trace; with T2V_FUZZ_TRACE set, prints it with the
    /// milliseconds since the input started.
    func note(_ line: String) {
        trace.append(line)
        guard tracing else { return }
        let tenths = Int((now() - started) * 10_000)
        print("  \(tenths / 10).\(tenths % 10) ms  " + line)
    }

    let started = now()

    // MARK: Reading the input

    /// The next byte; 0 past the end.
    func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    func index(_ count: Int) -> Int { Int(byte()) % count }
    func pick<T>(_ options: [T]) -> T { options[index(options.count)] }

    /// A length byte (modulo `max + 1`), then that many bytes (fewer at the end of the input).
    func chunk(max: Int) -> [UInt8] {
        let n = Swift.min(Int(byte()) % (max + 1), bytes.count - Swift.min(position, bytes.count))
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    func uint32() -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(byte()) << (8 * $1) } }
    func double() -> Double { Double(bitPattern: (0..<8).reduce(0) { $0 | UInt64(byte()) << (8 * $1) }) }

    // MARK: Running

    func run() {
        while position < bytes.count && calls < Budget.maxCalls {
            let call = Call.allCases[index(Call.allCases.count)]
            calls += 1
            perform(call)
        }
        freeEverything()
    }

    /// Frees every handle still held: contexts first (their streams and processors keep them
    /// alive), then streams (joining their workers), processors, outputs (closing them), segments.
    func freeEverything() {
        for i in contexts.indices { freeContext(i) }
        for i in streams.indices { freeStream(i) }
        for i in processors.indices { freeProcessor(i) }
        for i in outputs.indices { freeOutput(i) }
        for i in segments.indices { freeSegment(i) }
    }

    func perform(_ call: Call) {
        switch call {
        case .contextNew: contextNew()
        case .contextConfig: contextConfig()
        case .contextFree: freeContext(index(contexts.count))
        case .streamNew: streamNew()
        case .streamStart: streamStart()
        case .streamSendText: streamSendText()
        case .streamReceive: streamReceive()
        case .streamStop: streamStop()
        case .streamFree: freeStream(index(streams.count))
        case .streamStopDuringReceive: streamStopDuringReceive()
        case .streamProgress: streamProgress()
        case .processorNew: processorNew()
        case .processorSet: processorSet()
        case .processorGet: processorGet()
        case .processorProcess: processorProcess()
        case .processorFree: freeProcessor(index(processors.count))
        case .processorProgress: processorProgress()
        case .segmentNew: segmentNew()
        case .segmentCopy: segmentCopy()
        case .segmentRead: segmentRead()
        case .segmentFree: freeSegment(index(segments.count))
        case .outputNew: outputNew()
        case .outputWrite: outputWrite()
        case .outputClose: outputClose()
        case .outputFree: freeOutput(index(outputs.count))
        case .library: library()
        }
    }

    // MARK: Frees (each clears its slot: a handle is never used or freed after its free)

    func freeContext(_ i: Int) {
        guard let handle = contexts[i] else { return }
        note("t2v_context_free(context \(i))")
        t2vContextFree(handle)
        contexts[i] = nil
    }

    func freeStream(_ i: Int) {
        guard let slot = streams[i] else { return }
        note("t2v_stream_free(stream \(i))")
        t2vStreamFree(slot.handle)
        streams[i] = nil
    }

    func freeProcessor(_ i: Int) {
        guard let slot = processors[i] else { return }
        note("t2v_processor_free(processor \(i))")
        t2vProcessorFree(slot.handle)
        processors[i] = nil
    }

    func freeSegment(_ i: Int) {
        guard let slot = segments[i] else { return }
        note("t2v_segment_free(segment \(i))")
        t2vSegmentFree(slot.handle)
        segments[i] = nil
    }

    func freeOutput(_ i: Int) {
        guard let slot = outputs[i] else { return }
        note("t2v_output_free(output \(i))")
        t2vOutputFree(slot.handle)
        outputs[i] = nil
    }

    /// Puts a new segment in slot `i`, freeing the one there.
    func store(_ slot: SegmentSlot, at i: Int) {
        freeSegment(i)
        segments[i] = slot
    }
}

/// Monotonic seconds.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

// MARK: C strings

/// Calls `body` with `bytes` as a NUL-terminated C string (cut at an inner NUL byte), or with NULL.
func withCText<R>(_ bytes: [UInt8]?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let bytes else { return body(nil) }
    let text = bytes.map { CChar(bitPattern: $0) } + [0]
    return text.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// How `bytes` reads as a C string: the text up to the first NUL byte.
func cText(_ bytes: [UInt8]) -> [UInt8] { Array(bytes.prefix { $0 != 0 }) }

/// Whether a stream or processor accepts `bytes` as a text: valid UTF-8, not only whitespace, at
/// most 10,000 characters (Unicode scalars). The rule of the header and README, restated.
func isValidText(_ bytes: [UInt8]?) -> Bool {
    guard let bytes, let text = String(validating: cText(bytes), as: UTF8.self) else { return false }
    let scalars = text.unicodeScalars
    return !scalars.allSatisfy(\.properties.isWhitespace) && scalars.count <= 10_000
}

extension Array where Element == UInt8 {
    var printable: String {
        let text = String(decoding: self, as: UTF8.self)
        return (text.count > 60 ? String(text.prefix(60)) + "…(\(count) bytes)" : text).debugDescription
    }
}
