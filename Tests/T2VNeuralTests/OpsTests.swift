// Every operation against a naive reference written here (small random sizes, explicit tolerances).

import T2VNeural
import Testing
#if canImport(Glibc)
import Glibc
#endif

// MARK: Naive references (double accumulation)

func naiveMatmul(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    var out = [Float](repeating: 0, count: m * n)
    for i in 0..<m { for j in 0..<n {
        var s = 0.0
        for p in 0..<k { s += Double(a[i * k + p]) * Double(b[p * n + j]) }
        out[i * n + j] = Float(s)
    } }
    return out
}

func naiveConv2d(
    _ x: [Float], n: Int, c: Int, h: Int, w: Int, _ wt: [Float], o: Int, kh: Int, kw: Int, bias: [Float]?,
    stride s: Int, top: Int, bottom: Int, left: Int, right: Int
) -> (shape: [Int], values: [Float]) {
    let ho = (h + top + bottom - kh) / s + 1
    let wo = (w + left + right - kw) / s + 1
    var out = [Float](repeating: 0, count: n * o * ho * wo)
    for b in 0..<n { for oc in 0..<o { for oy in 0..<ho { for ox in 0..<wo {
        var acc = Double(bias?[oc] ?? 0)
        for ic in 0..<c { for i in 0..<kh { for j in 0..<kw {
            let iy = oy * s - top + i, ix = ox * s - left + j
            if iy < 0 || iy >= h || ix < 0 || ix >= w { continue }
            acc += Double(x[((b * c + ic) * h + iy) * w + ix]) * Double(wt[((oc * c + ic) * kh + i) * kw + j])
        } } }
        out[((b * o + oc) * ho + oy) * wo + ox] = Float(acc)
    } } } }
    return ([n, o, ho, wo], out)
}

func naiveAttention(_ q: [Float], _ k: [Float], _ v: [Float], batch: Int, lq: Int, lk: Int, d: Int, dv: Int, causal: Bool) -> [Float] {
    var out = [Float](repeating: 0, count: batch * lq * dv)
    let scale = 1 / Double(d).squareRoot()
    for b in 0..<batch { for i in 0..<lq {
        var scores = [Double](repeating: -.infinity, count: lk)
        for j in 0..<lk where !causal || j <= i {
            var s = 0.0
            for p in 0..<d { s += Double(q[(b * lq + i) * d + p]) * Double(k[(b * lk + j) * d + p]) }
            scores[j] = s * scale
        }
        let m = scores.max() ?? 0
        let e = scores.map { $0 == -.infinity ? 0 : exp($0 - m) }
        let sum = e.reduce(0, +)
        for c in 0..<dv {
            var acc = 0.0
            for j in 0..<lk { acc += e[j] / sum * Double(v[(b * lk + j) * dv + c]) }
            out[(b * lq + i) * dv + c] = Float(acc)
        }
    } }
    return out
}

@Suite struct OpsTests {
    // MARK: Matrix products

    @Test(arguments: [(1, 1, 1), (5, 7, 3), (17, 33, 9), (64, 31, 65)])
    func matmul(m: Int, k: Int, n: Int) throws {
        var rng = TestRNG(seed: UInt64(m * 1000 + k * 10 + n))
        let a = try rng.tensor([m, k]), b = try rng.tensor([k, n])
        let ref = naiveMatmul(a.scalars, b.scalars, m: m, k: k, n: n)
        expectClose(try a.matmul(b), try Tensor(shape: [m, n], scalars: ref), atol: 1e-5, "matmul")
        // Transposed operands give the same product.
        let at = try a.transposed(0, 1), bt = try b.transposed(0, 1)
        expectClose(try at.matmul(b, transposeSelf: true).scalars, ref, atol: 1e-5, "matmul Aᵀ")
        expectClose(try a.matmul(bt, transposeOther: true).scalars, ref, atol: 1e-5, "matmul Bᵀ")
        expectClose(try at.matmul(bt, transposeSelf: true, transposeOther: true).scalars, ref, atol: 1e-5, "matmul AᵀBᵀ")
    }

