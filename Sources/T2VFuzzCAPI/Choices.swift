// The argument values an input chooses from: configurations, keys and values, texts, timeouts,
// segment geometries and output paths. A choice byte picks a fixed value or fuzzed bytes.

import Reflection
import T2VSupport
#if canImport(Glibc)
import Glibc
#endif

enum Choices {
    /// Small, cheap contexts on the built-in model, a few edges, and NULL and "" (the defaults:
    /// 720p, costly, so freed at once after their checks). Zero bytes pick the common cases.
    static let configs: [String?] = [
        #"{"resolution": "96x64", "frame_rate": 8, "seconds_per_text": 1, "segment_seconds": 0.25, "threads": 1, "seed": 7}"#,
        #"{"resolution": "96x64", "frame_rate": 8, "seconds_per_text": 1.5, "segment_seconds": 0.5, "transition_seconds": 0.5, "caption": true, "seed": null, "max_buffered_segments": 1}"#,
        #"{"resolution": "64x48", "frame_rate": 10, "seconds_per_text": 0.5, "segment_seconds": 0.5, "threads": 2}"#,
        #"{"resolution": "16x16", "frame_rate": 240, "seconds_per_text": 0.1, "segment_seconds": 0.01, "threads": 0}"#,
        #"{"resolution": "96x64", "frame_rate": 0.001, "seconds_per_text": 3600, "segment_seconds": 60, "transition_seconds": 60}"#,
        #"{"resolution": "96x64", "frame_rate": 24, "seconds_per_text": 0.25, "segment_seconds": 60, "max_buffered_segments": 64, "threads": 8}"#,
        nil, "",
    ]

    /// The (key, value) pairs a fuzzed configuration starts from; keys are then replaced or added.
    static let baseConfig: [(String, String)] = [
        ("resolution", #""96x64""#), ("frame_rate", "8"), ("seconds_per_text", "1"), ("segment_seconds", "0.5"),
        ("threads", "1"),
    ]

    /// Every configuration key, from t2v_config_keys() (so new keys are fuzzed without a change here).
    static let keys: [String] = {
        guard let text = t2vConfigKeys().flatMap({ String(validatingCString: $0) }),
            let items = (try? JSONValue.parse(text))?.arrayValue
        else { fatalError("t2v_config_keys() is not a JSON array") }
        let names = items.compactMap { $0["name"]?.stringValue }
        guard names.count == items.count, !names.isEmpty else { fatalError("t2v_config_keys() entries lack a name") }
        return names
    }()

    /// JSON values at and around the keys' limits, of every type, and text that is not JSON.
    static let values: [String] = [
        "0", "-1", "1", "2", "7", "8", "15", "16", "64", "255", "256", "257", "1000", "1001", "1e10", "1e308", "-1e308",
        "5e-324", "0.001", "0.0009", "0.5", "1.5", "24", "60", "60.0001", "240", "240.5", "3600", "3600.0001",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "-0", "-0.0", "1E400", "null", "true",
        "false", #""""#, #""builtin""#, #""native""#, #""96x64""#, #""64x48""#, #""16x16""#, #""14x16""#, #""15x16""#,
        #""96X64""#, #""0096x0064""#, #""7680x4320""#, #""7682x4320""#, #""720p""#, #""240P""#, #""2160p""#, #""ddim""#,
        #""dpmsolver""#, #""cover""#, #""stretch""#, #""fp16""#, #""fp16/../x""#, #""32x32""#, #""8x8""#,
        #""4104x8""#, "[]", "{}", "[1]", #"{"a": 1}"#, #""\u0000""#, #""\ud800""#, #""é""#, "NaN", "Infinity", "-Infinity",
        "", " ", "1 2", "[", "{", #""x"#, "01", "1.", ".5", "+1", "0x10",
    ]

    /// Texts for send_text and process_text.
    static let texts: [String] = [
        "a red kite over a beach at sunset",
        "a cat on a blue sofa",
        "snow falling on a quiet forest at night, slowly",
        "東京の夜景 🎆 Ünïcödé e\u{301}",
        " ", "\t\n\u{3000}", "x",
        String(repeating: "a kite ", count: 1428) + "abcd",  // 10,000 characters
        String(repeating: "a kite ", count: 1428) + "abcde",  // 10,001
        "\u{7}\u{1b}[31mred\u{1b}[0m",
    ]

    /// Timeouts for receive_segment: 0, tiny, short, the no-limit values (negative, ±infinity,
    /// huge), NaN, subnormals; or eight fuzzed bytes as a double.
    static let timeouts: [Double] = [
        0, -0.0, 1e-9, 0.001, 0.004, 0.02, -1, -.infinity, .infinity, 1e300, .greatestFiniteMagnitude, 9.3e18,
        .nan, -.nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e6,
    ]

    /// Frame sizes for segments built by the fuzzer (even, odd, tiny, the contexts' sizes).
    static let sizes: [(Int, Int)] = [(96, 64), (64, 48), (16, 16), (2, 2), (18, 16), (17, 15), (1, 1), (96, 66)]
    static let frameRates: [String] = ["8", "10", "24", "0.001", "240", "240.001", "0", "-1", "1e308", "29.97", "8.0", "\"8\"", "null"]

    /// Output file names in the private folder: the containers, upper case, none, unknown ones.
    static let extensions: [String] = [".mp4", ".mkv", ".y4m", ".MP4", "", ".txt", ".avi", ".y4m.x", ".mp4/"]
    static let knownContainers: Set<String> = [".mp4", ".mkv", ".y4m"]
    static let unknownContainers: Set<String> = ["", ".txt"]
}

/// The private folder outputs are written in, made at startup and removed (with its files) at exit.
enum OutputFolder {
    static let path: String = {
        var template = Array("/tmp/t2v-fuzz-capi.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("t2v-fuzz-capi: cannot make a folder in /tmp") }
        atexit { OutputFolder.removeAll() }
        return String(cString: made)
    }()

    static func removeAll() {
        for name in ["a", "b"] {
            for ext in Choices.extensions { unlink(path + "/" + name + ext) }
        }
        rmdir(path)
    }
}

/// The progress callback set on streams and processors. `user_data` encodes, as a pointer value
/// n + 1, the count of done frames from which it cancels (n = 0: at once; 255: never, for these
/// small texts). It checks what a callback may rely on: done within 0…total, a segment index ≥ 0.
/// It keeps no state (a stream calls it on its worker thread).
let progressCallback: T2VProgressCallback = { index, done, total, user in
    if index < 0 || done < 0 || total < 0 || done > total {
        fatalError("t2v-fuzz-capi: progress callback got segment \(index), \(done) of \(total)")
    }
    let cancelAt = Int64(Int(bitPattern: user) - 1)
    return cancelAt >= 255 || done < cancelAt
}

/// Pixels × frames of one text for a resolution text, frame rate and seconds per text as the
/// configuration reports them; nil when the resolution does not read as a size.
func pixelFrames(resolution: String, frameRate: Double, secondsPerText: Double) -> Double? {
    let named = ["2160p": (3840, 2160), "1440p": (2560, 1440), "1080p": (1920, 1080), "720p": (1280, 720),
                 "480p": (854, 480), "360p": (640, 360), "240p": (426, 240)]
    let lower = resolution.lowercased()
    let size: (Int, Int)
    if let n = named[lower] {
        size = n
    } else {
        let parts = lower.split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else { return nil }
        size = (w, h)
    }
    let frames = max(1, (secondsPerText * frameRate).rounded())
    return Double(size.0) * Double(size.1) * frames
}
