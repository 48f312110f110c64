"""tools/convert_streamingt2v_checkpoint.py on a synthetic Lightning checkpoint with the released
file's layout (Tests/Fixtures/streamingt2v/checkpoint/, made by tools/fixtures/make_streamingt2v_fixtures.py,
which also checks that the torch and zip readers write identical files)."""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from conftest import ROOT

import safetensors.numpy as safetensors_numpy  # installed into .venv by the Makefile (PY_PACKAGES)

SCRIPT = ROOT / "tools" / "convert_streamingt2v_checkpoint.py"
FIXTURES = ROOT / "Tests" / "Fixtures" / "streamingt2v" / "checkpoint"
PREFIXES = {
    "unet": ("diffusion_pytorch_model.safetensors", "base_model."),
    "controlnet": ("diffusion_pytorch_model.safetensors", "unet."),
    "resampler": ("diffusion_pytorch_model.safetensors", "resampler."),
    "image_encoder": ("model.safetensors", "image_encoder.model."),
    "text_encoder": ("model.safetensors", "text_encoder."),
    "vae": ("diffusion_pytorch_model.safetensors", "vae."),
}


def _convert(tmp_path, *extra):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, str(SCRIPT), str(FIXTURES / "synthetic.ckpt"), str(out), "--reader", "zip", *extra],
                            capture_output=True, text=True, timeout=120)
    return out, result


def test_the_checkpoint_is_split_by_prefix_and_the_rest_dropped(tmp_path):
    out, result = _convert(tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = safetensors_numpy.load_file(str(FIXTURES / "expected.safetensors"))
    seen = set()
    for folder, (file_name, prefix) in PREFIXES.items():
        tensors = safetensors_numpy.load_file(str(out / folder / file_name))
        assert report["components"][folder] == len(tensors)
        for short, array in tensors.items():
            key = prefix + short
            assert key in expected, key
            np.testing.assert_array_equal(array, expected[key], err_msg=key)
            seen.add(key)
    # The base UNet is base_model.*, the CAM is unet.* (the trap of spec §1.1).
    assert "conv_in.weight" in safetensors_numpy.load_file(str(out / "unet/diffusion_pytorch_model.safetensors"))
    # Only the OpenCLIP text-tower leftovers are not converted; the optimizer state is dropped.
    assert set(expected) - seen == {"image_encoder.model.logit_scale", "image_encoder.model.positional_embedding"}
    assert report["unused_keys"] == 2
    assert "optimizer_states" in report["dropped_entries"] and "epoch" in report["dropped_entries"]
    config = json.loads((out / "image_encoder" / "config.json").read_text())
    assert (config["hidden_size"], config["num_hidden_layers"], config["patch_size"], config["projection_dim"]) == (1280, 32, 14, 1024)


def test_fp16_stores_half_precision(tmp_path):
    out, result = _convert(tmp_path, "--fp16")
    assert result.returncode == 0, result.stderr
    tensors = safetensors_numpy.load_file(str(out / "controlnet/diffusion_pytorch_model.safetensors"))
    expected = safetensors_numpy.load_file(str(FIXTURES / "expected.safetensors"))
    assert all(t.dtype == np.float16 for t in tensors.values())
    np.testing.assert_array_equal(tensors["conv_in.weight"], expected["unet.conv_in.weight"].astype(np.float16))


def test_a_checkpoint_with_other_globals_is_refused(tmp_path):
    # A pickle that would build an arbitrary object: the zip reader accepts plain weights only.
    path = tmp_path / "hostile.ckpt"
    payload = pickle.dumps({"state_dict": {}, "extra": io.BytesIO(b"x")})
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", payload)
    result = subprocess.run([sys.executable, str(SCRIPT), str(path), str(tmp_path / "out"), "--reader", "zip"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "_io.BytesIO" in result.stderr and "--reader torch" in result.stderr, result.stderr[-800:]


def test_files_that_are_not_checkpoints_are_named(tmp_path):
    bogus = tmp_path / "bogus.ckpt"
    with zipfile.ZipFile(bogus, "w") as z:
        z.writestr("something.txt", "hello")
    for path, words in ((bogus, "no single data.pkl"), (tmp_path / "missing.ckpt", "no such file")):
        result = subprocess.run([sys.executable, str(SCRIPT), str(path), str(tmp_path / "out"), "--reader", "zip"],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode != 0 and words in result.stderr, result.stderr[-800:]


def test_the_resampler_config_is_read_from_its_weights(tmp_path):
    out, result = _convert(tmp_path)
    assert result.returncode == 0, result.stderr
    config = json.loads((out / "resampler" / "config.json").read_text())
    assert config == {"context_dim": 3, "inner_dim": 4, "tokens": 2}
    assert json.loads(result.stdout)["resampler_config"] == config


def test_modelscope_completes_the_folder(tmp_path):
    modelscope = ROOT / "Tests" / "Fixtures" / "models" / "tiny-t2v"
    out, result = _convert(tmp_path, "--modelscope", str(modelscope))
    assert result.returncode == 0, result.stderr
    index = json.loads((out / "model_index.json").read_text())
    assert index["_class_name"] == "StreamingT2VPipeline"
    assert {"unet", "controlnet", "resampler", "image_encoder", "text_encoder", "vae", "tokenizer", "scheduler"} <= set(index)
    assert (out / "tokenizer" / "vocab.json").is_file() and (out / "scheduler" / "scheduler_config.json").is_file()
    unet = json.loads((modelscope / "unet" / "config.json").read_text())
    assert json.loads((out / "unet" / "config.json").read_text()) == unet
    cam = json.loads((out / "controlnet" / "config.json").read_text())
    assert cam.pop("conditioning_embedding_out_channels") == [32, 96, 256, 512]
    assert cam.pop("num_frames_conditioning") == 8 and cam == unet
    # The first chunk's UNet is the ModelScope folder's own.
    assert "first_chunk_unet" in index
    for f in (modelscope / "unet").iterdir():
        assert (out / "first_chunk_unet" / f.name).read_bytes() == f.read_bytes()
    for name in ("text_encoder", "vae"):
        assert json.loads((out / name / "config.json").read_text()) == json.loads((modelscope / name / "config.json").read_text())
    # Not a ModelScope folder: named.
    _, bad = _convert(tmp_path / "again", "--modelscope", str(tmp_path))
    assert bad.returncode != 0 and "no tokenizer/ folder" in bad.stderr, bad.stderr[-500:]
