// The compute seam: the one place where T2VNeural's arithmetic meets a backend.
//
// Every matrix product, convolution, attention and normalisation of the models goes through
// `Compute.backend`, an implementation of `ComputeBackend` (the Tensor methods `matmul`, `linear`,
// `conv2d`, `conv3d`, `groupNorm`, `layerNorm`, `Tensor.scaledDotProductAttention` and the layers in
// Models/Layers only forward here). The float32 OpenBLAS backend (Compute/OpenBLAS/) is the default.
//
// A second backend (e.g. bf16 on oneDNN) implements `ComputeBackend`: nine operations on float32
// `Tensor`s in PyTorch's layouts (NCHW images; the UNet's video as (batch·frames, C, H, W)), each
// with the shape checks and errors of the OpenBLAS kernels it replaces. It may keep its own weight
// formats behind the `Tensor`s it is given (e.g. cache bf16 copies keyed by storage), may fall back to
// `OpenBLASBackend()` for any operation, and is installed around a computation with
// `Compute.using(_:_:)` (ComputeSession does so for a context's `precision`) or process-wide with `Compute.use(_:)`.
// The oneDNN backend (Compute/OneDNN/) is the second one: bf16 products with float32 accumulation.
// Elementwise operations (add, SiLU, GELU, softmax), layout changes and resampling stay in Tensor/:
// they are copies or single-element arithmetic, not part of the seam.
//
// Determinism contract of the default backend: every output element is computed by one worker in a
// fixed order, so results do not depend on the thread count (golden bytes rely on this). A backend
// that gives up exactness (bf16) says so; parity tests then need tolerances, not bytes.

import Synchronization

/// `silu(group_norm(x))` parameters read on the fly by a fused convolution.
typealias GroupNormSiLU = (groups: Int, weight: Tensor, bias: Tensor, eps: Float)

/// What follows a group norm in the same pass over its output.
enum GroupNormActivation: Sendable {
    /// `y = x·scale + shift` (plain `torch.nn.GroupNorm`).
    case identity
    /// `silu(y)` with ``VectorMath/exp(_:)`` (the VAE's fused norm + SiLU).
    case silu
    /// `silu(y)` as `y / (1 + expf(−y))` with libm's `expf` (the UNet's norm + SiLU). Differs from
    /// `.silu` in the last bits; both are kept so each model's output stays byte-identical.
    case siluLibm
}

/// The operations a compute backend implements. Inputs are float32 tensors; results are new tensors.
protocol ComputeBackend: Sendable {
    /// `torch.matmul` for rank ≥ 2: `a` `[..., M, K]` (or transposed), `b` `[K, N]` shared by every
    /// matrix of `a`, or with `a`'s batch dimensions.
    func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) throws -> Tensor
    /// `F.linear`: `x` `[..., in]`, `weight` `[out, in]`, `bias` `[out]`.
    func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor
    /// `F.conv2d` (groups 1, dilation 1) of `[N, C, H, W]` by `[O, C, kh, kw]`.
    func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Padding2D) throws -> Tensor
    /// Stride-1 `F.conv2d` of `x` read upsampled ×2 (nearest) when `upsample2x`, read through
    /// `silu(group_norm(·))` when `normSiLU` is given, and added to `residual` when given.
    func conv2dFused(
        _ x: Tensor, weight: Tensor, bias: Tensor?, padding: Padding2D, upsample2x: Bool, residual: Tensor?,
        normSiLU: GroupNormSiLU?
    ) throws -> Tensor
    /// `F.conv3d` of `[N, C, F, H, W]` by `[O, C, kf, kh, kw]`, symmetric padding (frames, height, width).
    func conv3d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: (Int, Int, Int)) throws -> Tensor
    /// `nn.Conv3d(C, O, (3, 1, 1), padding=(1, 0, 0))` of the video a `(batch·frames, C, H, W)` tensor holds.
    func temporalConv(_ x: Tensor, frames: Int, weight: Tensor, bias: Tensor) throws -> Tensor
    /// `F.scaled_dot_product_attention` (no dropout) of `[..., L, D]` queries, keys and values.
    func attention(
        query: Tensor, key: Tensor, value: Tensor, scale: Float?, isCausal: Bool, queryBlockSize: Int?
    ) throws -> Tensor
    /// `F.group_norm` of `[batch·frames, C, ...]` with statistics over each video's frames, then `activation`.
    func groupNorm(
        _ x: Tensor, frames: Int, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: GroupNormActivation
    ) throws -> Tensor
    /// `F.layer_norm` over the last dimension.
    func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor
}

/// The backend in use.
enum Compute {
    private static let current = Mutex<any ComputeBackend>(OpenBLASBackend())

    /// A backend installed for the work of one thread (or task) by ``using(_:_:)``.
    @TaskLocal private static var scoped: (any ComputeBackend)?

    /// The backend every operation goes through: the one ``using(_:_:)`` installed around the calling
    /// code, else the process-wide one (``OpenBLASBackend`` unless ``use(_:)`` changed it).
    static var backend: any ComputeBackend { scoped ?? current.withLock { $0 } }

    /// Installs `backend` process-wide for every later operation (meant for start-up, not while models run).
    static func use(_ backend: any ComputeBackend) {
        current.withLock { $0 = backend }
    }

    /// Runs `body` with `backend` for the operations it calls on this thread (or task); other
    /// threads keep theirs, so two computations in different precisions do not see each other's.
    static func using<R>(_ backend: any ComputeBackend, _ body: () throws -> R) rethrows -> R {
        try $scoped.withValue(backend) { try body() }
    }
}

/// The arithmetic a computation runs in.
public enum ComputePrecision: String, Sendable, CaseIterable {
    /// float32 on OpenBLAS: the reference path, equal to PyTorch's float32 within rounding.
    case fp32
    /// bf16 products with float32 accumulation on oneDNN (AVX-512 BF16 or AMX CPUs); normalisation,
    /// softmax and the scheduler in float32. See ``OneDNNBackend``.
    case bf16

    /// nil where ``bf16`` runs on this CPU; otherwise why not (``OneDNN/bf16Unavailable``).
    public static var bf16Unavailable: String? { OneDNN.bf16Unavailable }

    /// Runs `body` with this thread's operations on a named backend, for benchmarks: `"fp32"`
    /// (OpenBLAS), `"bf16"` (oneDNN, bf16), `"onednn-f32"` (oneDNN's float32 kernels through the bf16
    /// backend's code: its conversions and caches at float32, measurable on any CPU).
    @_spi(Benchmarks)
    public static func withBackend<R>(named name: String, _ body: () throws -> R) throws -> R {
        let backend: any ComputeBackend
        switch name {
        case "fp32": backend = OpenBLASBackend()
        case "bf16": backend = try OneDNNBackend.bf16()
        case "onednn-f32": backend = try OneDNNBackend(.f32)
        default: throw NeuralError.invalidArgument(op: "backend", "\(name) (fp32, bf16, onednn-f32)")
        }
        return try Compute.using(backend, body)
    }

    /// The backend of this precision (bf16: the process's shared oneDNN backend and weight cache).
    func backend() throws -> any ComputeBackend {
        switch self {
        case .fp32: return OpenBLASBackend()
        case .bf16: return try OneDNNBackend.bf16()
        }
    }
}
