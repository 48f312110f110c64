#!/usr/bin/env python3
"""Whole text-to-video pipeline benchmark (issues 6 and 13 "Figures"): seconds per generated frame.

Both sides run the same diffusers folder of random weights at the real sizes of
damo-vilab/text-to-video-ms-1.7b (UNet3DConditionModel defaults, the SD VAE, a 23-layer CLIP text
encoder, the real 49,408-token tokenizer from the test fixtures), --size² (256), --frames frames,
--steps DPM-Solver++ steps, guidance 9, seed 42, --threads threads:

  make-model DIR   writes the folder (save_pretrained, safetensors; ~7 GB; once)
  pytorch DIR      diffusers' TextToVideoSDPipeline with DPMSolverMultistepScheduler.from_config;
                   --precision bf16 runs it under torch.autocast("cpu", dtype=torch.bfloat16)
  reflection DIR   reflection's Python API (process_text) in the documented exact-diffusers setting
                   (frame_rate = model_frame_rate, seconds_per_text * frame_rate = frames_per_chunk),
                   with "precision" = --precision and "cache_interval" = --cache-interval

Each prints one JSON object: load and generation seconds, seconds per frame, peak RSS, or the
reason the row cannot run here ("skipped"). --frames-out FILE writes the rgb24 frames;
--compare FILE adds the max/mean absolute difference and PSNR against the frames in FILE.
tools/bench_pipeline.sh runs every row and prints the table.
Needs the reference environment (torch, diffusers 0.33.1, transformers 4.46.3) for make-model and
pytorch; the reflection side needs only the built library (REFLECTION_LIBRARY) and the binding.
"""
import argparse
import json
import math
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROMPT = "a red kite flying over a sandy beach at sunset"
args_compare = ""


def peak_rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_model(args):
    import torch
    from diffusers import AutoencoderKL, DDIMScheduler, TextToVideoSDPipeline, UNet3DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

    torch.manual_seed(0)
    fixtures = ROOT / "Tests/Fixtures/tokenizer"
    tokenizer = CLIPTokenizer(vocab_file=str(fixtures / "vocab.json"), merges_file=str(fixtures / "merges.txt"),
                              pad_token="!", model_max_length=77)
    text_encoder = CLIPTextModel(CLIPTextConfig(
        vocab_size=49408, hidden_size=1024, intermediate_size=4096, projection_dim=512, num_hidden_layers=23,
        num_attention_heads=16, max_position_embeddings=77, hidden_act="gelu")).eval()
    unet = UNet3DConditionModel(sample_size=32).eval()  # defaults: the text-to-video-ms-1.7b layout
    # Scale the random UNet output so 25 steps stay finite (default init predicts huge noise).
    with torch.no_grad():
        unet.conv_out.weight.mul_(0.02)
        unet.conv_out.bias.zero_()
    vae = AutoencoderKL(in_channels=3, out_channels=3, down_block_types=("DownEncoderBlock2D",) * 4,
                        up_block_types=("UpDecoderBlock2D",) * 4, block_out_channels=(128, 256, 512, 512),
                        layers_per_block=2, latent_channels=4, norm_num_groups=32, sample_size=256).eval()
    scheduler = DDIMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                              clip_sample=False, set_alpha_to_one=False, steps_offset=1)
    pipe = TextToVideoSDPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet,
                                 scheduler=scheduler)
    pipe.save_pretrained(args.dir, safe_serialization=True)
    print(json.dumps({"made": str(args.dir)}))


def compare(data: bytes, out):
    """Max/mean |difference| and PSNR of rgb24 `data` against the frames in --compare."""
    if not args_compare or not os.path.exists(args_compare):
        return
    ref = Path(args_compare).read_bytes()
    if len(ref) != len(data):
        return
    diffs = [abs(a - b) for a, b in zip(data, ref)]
    mse = sum(d * d for d in diffs) / len(diffs)
    out["max_diff"] = max(diffs)
    out["mean_diff"] = sum(diffs) / len(diffs)
    out["psnr_db"] = 10 * math.log10(255**2 / mse) if mse > 0 else float("inf")