    @Test func batchedMatmul() throws {
        var rng = TestRNG(seed: 11)
        let a = try rng.tensor([2, 3, 4, 5]), b = try rng.tensor([2, 3, 5, 6]), shared = try rng.tensor([5, 6])
        let out = try a.matmul(b)
        let outShared = try a.matmul(shared)
        #expect(out.shape == [2, 3, 4, 6] && outShared.shape == [2, 3, 4, 6])
        var ref = [Float](), refShared = [Float]()
        let av = a.scalars, bv = b.scalars
        for i in 0..<6 {
            ref += naiveMatmul(Array(av[(i * 20)..<(i * 20 + 20)]), Array(bv[(i * 30)..<(i * 30 + 30)]), m: 4, k: 5, n: 6)
            refShared += naiveMatmul(Array(av[(i * 20)..<(i * 20 + 20)]), shared.scalars, m: 4, k: 5, n: 6)
        }
        expectClose(out.scalars, ref, atol: 1e-5, "batched")
        expectClose(outShared.scalars, refShared, atol: 1e-5, "shared")
        #expect(neuralError { _ = try a.matmul(try Tensor(zeros: [2, 4, 5, 6])) } != nil)
        #expect(neuralError { _ = try a.matmul(try Tensor(zeros: [4, 6])) } != nil)
        #expect(neuralError { _ = try Tensor(zeros: [3]).matmul(try Tensor(zeros: [3, 1])) } != nil)
    }

    @Test func linear() throws {
        var rng = TestRNG(seed: 12)
        let x = try rng.tensor([2, 3, 7]), w = try rng.tensor([5, 7]), b = try rng.tensor([5])
        let out = try x.linear(weight: w, bias: b)
        #expect(out.shape == [2, 3, 5])
        let wt = try w.transposed(0, 1).scalars
        var ref = naiveMatmul(x.scalars, wt, m: 6, k: 7, n: 5)
        for r in 0..<6 { for j in 0..<5 { ref[r * 5 + j] += b.scalars[j] } }
        expectClose(out.scalars, ref, atol: 1e-5, "linear")
        let noBias = try x.linear(weight: w)
        expectClose(noBias.scalars, naiveMatmul(x.scalars, wt, m: 6, k: 7, n: 5), atol: 1e-5, "linear no bias")
        #expect(neuralError { _ = try x.linear(weight: try Tensor(zeros: [5, 6])) } != nil)
        #expect(neuralError { _ = try x.linear(weight: w, bias: try Tensor(zeros: [4])) } != nil)
    }

    // MARK: Convolution

    struct ConvCase: CustomTestStringConvertible, Sendable {
        var n = 1, c = 3, h = 8, w = 9, o = 4, kh = 3, kw = 3, stride = 1
        var top = 1, bottom = 1, left = 1, right = 1
        var bias = true
        var testDescription: String { "\(n)x\(c)x\(h)x\(w)→\(o) k\(kh)x\(kw) s\(stride) pad(\(top),\(bottom),\(left),\(right)) bias \(bias)" }
    }

    static let convCases: [ConvCase] = [
        ConvCase(),
        ConvCase(n: 2, c: 5, h: 7, w: 6, o: 3, stride: 2),
        ConvCase(n: 2, c: 4, h: 8, w: 8, o: 6, kh: 1, kw: 1, top: 0, bottom: 0, left: 0, right: 0),
        ConvCase(n: 1, c: 4, h: 5, w: 5, o: 2, kh: 1, kw: 1, stride: 2, top: 0, bottom: 0, left: 0, right: 0, bias: false),
        ConvCase(n: 1, c: 3, h: 9, w: 9, o: 5, stride: 2, top: 0, bottom: 1, left: 0, right: 1),  // Downsample2D
        ConvCase(n: 1, c: 2, h: 6, w: 7, o: 3, top: 0, bottom: 0, left: 0, right: 0, bias: false),
        ConvCase(n: 1, c: 2, h: 3, w: 3, o: 3, stride: 1, top: 2, bottom: 2, left: 2, right: 2),
        ConvCase(n: 3, c: 1, h: 4, w: 11, o: 2, kh: 3, kw: 1, stride: 1, top: 1, bottom: 1, left: 0, right: 0),
    ]

