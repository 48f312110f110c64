"""Behaviour of the Python API: streams, processor, segments, outputs, resources."""

from __future__ import annotations

import gc
import struct
import subprocess
import sys
import threading

import pytest

import reflection
from reflection import T2VContext, T2VStream, TextToVideoProcessor, VideoOutput, VideoSegment

from conftest import (
    FRAMES_PER_SEGMENT,
    FRAMES_PER_TEXT,
    SMALL_CONFIG,
    ffprobe,
    make_frames,
    segment_metadata,
    subprocess_env,
)

METADATA_KEYS = {
    "index", "width", "height", "frame_rate", "num_frames", "pixel_format",
    "start_time", "duration", "text", "seed", "model",
}


def collect(stream, timeout=60):
    segments = []
    while True:
        segment = stream.receive_video_segment(timeout=timeout)
        if segment is None:
            return segments
        segments.append(segment)


# --- module -------------------------------------------------------------------------------


def test_versions():
    assert reflection.__version__ == "0.1.0"
    assert reflection.abi_version() == 1
    assert isinstance(reflection.library_version(), str) and reflection.library_version()


def test_public_names():
    for name in ("T2VContext", "T2VStream", "TextToVideoProcessor", "VideoSegment", "VideoOutput"):
        cls = getattr(reflection, name)
        assert cls.__module__ == "reflection" and cls.__name__ == name
    assert issubclass(reflection.InvalidArgumentError, (reflection.Error, ValueError))
    assert issubclass(reflection.ParameterTypeError, TypeError)
    assert issubclass(reflection.StateError, RuntimeError)
    assert issubclass(reflection.OutputError, OSError)
    assert issubclass(reflection.ReceiveTimeout, TimeoutError)


