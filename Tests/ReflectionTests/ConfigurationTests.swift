import Reflection
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsAreReported() throws {
        let ctx = try #require(t2vContextNew(nil))
        defer { t2vContextFree(ctx) }
        let config = try #require(take(t2vContextConfig(ctx)))
        for key in ["\"resolution\":\"720p\"", "\"frame_rate\":24", "\"model\":\"builtin\"", "\"seed\":42",
                    "\"max_buffered_segments\":2", "\"segment_seconds\":0.5", "\"caption\":false", "\"scheduler\":\"ddim\""] {
            #expect(config.contains(key), "\(key) in \(config)")
        }
    }

    @Test(arguments: [
        ("{\"resolutoin\": \"720p\"}", "resolutoin"),
        ("{\"resolution\": \"99999x1\"}", "99999x1"),
        ("{\"resolution\": \"641x360\"}", "even"),
        ("{\"resolution\": \"abc\"}", "\"720p\""),
        ("{\"resolution\": 720}", "resolution"),
        ("{\"frame_rate\": 0}", "frame_rate"),
        ("{\"frame_rate\": -1}", "frame_rate"),
        ("{\"frame_rate\": 1e9}", "frame_rate"),
        ("{\"frame_rate\": \"30\"}", "frame_rate"),
        ("{\"frame_rate\": true}", "frame_rate"),
        ("{\"seed\": -3}", "seed"),
        ("{\"seed\": 1.5}", "seed"),
        ("{\"scheduler\": \"euler\"}", "dpmsolver"),
        ("{\"threads\": 1000}", "threads"),
        ("{\"max_buffered_segments\": 0}", "max_buffered_segments"),
        ("{\"caption\": 1}", "caption"),
        ("{\"segment_seconds\": 0}", "segment_seconds"),
        ("{\"model\": \"/no/such/model\"}", "/no/such/model"),
        ("[1, 2]", "JSON object"),
        ("{\"a\": 1, \"a\": 2}", "duplicate"),
        ("{\"frame_rate\": 30", "JSON"),
        (String(repeating: "[", count: 100_000), "deeper"),
        ("{\"resolution\": \"2160p\", \"frame_rate\": 240, \"segment_seconds\": 60, \"seconds_per_text\": 60}", "GiB"),
    ])
    func badConfigurationIsRefusedWithAMessage(config: String, mention: String) {
        #expect(t2vContextNew(config) == nil)
        #expect(lastError.contains(mention), "\(lastError)")
    }

    @Test func namedAndCustomResolutions() throws {
        for (name, w, h) in [("1080p", 1920, 1080), ("720p", 1280, 720), ("480p", 854, 480), ("360p", 640, 360), ("320x240", 320, 240)] {
            // One frame: frame_rate 1 for one second.
            let ctx = try #require(t2vContextNew("{\"resolution\": \"\(name)\", \"frame_rate\": 1, \"seconds_per_text\": 1}"))
            let proc = try #require(t2vProcessorNew(ctx))
            #expect(take(t2vProcessorGetParameter(proc, "resolution")) == "\"\(name)\"")
            var seg: UnsafeMutableRawPointer?
            #expect(t2vProcessorProcessText(proc, "a house", &seg) == T2V_OK)
            let s = try #require(seg)
            let got = copySegment(s)
            #expect(field(got.metadata, "width") == Double(w) && field(got.metadata, "height") == Double(h))
            #expect(got.data.count == w * h * 3)
            t2vSegmentFree(s)
            t2vProcessorFree(proc)
            t2vContextFree(ctx)
        }
    }

    @Test func processorParametersRoundTripAndRefuseBadValues() throws {
        let ctx = try #require(t2vContextNew(smallConfig()))
        defer { t2vContextFree(ctx) }
        let proc = try #require(t2vProcessorNew(ctx))
        defer { t2vProcessorFree(proc) }
        #expect(t2vProcessorSetParameter(proc, "seed", "7") == T2V_OK)
        #expect(take(t2vProcessorGetParameter(proc, "seed")) == "7")
        #expect(t2vProcessorSetParameter(proc, "negative_prompt", "\"blurry\"") == T2V_OK)
        #expect(take(t2vProcessorGetParameter(proc, "negative_prompt")) == "\"blurry\"")
        #expect(t2vProcessorSetParameter(proc, "seed", "\"x\"") == T2V_ERR_TYPE)
        #expect(lastError.contains("seed"))
        #expect(t2vProcessorSetParameter(proc, "guidance_scale", "1000") == T2V_ERR_INVALID_ARGUMENT)
        #expect(t2vProcessorSetParameter(proc, "nope", "1") == T2V_ERR_INVALID_ARGUMENT)
        #expect(lastError.contains("unknown parameter \"nope\""))
        #expect(t2vProcessorSetParameter(proc, "threads", "1") == T2V_ERR_INVALID_ARGUMENT)
        #expect(lastError.contains("context setting"))
        #expect(t2vProcessorSetParameter(proc, "seed", "{bad") == T2V_ERR_INVALID_ARGUMENT)
        #expect(t2vProcessorGetParameter(proc, "nope") == nil)
        // A single segment of an hour at 1080p30 would need 600 GB: refused before any allocation.
        #expect(t2vProcessorSetParameter(proc, "resolution", "\"1080p\"") == T2V_OK)
        #expect(t2vProcessorSetParameter(proc, "frame_rate", "30") == T2V_OK)
        #expect(t2vProcessorSetParameter(proc, "seconds_per_text", "3600") == T2V_OK)
        var seg: UnsafeMutableRawPointer?
        #expect(t2vProcessorProcessText(proc, "a long film", &seg) == T2V_ERR_INVALID_ARGUMENT)
        #expect(lastError.contains("seconds_per_text") && lastError.contains("GiB"), "\(lastError)")
        #expect(seg == nil)
    }
}
