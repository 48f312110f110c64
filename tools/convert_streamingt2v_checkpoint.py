#!/usr/bin/env python3
"""Convert the released StreamingT2V checkpoint (`streaming_t2v.ckpt`, a PyTorch Lightning
checkpoint) into safetensors component folders reflection loads.

    python tools/convert_streamingt2v_checkpoint.py streaming_t2v.ckpt OUT [--modelscope DIR] [--fp16] [--reader torch|zip]

The checkpoint's `state_dict` is split by prefix (shared/streamingt2v-spec.md §1.1):

    base_model.            -> OUT/unet/diffusion_pytorch_model.safetensors        (base UNet: ModelScope UNet3D + APM + CAM mergers)
    unet.                  -> OUT/controlnet/diffusion_pytorch_model.safetensors  (the CAM; NOT the base UNet)
    resampler.             -> OUT/resampler/diffusion_pytorch_model.safetensors
    image_encoder.model.visual. -> OUT/image_encoder/model.safetensors (OpenCLIP names, visual.*) + config.json (ViT-H-14)
    text_encoder.          -> OUT/text_encoder/model.safetensors
    vae.                   -> OUT/vae/diffusion_pytorch_model.safetensors

Everything else (the optimizer state the 25.6 GB file is believed to carry, Lightning's counters,
the OpenCLIP text-tower leftovers `image_encoder.model.{token_embedding,…}`) is dropped and
counted. `--fp16` stores floating tensors as float16 (about 6.5 GB instead of 12.9 GB).

Configs: the image tower's `config.json` (ViT-H-14) and the resampler's (its sizes read from the
weights' shapes) are always written. With `--modelscope DIR` (a text-to-video-ms-1.7b folder, whose
frozen text encoder and VAE the checkpoint carries and whose UNet config the base UNet and the CAM
share), the folder becomes complete for `StreamingT2VStage(directory:)`: `tokenizer/` and
`scheduler/` are copied, `text_encoder/`, `vae/`, `unet/` and `controlnet/` get that folder's
`config.json` (the CAM's with `conditioning_embedding_out_channels` [32, 96, 256, 512] and
`num_frames_conditioning` 8), `first_chunk_unet/` gets that folder's UNet (the release makes a
video's first chunk with it; its files are hard-linked where the file system allows, else copied),
and `model_index.json` names `StreamingT2VPipeline`.

Readers:
- `torch` (the default when PyTorch is installed): `torch.load(path, map_location="cpu",
  mmap=True, weights_only=True)`; with mmap only the tensors touched are paged in, so the 25.6 GB
  file converts on a 24 GB machine.
- `zip` (the default without PyTorch): the same file read with the standard library — it is a zip
  archive of a pickle and raw storages, and the released file uses exactly three globals
  (`collections.OrderedDict`, `torch._utils._rebuild_tensor_v2`, `torch.FloatStorage`); the
  unpickler accepts those and the other storage types and refuses every other global, as
  `weights_only=True` does. Storages are memory-mapped. It exists so that converting (and its test
  in `make test`) does not need a 6 GB PyTorch install; `--reader torch` is the reference.

Needs numpy and safetensors (`pip install numpy safetensors`).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import pickle
import shutil
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

# Component folder, weights file name, and the checkpoint prefix stripped from its keys.
COMPONENTS = [
    ("unet", "diffusion_pytorch_model.safetensors", "base_model."),
    ("controlnet", "diffusion_pytorch_model.safetensors", "unet."),
    ("resampler", "diffusion_pytorch_model.safetensors", "resampler."),
    ("image_encoder", "model.safetensors", "image_encoder.model."),
    ("text_encoder", "model.safetensors", "text_encoder."),
    ("vae", "diffusion_pytorch_model.safetensors", "vae."),
]
# transformers' CLIPVisionConfig of OpenCLIP ViT-H-14 (laion2b_s32b_b79k), the checkpoint's tower.
VIT_H_14 = {
    "architectures": ["CLIPVisionModelWithProjection"], "model_type": "clip_vision_model",
    "hidden_size": 1280, "intermediate_size": 5120, "projection_dim": 1024, "num_hidden_layers": 32,
    "num_attention_heads": 16, "num_channels": 3, "image_size": 224, "patch_size": 14,
    "hidden_act": "gelu", "layer_norm_eps": 1e-05, "attention_dropout": 0.0,
}


# --------------------------------------------------------------------------------------
# the zip reader

_STORAGE_DTYPES = {
    "FloatStorage": np.float32, "HalfStorage": np.float16, "DoubleStorage": np.float64,
    "LongStorage": np.int64, "IntStorage": np.int32, "ShortStorage": np.int16, "CharStorage": np.int8,
    "ByteStorage": np.uint8, "BoolStorage": np.bool_,
}


class _StorageType:
    def __init__(self, name: str):
        self.name = name
        self.dtype = _STORAGE_DTYPES[name]


class _LazyTensor:
    """A tensor of a storage in the archive, read (memory-mapped) only when asked for."""

    def __init__(self, reader, storage, offset, size, stride):
        self.reader, self.storage, self.offset = reader, storage, offset
        self.size, self.stride = tuple(size), tuple(stride)

    @property
    def dtype(self):
        return self.storage[0].dtype

    def numpy(self) -> np.ndarray:
        storage_type, key, numel = self.storage
        base = self.reader.storage_array(key, storage_type.dtype, numel)
        item = base.itemsize
        if not self.size:
            return np.array(base[self.offset])
        view = np.lib.stride_tricks.as_strided(
            base[self.offset:], shape=self.size, strides=[s * item for s in self.stride])
        return np.ascontiguousarray(view)


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False, backward_hooks=None, metadata=None):
    reader, key_info = storage
    return _LazyTensor(reader, key_info, storage_offset, size, stride)


class _RestrictedUnpickler(pickle.Unpickler):
    def __init__(self, file, reader):
        super().__init__(file)
        self.reader = reader

    def find_class(self, module, name):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return _rebuild_tensor_v2
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(name)
        raise pickle.UnpicklingError(
            f"the checkpoint uses the global {module}.{name}, which the zip reader does not accept "
            "(it takes plain weights only); convert with PyTorch installed (--reader torch)")

    def persistent_load(self, pid):
        kind, storage_type, key, _location, numel = pid
        if kind != "storage" or not isinstance(storage_type, _StorageType):
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r}")
        return (self.reader, (storage_type, str(key), int(numel)))


class ZipCheckpoint:
    """torch.save's zip format: `<root>/data.pkl` and the raw storages `<root>/data/<key>`."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path)
        names = self.zip.namelist()
        pickles = [n for n in names if n.endswith("/data.pkl") or n == "data.pkl"]
        if len(pickles) != 1:
            raise SystemExit(f"{path}: not a PyTorch zip checkpoint (no single data.pkl; the legacy format needs --reader torch)")
        self.root = pickles[0][: -len("data.pkl")]
        self.file = open(path, "rb")

    def load(self):
        with self.zip.open(self.root + "data.pkl") as f:
            return _RestrictedUnpickler(f, self).load()

    def storage_array(self, key: str, dtype, numel: int) -> np.ndarray:
        info = self.zip.getinfo(f"{self.root}data/{key}")
        if info.compress_type != zipfile.ZIP_STORED:
            raise SystemExit(f"{self.path}: storage {key} is compressed; torch.save writes them stored")
        self.file.seek(info.header_offset)
        header = self.file.read(30)
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = info.header_offset + 30 + name_len + extra_len
        return np.memmap(self.path, dtype=dtype, mode="r", offset=start, shape=(numel,))