    @Test(arguments: convCases)
    func conv2d(_ k: ConvCase) throws {
        var rng = TestRNG(seed: UInt64(k.c * 100 + k.h * 10 + k.stride))
        let x = try rng.tensor([k.n, k.c, k.h, k.w]), wt = try rng.tensor([k.o, k.c, k.kh, k.kw])
        let b = k.bias ? try rng.tensor([k.o]) : nil
        let pad = Padding2D(top: k.top, bottom: k.bottom, left: k.left, right: k.right)
        let ref = naiveConv2d(x.scalars, n: k.n, c: k.c, h: k.h, w: k.w, wt.scalars, o: k.o, kh: k.kh, kw: k.kw,
                              bias: b?.scalars, stride: k.stride, top: k.top, bottom: k.bottom, left: k.left, right: k.right)
        let out = try x.conv2d(weight: wt, bias: b, stride: k.stride, padding: pad)
        #expect(out.shape == ref.shape)
        expectClose(out.scalars, ref.values, atol: 1e-5, "conv2d \(k.testDescription)")
        // Banded im2col (one output row per band) gives the same result.
        let saved = NeuralRuntime.convolutionScratchBudget
        NeuralRuntime.setConvolutionScratchBudget(1)
        defer { NeuralRuntime.setConvolutionScratchBudget(saved) }
        let banded = try x.conv2d(weight: wt, bias: b, stride: k.stride, padding: pad)
        expectClose(banded.scalars, out.scalars, atol: 1e-6, "banded")
    }

    @Test(arguments: [(1, (1, 0, 0), 3, 1, 1), (1, (1, 1, 1), 3, 3, 3), (2, (1, 1, 0), 3, 3, 1), (1, (0, 0, 0), 1, 1, 1)])
    func conv3d(stride: Int, padding: (Int, Int, Int), kf: Int, kh: Int, kw: Int) throws {
        var rng = TestRNG(seed: UInt64(kf * 100 + kh * 10 + kw + stride))
        let (n, c, f, h, w, o) = (2, 3, 5, 6, 4, 4)
        let x = try rng.tensor([n, c, f, h, w]), wt = try rng.tensor([o, c, kf, kh, kw]), b = try rng.tensor([o])
        let out = try x.conv3d(weight: wt, bias: b, stride: stride, padding: padding)
        let (pf, ph, pw) = padding
        let fo = (f + 2 * pf - kf) / stride + 1, ho = (h + 2 * ph - kh) / stride + 1, wo = (w + 2 * pw - kw) / stride + 1
        #expect(out.shape == [n, o, fo, ho, wo])
        let xs = x.scalars, ws = wt.scalars, bs = b.scalars
        var ref = [Float]()
        for s in 0..<n { for oc in 0..<o { for ot in 0..<fo { for oy in 0..<ho { for ox in 0..<wo {
            var acc = Double(bs[oc])
            for ic in 0..<c { for a in 0..<kf { for i in 0..<kh { for j in 0..<kw {
                let it = ot * stride - pf + a, iy = oy * stride - ph + i, ix = ox * stride - pw + j
                if it < 0 || it >= f || iy < 0 || iy >= h || ix < 0 || ix >= w { continue }
                let xi: Int = (((s * c + ic) * f + it) * h + iy) * w + ix
                let wi: Int = (((oc * c + ic) * kf + a) * kh + i) * kw + j
                acc += Double(xs[xi]) * Double(ws[wi])
            } } } }
            ref.append(Float(acc))
        } } } } }
        expectClose(out.scalars, ref, atol: 1e-5, "conv3d")
    }

