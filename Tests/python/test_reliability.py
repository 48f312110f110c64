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
