"""A diffusers model folder behind the documented Python API.

The folder is the tiny random ``TextToVideoSDPipeline`` of the neural fixtures
(``Tests/Fixtures/models/tiny-t2v``, native 16x16, made with the reference frames by
``tools/fixtures/make_fixtures.py``, diffusers 0.33.1). The documentation's three examples run with
``"model"`` (and a few diffusion settings) added to their configuration; the frames of
``process_text`` in the exact-diffusers setting are compared with diffusers' own frames.
"""

from __future__ import annotations

import json
import struct
from array import array
from pathlib import Path

import pytest

import test_examples
from conftest import ROOT, ffprobe

FIXTURES = ROOT / "Tests" / "Fixtures"
TINY = FIXTURES / "models" / "tiny-t2v"
#: A StreamingT2V folder (Tests/python/test_streamingt2v.py): the examples run with both families.
STREAMINGT2V = FIXTURES / "streamingt2v" / "model"
FOLDERS = pytest.mark.parametrize("model", [TINY, STREAMINGT2V], ids=["modelscope", "streamingt2v"])
PROMPT = "a red kite over a beach"

#: The documented exact-diffusers setting for the reference frames (diffusers ran at 32x32,
#: 4 frames, 3 steps, guidance 9, seed 42).
EXACT = {
    "model": str(TINY),
    "resolution": "32x32",
    "model_resolution": "32x32",
    "frame_rate": 8,
    "model_frame_rate": 8,
    "frames_per_chunk": 4,
    "seconds_per_text": 0.5,
    "num_inference_steps": 3,
    "guidance_scale": 9.0,
    "seed": 42,
    # Parity with diffusers' float32 frames: the reference path, whatever this CPU offers.
    "precision": "fp32",
}


