// What must hold after every C API call, whatever the calls before it; a failure aborts with the
// call trace (libFuzzer then saves the input as a crash).

import Reflection
import T2VSupport
#if canImport(Glibc)
import Glibc
#endif

/// The header's status codes (include/reflection.h).
enum T2V {
    static let ok: Int32 = 0
    static let errInvalidArgument: Int32 = 1
    static let errType: Int32 = 2
    static let errState: Int32 = 3
    static let errIO: Int32 = 4
    static let errSegmentMismatch: Int32 = 5
    static let errEngine: Int32 = 6
    static let errCancelled: Int32 = 7
    static let endOfStream: Int32 = 8
    static let timeout: Int32 = 9
    static let errUnsupported: Int32 = 10
    static let known: ClosedRange<Int32> = 0...10
}

/// The thread's last error as Swift text; fails the check when it is not valid UTF-8.
func lastErrorText(_ program: Program) -> String {
    guard let p = t2vLastError() else { program.fail("t2v_last_error() returned NULL") }
    guard let text = String(validatingCString: p) else { program.fail("t2v_last_error() is not valid UTF-8") }
    return text
}

extension Program {
    /// Aborts with `message` and the calls made so far.
    func fail(_ message: String) -> Never {
        let trace = self.trace.suffix(40).joined(separator: "\n  ")
        fatalError("t2v-fuzz-capi: \(message)\ncalls (last 40):\n  \(trace)")
    }

    /// A status-returning call's result: one of the header's codes; `allowed` are the codes this
    /// call may return; an error status (anything but T2V_OK and T2V_END_OF_STREAM) leaves
    /// t2v_last_status() equal to it and t2v_last_error() non-empty.
    func checkStatus(_ call: String, _ status: Int32, allowed: Set<Int32>? = nil) {
        note("\(call) -> \(status)")
        guard T2V.known.contains(status) else { fail("\(call) returned \(status), not a status code of the header") }
        if let allowed, !allowed.contains(status) {
            fail("\(call) returned \(status) (\(String(cString: t2vStatusString(status)!))); expected one of \(allowed.sorted())")
        }
        if status != T2V.ok && status != T2V.endOfStream {
            let last = t2vLastStatus()
            guard last == status else { fail("\(call) returned \(status) but t2v_last_status() is \(last)") }
            guard !lastErrorText(self).isEmpty else { fail("\(call) returned \(status) with an empty t2v_last_error()") }
        }
    }

    /// A handle-returning call's result: NULL leaves an error status (not T2V_OK, T2V_END_OF_STREAM
    /// or T2V_TIMEOUT) in t2v_last_status() and a non-empty t2v_last_error().
    func checkHandle(_ call: String, _ handle: UnsafeMutableRawPointer?) {
        guard handle == nil else {
            note("\(call) -> handle")
            return
        }
        let last = t2vLastStatus()
        let message = lastErrorText(self)
        note("\(call) -> NULL (\(last): \(message.prefix(100)))")
        guard T2V.known.contains(last), last != T2V.ok, last != T2V.endOfStream, last != T2V.timeout else {
            fail("\(call) returned NULL with t2v_last_status() \(last)")
        }
        guard !message.isEmpty else { fail("\(call) returned NULL with an empty t2v_last_error()") }
    }

    /// A `char *` result: on success valid UTF-8 JSON (an object when `object`), returned with its
    /// parsed value; NULL is checked as `checkHandle` does. The string is freed here.
    func takeJSON(_ call: String, _ text: UnsafeMutablePointer<CChar>?, object: Bool) -> (text: String, value: JSONValue)? {
        guard let text else {
            checkHandle(call, nil)
            return nil
        }
        defer { t2vStringFree(text) }
        guard let string = String(validatingCString: text) else { fail("\(call) returned text that is not valid UTF-8") }
        guard let value = try? JSONValue.parse(string) else { fail("\(call) returned text that is not JSON: \(string.prefix(200))") }
        if object, value.objectMembers == nil { fail("\(call) returned JSON that is not an object: \(string.prefix(200))") }
        note("\(call) -> \(string.prefix(120))")
        return (string, value)
    }
}

/// The size of an engine-made segment's frames from its metadata (width × height × 3 × num_frames).
func declaredBytes(_ metadata: JSONValue) -> Int? {
    guard let w = metadata["width"]?.nonNegativeInt, let h = metadata["height"]?.nonNegativeInt,
        let n = metadata["num_frames"]?.nonNegativeInt
    else { return nil }
    return w * h * 3 * n
}