# --------------------------------------------------------------------------------------
# conversion


def load_state_dict(path: Path, reader: str):
    if reader == "torch":
        import torch

        checkpoint = torch.load(str(path), map_location="cpu", mmap=True, weights_only=True)
        to_numpy = lambda t: t.detach().contiguous().numpy()  # noqa: E731
    else:
        checkpoint = ZipCheckpoint(path).load()
        to_numpy = lambda t: t.numpy()  # noqa: E731
    if not isinstance(checkpoint, dict) or "state_dict" not in checkpoint:
        raise SystemExit(f"{path}: no 'state_dict' (keys: {sorted(checkpoint)[:10] if isinstance(checkpoint, dict) else type(checkpoint)})")
    dropped_entries = sorted(k for k in checkpoint if k != "state_dict")
    return checkpoint["state_dict"], to_numpy, dropped_entries


def convert(path: Path, out: Path, fp16: bool, reader: str) -> dict:
    from safetensors.numpy import save_file

    state_dict, to_numpy, dropped_entries = load_state_dict(path, reader)
    groups = {name: {} for name, _, _ in COMPONENTS}
    unused = []
    for key in state_dict:
        for name, _, prefix in COMPONENTS:
            if key.startswith(prefix):
                short = key[len(prefix):]
                if name == "image_encoder" and not short.startswith("visual."):
                    unused.append(key)  # the OpenCLIP text tower's leftovers
                else:
                    groups[name][short] = key
                break
        else:
            unused.append(key)
    report = {"checkpoint": str(path), "reader": reader, "fp16": fp16, "dropped_entries": dropped_entries,
              "unused_keys": len(unused), "components": {}}
    for name, file_name, _ in COMPONENTS:
        keys = groups[name]
        if not keys:
            report["components"][name] = 0
            continue
        tensors = {}
        for short, key in sorted(keys.items()):
            array = to_numpy(state_dict[key])
            if fp16 and array.dtype in (np.float32, np.float64):
                array = array.astype(np.float16)
            tensors[short] = np.ascontiguousarray(array)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        save_file(tensors, str(folder / file_name))
        report["components"][name] = len(tensors)
        if name == "image_encoder":
            with open(folder / "config.json", "w", encoding="utf-8") as f:
                json.dump(VIT_H_14, f, indent=2)
                f.write("\n")
    return report


