// Zero padding of a 2-D convolution, as the compute seam takes it.

/// Zero padding on the four sides of an image, for ``Tensor/conv2d(weight:bias:stride:padding:)``.
public struct Padding2D: Equatable, Sendable {
    public var top: Int
    public var bottom: Int
    public var left: Int
    public var right: Int

    /// The same padding on all four sides (PyTorch's `padding=p`).
    public init(_ all: Int) {
        self.init(top: all, bottom: all, left: all, right: all)
    }

    /// Explicit sides; e.g. diffusers' `Downsample2D` with `padding=0` pads `(0, 1, 0, 1)`
    /// (left 0, right 1, top 0, bottom 1) before its stride-2 convolution.
    public init(top: Int, bottom: Int, left: Int, right: Int) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }
}
