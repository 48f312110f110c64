"""Issue 11: values that used to crash, hang or be accepted wrongly, through the Python API."""

from __future__ import annotations

import pytest

from conftest import SMALL_CONFIG


def _nested(depth: int) -> dict:
    config = dict(SMALL_CONFIG)
    inner = config
    for _ in range(depth):
        inner["n"] = {}
        inner = inner["n"]
    return config


@pytest.mark.parametrize("depth", [100, 1000, 100000])
def test_deeply_nested_configuration_is_an_invalid_argument(depth):
    import reflection

    with pytest.raises(reflection.InvalidArgumentError, match="deeper than 64"):
        reflection.T2VContext(_nested(depth))


def test_circular_configuration_is_an_invalid_argument():
    import reflection

    config = dict(SMALL_CONFIG)
    config["loop"] = [config]
    with pytest.raises(reflection.InvalidArgumentError, match="contains itself"):
        reflection.T2VContext(config)


@pytest.mark.parametrize(
    "key, value",
    [
        ("seed", 2**63),
        ("seed", 2**64),
        ("num_inference_steps", 10**10),
        ("threads", 10**10),
        ("frames_per_chunk", 2**64),
        ("max_buffered_segments", -(2**70)),
        ("overlap_frames", 1e15),
    ],
)
def test_out_of_range_integers_are_invalid_arguments_not_type_errors(key, value):
    import reflection

    with pytest.raises(reflection.InvalidArgumentError, match=key):
        reflection.T2VContext(dict(SMALL_CONFIG, **{key: value}))


@pytest.mark.parametrize("key", ["frame_rate", "model_frame_rate"])
@pytest.mark.parametrize("value", [5e-324, 1e-300, 0.0009])
def test_vanishing_frame_rates_are_refused(key, value):
    import reflection

    with pytest.raises(reflection.InvalidArgumentError, match=key):
        reflection.T2VContext(dict(SMALL_CONFIG, **{key: value}))


def test_the_slowest_frame_rate_gives_finite_times():
    import reflection

    with reflection.T2VContext(dict(SMALL_CONFIG, frame_rate=0.001, seconds_per_text=2000)) as context:
        processor = reflection.TextToVideoProcessor(context)
        processor.set_parameter("resolution", "16x16")
        metadata = processor.process_text("a red kite").get_metadata()
    assert metadata["duration"] == pytest.approx(2000) and metadata["start_time"] == 0


# --- model folders whose config files ask for absurd sizes ------------------------------------------

TINY_CASES = [
    # (component file, key, value, scheduler, the words the error must contain)
    ("unet/config.json", "sample_size", 2**62, "ddim", ["unet/config.json", "sample_size"]),
    ("unet/config.json", "sample_size", 0, "ddim", ["unet/config.json", "sample_size"]),
    ("unet/config.json", "layers_per_block", 10**9, "ddim", ["unet/config.json", "layers_per_block"]),
    ("text_encoder/config.json", "num_hidden_layers", 10**9, "ddim", ["text_encoder/config.json", "num_hidden_layers"]),
    ("vae/config.json", "layers_per_block", 10**9, "ddim", ["vae/config.json", "layers_per_block"]),
    ("scheduler/scheduler_config.json", "steps_offset", 2**63 - 1, "ddim", ["scheduler_config.json", "steps_offset"]),
    ("scheduler/scheduler_config.json", "steps_offset", 2**63 - 1, "dpmsolver", ["scheduler_config.json", "steps_offset"]),
    ("scheduler/scheduler_config.json", "num_train_timesteps", 10**9, "ddim", ["scheduler_config.json", "num_train_timesteps"]),
]


@pytest.mark.parametrize("file, key, value, scheduler, words", TINY_CASES)
def test_model_folder_sizes_are_checked_before_use(tmp_path, file, key, value, scheduler, words):
    import json
    import shutil

    from conftest import ROOT, subprocess_env
    import subprocess
    import sys

    folder = tmp_path / "model"
    shutil.copytree(ROOT / "Tests" / "Fixtures" / "models" / "tiny-t2v", folder)
    path = folder / file
    config = json.loads(path.read_text())
    config[key] = value
    path.write_text(json.dumps(config))
    # In a child process: before the fix these cases trapped or aborted on a huge allocation.
    code = f"""
import reflection
try:
    with reflection.T2VContext({{"model": {str(folder)!r}, "scheduler": {scheduler!r}, "resolution": "32x32",
                                 "num_inference_steps": 2, "seconds_per_text": 0.5}}) as context:
        reflection.TextToVideoProcessor(context).process_text("a red kite")
    print("ACCEPTED")
except reflection.Error as error:
    print(type(error).__name__, "::", error)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=subprocess_env())
    assert result.returncode == 0, f"child died ({result.returncode}): {result.stderr[-1500:]}"
    assert result.stdout.startswith("InvalidArgumentError ::"), result.stdout
    for word in words:
        assert word in result.stdout, f"{word!r} not in {result.stdout!r}"
