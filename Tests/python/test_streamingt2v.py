"""A StreamingT2V folder behind the documented Python API.

The folder is ``Tests/Fixtures/streamingt2v/model`` (the tiny StreamingT2V models and tiny-t2v's
components, written by ``tools/fixtures/make_streamingt2v_fixtures.py``). Its reference stream,
``reference/engine_run.safetensors``, was made in the pinned stack: the first chunk by diffusers'
``TextToVideoSDPipeline``, the later ones by the streaming stage written from the StreamingT2V
spec, with the settings of ``EXACT`` below (two texts of 12 frames, chunks of 8 frames continued
from 4, 3 steps, seed 33).
"""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from test_diffusers import read_safetensors_f32

FIXTURES = ROOT / "Tests" / "Fixtures" / "streamingt2v"
MODEL = FIXTURES / "model"
TEXTS = ("a red kite over a beach", "a boat on a lake")

#: The settings of the reference stream: 16x16 (the tiny model's native size), 8 frames/s out and in,
#: 12 frames a text, chunks of 8 frames; 3 steps; guidance 9 for the first chunk, 7.5 after.
EXACT = {
    "model": str(MODEL),
    "resolution": "16x16",
    "frame_rate": 8,
    "model_frame_rate": 8,
    "frames_per_chunk": 8,
    "seconds_per_text": 1.5,
    "segment_seconds": 0.5,
    "num_inference_steps": 3,
    "guidance_scale": 9.0,
    "streaming_guidance_scale": 7.5,
    "seed": 33,
    "precision": "fp32",
}
FRAME = 16 * 16 * 3


def reference_video() -> list[float]:
    shape, values = read_safetensors_f32(FIXTURES / "reference" / "engine_run.safetensors", "video")
    assert shape == [24, 16, 16, 3]
    return [v * 255 for v in values]


def stream_bytes(config: dict, texts=TEXTS) -> tuple[bytes, list[dict]]:
    from reflection import T2VContext, T2VStream

    context = T2VContext(config)
    stream = T2VStream(context)
    stream.start()
    for text in texts:
        stream.send_text(text)
    segments = list(stream)
    stream.stop()
    context.dispose()
    return b"".join(s.get_data() for s in segments), [s.get_metadata() for s in segments]


def test_a_stream_of_two_texts_equals_the_reference():
    data, metadata = stream_bytes(EXACT)
    expected = reference_video()
    assert len(data) == len(expected) == 24 * FRAME
    worst = max(abs(a - b) for a, b in zip(data, expected))
    assert worst <= 2, f"frames differ from the reference by {worst}/255"
    assert [m["text"] for m in metadata] == [TEXTS[0]] * 3 + [TEXTS[1]] * 3
    assert all(m["model"] == str(MODEL) for m in metadata)


def test_the_processor_makes_the_reference_s_first_text():
    from reflection import T2VContext, TextToVideoProcessor

    context = T2VContext(EXACT)
    processor = TextToVideoProcessor(context)
    calls = []
    processor.set_progress_callback(lambda index, done, total: calls.append((index, done, total)))
    segment = processor.process_text(TEXTS[0])
    data = segment.get_data()
    expected = reference_video()[: 12 * FRAME]
    assert max(abs(a - b) for a, b in zip(data, expected)) <= 2
    # Two chunks of 3 steps: progress counts the steps of both, in order.
    assert calls[0] == (0, 0, 6) and calls[-1] == (0, 6, 6), calls
    assert all(a[1] <= b[1] for a, b in zip(calls, calls[1:])) and {c[2] for c in calls} == {6}, calls
    assert segment.get_metadata()["num_frames"] == 12
    context.dispose()


def test_the_anchor_of_each_text_changes_only_what_follows_the_new_text_s_first_chunk():
    first, _ = stream_bytes(EXACT)
    per_text, _ = stream_bytes(dict(EXACT, anchor="text"))
    # Chunks 0-2 (frames 0-15) are made before the anchor moves; chunks 3-4 see the new anchor.
    assert per_text[: 16 * FRAME] == first[: 16 * FRAME]
    assert per_text[16 * FRAME :] != first[16 * FRAME :]


@pytest.mark.parametrize("seconds, frames", [(0.25, 2), (0.5, 4), (2.125, 17)])
def test_texts_of_any_length_get_exactly_their_frames(seconds, frames):
    """Texts shorter than the CAM's frames, and lengths that are not whole chunks: each text gets
    round(seconds_per_text * frame_rate) frames (a chunk's frames past its text are not shown)."""
    config = dict(EXACT, seconds_per_text=seconds, num_inference_steps=1)
    data, metadata = stream_bytes(config, texts=("a", "b", "c"))
    assert len(data) == 3 * frames * FRAME
    assert [sum(m["num_frames"] for m in metadata if m["text"] == t) for t in "abc"] == [frames] * 3