    @Test func conv2dErrors() throws {
        let x = try Tensor(zeros: [1, 3, 4, 4])
        #expect(neuralError { _ = try x.conv2d(weight: try Tensor(zeros: [2, 4, 3, 3])) } != nil)
        #expect(neuralError { _ = try x.conv2d(weight: try Tensor(zeros: [2, 3, 5, 5])) } != nil)
        #expect(neuralError { _ = try x.conv2d(weight: try Tensor(zeros: [2, 3, 3, 3]), stride: 0) } != nil)
        #expect(neuralError { _ = try x.conv2d(weight: try Tensor(zeros: [2, 3, 3, 3]), padding: -1) } != nil)
        #expect(neuralError { _ = try x.conv2d(weight: try Tensor(zeros: [2, 3, 3, 3]), bias: try Tensor(zeros: [3])) } != nil)
        #expect(neuralError { _ = try Tensor(zeros: [3, 4, 4]).conv2d(weight: try Tensor(zeros: [2, 3, 3, 3])) } != nil)
    }

    @Test func upsampleNearest() throws {
        let x = try Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let y = try x.upsampleNearest2x()
        #expect(y.shape == [1, 1, 4, 4])
        #expect(y.scalars == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        #expect(neuralError { _ = try Tensor(zeros: [2, 2]).upsampleNearest2x() } != nil)
    }

    // MARK: Normalisation

    @Test(arguments: [(2, 8, 4, 1e-5), (1, 6, 3, 1e-6), (3, 4, 4, 1e-5), (1, 32, 32, 1e-6)])
    func groupNorm(n: Int, c: Int, groups: Int, eps: Double) throws {
        var rng = TestRNG(seed: UInt64(c * groups))
        let x = try rng.tensor([n, c, 5, 3], scale: 3).adding(scalar: 2)
        let w = try rng.tensor([c]), b = try rng.tensor([c])
        let xs = x.scalars
        let per = c / groups, spatial = 15
        var ref = [Float](repeating: 0, count: xs.count)
        for s in 0..<n { for g in 0..<groups {
            let base = (s * c + g * per) * spatial
            let vals = xs[base..<(base + per * spatial)].map(Double.init)
            let mean = vals.reduce(0, +) / Double(vals.count)
            let variance = vals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(vals.count)
            for i in 0..<(per * spatial) {
                let ch = g * per + i / spatial
                ref[base + i] = Float((Double(xs[base + i]) - mean) / (variance + eps).squareRoot() * Double(w.scalars[ch]) + Double(b.scalars[ch]))
            }
        } }
        expectClose(try x.groupNorm(groups: groups, weight: w, bias: b, eps: Float(eps)).scalars, ref, atol: 1e-5, "group_norm")
        #expect(neuralError { _ = try x.groupNorm(groups: c + 1) } != nil)
        #expect(neuralError { _ = try x.groupNorm(groups: groups, weight: try Tensor(zeros: [c + 1])) } != nil)
    }

    @Test func layerNorm() throws {
        var rng = TestRNG(seed: 21)
        let x = try rng.tensor([3, 4, 37], scale: 2).adding(scalar: 1)
        let w = try rng.tensor([37]), b = try rng.tensor([37])
        let xs = x.scalars
        var ref = [Float]()
        for r in 0..<12 {
            let row = xs[(r * 37)..<(r * 37 + 37)].map(Double.init)
            let mean = row.reduce(0, +) / 37
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 37
            for j in 0..<37 { ref.append(Float((row[j] - mean) / (variance + 1e-5).squareRoot() * Double(w.scalars[j]) + Double(b.scalars[j]))) }
        }
        expectClose(try x.layerNorm(weight: w, bias: b).scalars, ref, atol: 1e-5, "layer_norm")
        #expect(neuralError { _ = try x.layerNorm(weight: try Tensor(zeros: [36])) } != nil)
    }

