// The building blocks of AutoencoderKL's encoder and decoder (no time embedding). Matches
// diffusers/models/resnet.py (ResnetBlock2D), downsampling.py (Downsample2D), upsampling.py
// (Upsample2D), attention_processor.py (Attention + AttnProcessor2_0) and unets/unet_2d_blocks.py
// (UNetMidBlock2D, DownEncoderBlock2D, UpDecoderBlock2D).

/// diffusers' `ResnetBlock2D` with `temb_channels=None`, `output_scale_factor=1`:
/// `shortcut(x) + conv2(silu(norm2(conv1(silu(norm1(x))))))`.
struct ResnetBlock2D: Sendable {
    let norm1, norm2: GroupNorm
    let conv1, conv2: Conv2d
    let convShortcut: Conv2d?

    init(_ w: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, groups: Int, eps: Float) throws {
        norm1 = try GroupNorm(w, "\(prefix).norm1", groups: groups, channels: inChannels, eps: eps)
        conv1 = try Conv2d(w, "\(prefix).conv1", inChannels: inChannels, outChannels: outChannels, kernelSize: 3, padding: Padding2D(1))
        norm2 = try GroupNorm(w, "\(prefix).norm2", groups: groups, channels: outChannels, eps: eps)
        conv2 = try Conv2d(w, "\(prefix).conv2", inChannels: outChannels, outChannels: outChannels, kernelSize: 3, padding: Padding2D(1))
        convShortcut = inChannels == outChannels
            ? nil
            : try Conv2d(w, "\(prefix).conv_shortcut", inChannels: inChannels, outChannels: outChannels, kernelSize: 1)
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        let h = try x.conv2dFused(weight: conv1.weight, bias: conv1.bias, padding: conv1.padding, upsample2x: false,
                                  residual: nil, normSiLU: norm1.parameters)
        let shortcut = try convShortcut.map { try $0(x) } ?? x
        return try h.conv2dFused(weight: conv2.weight, bias: conv2.bias, padding: conv2.padding, upsample2x: false,
                                 residual: shortcut, normSiLU: norm2.parameters)
    }
}

/// diffusers' `Attention` as built by `UNetMidBlock2D` for the VAE (`_from_deprecated_attn_block`,
/// `residual_connection=True`, group norm on the input, one head of `channels` dims by default):
/// `x + to_out(attention(to_q(gn(x)), to_k(gn(x)), to_v(gn(x))))` over the `H·W` positions.
/// Old checkpoints' names (`query`, `key`, `value`, `proj_attn`) are read too.
struct VAEAttention: Sendable {
    let groupNorm: GroupNorm
    let toQ, toK, toV, toOut: Linear
    let heads: Int

    init(_ w: WeightStore, _ prefix: String, channels: Int, headDim: Int, groups: Int, eps: Float) throws {
        groupNorm = try GroupNorm(w, "\(prefix).group_norm", groups: groups, channels: channels, eps: eps)
        let legacy = !w.contains("\(prefix).to_q.weight") && w.contains("\(prefix).query.weight")
        func linear(_ name: String, _ old: String) throws -> Linear {
            try Linear(w, "\(prefix).\(legacy ? old : name)", inFeatures: channels, outFeatures: channels)
        }
        toQ = try linear("to_q", "query")
        toK = try linear("to_k", "key")
        toV = try linear("to_v", "value")
        toOut = try linear("to_out.0", "proj_attn")
        heads = max(1, channels / max(headDim, 1))
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        let (b, c, hh, ww) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let n = hh * ww
        // [B, C, H, W] → group norm → [B, H·W, C]
        let tokens = try groupNorm(x).reshaped([b, c, n]).transposed(1, 2)
        var q = try toQ(tokens), k = try toK(tokens), v = try toV(tokens)
        let hd = c / heads
        if heads > 1 {
            q = try q.reshaped([b, n, heads, hd]).permuted([0, 2, 1, 3])
            k = try k.reshaped([b, n, heads, hd]).permuted([0, 2, 1, 3])
            v = try v.reshaped([b, n, heads, hd]).permuted([0, 2, 1, 3])
        }
        var o = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, scale: 1 / Float(hd).squareRoot())
        if heads > 1 { o = try o.permuted([0, 2, 1, 3]).reshaped([b, n, c]) }
        var out = try toOut(o).transposed(1, 2).reshaped([b, c, hh, ww])
        try out.add(x)
        return out
    }
}

