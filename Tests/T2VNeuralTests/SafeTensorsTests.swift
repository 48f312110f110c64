// The safetensors reader: round trips, zero-copy mapping, dtype conversion, and hostile files.

import T2VNeural
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Builds a raw safetensors image from a header string and a data size.
func rawFile(header: String, data: [UInt8] = [], claimedLength: UInt64? = nil) -> [UInt8] {
    let h = Array(header.utf8)
    var out = [UInt8]()
    withUnsafeBytes(of: (claimedLength ?? UInt64(h.count)).littleEndian) { out.append(contentsOf: $0) }
    return out + h + data
}

func tempPath(_ name: String) -> String {
    "/tmp/t2v-safetensors-test-\(getpid())-\(name).safetensors"
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    guard let f = fopen(path, "wb") else { throw NeuralError.file(path: path, "cannot create") }
    defer { fclose(f) }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
}

@Suite struct SafeTensorsTests {
    @Test func roundTripFromDisk() throws {
        var rng = TestRNG(seed: 71)
        let a = try rng.tensor([2, 3]), b = try rng.tensor([4]), empty = try Tensor(zeros: [0, 3])
        let bytes = try SafeTensorsWriter.serialize([("a", a), ("b.weight", b), ("empty", empty)], metadata: ["format": "pt"])
        let path = tempPath("roundtrip")
        try writeFile(path, bytes)
        defer { unlink(path) }
        var borrowed: Tensor
        do {
            let file = try SafeTensorsFile(path: path)
            #expect(file.tensorNames == ["a", "b.weight", "empty"])
            #expect(file.metadata == ["format": "pt"])
            #expect(try file.info(named: "a").dtype == .f32)
            borrowed = try file.tensor(named: "b.weight")
            #expect(borrowed.isBorrowed)
            #expect(try file.tensor(named: "a").scalars == a.scalars)
            #expect(try file.tensor(named: "empty").shape == [0, 3])
            #expect(file.contains("a") && !file.contains("c"))
            let missing = neuralError { _ = try file.tensor(named: "c") }
            #expect(missing.map { "\($0)".contains("'c'") } == true)
        }
        // The file object is gone from scope; the tensor keeps the mapping alive.
        #expect(borrowed.scalars == b.scalars)
        // Writing copies instead of touching the read-only mapping.
        borrowed.mapInPlace { $0 + 1 }
        #expect(!borrowed.isBorrowed)
        expectClose(borrowed.scalars, b.scalars.map { $0 + 1 }, atol: 0, "copy on write")
    }

    @Test func halfAndBFloat16Convert() throws {
        let values: [Float] = [0, 1, -2, 0.5, 65504, -0.25, 3.140625]
        let t = try Tensor(shape: [7], scalars: values)
        for dtype in [SafeTensorsDType.f16, .bf16] {
            let file = try SafeTensorsFile(bytes: try SafeTensorsWriter.serialize([("x", t)], dtype: dtype))
            #expect(try file.info(named: "x").dtype == dtype)
            let back = try file.tensor(named: "x")
            #expect(!back.isBorrowed)
            expectClose(back.scalars, values, atol: 0, rtol: 4e-3, "\(dtype)")
        }
    }

    @Test func unalignedFloat32IsCopied() throws {
        // Header of odd length: the data starts at an odd address.
        let header = #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        let data: [UInt8] = Array(withUnsafeBytes(of: Float(1.5).bitPattern.littleEndian) { Array($0) })
            + Array(withUnsafeBytes(of: Float(-2).bitPattern.littleEndian) { Array($0) })
        let file = try SafeTensorsFile(bytes: rawFile(header: header + " ", data: data))
        #expect(try file.tensor(named: "x").scalars == [1.5, -2])
    }

