// t2v-bench — the speed and memory figures of the README.
//
//   t2v-bench                      every scenario below, each in its own process
//   t2v-bench render RES FPS THREADS SECONDS
//   t2v-bench stream RES FPS SECONDS [FILE]
//   t2v-bench soak RES FPS MINUTES FILE
//
// `render` makes frames with the built-in model only (no encoding); `stream` runs a stream
// (worker thread, bounded buffer) and writes every segment to an H.264 MP4, reporting frames per
// second, the real-time factor (seconds of video per second of wall time), the time to the first
// segment and the peak resident memory, sampled as the stream grows. `soak` (`make soak`) keeps one
// stream going for MINUTES of wall time, as fast as it runs, sending text ahead as it goes and
// writing every segment to FILE; it prints resident memory, open descriptors and threads every
// minute, then closes the file (timed: an .mp4 is remuxed on close) and prints the spread of RSS.
import Foundation
import T2VEngine

let sentences = [
    "a red kite over a beach at sunset",
    "three birds fly to the left over a snowy village",
    "a yellow bus drives right along a city street at night in the rain",
    "two horses run across a field under a stormy sky",
]

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

/// Resident and peak resident memory of this process in MiB, from /proc/self/status.
func memory() -> (rss: Double, peak: Double) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func value(_ key: String) -> Double {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
        return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
    }
    return (value("VmRSS:"), value("VmHWM:"))
}

/// The number of this process's open file descriptors and threads.
func descriptorsAndThreads() -> (fds: Int, threads: Int) {
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("Threads:") }
    let threads = line.flatMap { Int($0.split(separator: "\t").last?.trimmingCharacters(in: .whitespaces) ?? "") } ?? -1
    return (fds, threads)
}

func settings(_ resolution: String, _ fps: Double, threads: Int, secondsPerText: Double) throws -> Settings {
    var s = Settings()
    try s.set("resolution", .string(resolution))
    try s.set("frame_rate", .double(fps))
    try s.set("threads", .int(Int64(threads)))
    try s.set("seconds_per_text", .double(secondsPerText))
    return s
}

func render(_ resolution: String, _ fps: Double, _ threads: Int, _ seconds: Double) throws {
    let s = try settings(resolution, fps, threads: threads, secondsPerText: seconds)
    let model = BuiltinVideoModel(settings: s)
    let timeline = try Timeline(settings: s, model: model, seed: 42)
    var frames = 0
    let t0 = now()
    for text in sentences.prefix(2) {
        try timeline.run(text: text, progress: { _, _, _ in true }, deliver: { seg in
            frames += seg.bytes.count / (s.width * s.height * 3)
            return true
        })
    }
    let elapsed = now() - t0
    print(String(format: "render  %-6@ %3.0f fps  threads=%d  %5d frames  %6.1f frames/s  real-time x%.2f",
                 resolution as NSString, fps, threads, frames, Double(frames) / elapsed,
                 Double(frames) / fps / elapsed))
}

func stream(_ resolution: String, _ fps: Double, _ seconds: Double, _ path: String) throws {
    let perText = seconds / Double(sentences.count)
    let s = try settings(resolution, fps, threads: 0, secondsPerText: perText)
    let context = try Context(settings: s)
    let stream = Stream(context: context)
    let output = try Output(path: path)
    let t0 = now()
    try stream.start()
    for text in sentences { try stream.send(text) }
    var first: Double?
    var frames = 0
    var samples: [String] = []
    var nextSample = seconds / 6
    while case .segment(let seg) = try stream.receive(timeout: nil) {
        if first == nil { first = now() - t0 }
        try output.write(seg)
        frames += seg.bytes.count / (s.width * s.height * 3)
        let videoSeconds = Double(frames) / fps
        if videoSeconds + 1e-9 >= nextSample {
            samples.append(String(format: "%.0fs:%.0f", videoSeconds, memory().rss))
            nextSample += seconds / 6
        }
    }
    try output.close()
    stream.stop()
    let elapsed = now() - t0
    let mem = memory()
    print(String(format: "stream  %-6@ %3.0f fps  %4.0f s video  %6.1f frames/s  real-time x%.2f  first segment %.2f s  peak RSS %.0f MiB  RSS MiB by video time [%@]",
                 resolution as NSString, fps, seconds, Double(frames) / elapsed, Double(frames) / fps / elapsed,
                 first ?? -1, mem.peak, samples.joined(separator: " ") as NSString))
}

