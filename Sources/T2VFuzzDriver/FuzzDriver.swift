// The libFuzzer entry the fuzz executables share (t2v-fuzz-safetensors, -config, -capi). SwiftPM
// replaces an executable's `main`, so each starts libFuzzer's driver by hand with its callback.
// Built with -DT2V_LIBFUZZER -sanitize=fuzzer,address (`make fuzz`); otherwise the executables
// replay files given as arguments.

#if T2V_LIBFUZZER
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's per-input callback type.
public typealias FuzzTestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzTestOneInput
) -> Int32

/// Runs libFuzzer over `callback` with the process's arguments and exits with its status.
public func runLibFuzzer(_ callback: FuzzTestOneInput) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}
#endif

/// The replayer of a normal build: runs `body` on each file named on the command line and prints
/// its outcome, or `usage` when none is named. Errors are expected outcomes, crashes are not.
public func replayFiles(usage: String, _ body: (String) throws -> String) {
    let paths = CommandLine.arguments.dropFirst()
    if paths.isEmpty { print(usage) }
    for path in paths {
        do {
            print("\(path): \(try body(path))")
        } catch {
            print("\(path): error: \(error)")
        }
    }
}

import T2VSupport

/// The whole `main` of a fuzzer whose inputs are byte strings: under libFuzzer, each input goes to
/// `exercise`; in a normal build, each file named on the command line is read and replayed
/// (printing `exercise`'s one-line outcome), or `usage` is printed.
public func fuzzMain(usage: String, _ exercise: @escaping ([UInt8]) -> String) {
    #if T2V_LIBFUZZER
    byteExercise = exercise
    runLibFuzzer(fuzzTestOneInput)
    #else
    replayFiles(usage: usage) { path in exercise(try FileBytes.read(path)) }
    #endif
}

#if T2V_LIBFUZZER
/// `fuzzMain`'s exercise, where libFuzzer's C callback can reach it (set once, before fuzzing starts).
nonisolated(unsafe) private var byteExercise: (([UInt8]) -> String)?

/// libFuzzer's per-input callback under its standard name too, in case the link picks libFuzzer's
/// own `main` over the executable's top level.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    _ = byteExercise?(bytes)
    return 0
}
#endif

