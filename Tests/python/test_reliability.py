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


# --- files that are not regular files, and file-size limits ---------------------------------------


def _child(code: str, timeout: float = 60):
    import subprocess
    import sys
    import textwrap

    from conftest import subprocess_env

    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, env=subprocess_env())


def test_a_fifo_as_weights_file_is_refused_not_waited_on(tmp_path):
    import os
    import shutil

    from conftest import ROOT

    folder = tmp_path / "model"
    shutil.copytree(ROOT / "Tests" / "Fixtures" / "models" / "tiny-t2v", folder)
    weights = folder / "unet" / "diffusion_pytorch_model.safetensors"
    weights.unlink()
    os.mkfifo(weights)
    result = _child(f"""
        import reflection
        try:
            reflection.T2VContext({{"model": {str(folder)!r}}})
            print("ACCEPTED")
        except reflection.Error as error:
            print(type(error).__name__, "::", error)
        """)
    assert result.returncode == 0, result.stderr[-1500:]
    assert "not a regular file" in result.stdout and "diffusion_pytorch_model.safetensors" in result.stdout, result.stdout


def test_a_fifo_as_output_path_is_refused_not_waited_on(tmp_path):
    import os

    fifo = tmp_path / "out.mp4"
    os.mkfifo(fifo)
    result = _child(f"""
        import reflection
        from reflection import T2VContext, TextToVideoProcessor, VideoOutput
        with T2VContext({{"resolution": "64x48", "frame_rate": 8, "seconds_per_text": 0.5}}) as context:
            segment = TextToVideoProcessor(context).process_text("a red kite")
        try:
            with VideoOutput({str(fifo)!r}) as output:
                output.write_segment(segment)
            print("ACCEPTED")
        except OSError as error:
            print(type(error).__name__, "::", error)
        """)
    assert result.returncode == 0, result.stderr[-1500:]
    assert "not a regular file" in result.stdout, result.stdout


@pytest.mark.parametrize("extension", ["y4m", "mkv", "mp4"])
def test_a_file_size_limit_is_an_output_error_not_sigxfsz(tmp_path, extension):
    path = tmp_path / f"limited.{extension}"
    result = _child(f"""
        import resource
        import reflection
        from reflection import T2VContext, T2VStream, VideoOutput
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
        written = 0
        try:
            with T2VContext({{"resolution": "320x240", "frame_rate": 8, "seconds_per_text": 8.0}}) as context:
                with T2VStream(context) as stream, VideoOutput({str(path)!r}) as output:
                    stream.start()
                    stream.send_text("a noisy storm over the sea at night")
                    for segment in stream:
                        output.write_segment(segment)
                        written += 1
            print("NO LIMIT REACHED", written)
        except OSError as error:
            print("OSError ::", error)
        """, timeout=120)
    assert result.returncode == 0, f"child died ({result.returncode}): {result.stderr[-1500:]}"
    assert result.stdout.startswith("OSError ::") and "File too large" in result.stdout, result.stdout


# --- nothing accepted is lost: full disks and killed writers -------------------------------------


def _probe_frames(path) -> int:
    """Frames ffprobe decodes in `path` (its only video stream); fails the test if it cannot read it."""
    import subprocess

    result = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
         "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", str(path)],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"ffprobe cannot read {path}: {result.stderr[-800:]}"
    return int(result.stdout.strip())


# A file-size limit small enough to be reached within a few segments of each container:
# H.264 of a noisy scene at 320x240 is a few kB a frame, YUV4MPEG2 115 kB a frame.
_SIZE_LIMITS = {"mp4": 96 * 1024, "mkv": 96 * 1024, "y4m": 1024 * 1024}


@pytest.mark.parametrize("extension", ["mp4", "mkv", "y4m"])
def test_every_segment_written_before_a_full_disk_is_in_the_file(tmp_path, extension):
    """Issue 11: on a full disk .mkv kept 44 of 76 accepted frames and .mp4 was unreadable; and
    close() then raised again. Now every segment write_segment accepted is in the file, and close()
    after the failure keeps it readable."""
    path = tmp_path / f"full.{extension}"
    result = _child(f"""
        import resource
        import reflection
        from reflection import T2VContext, T2VStream, VideoOutput
        resource.setrlimit(resource.RLIMIT_FSIZE, ({_SIZE_LIMITS[extension]}, resource.RLIM_INFINITY))
        accepted = segments = 0
        output = VideoOutput({str(path)!r})
        with T2VContext({{"resolution": "320x240", "frame_rate": 8, "seconds_per_text": 30.0}}) as context:
            with T2VStream(context) as stream:
                stream.start()
                stream.send_text("a noisy storm over the sea at night")
                try:
                    for segment in stream:
                        output.write_segment(segment)
                        accepted += segment.get_metadata()["num_frames"]
                        segments += 1
                    print("NO LIMIT REACHED")
                except OSError as error:
                    print("WRITE ERROR ::", error)
        output.close()  # must not raise: what was accepted is kept
        print("ACCEPTED", accepted, segments)
        """, timeout=180)
    assert result.returncode == 0, f"child died ({result.returncode}): {result.stderr[-1500:]}"
    assert "WRITE ERROR ::" in result.stdout and "File too large" in result.stdout, result.stdout
    accepted, segments = map(int, result.stdout.split("ACCEPTED")[1].split())
    assert segments >= 1, f"the limit was reached before any segment: {result.stdout}"
    assert _probe_frames(path) == accepted, result.stdout


@pytest.mark.parametrize("extension", ["mp4", "mkv", "y4m"])
def test_a_killed_writer_leaves_every_segment_it_accepted(tmp_path, extension):
    """Issue 11: after kill -9, .mp4 was unreadable and .mkv 0 bytes after 4 s of video. The writer
    is killed while it waits between two segments: the file must hold exactly the segments accepted."""
    import signal
    import subprocess
    import sys
    import textwrap

    from conftest import subprocess_env

    path = tmp_path / f"killed.{extension}"
    code = textwrap.dedent(f"""
        import sys
        from reflection import T2VContext, T2VStream, VideoOutput
        accepted = 0
        output = VideoOutput({str(path)!r})
        with T2VContext({{"resolution": "160x120", "frame_rate": 8, "seconds_per_text": 30.0}}) as context:
            with T2VStream(context) as stream:
                stream.start()
                stream.send_text("a red kite over a beach at sunset")
                for segment in stream:
                    output.write_segment(segment)
                    accepted += segment.get_metadata()["num_frames"]
                    print("ACCEPTED", accepted, flush=True)
                    sys.stdin.readline()  # wait for the parent before the next segment
        """)
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=subprocess_env())
    try:
        accepted = 0
        for _ in range(3):
            line = child.stdout.readline()
            assert line.startswith("ACCEPTED"), line + child.stderr.read()[-1500:]
            accepted = int(line.split()[1])
            if _ < 2:
                child.stdin.write("\n")
                child.stdin.flush()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert accepted > 0
    assert _probe_frames(path) == accepted
