#!/usr/bin/env python3
"""One StreamingT2V streaming chunk at the released sizes: the PyTorch side, and the folder both sides load.

    python tools/bench_streamingt2v.py make-folder DIR     # random weights, released shapes, float16
    python tools/bench_streamingt2v.py run DIR --steps N --save frames.safetensors

`make-folder` writes a StreamingT2V folder in reflection's layout (docs/streamingt2v.md) with
PyTorch's default random initialisation at the released sizes: the base UNet (ModelScope's UNet3D,
the APM in its 16 spatial cross-attentions with 77 text + 16 image tokens, the 13 CAM mergers), the
CAM (the encoder half with the frame encoder 32/96/256/512), the resampler (1024 -> 1280 -> 16 x
1024), the OpenCLIP ViT-H-14 image tower in transformers' layout, a 23-layer 1024-wide CLIP text
encoder and the SD VAE; tiny-t2v's tokenizer (1,000 tokens: the text encoder's embedding table is
the only size that differs from the release) and DDIM config. Weights are stored as float16 (6.3 GB)
and read back as float32 by both sides, so both compute on the same weights. It also writes
`bench_inputs.safetensors`: 16 previous frames of 256x256 in [-1, 1].

`run` makes one streamed chunk of 16 frames from it with the reference written from the StreamingT2V
spec (tools/fixtures/make_streamingt2v_fixtures.py): image tokens of the first previous frame and of
a grey frame, the prompt's conditioning, then --steps DDIM steps (eta 1, guidance 7.5, generator
seeded 33) with the CAM on the last 8 previous frames, and the VAE decode. Prints one JSON object
(seconds of the conditioning, of the chunk, peak RSS) and saves the frames with --save.
tools/bench_streamingt2v.sh runs this and reflection's side (t2v-neural-bench --only st2v-chunk) and
compares their frames.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "fixtures"))
import make_streamingt2v_fixtures as st  # noqa: E402

TINY_T2V = HERE.parent / "Tests" / "Fixtures" / "models" / "tiny-t2v"
PROMPT = "a red kite over a beach"
TEXT_TOKENS, IMAGE_TOKENS, CAM_FRAMES, FRAMES = 77, 16, 8, 16
FRAME_ENCODER = (32, 96, 256, 512)
VISION = dict(hidden_size=1280, intermediate_size=5120, projection_dim=1024, num_hidden_layers=32, num_attention_heads=16,
              num_channels=3, image_size=224, patch_size=14, hidden_act="gelu", layer_norm_eps=1e-5)
TEXT = dict(vocab_size=1000, hidden_size=1024, intermediate_size=4096, num_hidden_layers=23, num_attention_heads=16,
            max_position_embeddings=77, hidden_act="gelu", projection_dim=512, bos_token_id=998, eos_token_id=999,
            pad_token_id=1)
VAE = dict(in_channels=3, out_channels=3, latent_channels=4, layers_per_block=2, sample_size=256,
           block_out_channels=(128, 256, 512, 512), down_block_types=("DownEncoderBlock2D",) * 4,
           up_block_types=("UpDecoderBlock2D",) * 4)


def peak_rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def base_and_cam():
    """The base UNet with the APM and mergers, and the CAM, as modules (random or to be loaded)."""
    from diffusers import UNet3DConditionModel
    from diffusers.models.controlnets.controlnet import ControlNetConditioningEmbedding

    base = UNet3DConditionModel()
    st.add_apm(base, TEXT_TOKENS, IMAGE_TOKENS)
    base.cross_attention_merger_down_blocks = torch.nn.ModuleList(st.Merger(c) for c in st.skip_channels(base))
    base.cross_attention_merger_mid_block = st.Merger(base.config.block_out_channels[-1])
    cam = UNet3DConditionModel()
    del cam.up_blocks, cam.conv_norm_out, cam.conv_out  # the CAM is the encoder half
    cam.controlnet_cond_embedding = ControlNetConditioningEmbedding(320, 3, FRAME_ENCODER)
    return base.eval(), cam.eval()


def save_half(module: torch.nn.Module, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: v.detach().half().contiguous() for k, v in module.state_dict().items()}, str(path))


def make_folder(out: Path) -> None:
    from diffusers import AutoencoderKL
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPVisionConfig, CLIPVisionModelWithProjection

    torch.manual_seed(0)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("tokenizer", "scheduler"):
        shutil.copytree(TINY_T2V / name, out / name)
    CLIPTextModel(CLIPTextConfig(**TEXT)).half().save_pretrained(out / "text_encoder", safe_serialization=True)
    AutoencoderKL(**VAE).half().save_pretrained(out / "vae", safe_serialization=True)
    CLIPVisionModelWithProjection(CLIPVisionConfig(**VISION)).half().save_pretrained(out / "image_encoder",
                                                                                     safe_serialization=True)
    base, cam = base_and_cam()
    base.save_config(str(out / "unet"))
    save_half(base, out / "unet" / "diffusion_pytorch_model.safetensors")
    cam.save_config(str(out / "controlnet"))
    config = json.loads((out / "controlnet" / "config.json").read_text())
    config.update(conditioning_embedding_out_channels=list(FRAME_ENCODER), num_frames_conditioning=CAM_FRAMES)
    (out / "controlnet" / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    save_half(cam, out / "controlnet" / "diffusion_pytorch_model.safetensors")
    resampler = st.Resampler(1024, 1280, IMAGE_TOKENS)
    save_half(resampler, out / "resampler" / "diffusion_pytorch_model.safetensors")
    (out / "resampler" / "config.json").write_text(json.dumps({"context_dim": 1024, "inner_dim": 1280,
                                                               "tokens": IMAGE_TOKENS}) + "\n")
    index = {"_class_name": "StreamingT2VPipeline", "controlnet": ["reflection", "StreamingT2VCAM"],
             "image_encoder": ["transformers", "CLIPVisionModelWithProjection"],
             "resampler": ["reflection", "ImageContextResampler"], "scheduler": ["diffusers", "DDIMScheduler"],
             "text_encoder": ["transformers", "CLIPTextModel"], "tokenizer": ["transformers", "CLIPTokenizer"],
             "unet": ["diffusers", "UNet3DConditionModel"], "vae": ["diffusers", "AutoencoderKL"]}
    (out / "model_index.json").write_text(json.dumps(index, indent=2) + "\n")
    previous = torch.rand((FRAMES, 3, 256, 256), generator=torch.Generator().manual_seed(5)) * 2 - 1
    save_file({"previous": previous}, str(out / "bench_inputs.safetensors"))


def run(folder: Path, steps: int, save: Path | None, threads: int) -> dict:
    from transformers import CLIPVisionModelWithProjection

    torch.set_num_threads(threads)
    t0 = time.perf_counter()
    base, cam = base_and_cam()
    for module, name in ((base, "unet"), (cam, "controlnet")):
        module.load_state_dict({k: v.float() for k, v in load_file(str(folder / name / "diffusion_pytorch_model.safetensors")).items()})
    resampler = st.Resampler(1024, 1280, IMAGE_TOKENS).eval()
    resampler.load_state_dict({k: v.float() for k, v in load_file(str(folder / "resampler" / "diffusion_pytorch_model.safetensors")).items()})
    tower = CLIPVisionModelWithProjection.from_pretrained(str(folder / "image_encoder"), torch_dtype=torch.float32).eval()
    stack = st.TinyStack(tower, resampler, base, cam, folder=folder, cam_frames=CAM_FRAMES)
    previous = load_file(str(folder / "bench_inputs.safetensors"))["previous"]
    load = time.perf_counter() - t0
    with torch.inference_mode():
        t = time.perf_counter()
        image = stack.image_tokens(previous[:1])
        text, context = stack.conditioning(PROMPT, image)
        conditioning = time.perf_counter() - t
        t = time.perf_counter()
        _, frames = stack.streamed_chunk(torch.Generator().manual_seed(33), previous, text, context, steps=steps,
                                         frames=FRAMES, decode_batch=8)
        chunk = time.perf_counter() - t
    if save:
        save_file({"frames": frames.contiguous()}, str(save))
    return {"side": "pytorch", "torch": torch.__version__, "threads": threads, "steps": steps, "load_s": load,
            "conditioning_s": conditioning, "chunk_s": chunk, "peak_rss_mib": peak_rss_mib(),
            "mean": float(frames.mean())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make-folder")
    make.add_argument("folder", type=Path)
    r = sub.add_parser("run")
    r.add_argument("folder", type=Path)
    r.add_argument("--steps", type=int, default=2)
    r.add_argument("--threads", type=int, default=2)
    r.add_argument("--save", type=Path, default=None)
    args = ap.parse_args()
    if args.command == "make-folder":
        make_folder(args.folder)
    else:
        print(json.dumps(run(args.folder, args.steps, args.save, args.threads)))


if __name__ == "__main__":
    main()