def read_safetensors_f32(path: Path, name: str):
    """One float32 tensor of a safetensors file, as (shape, array('f'))."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    entry = header[name]
    assert entry["dtype"] == "F32"
    start, end = entry["data_offsets"]
    values = array("f")
    values.frombytes(data[8 + length + start : 8 + length + end])
    return entry["shape"], values


@pytest.mark.parametrize("scheduler, reference", [("ddim", "pipeline_ddim"), ("dpmsolver", "pipeline_dpm")])
def test_process_text_gives_diffusers_frames(scheduler, reference):
    from reflection import T2VContext, TextToVideoProcessor

    context = T2VContext(dict(EXACT, scheduler=scheduler))
    segment = TextToVideoProcessor(context).process_text(PROMPT)
    data = segment.get_data()
    shape, expected = read_safetensors_f32(FIXTURES / "reference" / f"{reference}.safetensors", "frames")
    assert shape == [1, 4, 32, 32, 3]
    assert len(data) == len(expected)
    worst = max(abs(a - b * 255) for a, b in zip(data, expected))
    assert worst <= 2, f"{scheduler}: frames differ from diffusers' by {worst}/255"
    meta = segment.get_metadata()
    assert meta["model"] == str(TINY)
    assert (meta["num_frames"], meta["width"], meta["frame_rate"]) == (4, 32, 8)
    context.dispose()


def with_model(example: str, original: str, settings: str, model: Path = TINY) -> str:
    """The example with `model` (and `settings`) added to its configuration line."""
    assert example.count(original) == 1
    settings += ', "precision": "fp32"'
    return example.replace(original, original[:-1] + f', "model": {json.dumps(str(model))}, {settings}}}')


@FOLDERS
def test_example_stream_with_a_model_folder(tmp_path, model):
    source = with_model(
        test_examples.EXAMPLE_CONTEXT_AND_STREAM,
        'config = {"resolution": "1080p", "frame_rate": 30}',
        '"num_inference_steps": 2',
        model,
    )
    check = '\nimport json\nprint("CHECK " + json.dumps({"m": video_segment.get_metadata(), "n": len(video_segment.get_data())}))\n'
    result = test_examples.run_script(source + check, tmp_path)
    info = json.loads(result.stdout.split("CHECK ", 1)[1])
    m = info["m"]
    assert (m["width"], m["height"], m["frame_rate"], m["model"]) == (1920, 1080, 30, str(model))
    assert info["n"] == 1920 * 1080 * 3 * m["num_frames"] and m["num_frames"] == 15


@FOLDERS
def test_example_processing_with_a_model_folder(tmp_path, model):
    source = with_model(
        test_examples.EXAMPLE_PROCESSING_TEXT,
        'config = {"resolution": "720p", "frame_rate": 24}',
        '"num_inference_steps": 2',
        model,
    )
    check = '\nimport json\nprint("CHECK " + json.dumps({"m": metadata, "n": len(video_data)}))\n'
    result = test_examples.run_script(source + check, tmp_path)
    info = json.loads(result.stdout.split("CHECK ", 1)[1])
    assert info["m"]["num_frames"] == 96 and info["n"] == 1280 * 720 * 3 * 96


@FOLDERS
def test_example_output_with_a_model_folder(tmp_path, model):
    source = with_model(
        test_examples.EXAMPLE_WRITING_OUTPUT,
        'config = {"resolution": "1080p", "frame_rate": 30}',
        '"num_inference_steps": 2',
        model,
    )
    test_examples.run_script(source, tmp_path)
    video = ffprobe(tmp_path / "output_video.mp4")
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", 1920, 1080)
    assert int(video["nb_read_frames"]) == 4 * 30


def test_progress_reports_denoising_steps():
    from reflection import T2VContext, TextToVideoProcessor

    context = T2VContext(EXACT)
    processor = TextToVideoProcessor(context)
    calls = []
    processor.set_progress_callback(lambda index, done, total: calls.append((index, done, total)))
    processor.process_text(PROMPT)
    assert calls == [(0, 0, 3), (0, 1, 3), (0, 2, 3), (0, 3, 3)]
    context.dispose()


def test_stream_of_two_texts_continues():
    from reflection import T2VContext, T2VStream

    config = dict(EXACT, resolution="64x48", frame_rate=16, seconds_per_text=1.0, segment_seconds=0.5,
                  num_inference_steps=2, overlap_frames=2)
    context = T2VContext(config)
    stream = T2VStream(context)
    stream.start()
    stream.send_text(PROMPT)
    stream.send_text("a boat on a lake")
    segments = list(stream)
    stream.stop()
    assert [s.get_metadata()["index"] for s in segments] == [0, 1, 2, 3]
    assert all(len(s.get_data()) == 64 * 48 * 3 * 8 for s in segments)
    assert [s.get_metadata()["text"] for s in segments] == [PROMPT, PROMPT, "a boat on a lake", "a boat on a lake"]
    context.dispose()


@pytest.mark.parametrize(
    "config, exception, mention",
    [
        ({"model": "/no/such/model/folder"}, ValueError, "/no/such/model/folder"),
        ({"model": str(TINY), "overlap_frames": 16}, ValueError, "overlap_frames"),
        ({"model": str(TINY), "model_resolution": "100x100"}, ValueError, "multiples of 8"),
        ({"model": str(TINY), "model_frame_rate": "8"}, TypeError, "model_frame_rate"),
        ({"model": str(TINY), "fit": "squash"}, ValueError, "fit"),
    ],
)
def test_bad_model_configuration(config, exception, mention):
    from reflection import T2VContext

    with pytest.raises(exception, match=mention):
        T2VContext(config)


def test_unsupported_model_class(tmp_path):
    import shutil

    from reflection import T2VContext, UnsupportedError

    folder = tmp_path / "sd"
    shutil.copytree(TINY, folder)
    index = folder / "model_index.json"
    index.write_text(index.read_text().replace("UNet3DConditionModel", "UNet2DConditionModel"))
    with pytest.raises(UnsupportedError, match="UNet2DConditionModel"):
        T2VContext({"model": str(folder)})


def test_streams_of_two_contexts_take_turns_with_their_own_threads():
    """Diffusion chunks compute one at a time (the runtime's thread count is process-wide), each
    with its own context's ``threads``: two contexts streaming at once give the bytes each gives
    alone."""
    import threading

    from reflection import T2VContext, T2VStream

    configs = [dict(EXACT, seconds_per_text=1.0, threads=1), dict(EXACT, seconds_per_text=1.0, threads=2, seed=3)]

    def run(config, out, key):
        with T2VContext(config) as context, T2VStream(context) as stream:
            stream.start()
            stream.send_text(PROMPT)
            out[key] = b"".join(segment.get_data() for segment in stream)

    alone, together = {}, {}
    for i, config in enumerate(configs):
        run(config, alone, i)
    threads = [threading.Thread(target=run, args=(config, together, i)) for i, config in enumerate(configs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert together == alone


def test_stop_is_prompt_while_waiting_for_another_context_s_chunk():
    """A stream waiting for another context's chunk to finish still stops at once (it checks its
    stop flag while it waits, without calling its progress callback): stop() returns before the
    other chunk ends, and the waiting stream never computed a step."""
    import threading
    import time

    from reflection import T2VContext, T2VStream

    steps = 400  # a long chunk for the tiny model (about 20 s here; 1000 would pass the last timestep)
    long_config = dict(EXACT, num_inference_steps=steps)
    first_progress = threading.Event()
    latest = {"done": 0}
    second_calls = []

    def on_first(index, done, total):
        latest["done"] = done
        if done >= 1:
            first_progress.set()

    with T2VContext(long_config) as first_context, T2VContext(dict(EXACT, seed=5)) as second_context:
        first, second = T2VStream(first_context), T2VStream(second_context)
        first.set_progress_callback(on_first)
        second.set_progress_callback(lambda index, done, total: second_calls.append(done))
        first.start()
        first.send_text(PROMPT)
        assert first_progress.wait(60), "the first stream never started its chunk"
        second.start()
        second.send_text(PROMPT)
        time.sleep(0.5)  # lets the second stream reach the wait (the test holds even if it has not)
        second.stop()
        assert latest["done"] < steps, "stop() waited for the other context's chunk to finish"
        assert all(done == 0 for done in second_calls), f"the waiting stream computed steps: {second_calls}"
        first.stop()


def test_a_repository_id_says_how_to_download_it():
    from reflection import T2VContext

    with pytest.raises(ValueError, match="Hugging Face repository id") as error:
        T2VContext({"model": "damo-vilab/text-to-video-ms-1.7b"})
    assert "huggingface-cli download damo-vilab/text-to-video-ms-1.7b" in str(error.value)
    with pytest.raises(ValueError, match='"/no/such/folder" is not a folder'):
        T2VContext({"model": "/no/such/folder"})


def test_a_hugging_face_cache_snapshot_folder_runs(tmp_path):
    """The hub cache keeps files as blobs and each revision as a folder of relative symlinks."""
    import hashlib
    import os

    from reflection import T2VContext, TextToVideoProcessor

    repo = tmp_path / "hub" / "models--tiny--t2v"
    snapshot = repo / "snapshots" / ("0" * 40)
    blobs = repo / "blobs"
    blobs.mkdir(parents=True)
    for source in sorted(p for p in TINY.rglob("*") if p.is_file()):
        data = source.read_bytes()
        blob = blobs / hashlib.sha256(data).hexdigest()
        blob.write_bytes(data)
        link = snapshot / source.relative_to(TINY)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(blob, link.parent))
    with T2VContext(dict(EXACT, model=str(snapshot))) as context:
        from_cache = TextToVideoProcessor(context).process_text(PROMPT).get_data()
    with T2VContext(EXACT) as context:
        assert TextToVideoProcessor(context).process_text(PROMPT).get_data() == from_cache