CAM_FRAME_ENCODER_CHANNELS = [32, 96, 256, 512]
MODEL_INDEX = {
    "_class_name": "StreamingT2VPipeline",
    "tokenizer": ["transformers", "CLIPTokenizer"], "text_encoder": ["transformers", "CLIPTextModel"],
    "vae": ["diffusers", "AutoencoderKL"], "unet": ["diffusers", "UNet3DConditionModel"],
    "controlnet": ["reflection", "StreamingT2VCAM"], "resampler": ["reflection", "ImageContextResampler"],
    "image_encoder": ["transformers", "CLIPVisionModelWithProjection"], "scheduler": ["diffusers", "DDIMScheduler"],
    "first_chunk_unet": ["diffusers", "UNet3DConditionModel"],
}
#: Frames of the previous chunk the released CAM reads.
CAM_FRAMES = 8


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def resampler_config(out: Path):
    """The resampler's sizes from its weights: context_embedding.0 [inner, D], .2 [tokens·D, inner]."""
    from safetensors import safe_open

    path = out / "resampler" / "diffusion_pytorch_model.safetensors"
    if not path.is_file():
        return None
    with safe_open(str(path), "np") as f:
        first = f.get_slice("context_embedding.0.weight").get_shape()
        second = f.get_slice("context_embedding.2.weight").get_shape()
    if len(first) != 2 or len(second) != 2 or second[1] != first[0] or second[0] % first[1] != 0:
        raise SystemExit(f"{path}: context_embedding.0 {first} and .2 {second} do not chain as [inner, D], [tokens*D, inner]")
    return {"context_dim": first[1], "inner_dim": first[0], "tokens": second[0] // first[1]}


def complete_folder(out: Path, modelscope: Path) -> list[str]:
    """Copies what the checkpoint lacks from a ModelScope folder; returns what was written."""
    written = []
    for name in ("tokenizer", "scheduler"):
        if not (modelscope / name).is_dir():
            raise SystemExit(f"{modelscope}: no {name}/ folder (is it a text-to-video-ms-1.7b folder?)")
        shutil.copytree(modelscope / name, out / name, dirs_exist_ok=True)
        written.append(f"{name}/")
    for source, targets in (("text_encoder", ["text_encoder"]), ("vae", ["vae"]), ("unet", ["unet", "controlnet"])):
        config = modelscope / source / "config.json"
        if not config.is_file():
            raise SystemExit(f"{config}: missing")
        for target in targets:
            data = json.loads(config.read_text())
            if target == "controlnet":
                data["conditioning_embedding_out_channels"] = CAM_FRAME_ENCODER_CHANNELS
                data["num_frames_conditioning"] = CAM_FRAMES
            write_json(out / target / "config.json", data)
            written.append(f"{target}/config.json")
    unet = modelscope / "unet"
    weights = sorted(f for f in unet.iterdir() if f.name.endswith((".safetensors", ".safetensors.index.json")))
    if not weights:
        raise SystemExit(f"{unet}: no safetensors weights (convert .bin files first: tools/convert_bin_to_safetensors.py)")
    (out / "first_chunk_unet").mkdir(parents=True, exist_ok=True)
    for f in [unet / "config.json", *weights]:
        target = out / "first_chunk_unet" / f.name
        target.unlink(missing_ok=True)
        try:
            os.link(f, target)
        except OSError:
            shutil.copyfile(f, target)
        written.append(f"first_chunk_unet/{f.name}")
    write_json(out / "model_index.json", MODEL_INDEX)
    written.append("model_index.json")
    return written


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--fp16", action="store_true", help="store floating tensors as float16")
    ap.add_argument("--modelscope", type=Path, default=None,
                    help="a text-to-video-ms-1.7b folder to take the tokenizer, scheduler and configs from")
    ap.add_argument("--reader", choices=("torch", "zip"), default=None,
                    help="torch.load (default when PyTorch is installed) or the standard-library zip reader")
    args = ap.parse_args(argv)
    reader = args.reader
    if reader is None:
        try:
            import torch  # noqa: F401

            reader = "torch"
        except ImportError:
            reader = "zip"
    if not args.checkpoint.is_file():
        raise SystemExit(f"{args.checkpoint}: no such file")
    report = convert(args.checkpoint, args.out, args.fp16, reader)
    config = resampler_config(args.out)
    if config:
        write_json(args.out / "resampler" / "config.json", config)
        report["resampler_config"] = config
    if args.modelscope:
        report["completed_from_modelscope"] = complete_folder(args.out, args.modelscope)
    json.dump(report, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