    // MARK: Softmax and activations

    @Test func softmaxIsStable() throws {
        var rng = TestRNG(seed: 31)
        var values = rng.floats(4 * 9, scale: 5)
        values[3] = 1000  // would overflow exp without the max subtraction
        values[10] = -1000
        let x = try Tensor(shape: [4, 9], scalars: values)
        var ref = [Float]()
        for r in 0..<4 {
            let row = values[(r * 9)..<(r * 9 + 9)].map(Double.init)
            let m = row.max() ?? 0
            let e = row.map { exp($0 - m) }
            let s = e.reduce(0, +)
            ref += e.map { Float($0 / s) }
        }
        expectClose(x.softmax().scalars, ref, atol: 1e-6, "softmax")
    }

    @Test func activations() throws {
        var rng = TestRNG(seed: 41)
        let x = try rng.tensor([3, 50], scale: 6)
        let xs = x.scalars.map(Double.init)
        func f(_ g: (Double) -> Double) -> [Float] { xs.map { Float(g($0)) } }
        expectClose(x.gelu().scalars, f { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }, atol: 2e-6, "gelu")
        expectClose(x.quickGELU().scalars, f { $0 / (1 + exp(-1.702 * $0)) }, atol: 2e-6, "quick_gelu")
        expectClose(x.silu().scalars, f { $0 / (1 + exp(-$0)) }, atol: 2e-6, "silu")
        expectClose(x.sigmoid().scalars, f { 1 / (1 + exp(-$0)) }, atol: 1e-6, "sigmoid")
        let g = try x.geglu()
        #expect(g.shape == [3, 25])
        var ref = [Float]()
        for r in 0..<3 { for j in 0..<25 {
            let a = xs[r * 50 + j], b = xs[r * 50 + 25 + j]
            ref.append(Float(a * 0.5 * b * (1 + erf(b / 2.0.squareRoot()))))
        } }
        expectClose(g.scalars, ref, atol: 1e-5, "geglu")
        #expect(neuralError { _ = try Tensor(zeros: [2, 3]).geglu() } != nil)
    }

    // MARK: Attention

