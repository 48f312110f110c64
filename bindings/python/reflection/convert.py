"""Convert the PyTorch ``.bin`` weights of a diffusers model folder to safetensors.

reflection reads only safetensors. For a pipeline folder (model_index.json with text_encoder/,
unet/, vae/, ...) or a single component folder, every ``<name>[.<variant>].bin`` (and sharded
``<name>-0000i-of-0000n.bin`` with its ``.bin.index.json``) gets a ``.safetensors`` twin next to
it, with the same tensor names and dtypes:

    reflection convert /models/text-to-video-ms-1.7b          # the installed package's command
    python tools/convert_bin_to_safetensors.py /models/...    # the same, from a checkout

Needs ``torch`` and ``safetensors`` (pip install torch safetensors). Existing ``.safetensors``
files are kept unless ``--overwrite`` is given. The ``.bin`` files are left in place (delete them
yourself once the conversion is checked).
"""

import argparse
import json
import os
import sys


def convert_file(src, dst, overwrite):
    import torch
    from safetensors.torch import save_file

    if os.path.exists(dst) and not overwrite:
        print(f"skip {dst} (exists; --overwrite to replace)")
        return
    try:
        state = torch.load(src, map_location="cpu", weights_only=True)
    except TypeError:  # torch < 1.13 has no weights_only
        state = torch.load(src, map_location="cpu")
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    if not isinstance(state, dict):
        raise SystemExit(f"{src}: not a state dict ({type(state).__name__})")
    tensors = {}
    storages = set()
    for name, value in state.items():
        if not isinstance(value, torch.Tensor):
            continue
        # safetensors refuses tensors sharing storage: give tied weights their own copy.
        pointer = value.untyped_storage().data_ptr()
        if pointer in storages:
            value = value.clone()
        else:
            storages.add(pointer)
        tensors[name] = value.contiguous()
    save_file(tensors, dst, metadata={"format": "pt"})
    print(f"{src} -> {dst} ({len(tensors)} tensors)")


def convert_index(src, dst, overwrite):
    if os.path.exists(dst) and not overwrite:
        print(f"skip {dst} (exists)")
        return
    with open(src) as f:
        index = json.load(f)
    index["weight_map"] = {k: v[: -len(".bin")] + ".safetensors" if v.endswith(".bin") else v
                           for k, v in index.get("weight_map", {}).items()}
    with open(dst, "w") as f:
        json.dump(index, f, indent=2, sort_keys=True)
    print(f"{src} -> {dst}")


def safetensors_name(name):
    # diffusion_pytorch_model[.fp16].bin -> diffusion_pytorch_model[.fp16].safetensors
    # pytorch_model[.fp16].bin (transformers) -> model[.fp16].safetensors
    base = name[: -len(".bin")]
    if base.startswith("pytorch_model"):
        base = "model" + base[len("pytorch_model"):]
    return base + ".safetensors"


def convert_folder(folder, overwrite):
    count = 0
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".bin"):
            convert_file(path, os.path.join(folder, safetensors_name(name)), overwrite)
            count += 1
        elif name.endswith(".bin.index.json"):
            base = name[: -len(".bin.index.json")]
            if base.startswith("pytorch_model"):
                base = "model" + base[len("pytorch_model"):]
            convert_index(path, os.path.join(folder, base + ".safetensors.index.json"), overwrite)
    return count


def main(argv=None):
    parser = argparse.ArgumentParser(prog="reflection convert", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", help="a diffusers pipeline folder or one component folder")
    parser.add_argument("--overwrite", action="store_true", help="replace existing .safetensors files")
    args = parser.parse_args(argv)
    root = os.path.abspath(args.directory)
    if not os.path.isdir(root):
        raise SystemExit(f"{root}: not a directory")
    folders = [root]
    index_path = os.path.join(root, "model_index.json")
    if os.path.exists(index_path):
        with open(index_path) as f:
            index = json.load(f)
        folders = [os.path.join(root, k) for k, v in index.items()
                   if not k.startswith("_") and isinstance(v, list) and os.path.isdir(os.path.join(root, k))]
    total = sum(convert_folder(folder, args.overwrite) for folder in folders)
    if total == 0:
        print(f"no .bin weights found under {root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
