#if canImport(Glibc)
import Glibc
#endif
import Reflection
import Testing

@Suite struct SegmentAndOutputTests {
    let dir: String = {
        var template = Array("/tmp/reflection-test-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }()

    @Test func userSegmentsAreCheckedWhenWritten() throws {
        let out = try #require(t2vOutputNew(dir + "/user.y4m"))
        defer { t2vOutputFree(out) }
        var pixels = [UInt8](repeating: 200, count: 32 * 16 * 3 * 2)
        let good = try #require(t2vSegmentNew(&pixels, UInt(pixels.count), "{\"width\": 32, \"height\": 16, \"frame_rate\": 5, \"num_frames\": 2}"))
        defer { t2vSegmentFree(good) }
        #expect(t2vOutputWriteSegment(out, good) == T2V_OK)
        for (meta, mention) in [
            ("{\"width\": 32, \"height\": 16, \"frame_rate\": 5, \"num_frames\": 3}", "bytes"),
            ("{\"width\": 32, \"height\": 16, \"frame_rate\": 5}", "num_frames"),
            ("{\"width\": \"32\", \"height\": 16, \"frame_rate\": 5, \"num_frames\": 2}", "width"),
            ("{\"width\": 32, \"height\": 16, \"frame_rate\": 5, \"num_frames\": 2, \"pixel_format\": \"yuv420p\"}", "rgb24"),
            ("{\"width\": 16, \"height\": 32, \"frame_rate\": 5, \"num_frames\": 2}", "16x32"),
            ("{\"width\": 32, \"height\": 16, \"frame_rate\": 6, \"num_frames\": 2}", "rate"),
        ] {
            let seg = try #require(t2vSegmentNew(&pixels, UInt(pixels.count), meta))
            #expect(t2vOutputWriteSegment(out, seg) == T2V_ERR_SEGMENT_MISMATCH, "\(meta)")
            #expect(lastError.contains(mention), "\(lastError)")
            t2vSegmentFree(seg)
        }
        #expect(t2vSegmentNew(&pixels, UInt(pixels.count), "[]") == nil)
        #expect(t2vSegmentNew(nil, 10, "{}") == nil)
        #expect(t2vOutputClose(out) == T2V_OK)
        #expect(t2vOutputClose(out) == T2V_OK)
        #expect(t2vOutputWriteSegment(out, good) == T2V_ERR_STATE)
    }

    @Test func unwritableAndUnsupportedPaths() {
        #expect(t2vOutputNew(dir + "/missing/dir/out.mp4") == nil)
        #expect(lastError.contains("missing/dir/out.mp4"))
        #expect(t2vOutputNew(dir + "/out.gif") == nil)
        #expect(lastError.contains(".gif") || lastError.contains("gif"))
        #expect(t2vOutputNew("") == nil)
        #expect(t2vOutputNew(nil) == nil)
    }

    @Test func segmentDataIsStableAndMetadataIsJSON() throws {
        var pixels: [UInt8] = Array(0..<12)
        let seg = try #require(t2vSegmentNew(&pixels, 12, "{\"note\": \"\\u00e9\\n\", \"n\": [1, 2.5, null, true]}"))
        defer { t2vSegmentFree(seg) }
        pixels[0] = 99  // the segment copied the data
        var size: UInt = 0
        let data = try #require(t2vSegmentData(seg, &size))
        #expect(size == 12 && data[0] == 0 && data[11] == 11)
        #expect(take(t2vSegmentMetadata(seg)) == "{\"note\":\"é\\n\",\"n\":[1,2.5,null,true]}")
    }
}