func soak(_ resolution: String, _ fps: Double, _ minutes: Double, _ path: String) throws {
    let secondsPerText = 8.0
    let s = try settings(resolution, fps, threads: 0, secondsPerText: secondsPerText)
    let context = try Context(settings: s)
    let stream = Stream(context: context)
    let output = try Output(path: path)
    let t0 = now()
    try stream.start()
    var sentSeconds = 0.0
    var frames = 0
    var rss: [Double] = []
    print("soak  \(resolution) \(Int(fps)) fps  \(minutes) min  -> \(path)")
    print("minute   video s    frames   RSS MiB   fds  threads")
    var nextMinute = 1.0
    while now() - t0 < minutes * 60 {
        // Keep at least 20 s of video's worth of text ahead of what has been received.
        while sentSeconds - Double(frames) / fps < 20 {
            try stream.send(sentences[Int(sentSeconds / secondsPerText) % sentences.count])
            sentSeconds += secondsPerText
        }
        let received = try stream.receive(timeout: 5)
        if case .end = received { break }
        guard case .segment(let seg) = received else { continue }
        try output.write(seg)
        frames += seg.bytes.count / (s.width * s.height * 3)
        if now() - t0 >= nextMinute * 60 {
            let mem = memory(), open = descriptorsAndThreads()
            rss.append(mem.rss)
            print(String(format: "%6.0f  %8.1f  %8d  %8.0f  %4d  %7d", nextMinute, Double(frames) / fps, frames,
                         mem.rss, open.fds, open.threads))
            fflush(stdout)
            nextMinute += 1
        }
    }
    stream.stop()
    let closeStart = now()
    try output.close()
    let closeSeconds = now() - closeStart
    let settled = rss.dropFirst(min(2, max(0, rss.count - 1)))  // after warm-up
    print(String(format: "soak: %d frames (%.1f s of video) in %.1f min; close %.2f s; RSS after minute 2: min %.0f, max %.0f, last %.0f MiB; peak %.0f MiB",
                 frames, Double(frames) / fps, (now() - t0) / 60, closeSeconds, settled.min() ?? 0, settled.max() ?? 0,
                 rss.last ?? 0, memory().peak))
}

let args = CommandLine.arguments
do {
    switch args.count > 1 ? args[1] : "all" {
    case "render" where args.count == 6:
        try render(args[2], Double(args[3]) ?? 30, Int(args[4]) ?? 1, Double(args[5]) ?? 4)
    case "stream" where args.count >= 5:
        try stream(args[2], Double(args[3]) ?? 30, Double(args[4]) ?? 10, args.count > 5 ? args[5] : "/tmp/t2v-bench.mp4")
    case "soak" where args.count == 6:
        try soak(args[2], Double(args[3]) ?? 30, Double(args[4]) ?? 60, args[5])
    case "all":
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("t2v-bench: built-in model, \(cores) cores; each line is a separate process")
        var runs: [[String]] = []
        for res in ["720p", "1080p"] {
            runs.append(["render", res, "30", "1", "4"])
            runs.append(["render", res, "30", String(cores), "4"])
        }
        runs.append(["stream", "720p", "30", "20"])
        runs.append(["stream", "1080p", "30", "60"])
        for run in runs {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: args[0])
            p.arguments = run
            try p.run()
            p.waitUntilExit()
        }
    default:
        print("usage: t2v-bench [render RES FPS THREADS SECONDS | stream RES FPS SECONDS [FILE] | soak RES FPS MINUTES FILE]")
        exit(2)
    }
} catch {
    print("t2v-bench: \(error)")
    exit(1)
}