def cpu_has_bf16() -> bool:
    """AVX-512 BF16 or AMX in /proc/cpuinfo: where PyTorch's bf16 runs on bf16 instructions."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def run_pytorch(args, out):
    if args.precision == "bf16" and not cpu_has_bf16() and not os.environ.get("BF16_EMULATED"):
        # Measured on an AVX2-only EPYC: at 128x128, 8 frames, 6 steps, fp32 took 69 s and bf16
        # autocast had not finished after 15 minutes (bf16 emulated in software).
        out["skipped"] = ("this CPU has no bf16 instructions, so PyTorch emulates bf16 in software (more than "
                          "13x slower than its fp32 here); BF16_EMULATED=1 runs it anyway")
        return
    import numpy as np
    import torch
    from diffusers import DPMSolverMultistepScheduler, TextToVideoSDPipeline

    torch.set_num_threads(args.threads)
    out["torch"] = torch.__version__
    t = time.perf_counter()
    pipe = TextToVideoSDPipeline.from_pretrained(args.dir)
    pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)
    pipe.set_progress_bar_config(disable=True)
    out["load_s"] = time.perf_counter() - t
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.precision == "bf16"):
        t = time.perf_counter()
        frames = pipe(PROMPT, num_frames=args.frames, height=args.size, width=args.size, num_inference_steps=args.steps,
                      guidance_scale=9.0, generator=torch.manual_seed(42), output_type="np").frames[0]
        out["generate_s"] = time.perf_counter() - t
    rgb = (np.clip(frames.astype(np.float32), 0, 1) * 255).round().astype(np.uint8).tobytes()
    if args.frames_out:
        Path(args.frames_out).write_bytes(rgb)
    compare(rgb, out)


def run_reflection(args, out):
    sys.path.insert(0, str(ROOT / "bindings/python"))
    import reflection

    size = f"{args.size}x{args.size}"
    config = {
        "model": str(args.dir), "resolution": size, "model_resolution": size, "frame_rate": 8,
        "model_frame_rate": 8, "frames_per_chunk": args.frames, "seconds_per_text": args.frames / 8,
        "num_inference_steps": args.steps, "scheduler": "dpmsolver", "guidance_scale": 9.0, "seed": 42,
        "threads": args.threads, "precision": args.precision, "cache_interval": args.cache_interval,
    }
    t = time.perf_counter()
    try:
        context = reflection.T2VContext(config)
    except ValueError as error:  # e.g. bf16 on a CPU without bf16 instructions
        out["skipped"] = str(error)
        return
    processor = reflection.TextToVideoProcessor(context)
    out["load_s"] = time.perf_counter() - t
    t = time.perf_counter()
    segment = processor.process_text(PROMPT)
    out["generate_s"] = time.perf_counter() - t
    data = segment.get_data()
    out["ran_in"] = segment.get_metadata().get("precision")
    if args.frames_out:
        Path(args.frames_out).write_bytes(data)
    compare(data, out)
    context.dispose()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("side", choices=["make-model", "pytorch", "reflection"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--frames", type=int, default=16)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    parser.add_argument("--cache-interval", type=int, default=1)
    parser.add_argument("--frames-out", default="")
    parser.add_argument("--compare", default="")
    args = parser.parse_args()
    if args.side == "make-model":
        make_model(args)
        return
    global args_compare
    args_compare = args.compare
    out = {"side": args.side, "threads": args.threads, "frames": args.frames, "steps": args.steps, "size": args.size,
           "precision": args.precision, "cache_interval": args.cache_interval}
    (run_pytorch if args.side == "pytorch" else run_reflection)(args, out)
    if "generate_s" in out:
        out["seconds_per_frame"] = out["generate_s"] / args.frames
    out["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
