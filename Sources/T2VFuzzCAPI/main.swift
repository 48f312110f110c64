// t2v-fuzz-capi — fuzz target and corpus replayer for sequences of C API calls.
//
// An input is a program: each call is an opcode byte (modulo the number of calls, `Call`) and the
// bytes its arguments take (Program.swift reads them; past the end every byte reads as 0). At most
// `Budget.maxCalls` (32) calls run; then everything still held is freed, so nothing accumulates
// between inputs.
// The calls are the exported functions themselves (the Swift names of the `@c` functions of the
// Reflection target): contexts from fixed and fuzzed configurations, streams (start, send_text,
// receive_segment with any timeout, stop, a stop from another thread during a receive without a
// limit), processors (parameters, process_text), segments (new, data, metadata), outputs in a
// private folder (.mp4, .mkv, .y4m and bad extensions), progress callbacks, and frees in any order.
//
// Handles live in small slot arrays and are set to nil when freed, so no call ever gets a freed
// handle or frees one twice: what the C API's contract asks of a caller (include/reflection.h).
// Checks.swift holds what must hold whatever the calls: status codes are the header's, an error
// status leaves t2v_last_error() non-empty and t2v_last_status() equal to it, state rules (a
// stopped stream yields no segment), round trips of configurations, parameters and metadata.
// A failed check aborts with the call trace.
//
// Cost: only contexts on the built-in model whose texts make at most `Budget.pixelFrames` pixels ×
// frames (and use at most 8 threads) are kept; the others are freed at once. A processor's process_text runs
// only under the same budget for its current parameters. So every wait for a segment, even one
// without a limit, is bounded by making one small segment.
//
// Seeds: Tests/Fixtures/fuzz-capi/, written by tools/make_fuzz_capi_seeds.py (which names the calls).
// Normal build: `t2v-fuzz-capi FILE...` replays files (T2V_FUZZ_TRACE=1 prints every call).
// libFuzzer build: as the other fuzzers (`make fuzz`), with -DT2V_LIBFUZZER -sanitize=fuzzer,address.

import T2VFuzzDriver
import T2VSupport

/// Runs one input as a program; returns a one-line summary.
func exercise(_ bytes: [UInt8]) -> String {
    let program = Program(bytes)
    program.run()
    return program.summary
}

fuzzMain(usage: "usage: t2v-fuzz-capi FILE...   (replays files as C API call sequences; T2V_FUZZ_TRACE=1 prints each call)", exercise)
