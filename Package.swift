// swift-tools-version:6.0
// reflection — a streaming text-to-video engine exported as a C ABI.
//
// Build the shared library as the Makefile does (self-contained, only t2v_* exported):
//   swift build -c release --product reflection -Xswiftc -static-stdlib \
//       -Xlinker --version-script=Sources/Reflection/exports.map
import PackageDescription

let package = Package(
    name: "reflection",
    products: [
        .library(name: "reflection", type: .dynamic, targets: ["Reflection"]),
        .executable(name: "t2v-bench", targets: ["T2VBench"]),
        .executable(name: "t2v-neural-bench", targets: ["T2VNeuralBench"]),
        .executable(name: "t2v-fuzz-safetensors", targets: ["T2VFuzzSafetensors"]),
        .executable(name: "t2v-fuzz-config", targets: ["T2VFuzzConfig"]),
        .executable(name: "t2v-fuzz-capi", targets: ["T2VFuzzCAPI"]),
    ],
    targets: [
        // System layer: module maps and shim headers only.
        .systemLibrary(name: "CFFmpeg", path: "Sources/CFFmpeg", pkgConfig: "libavformat"),
        // Media layer: encoding and muxing through libavformat/libavcodec/libswscale.
        .target(name: "T2VMedia", dependencies: ["CFFmpeg"]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas"),
        // oneDNN (Debian's libdnnl-dev, no pkg-config file): the bf16 compute backend.
        .systemLibrary(name: "CDNNL", path: "Sources/CDNNL"),
        // The shared bottom: the JSON value/parser/writer, file reading, threads and locks.
        .target(name: "T2VSupport"),
        // Neural engine: tensors on OpenBLAS (float32) and oneDNN (bf16), safetensors, tokenizer,
        // text encoder, VAE, schedulers.
        .target(name: "T2VNeural", dependencies: ["COpenBLAS", "CDNNL", "T2VSupport"]),
        // The built-in procedural scene model: text reading and rendering.
        .target(name: "T2VScene"),
        // Engine: configuration, context, streams, processor, segments, video models.
        .target(name: "T2VEngine", dependencies: ["T2VSupport", "T2VScene", "T2VMedia", "T2VNeural"]),
        // C ABI: handles, status codes, last-error text, JSON in and out. No engine logic.
        .target(
            name: "Reflection", dependencies: ["T2VEngine"], exclude: ["exports.map"],
            swiftSettings: [.unsafeFlags(["-emit-clang-header-path", ".build/reflection-Swift.h"])]),
        .executableTarget(name: "T2VBench", dependencies: ["T2VEngine", "T2VScene", "T2VMedia"]),
        // Neural components against PyTorch (tools/bench_neural.sh runs both sides).
        .executableTarget(name: "T2VNeuralBench", dependencies: ["T2VNeural", "COpenBLAS"]),
        // safetensors fuzzing: a corpus replayer, or libFuzzer with -DT2V_LIBFUZZER (see the README).
        // The libFuzzer driver the fuzz executables share.
        .target(name: "T2VFuzzDriver", dependencies: ["T2VSupport"]),
        .executableTarget(name: "T2VFuzzSafetensors", dependencies: ["T2VNeural", "T2VFuzzDriver"]),
        // Every configuration file (context, model-folder configs, model_index.json, tokenizer files):
        // replayer, or libFuzzer with -DT2V_LIBFUZZER.
        .executableTarget(name: "T2VFuzzConfig", dependencies: ["T2VEngine", "T2VNeural", "T2VFuzzDriver"]),
        // Sequences of C API calls through the exported functions: replayer, or libFuzzer with -DT2V_LIBFUZZER.
        .executableTarget(name: "T2VFuzzCAPI", dependencies: ["Reflection", "T2VSupport", "T2VFuzzDriver"]),
        .testTarget(name: "T2VSceneTests", dependencies: ["T2VScene"]),
        .testTarget(name: "T2VMediaTests", dependencies: ["T2VMedia"]),
        // The streaming runtime with fake models: chunk planning, overlaps, text changes, cancellation.
        .testTarget(name: "T2VEngineTests", dependencies: ["T2VEngine"]),
        .testTarget(name: "ReflectionTests", dependencies: ["Reflection", "T2VEngine", "T2VNeural"]),
        .testTarget(name: "T2VNeuralTests", dependencies: ["T2VNeural"]),
    ],
    swiftLanguageModes: [.v5]
)
