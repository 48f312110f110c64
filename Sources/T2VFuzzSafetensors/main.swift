// t2v-fuzz-safetensors — fuzz target and corpus replayer for the safetensors reader.
//
// Normal build: `t2v-fuzz-safetensors FILE...` opens each file with SafeTensorsFile, reads every
// tensor, and prints the outcome; exit status 0 (errors are expected outcomes, crashes are not).
//
// libFuzzer build (SwiftPM replaces `main`, so the driver is started by hand):
//   swift build -c debug --product t2v-fuzz-safetensors -Xswiftc -DT2V_LIBFUZZER \
//       -Xswiftc -sanitize=fuzzer,address
//   SWIFT_BACKTRACE=enable=no .build/debug/t2v-fuzz-safetensors -max_total_time=300 CORPUS_DIR
// Each input is parsed from memory with SafeTensorsFile(bytes:) — no disk I/O per run.

import T2VFuzzDriver
import T2VNeural
#if canImport(Glibc)
import Glibc
#endif

/// Parses one input and touches every readable tensor; returns a one-line outcome.
func exercise(_ file: SafeTensorsFile) -> String {
    var read = 0
    var refused = 0
    var checksum: Float = 0
    for name in file.tensorNames {
        do {
            let t = try file.tensor(named: name)
            t.withUnsafeBufferPointer { for x in $0 { checksum += x.isFinite ? x : 0 } }
            read += 1
        } catch {
            refused += 1
        }
    }
    return "ok: \(file.tensorNames.count) tensors (\(read) read, \(refused) unsupported dtype), \(file.metadata.count) metadata keys, checksum \(checksum)"
}

/// One input, parsed from memory (as the reader parses a mapped file) and every tensor read.
func exercise(bytes: [UInt8]) -> String {
    do {
        return exercise(try bytes.withUnsafeBytes { try SafeTensorsFile(bytes: $0, name: "fuzz") })
    } catch {
        return "error: \(error)"
    }
}

fuzzMain(usage: "usage: t2v-fuzz-safetensors FILE...   (replays files through the safetensors reader)", exercise(bytes:))
