#!/usr/bin/env python3
"""PyTorch side of the neural benchmark (issue 5 "Figures").

Runs one component per process, on random weights at the real sizes of text-to-video-ms-1.7b:
  --only text   CLIPTextModel (hidden 1024, 23 layers, 16 heads, intermediate 4096, vocab 49408,
                gelu), 2 prompts x 77 tokens; best of --repeats after a warm-up.
  --only vae    the SD VAE decoder (block_out_channels 128, 256, 512, 512; layers_per_block 2;
                32 groups; latent 4): post_quant_conv + Decoder, as AutoencoderKL.decode runs them,
                on --frames latents of --latent x --latent, --batch frames at a time.
  --only unet   the UNet3D (diffusers' defaults: the text-to-video-ms-1.7b layout), one forward of a
                CFG batch of 2 x --frames latents of --latent^2, 77-token context.
  --only st2v   one step of StreamingT2V's streaming stage: the CAM (the UNet's encoder half with the
                frame encoder) on the first 8 latents with 8 frames of 8*--latent pixels, then the base
                UNet with the APM (77 text + 16 image tokens) and the 13 CAM mergers, CFG batch of 2;
                modules from tools/fixtures/make_streamingt2v_fixtures.py (the reference written from
                the StreamingT2V spec).
  --only sgemm  one 4096^3 float32 matmul after a warm-up.
Prints one JSON object. Run with the reference environment (torch, transformers 4.46.3,
diffusers 0.33.1; `make refenv` makes it in .refenv/), e.g. .refenv/bin/python tools/bench_neural.py --only vae.
tools/bench_neural.sh runs this and reflection's t2v-neural-bench side by side. No weight file is
written or read: the weights are PyTorch's default random initialisation.
"""
import argparse
import json
import resource
import time

import torch


def peak_rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sgemm_peak():
    n = 4096
    a = torch.full((n, n), 0.5)
    b = torch.full((n, n), 0.25)
    torch.matmul(a, b)
    t = time.perf_counter()
    torch.matmul(a, b)
    return 2 * n ** 3 / (time.perf_counter() - t) / 1e9


def bench_text(args, out):
    from transformers import CLIPTextConfig, CLIPTextModel

    config = CLIPTextConfig(vocab_size=49408, hidden_size=1024, intermediate_size=4096, projection_dim=512,
                            num_hidden_layers=23, num_attention_heads=16, max_position_embeddings=77,
                            hidden_act="gelu")
    t0 = time.perf_counter()
    model = CLIPTextModel(config).eval()
    out["init_s"] = time.perf_counter() - t0
    rows = []
    for p in range(2):
        row = [49406] + [(i * 7919 + p * 104729) % 49000 for i in range(20)] + [49407]
        rows.append(row + [0] * (77 - len(row)))
    ids = torch.tensor(rows, dtype=torch.long)
    with torch.inference_mode():
        model(ids)
        times = []
        for _ in range(max(1, args.repeats)):
            t = time.perf_counter()
            h = model(ids).last_hidden_state
            times.append(time.perf_counter() - t)
    best = min(times)
    out.update(seconds=best, seconds_median=sorted(times)[len(times) // 2], tflop=0.09, gflops=0.09e3 / best,
               mean_abs=float(h.abs().mean()))


def bench_vae(args, out):
    from diffusers.models.autoencoders.vae import Decoder

    t0 = time.perf_counter()
    decoder = Decoder(in_channels=4, out_channels=3, up_block_types=("UpDecoderBlock2D",) * 4,
                      block_out_channels=(128, 256, 512, 512), layers_per_block=2, norm_num_groups=32,
                      act_fn="silu").eval()
    post_quant_conv = torch.nn.Conv2d(4, 4, 1).eval()
    out["init_s"] = time.perf_counter() - t0
    g = torch.Generator().manual_seed(12345)
    latents = torch.rand((args.frames, 4, args.latent, args.latent), generator=g) * 2 - 1
    with torch.inference_mode():
        decoder(post_quant_conv(latents[:1, :, :8, :8]))  # warm-up at 64x64
        frames = []
        t = time.perf_counter()
        for start in range(0, args.frames, args.batch):
            frames.append(decoder(post_quant_conv(latents[start:start + args.batch])))
        images = torch.cat(frames)
        seconds = time.perf_counter() - t
    tflop = 9.95 * args.frames / 16 * args.latent * args.latent / 1024
    out.update(seconds=seconds, frames=args.frames, size=args.latent * 8, batch=args.batch, tflop=tflop,
               gflops=tflop * 1e3 / seconds, mean_abs=float(images.abs().mean()))


def bench_unet(args, out):
    from diffusers import UNet3DConditionModel

    t0 = time.perf_counter()
    unet = UNet3DConditionModel().eval()  # diffusers' defaults: the text-to-video-ms-1.7b layout
    out["init_s"] = time.perf_counter() - t0
    g = torch.Generator().manual_seed(777)
    sample = torch.rand((2, 4, args.frames, args.latent, args.latent), generator=g) * 2 - 1
    context = torch.rand((2, 77, 1024), generator=g) * 2 - 1
    with torch.inference_mode():
        if args.warm:
            unet(sample, 500, encoder_hidden_states=context)
        t = time.perf_counter()
        result = unet(sample, 500, encoder_hidden_states=context).sample
        seconds = time.perf_counter() - t
    tflop = 9.77 * args.frames / 16 * args.latent * args.latent / 1024
    out.update(seconds=seconds, frames=args.frames, tflop=tflop, gflops=tflop * 1e3 / seconds,
               mean_abs=float(result.abs().mean()), warm=int(args.warm))


def bench_streamingt2v(args, out):
    from bench_streamingt2v import CAM_FRAMES as cam_frames, base_and_cam, st

    t0 = time.perf_counter()
    base, cam = base_and_cam()
    out["init_s"] = time.perf_counter() - t0
    g = torch.Generator().manual_seed(778)
    sample = torch.rand((2, 4, args.frames, args.latent, args.latent), generator=g) * 2 - 1
    text = torch.rand((2, 77, 1024), generator=g) * 2 - 1
    image = torch.rand((2, 16, 1024), generator=g) * 2 - 1
    frames = torch.rand((2 * cam_frames, 3, 8 * args.latent, 8 * args.latent), generator=g) * 2 - 1

    def step():
        res, mid = st.cam_forward(cam, cam.controlnet_cond_embedding, sample[:, :, :cam_frames], 500.0, text, frames)
        t_cam = time.perf_counter()
        eps = st.base_forward(base, sample, 500.0, torch.cat([text, image], 1), res, mid, batch=2)
        return eps, t_cam

    with torch.inference_mode():
        if args.warm:
            step()
        t = time.perf_counter()
        eps, t_cam = step()
        seconds = time.perf_counter() - t
    out.update(seconds=seconds, cam_seconds=t_cam - t, frames=args.frames, mean_abs=float(eps.abs().mean()),
               warm=int(args.warm))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["text", "vae", "unet", "st2v", "sgemm"], default="text")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--frames", type=int, default=16)
    parser.add_argument("--latent", type=int, default=32)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warm", type=int, default=0, help="unet: one untimed forward first")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    out = {"side": "pytorch", "component": args.only, "threads": args.threads, "torch": torch.__version__}
    if args.only == "sgemm":
        out["sgemm_gflops"] = sgemm_peak()
    elif args.only == "text":
        bench_text(args, out)
    elif args.only == "unet":
        bench_unet(args, out)
    elif args.only == "st2v":
        bench_streamingt2v(args, out)
    else:
        bench_vae(args, out)
    out["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