@pytest.mark.parametrize("zeroed_part", [".alpha", "cross_attention_merger"])
def test_cam_and_apm_matter(tmp_path, zeroed_part):
    """The same stream with the APM's gains (alpha) or the CAM's mergers zeroed gives other frames."""
    import numpy as np
    from safetensors.numpy import load_file, save_file

    folder = tmp_path / "model"
    shutil.copytree(MODEL, folder, symlinks=False)
    weights = folder / "unet" / "diffusion_pytorch_model.safetensors"
    tensors = load_file(str(weights))
    zeroed = {k: (np.zeros_like(v) if zeroed_part in k else v) for k, v in tensors.items()}
    assert any(zeroed_part in k for k in tensors)
    save_file(zeroed, str(weights))
    base, _ = stream_bytes(EXACT, texts=TEXTS[:1])
    without, _ = stream_bytes(dict(EXACT, model=str(folder)), texts=TEXTS[:1])
    assert base[: 8 * FRAME] == without[: 8 * FRAME]  # the first chunk uses neither
    assert base[8 * FRAME :] != without[8 * FRAME :]


@pytest.mark.parametrize(
    "config, exception, mention",
    [
        ({"overlap_frames": 3}, ValueError, "num_frames_conditioning"),
        ({"frames_per_chunk": 4}, ValueError, "frames_per_chunk"),
        ({"streaming_guidance_scale": -1}, ValueError, "streaming_guidance_scale"),
        ({"anchor": "last"}, ValueError, "anchor"),
    ],
)
def test_bad_streamingt2v_configuration(config, exception, mention):
    from reflection import T2VContext

    with pytest.raises(exception, match=mention):
        T2VContext(dict(EXACT, **config))


@pytest.mark.parametrize("component", ["controlnet", "resampler", "image_encoder", "unet"])
def test_a_broken_folder_names_the_component(tmp_path, component):
    from reflection import T2VContext

    folder = tmp_path / "model"
    shutil.copytree(MODEL, folder, symlinks=False)
    shutil.rmtree(folder / component)
    with pytest.raises(ValueError, match=component) as info:
        T2VContext(dict(EXACT, model=str(folder)))
    assert str(folder) in str(info.value)


@pytest.mark.parametrize("value", [0, -1, 100000])
def test_a_cam_frame_count_out_of_range_is_named(tmp_path, value):
    import json

    from reflection import T2VContext

    folder = tmp_path / "model"
    shutil.copytree(MODEL, folder, symlinks=False)
    config = folder / "controlnet" / "config.json"
    config.write_text(json.dumps(dict(json.loads(config.read_text()), num_frames_conditioning=value)))
    with pytest.raises(ValueError, match="num_frames_conditioning"):
        T2VContext(dict(EXACT, model=str(folder)))


def test_without_first_chunk_unet_the_base_unet_makes_the_first_chunk(tmp_path):
    """A folder without first_chunk_unet/ (absent, or [null, null] as diffusers writes it) makes its
    first chunk with the base UNet, the APM off; the later chunks are the streaming stage's."""
    import json

    folder = tmp_path / "model"
    shutil.copytree(MODEL, folder, symlinks=False)
    shutil.rmtree(folder / "first_chunk_unet")
    index = folder / "model_index.json"
    index.write_text(json.dumps(dict(json.loads(index.read_text()), first_chunk_unet=[None, None])))
    data, _ = stream_bytes(dict(EXACT, model=str(folder)), texts=TEXTS[:1])
    reference, _ = stream_bytes(EXACT, texts=TEXTS[:1])
    assert len(data) == len(reference) == 12 * FRAME
    assert data[: 8 * FRAME] != reference[: 8 * FRAME]


def test_a_missing_tensor_is_named(tmp_path):
    from safetensors.numpy import load_file, save_file

    from reflection import T2VContext

    folder = tmp_path / "model"
    shutil.copytree(MODEL, folder, symlinks=False)
    weights = folder / "controlnet" / "diffusion_pytorch_model.safetensors"
    tensors = load_file(str(weights))
    name = next(k for k in tensors if k.startswith("controlnet_cond_embedding."))
    del tensors[name]
    save_file(tensors, str(weights))
    with pytest.raises(ValueError, match=name.replace(".", r"\.")):
        T2VContext(dict(EXACT, model=str(folder)))