    @Test func integerTensors() throws {
        var data = [UInt8]()
        for v in [Int64(-3), 49407] { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
        for v in [Int32(7), -1] { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
        data += [1, 0]
        let header = #"{"ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},"i32":{"dtype":"I32","shape":[1,2],"data_offsets":[16,24]},"mask":{"dtype":"BOOL","shape":[2],"data_offsets":[24,26]}}"#
        let file = try SafeTensorsFile(bytes: rawFile(header: header, data: data))
        #expect(try file.integers(named: "ids").values == [-3, 49407])
        #expect(try file.integers(named: "i32").shape == [1, 2])
        #expect(try file.integers(named: "i32").values == [7, -1])
        #expect(try file.integers(named: "mask").values == [1, 0])
        let floats = try SafeTensorsFile(bytes: try SafeTensorsWriter.serialize([("x", Tensor(scalar: 1))]))
        #expect(neuralError { _ = try floats.integers(named: "x") } != nil)
    }

    @Test func unsupportedDTypeNamesTensor() throws {
        let header = #"{"position_ids":{"dtype":"I64","shape":[1,2],"data_offsets":[0,16]},"w":{"dtype":"F32","shape":[1],"data_offsets":[16,20]}}"#
        let file = try SafeTensorsFile(bytes: rawFile(header: header, data: [UInt8](repeating: 0, count: 20)))
        #expect(try file.tensor(named: "w").scalars == [0])
        let error = neuralError { _ = try file.tensor(named: "position_ids") }
        #expect(error == .unsupportedDType(dtype: "I64", tensor: "position_ids", source: "<memory>"))
        #expect("\(error.map { "\($0)" } ?? "")".contains("unsupported dtype I64 for tensor 'position_ids'"))
    }

    /// Hostile inputs: each must throw a NeuralError whose text contains `mentions`.
    static let hostile: [(String, [UInt8], String)] = [
        ("empty file", [], "shorter than the 8-byte"),
        ("truncated length", [1, 0, 0], "shorter than the 8-byte"),
        ("length past end", rawFile(header: "{}", claimedLength: 1000), "runs past the end"),
        ("absurd length", rawFile(header: "{}", claimedLength: UInt64.max), "exceeds"),
        ("not json", rawFile(header: "hello"), "does not start with '{'"),
        ("bad utf8", rawFile(header: "{\"\u{FF}\":1}").enumerated().map { $0.offset == 10 ? 0xFF : $0.element }, "UTF-8"),
        ("truncated json", rawFile(header: #"{"a":{"dtype":"F32""#), "header JSON"),
        ("deep json", rawFile(header: "{\"a\":" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}"), "deeper"),
        ("top array", rawFile(header: "{}").prefix(8) + Array("[]".utf8), "does not start"),
        ("duplicate key", rawFile(header: #"{"a":{},"a":{}}"#), "duplicate key 'a'"),
        ("entry not object", rawFile(header: #"{"w1":[1,2]}"#), "tensor 'w1': entry is an array"),
        ("missing dtype", rawFile(header: #"{"w2":{"shape":[],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "tensor 'w2': missing 'dtype'"),
        ("unknown dtype", rawFile(header: #"{"w3":{"dtype":"Q4","shape":[],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "tensor 'w3': unknown dtype 'Q4'"),
        ("negative dim", rawFile(header: #"{"w4":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "tensor 'w4': shape holds"),
        ("fractional dim", rawFile(header: #"{"w5":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "tensor 'w5'"),
        ("string dim", rawFile(header: #"{"w6":{"dtype":"F32","shape":["2"],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "tensor 'w6'"),
        ("huge shape", rawFile(header: #"{"w7":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "tensor 'w7'"),
        ("huge empty shape", rawFile(header: #"{"w17":{"dtype":"F32","shape":[0,4294967296,4294967296],"data_offsets":[0,0]}}"#), "tensor 'w17': shape"),
        ("huge dim literal", rawFile(header: #"{"w8":{"dtype":"F32","shape":[99999999999999999999999],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "tensor 'w8'"),
        ("offsets one int", rawFile(header: #"{"w9":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, data: [0, 0, 0, 0]), "tensor 'w9': data_offsets is not"),
        ("offsets reversed", rawFile(header: #"{"w10":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}"#, data: [0, 0, 0, 0]), "tensor 'w10': data_offsets [4, 0] begin after"),
        ("truncated data", rawFile(header: #"{"w11":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: [0, 0, 0, 0]), "tensor 'w11': data_offsets [0, 16] run past"),
        ("wrong size", rawFile(header: #"{"w12":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "tensor 'w12': data_offsets [0, 4] hold 4 bytes but shape [2] of F32 needs 8"),
        ("overlap", rawFile(header: #"{"w13":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"w14":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, data: [UInt8](repeating: 0, count: 12)), "overlap tensor 'w13'"),
        ("gap", rawFile(header: #"{"w15":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: [UInt8](repeating: 0, count: 8)), "tensor 'w15': gap of 4 bytes"),
        ("trailing bytes", rawFile(header: #"{"w16":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: [UInt8](repeating: 0, count: 8)), "tensor 'w16': 4 bytes after"),
        ("metadata not strings", rawFile(header: #"{"__metadata__":{"a":1}}"#), "__metadata__ value of 'a'"),
        ("metadata array", rawFile(header: #"{"__metadata__":[]}"#), "__metadata__ is an array"),
        ("unpaired surrogate", rawFile(header: #"{"\ud800":1}"#), "surrogate"),
        ("control char", rawFile(header: "{\"a\u{1}\":1}"), "control character"),
        ("trailing garbage", rawFile(header: "{} x"), "unexpected text"),
    ]

    @Test func hostileFilesGiveNamedErrors() throws {
        for (label, bytes, mentions) in Self.hostile {
            let error = neuralError { _ = try SafeTensorsFile(bytes: bytes, name: label) }
            let text = error.map { "\($0)" } ?? "no error"
            #expect(text.contains(mentions), "\(label): \(text)")
        }
    }

    @Test func hostileFileOnDisk() throws {
        let path = tempPath("hostile")
        try writeFile(path, rawFile(header: #"{"conv.weight":{"dtype":"F16","shape":[3,3],"data_offsets":[0,18]}}"#, data: [0, 0]))
        defer { unlink(path) }
        let text = neuralError { _ = try SafeTensorsFile(path: path) }.map { "\($0)" } ?? "no error"
        #expect(text.contains(path) && text.contains("tensor 'conv.weight'"), "\(text)")
        let missing = neuralError { _ = try SafeTensorsFile(path: "/nonexistent/x.safetensors") }.map { "\($0)" } ?? ""
        #expect(missing.contains("cannot open"))
        let dir = neuralError { _ = try SafeTensorsFile(path: "/tmp") }.map { "\($0)" } ?? ""
        #expect(dir.contains("not a regular file"))
    }

    @Test func paddedHeaderAndEscapesAccepted() throws {
        let header = #"{"a\"b\u00e9\ud83d\ude00":{"dtype":"BF16","shape":[],"data_offsets":[0,2]}, "__metadata__": {"k": "v\n"}}   "#
        let file = try SafeTensorsFile(bytes: rawFile(header: header, data: [0x80, 0x3F]))
        #expect(file.tensorNames == ["a\"bé😀"])
        #expect(try file.tensor(named: "a\"bé😀").scalars == [1])
        #expect(file.metadata["k"] == "v\n")
    }
}