    @Test(arguments: [(1, 5, 5, 8, 8, false), (3, 17, 9, 4, 6, false), (2, 13, 13, 8, 8, true), (2, 7, 11, 3, 5, true)])
    func attention(batch: Int, lq: Int, lk: Int, d: Int, dv: Int, causal: Bool) throws {
        var rng = TestRNG(seed: UInt64(lq * 31 + lk))
        let q = try rng.tensor([batch, lq, d], scale: 2), k = try rng.tensor([batch, lk, d], scale: 2), v = try rng.tensor([batch, lk, dv])
        let ref = naiveAttention(q.scalars, k.scalars, v.scalars, batch: batch, lq: lq, lk: lk, d: d, dv: dv, causal: causal)
        let whole = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, isCausal: causal)
        #expect(whole.shape == [batch, lq, dv])
        expectClose(whole.scalars, ref, atol: 2e-6, "attention")
        for block in [1, 2, 3, 5, 64] {
            let blocked = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, isCausal: causal, queryBlockSize: block)
            expectClose(blocked.scalars, whole.scalars, atol: 0, rtol: 1e-6, "attention block \(block)")
        }
    }

    @Test func attentionWithHeadsAndBudget() throws {
        var rng = TestRNG(seed: 51)
        let q = try rng.tensor([2, 3, 40, 8]), k = try rng.tensor([2, 3, 30, 8]), v = try rng.tensor([2, 3, 30, 8])
        let whole = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, queryBlockSize: 40)
        let saved = NeuralRuntime.attentionMemoryBudget
        NeuralRuntime.setAttentionMemoryBudget(30 * 4 * 7)  // 7 query rows per block
        defer { NeuralRuntime.setAttentionMemoryBudget(saved) }
        let budgeted = try Tensor.scaledDotProductAttention(query: q, key: k, value: v)
        expectClose(budgeted.scalars, whole.scalars, atol: 0, rtol: 1e-6, "budgeted")
        let ref = naiveAttention(q.scalars, k.scalars, v.scalars, batch: 6, lq: 40, lk: 30, d: 8, dv: 8, causal: false)
        expectClose(whole.scalars, ref, atol: 2e-6, "heads")
        #expect(neuralError { _ = try Tensor.scaledDotProductAttention(query: q, key: k, value: try Tensor(zeros: [2, 3, 29, 8])) } != nil)
        #expect(neuralError { _ = try Tensor.scaledDotProductAttention(query: q, key: try Tensor(zeros: [2, 3, 30, 7]), value: v) } != nil)
        #expect(neuralError { _ = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, queryBlockSize: 0) } != nil)
    }

    // MARK: Timestep embedding

    @Test(arguments: [(8, false, 1.0, 1.0), (9, true, 0.0, 1.0), (320, true, 0.0, 1.0), (6, false, 1.0, 2.0)])
    func timestepEmbedding(dim: Int, flip: Bool, shift: Double, scale: Double) throws {
        let ts: [Float] = [0, 1, 10, 999, 500.5]
        let out = try Tensor.timestepEmbedding(timesteps: ts, dim: dim, flipSinToCos: flip, downscaleFreqShift: Float(shift), scale: Float(scale))
        #expect(out.shape == [5, dim])
        let half = dim / 2
        var ref = [Float]()
        for t in ts {
            var sines = [Double](), cosines = [Double]()
            for i in 0..<half {
                let freq = exp(-log(10000.0) * Double(i) / (Double(half) - shift))
                sines.append(sin(scale * Double(t) * freq))
                cosines.append(cos(scale * Double(t) * freq))
            }
            var row = flip ? cosines + sines : sines + cosines
            if dim % 2 == 1 { row.append(0) }
            ref += row.map { Float($0) }
        }
        // Float32 arguments up to ~1000 rad: sin/cos of a float-rounded argument differ by ~1e-4.
        expectClose(out.scalars, ref, atol: 5e-4, "timestep_embedding")
    }

    // MARK: Determinism across thread counts

    @Test func resultsDoNotDependOnThreadCount() throws {
        var rng = TestRNG(seed: 61)
        let x = try rng.tensor([2, 8, 33, 31])
        let w = try rng.tensor([6, 8, 3, 3])
        let q = try rng.tensor([2, 100, 16])
        func run() throws -> [[Float]] {
            [
                try x.groupNorm(groups: 4).scalars, try x.layerNorm().scalars, x.gelu().scalars, x.silu().scalars,
                x.softmax().scalars, try x.permuted([0, 2, 3, 1]).scalars, try x.upsampleNearest2x().scalars,
                try Tensor.scaledDotProductAttention(query: q, key: q, value: q).scalars,
                try x.conv2d(weight: w, padding: 1).scalars,
            ]
        }
        let saved = NeuralRuntime.threadCount
        defer { NeuralRuntime.setThreadCount(saved) }
        NeuralRuntime.setThreadCount(1)
        let one = try run()
        NeuralRuntime.setThreadCount(2)
        let two = try run()
        NeuralRuntime.setThreadCount(7)
        let seven = try run()
        // Non-BLAS loops must agree bit for bit; BLAS results may differ in the last bits.
        for i in 0..<7 { #expect(one[i] == two[i] && one[i] == seven[i], "op \(i)") }
        for i in 7..<one.count {
            expectClose(two[i], one[i], atol: 1e-5, "op \(i) 2 threads")
            expectClose(seven[i], one[i], atol: 1e-5, "op \(i) 7 threads")
        }
    }
}
