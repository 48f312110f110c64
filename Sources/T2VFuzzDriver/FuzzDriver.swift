// The libFuzzer entry the fuzz executables share (t2v-fuzz-safetensors, t2v-fuzz-config). SwiftPM
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
