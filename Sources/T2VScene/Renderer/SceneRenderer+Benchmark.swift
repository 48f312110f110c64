// A timing helper for the lead's benchmark tool (not a test): frames per second rendering a busy scene.

extension SceneRenderer {
    /// A busy scene: city street at dusk in the rain, people walking, a car, a bus, birds, a dog.
    public static func benchmarkScene() -> SceneDescription {
        SceneDescription(
            text: "two people walk right along a rainy city street at dusk while a red car drives left, "
                + "a yellow bus passes, three birds fly and a dog runs",
            subjects: [
                SubjectSpec(noun: "person", family: .person, count: 2, motion: .walk, direction: .right),
                SubjectSpec(noun: "car", family: .landVehicle, color: RGB(0.85, 0.1, 0.1), motion: .drive,
                            direction: .left),
                SubjectSpec(noun: "bus", family: .landVehicle, motion: .drive, direction: .right, speed: .slow),
                SubjectSpec(noun: "bird", family: .airAnimal, count: 3, motion: .fly, direction: .left),
                SubjectSpec(noun: "dog", family: .landAnimal, motion: .run, direction: .right),
                SubjectSpec(noun: "tree", family: .plant, count: 2),
            ],
            setting: .cityStreet, timeOfDay: .dusk, weather: .rain, mood: .neutral, unknownWords: [],
            variation: 0x1234_5678_9ABC_DEF0)
    }

    /// Frames per second for `frames` consecutive frames (1/30 s apart) of `benchmarkScene()`, the
    /// first third of them in a transition from a field at noon.
    public static func benchmark(width: Int, height: Int, frames: Int, threads: Int) -> Double {
        let w = max(16, width), h = max(16, height), n = max(1, frames)
        let r = SceneRenderer(width: w, height: h, seed: 7, threads: threads)
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: w * h * 3)
        defer { buf.deallocate() }
        let prev = SceneState(
            scene: SceneDescription(text: "a field", subjects: [SubjectSpec(noun: "horse", family: .landAnimal)],
                                    setting: .field, timeOfDay: .noon, weather: .clear, mood: .neutral,
                                    unknownWords: [], variation: 42),
            startTime: 0)
        let cur = SceneState(scene: benchmarkScene(), startTime: 1)
        // warm up
        r.render(time: 1, current: cur, previous: prev, transition: 0.5, into: buf)
        let clock = ContinuousClock()
        let d = clock.measure {
            for i in 0..<n {
                let t = 1 + Double(i) / 30
                r.render(time: t, current: cur, previous: prev, transition: min(1, Double(i) / Double(max(1, n / 3))),
                         into: buf)
            }
        }
        let secs = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return secs > 0 ? Double(n) / secs : 0
    }
}