/// diffusers' `UNetMidBlock2D` without time embedding: `resnets[0]`, then for each attention
/// `attentions[i]` followed by `resnets[i + 1]` (one attention, two resnets in the VAE).
struct UNetMidBlock2D: Sendable {
    let resnets: [ResnetBlock2D]
    let attentions: [VAEAttention]

    init(_ w: WeightStore, _ prefix: String, channels: Int, groups: Int, eps: Float, addAttention: Bool) throws {
        resnets = try (0..<2).map {
            try ResnetBlock2D(w, "\(prefix).resnets.\($0)", inChannels: channels, outChannels: channels, groups: groups, eps: eps)
        }
        attentions = addAttention
            ? [try VAEAttention(w, "\(prefix).attentions.0", channels: channels, headDim: channels, groups: groups, eps: eps)]
            : []
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        var h = try resnets[0](x)
        for i in 1..<resnets.count {
            if attentions.indices.contains(i - 1) { h = try attentions[i - 1](h) }
            h = try resnets[i](h)
        }
        return h
    }
}

/// diffusers' `Downsample2D(use_conv=True, padding=0)`: pad right and bottom by one, then a 3×3
/// convolution of stride 2 (`downsamplers.0.conv`).
struct Downsample2D: Sendable {
    let conv: Conv2d

    init(_ w: WeightStore, _ prefix: String, channels: Int) throws {
        conv = try Conv2d(w, "\(prefix).conv", inChannels: channels, outChannels: channels, kernelSize: 3, stride: 2,
                          padding: Padding2D(top: 0, bottom: 1, left: 0, right: 1))
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try conv(x) }
}

/// diffusers' `Upsample2D(use_conv=True)`: nearest ×2, then a 3×3 convolution (`upsamplers.0.conv`).
struct Upsample2D: Sendable {
    let conv: Conv2d

    init(_ w: WeightStore, _ prefix: String, channels: Int) throws {
        conv = try Conv2d(w, "\(prefix).conv", inChannels: channels, outChannels: channels, kernelSize: 3, padding: Padding2D(1))
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor { try x.upsampleNearest2xConv3x3(conv) }
}

/// diffusers' `DownEncoderBlock2D`: `layers_per_block` resnets, then a `Downsample2D` unless last.
struct DownEncoderBlock2D: Sendable {
    let resnets: [ResnetBlock2D]
    let downsampler: Downsample2D?

    init(_ w: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, layers: Int, groups: Int, eps: Float,
         addDownsample: Bool) throws {
        resnets = try (0..<layers).map {
            try ResnetBlock2D(w, "\(prefix).resnets.\($0)", inChannels: $0 == 0 ? inChannels : outChannels,
                              outChannels: outChannels, groups: groups, eps: eps)
        }
        downsampler = addDownsample ? try Downsample2D(w, "\(prefix).downsamplers.0", channels: outChannels) : nil
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        var h = x
        for r in resnets { h = try r(h) }
        if let downsampler { h = try downsampler(h) }
        return h
    }
}

/// diffusers' `UpDecoderBlock2D`: `layers_per_block + 1` resnets, then an `Upsample2D` unless last.
struct UpDecoderBlock2D: Sendable {
    let resnets: [ResnetBlock2D]
    let upsampler: Upsample2D?

    init(_ w: WeightStore, _ prefix: String, inChannels: Int, outChannels: Int, layers: Int, groups: Int, eps: Float,
         addUpsample: Bool) throws {
        resnets = try (0..<layers).map {
            try ResnetBlock2D(w, "\(prefix).resnets.\($0)", inChannels: $0 == 0 ? inChannels : outChannels,
                              outChannels: outChannels, groups: groups, eps: eps)
        }
        upsampler = addUpsample ? try Upsample2D(w, "\(prefix).upsamplers.0", channels: outChannels) : nil
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        var h = x
        for r in resnets { h = try r(h) }
        if let upsampler { h = try upsampler(h) }
        return h
    }
}