def test_missing_library_lists_what_was_tried(tmp_path):
    missing = tmp_path / "nowhere" / "libreflection.so"
    env = subprocess_env()
    env["REFLECTION_LIBRARY"] = str(missing)
    result = subprocess.run([sys.executable, "-c", "import reflection"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "ImportError" in result.stderr or "LibraryNotFoundError" in result.stderr
    assert str(missing) in result.stderr and "REFLECTION_LIBRARY" in result.stderr


# --- context ------------------------------------------------------------------------------


def test_context_config_has_every_key_with_defaults():
    context = T2VContext({})
    config = context.config
    expected = {
        "resolution": "720p", "frame_rate": 24, "model": "builtin", "seed": 42,
        "segment_seconds": 0.5, "seconds_per_text": 4.0, "transition_seconds": 1.0,
        "num_inference_steps": 50, "guidance_scale": 9.0, "negative_prompt": "",
        "scheduler": "ddim", "threads": 0, "max_buffered_segments": 2, "caption": False,
        "frames_per_chunk": 16, "overlap_frames": None, "model_frame_rate": 8, "model_resolution": "native",
        "model_variant": None, "fit": "cover", "streaming_guidance_scale": 7.5, "anchor": "first",
        "precision": "auto", "cache_interval": 1,
    }
    assert config == expected
    config["resolution"] = "changed"
    assert context.config["resolution"] == "720p"  # a fresh dict every time
    context.dispose()


def test_context_config_reflects_the_given_values(small_context):
    config = small_context.config
    for key, value in SMALL_CONFIG.items():
        assert config[key] == value, key


def test_context_manager_disposes():
    with T2VContext(dict(SMALL_CONFIG)) as context:
        assert not context.disposed
    assert context.disposed
    with pytest.raises(reflection.StateError, match="disposed"):
        T2VStream(context)


def test_dispose_is_idempotent():
    context = T2VContext({})
    context.dispose()
    context.dispose()


# --- stream -------------------------------------------------------------------------------


def test_stream_segments_continue_one_another(started_stream):
    texts = ["A red balloon rises over a quiet town.", "Then the sky turns to night."]
    for text in texts:
        started_stream.send_text(text)
    segments = collect(started_stream)
    assert len(segments) == 2 * FRAMES_PER_TEXT // FRAMES_PER_SEGMENT
    total_frames = 0
    previous = None
    for number, segment in enumerate(segments):
        m = segment.get_metadata()
        assert METADATA_KEYS <= set(m), f"missing keys {METADATA_KEYS - set(m)}"
        assert m["index"] == number
        assert (m["width"], m["height"], m["frame_rate"]) == (64, 48, 8)
        assert m["pixel_format"] == "rgb24"
        assert m["model"] == "builtin" and m["seed"] == 42
        assert m["num_frames"] >= 1
        assert m["duration"] == pytest.approx(m["num_frames"] / 8)
        assert len(segment.get_data()) == 64 * 48 * 3 * m["num_frames"]
        if previous is None:
            assert m["start_time"] == 0
        else:
            assert m["start_time"] == pytest.approx(previous["start_time"] + previous["duration"])
        total_frames += m["num_frames"]
        previous = m
    assert total_frames == 2 * FRAMES_PER_TEXT
    assert segments[0].get_metadata()["text"] == texts[0]
    assert segments[-1].get_metadata()["text"] == texts[1]


def test_receive_returns_none_after_everything_was_delivered(started_stream):
    started_stream.send_text("One short scene.")
    assert len(collect(started_stream)) == FRAMES_PER_TEXT // FRAMES_PER_SEGMENT
    assert started_stream.receive_video_segment() is None
    assert started_stream.receive_video_segment(timeout=1) is None
    # the stream goes on with the next text, continuing the timeline
    started_stream.send_text("A second scene.")
    more = collect(started_stream)
    assert [s.get_metadata()["index"] for s in more] == [2, 3]
    assert more[0].get_metadata()["start_time"] == pytest.approx(FRAMES_PER_TEXT / 8)


def test_receive_with_nothing_sent_returns_none(started_stream):
    assert started_stream.receive_video_segment(timeout=5) is None


def test_receive_after_stop_returns_none(started_stream):
    started_stream.send_text("Something that will be cut short.")
    started_stream.stop()
    assert started_stream.receive_video_segment(timeout=5) is None


def test_iteration_receives_until_the_end(started_stream):
    started_stream.send_text("Waves roll onto a beach.")
    started_stream.send_text("Gulls circle above.")
    indices = [segment.get_metadata()["index"] for segment in started_stream]
    assert indices == list(range(2 * FRAMES_PER_TEXT // FRAMES_PER_SEGMENT))


def test_same_config_and_text_give_the_same_frames():
    def run(text):
        with T2VContext(dict(SMALL_CONFIG)) as context, T2VStream(context) as stream:
            stream.start()
            stream.send_text(text)
            return [segment.get_data() for segment in stream]

    first = run("A lighthouse on a cliff at dawn.")
    assert first == run("A lighthouse on a cliff at dawn.")
    assert first != run("A desert caravan under the stars.")


def test_different_seeds_give_different_frames():
    def run(seed):
        with T2VContext(dict(SMALL_CONFIG, seed=seed)) as context:
            return TextToVideoProcessor(context).process_text("A forest in the rain.").get_data()

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_timeout_raises_receive_timeout_and_the_stream_goes_on():
    config = {"resolution": "1920x1080", "frame_rate": 30, "seconds_per_text": 1.0, "segment_seconds": 1.0,
              "max_buffered_segments": 1}
    with T2VContext(config) as context, T2VStream(context) as stream:
        stream.start()
        stream.send_text("A city skyline with moving clouds.")
        with pytest.raises(reflection.ReceiveTimeout) as caught:
            stream.receive_video_segment(timeout=0)
        assert isinstance(caught.value, TimeoutError)
        segment = stream.receive_video_segment(timeout=120)
        assert segment is not None and segment.get_metadata()["num_frames"] == 30


def test_stop_cancels_and_is_idempotent():
    config = {"resolution": "1280x720", "frame_rate": 30, "seconds_per_text": 60.0}
    context = T2VContext(config)
    stream = T2VStream(context)
    stream.start()
    stream.send_text("A very long scene that is never finished.")
    assert stream.receive_video_segment(timeout=120) is not None
    stream.stop()
    stream.stop()
    assert stream.receive_video_segment() is None
    context.dispose()


def test_stream_context_manager_stops_on_exit(small_context):
    with T2VStream(small_context) as stream:
        stream.start()
        stream.send_text("A kite in the wind.")
        assert stream.receive_video_segment(timeout=60) is not None
    with pytest.raises(reflection.StateError):
        stream.send_text("after the with block")
    assert stream.receive_video_segment() is None


def test_stream_keeps_working_after_its_context_is_disposed():
    context = T2VContext(dict(SMALL_CONFIG))
    stream = T2VStream(context)
    processor = TextToVideoProcessor(context)
    context.dispose()
    stream.start()
    stream.send_text("Snow falls on a mountain village.")
    assert len(collect(stream)) == FRAMES_PER_TEXT // FRAMES_PER_SEGMENT
    stream.stop()
    assert processor.process_text("Snow falls.").get_metadata()["num_frames"] == FRAMES_PER_TEXT


def test_segments_outlive_their_stream_and_context():
    context = T2VContext(dict(SMALL_CONFIG))
    stream = T2VStream(context)
    stream.start()
    stream.send_text("A train crosses a bridge.")
    segment = stream.receive_video_segment(timeout=60)
    data = segment.get_data()
    stream.stop()
    del stream
    context.dispose()
    del context
    gc.collect()
    assert segment.get_data() == data
    assert segment.get_metadata()["index"] == 0


def test_several_streams_on_one_context_from_several_threads(small_context):
    results = {}

    def worker(number):
        with T2VStream(small_context) as stream:
            stream.start()
            stream.send_text("A market square at noon.")
            results[number] = [segment.get_data() for segment in stream]

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(results) == [0, 1, 2]
    assert results[0] == results[1] == results[2]
    assert len(results[0]) == FRAMES_PER_TEXT // FRAMES_PER_SEGMENT


# --- progress callbacks ---------------------------------------------------------------------


def test_stream_progress_callback_is_called(started_stream):
    calls = []
    lock = threading.Lock()

    def progress(segment_index, done, total):
        with lock:
            calls.append((segment_index, done, total))
        return True

    started_stream.set_progress_callback(progress)
    started_stream.send_text("Leaves drift down a stream.")
    assert len(collect(started_stream)) == FRAMES_PER_TEXT // FRAMES_PER_SEGMENT
    assert calls, "the progress callback was never called"
    for segment_index, done, total in calls:
        assert all(isinstance(v, int) for v in (segment_index, done, total))
        assert 0 <= done <= total and total > 0
    assert {c[0] for c in calls} >= {0}


def test_stream_progress_callback_returning_false_cancels():
    config = dict(SMALL_CONFIG, max_buffered_segments=1)
    with T2VContext(config) as context, T2VStream(context) as stream:
        stream.set_progress_callback(lambda segment_index, done, total: False)
        stream.start()
        for n in range(4):
            stream.send_text(f"Scene number {n}.")
        received = []
        # the cancellation is reported once, by the receive after the segments made before it
        with pytest.raises(reflection.CancelledError, match="cancel"):
            for segment in stream:
                received.append(segment)
        assert len(received) < 4 * FRAMES_PER_TEXT // FRAMES_PER_SEGMENT
        assert stream.receive_video_segment(timeout=5) is None
        with pytest.raises(reflection.StateError):  # cancelled like stop()
            stream.send_text("after cancel")


def test_stream_progress_callback_exception_is_reraised():
    with T2VContext(dict(SMALL_CONFIG)) as context, T2VStream(context) as stream:
        def progress(segment_index, done, total):
            raise ZeroDivisionError("raised by the progress callback")

        stream.set_progress_callback(progress)
        stream.start()
        stream.send_text("A clock tower.")
        with pytest.raises(ZeroDivisionError, match="raised by the progress callback"):
            for _ in stream:
                pass
        # the error is reported once; afterwards the (cancelled) stream just ends
        assert stream.receive_video_segment(timeout=5) is None


def test_progress_callback_can_be_removed(started_stream):
    calls = []
    started_stream.set_progress_callback(lambda *args: calls.append(args))  # None return continues
    started_stream.set_progress_callback(None)
    started_stream.send_text("A quiet lake.")
    assert len(collect(started_stream)) == FRAMES_PER_TEXT // FRAMES_PER_SEGMENT
    assert calls == []


def test_progress_callback_returning_none_continues(started_stream):
    calls = []
    started_stream.set_progress_callback(lambda *args: calls.append(args))
    started_stream.send_text("A quiet lake.")
    assert len(collect(started_stream)) == FRAMES_PER_TEXT // FRAMES_PER_SEGMENT
    assert calls


# --- processor ------------------------------------------------------------------------------


def test_process_text_returns_one_segment_of_seconds_per_text(small_context):
    processor = TextToVideoProcessor(small_context)
    text = "The quick brown fox jumps over the lazy dog."
    segment = processor.process_text(text)
    assert isinstance(segment, VideoSegment)
    m = segment.get_metadata()
    assert METADATA_KEYS <= set(m)
    assert (m["width"], m["height"], m["frame_rate"], m["num_frames"]) == (64, 48, 8, FRAMES_PER_TEXT)
    assert m["text"] == text and m["pixel_format"] == "rgb24"
    assert len(segment.get_data()) == 64 * 48 * 3 * FRAMES_PER_TEXT
    assert processor.process_text(text).get_data() == segment.get_data()


def test_processor_parameters_start_from_the_context(small_context):
    processor = TextToVideoProcessor(small_context)
    config = small_context.config
    for name in ("resolution", "frame_rate", "seed", "seconds_per_text", "num_inference_steps",
                 "guidance_scale", "negative_prompt", "scheduler", "caption"):
        assert processor.get_parameter(name) == config[name], name


@pytest.mark.parametrize(
    "name, value",
    [
        ("resolution", "160x90"),
        ("resolution", "360p"),
        ("frame_rate", 12),
        ("frame_rate", 12.5),
        ("seed", 7),
        ("seed", None),
        ("seconds_per_text", 0.5),
        ("num_inference_steps", 10),
        ("guidance_scale", 5.5),
        ("negative_prompt", "blurry, low quality"),
        ("negative_prompt", "naïve café ☕ 日本"),
        ("scheduler", "dpmsolver"),
        ("caption", True),
    ],
)
def test_processor_parameter_round_trip(small_context, name, value):
    processor = TextToVideoProcessor(small_context)
    processor.set_parameter(name, value)
    assert processor.get_parameter(name) == value


def test_processor_parameters_change_the_output(small_context):
    processor = TextToVideoProcessor(small_context)
    processor.set_parameter("resolution", "160x90")
    processor.set_parameter("frame_rate", 12)
    processor.set_parameter("seconds_per_text", 0.5)
    m = processor.process_text("A hot air balloon.").get_metadata()
    assert (m["width"], m["height"], m["frame_rate"], m["num_frames"]) == (160, 90, 12, 6)
    # the context is not changed by a processor's parameters
    assert small_context.config["resolution"] == "64x48"


def test_processor_progress_callback_false_cancels(small_context):
    processor = TextToVideoProcessor(small_context)
    calls = []
    processor.set_progress_callback(lambda i, done, total: calls.append((i, done, total)) or False)
    with pytest.raises(reflection.CancelledError):
        processor.process_text("A boat on a river.")
    assert calls
    processor.set_progress_callback(None)
    assert processor.process_text("A boat on a river.").get_metadata()["num_frames"] == FRAMES_PER_TEXT


def test_processor_progress_callback_exception_is_reraised(small_context):
    processor = TextToVideoProcessor(small_context)

    def progress(segment_index, done, total):
        raise KeyError("from the callback")

    processor.set_progress_callback(progress)
    with pytest.raises(KeyError, match="from the callback"):
        processor.process_text("A boat on a river.")
    processor.set_progress_callback(lambda *args: True)
    assert processor.process_text("A boat on a river.") is not None


# --- segments -------------------------------------------------------------------------------


def test_user_segment_round_trip():
    data = make_frames(16, 8, 2)
    metadata = dict(segment_metadata(16, 8, 2), text="mine", custom={"nested": [1, 2, 3]})
    segment = VideoSegment(data, metadata)
    assert segment.get_data() == data
    got = segment.get_metadata()
    for key, value in metadata.items():
        assert got[key] == value
    got["width"] = 999
    assert segment.get_metadata()["width"] == 16  # get_metadata returns a fresh dict


@pytest.mark.parametrize("kind", ["bytearray", "memoryview", "numpy"])
def test_user_segment_accepts_bytes_like_data(kind):
    data = make_frames(16, 8, 1)
    if kind == "bytearray":
        source = bytearray(data)
    elif kind == "memoryview":
        source = memoryview(data)
    else:
        numpy = pytest.importorskip("numpy")
        source = numpy.frombuffer(data, dtype=numpy.uint8).reshape(1, 8, 16, 3).copy()
    segment = VideoSegment(source, segment_metadata(16, 8, 1))
    assert segment.get_data() == data
    if kind == "bytearray":
        source[0] ^= 0xFF  # the segment holds a copy
        assert segment.get_data() == data


def test_to_numpy(small_context):
    numpy = pytest.importorskip("numpy")
    segment = TextToVideoProcessor(small_context).process_text("A windmill.")
    array = segment.to_numpy()
    assert array.shape == (FRAMES_PER_TEXT, 48, 64, 3) and array.dtype == numpy.uint8
    assert array.tobytes() == segment.get_data()
    array[0, 0, 0, 0] ^= 0xFF  # a writable copy
    assert array.tobytes() != segment.get_data()


# --- output ---------------------------------------------------------------------------------


def top_level_boxes(path):
    boxes = []
    with open(path, "rb") as f:
        while True:
            header = f.read(8)
            if len(header) < 8:
                return boxes
            size, kind = struct.unpack(">I4s", header)
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0]
                f.seek(size - 16, 1)
            elif size == 0:
                boxes.append(kind.decode("latin-1"))
                return boxes
            else:
                f.seek(size - 8, 1)
            boxes.append(kind.decode("latin-1"))


@pytest.mark.parametrize("extension, codec", [(".mp4", "h264"), (".mkv", None), (".y4m", "rawvideo")])
def test_write_stream_segments_to_a_file(started_stream, tmp_path, extension, codec):
    path = tmp_path / f"out{extension}"
    started_stream.send_text("A paper boat in a puddle.")
    started_stream.send_text("Rain stops, sun comes out.")
    with VideoOutput(str(path)) as output:
        for segment in started_stream:
            output.write_segment(segment)
    video = ffprobe(path)
    assert (video["width"], video["height"]) == (64, 48)
    assert video["r_frame_rate"] == "8/1"
    assert int(video["nb_read_frames"]) == 2 * FRAMES_PER_TEXT
    if codec:
        assert video["codec_name"] == codec
    if extension == ".mp4":
        assert video["pix_fmt"] == "yuv420p"
        boxes = top_level_boxes(path)
        assert boxes.index("moov") < boxes.index("mdat"), f"moov must come first for browsers: {boxes}"
        assert float(video["format"]["duration"]) == pytest.approx(2.0, abs=0.05)


def test_output_accepts_a_path_object(started_stream, tmp_path):
    path = tmp_path / "pathlike.mkv"
    started_stream.send_text("A lantern.")
    output = VideoOutput(path)
    for segment in started_stream:
        output.write_segment(segment)
    output.close()
    assert int(ffprobe(path)["nb_read_frames"]) == FRAMES_PER_TEXT


def test_write_user_made_segments(tmp_path):
    numpy = pytest.importorskip("numpy")
    path = tmp_path / "mine.y4m"
    frames = [make_frames(32, 16, 3, shift=0), make_frames(32, 16, 2, shift=3)]
    output = VideoOutput(str(path))
    for data in frames:
        output.write_segment(VideoSegment(data, segment_metadata(32, 16, len(data) // (32 * 16 * 3))))
    output.close()
    video = ffprobe(path)
    assert (video["width"], video["height"], video["r_frame_rate"]) == (32, 16, "8/1")
    assert int(video["nb_read_frames"]) == 5
    decoded = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True,
    ).stdout
    expected = numpy.frombuffer(b"".join(frames), dtype=numpy.uint8).astype(numpy.int16)
    got = numpy.frombuffer(decoded, dtype=numpy.uint8).astype(numpy.int16)
    assert got.shape == expected.shape
    error = numpy.abs(got - expected)
    worst = int(error.argmax())
    # rgb24 -> yuv420p -> rgb24 loses colour resolution; a smooth gradient survives closely.
    assert error.mean() < 6, f"mean error {error.mean():.2f}, worst {error.flat[worst]} at byte {worst}"


def test_output_close_is_idempotent_and_write_after_close_fails(tmp_path, small_context):
    segment = TextToVideoProcessor(small_context).process_text("A candle.")
    output = VideoOutput(str(tmp_path / "closed.mp4"))
    output.write_segment(segment)
    output.close()
    output.close()
    assert output.closed
    with pytest.raises(reflection.StateError, match="closed"):
        output.write_segment(segment)
    assert int(ffprobe(tmp_path / "closed.mp4")["nb_read_frames"]) == FRAMES_PER_TEXT


def test_output_without_segments_can_be_closed(tmp_path):
    with VideoOutput(str(tmp_path / "empty.mkv")):
        pass


def test_with_everything_documented_example_shape(tmp_path):
    """The README's quick start: the documented classes with the context-manager additions."""
    path = tmp_path / "out.mp4"
    context = T2VContext(dict(SMALL_CONFIG))
    with T2VStream(context) as stream, VideoOutput(str(path)) as output:
        stream.start()
        stream.send_text("Once upon a time, in a faraway land...")
        for segment in stream:
            output.write_segment(segment)
    context.dispose()
    assert int(ffprobe(path)["nb_read_frames"]) == FRAMES_PER_TEXT
