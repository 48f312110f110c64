"""Bad input never crashes and never loses data (issue 3, item 8).

Every case asserts the exception type (the built-in one a Python user catches, and
reflection.Error) and that the message names the problem -- the key, parameter, value, path or
limit involved.
"""

from __future__ import annotations

import pytest

import reflection
from reflection import T2VContext, T2VStream, TextToVideoProcessor, VideoOutput, VideoSegment

from conftest import FRAMES_PER_TEXT, SMALL_CONFIG, ffprobe, make_frames, segment_metadata


def raises(exception, match):
    """pytest.raises that also checks the error is a reflection.Error."""
    return _Raises(exception, match)


class _Raises:
    def __init__(self, exception, match):
        self._inner = pytest.raises(exception, match=match)

    def __enter__(self):
        self.info = self._inner.__enter__()
        return self.info

    def __exit__(self, *exc):
        result = self._inner.__exit__(*exc)
        if result:
            assert isinstance(self.info.value, reflection.Error), (
                f"{type(self.info.value).__name__} is not a reflection.Error: {self.info.value}"
            )
        return result


@pytest.fixture
def processor(small_context):
    return TextToVideoProcessor(small_context)


@pytest.fixture
def segment(processor):
    return processor.process_text("A small test scene.")


# --- configuration: wrong types (checked in Python) -----------------------------------------


@pytest.mark.parametrize("config", [None, "{}", '{"resolution": "720p"}', [("resolution", "720p")], 42])
def test_config_must_be_a_dict(config):
    with raises(TypeError, match="config must be a dict"):
        T2VContext(config)


def test_config_value_not_json_serialisable_names_the_key():
    with raises(TypeError, match="'seed'.*object"):
        T2VContext({"seed": object()})
    with raises(TypeError, match="'negative_prompt'.*set"):
        T2VContext({"negative_prompt": {"a", "b"}})


def test_config_key_must_be_a_string():
    with raises(TypeError, match="keys must be str"):
        T2VContext({1: "720p"})


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_config_non_finite_numbers_name_the_key(value):
    with raises(ValueError, match="'frame_rate'"):
        T2VContext({"frame_rate": value})


def test_config_lone_surrogate_names_the_key():
    with raises(ValueError, match="'negative_prompt'.*surrogate"):
        T2VContext({"negative_prompt": "bad \ud800 text"})


# --- configuration: values the engine rejects -----------------------------------------------


@pytest.mark.parametrize("value", [0, -1, 1e9, 241])
def test_frame_rate_out_of_range(value):
    with raises(ValueError, match="frame_rate"):
        T2VContext({"frame_rate": value})


@pytest.mark.parametrize("value", ["30", None, [30], True])
def test_frame_rate_wrong_type(value):
    with raises(TypeError, match="frame_rate"):
        T2VContext({"frame_rate": value})


@pytest.mark.parametrize("value", ["99999x1", "abc", "65x49", "64x47", "", "0x0", "x", "1080", "720P2", "-64x48"])
def test_resolution_invalid(value):
    with raises(ValueError, match="resolution") as caught:
        T2VContext({"resolution": value})
    assert repr(value)[1:-1] in str(caught.value) or value == ""


@pytest.mark.parametrize("value", [720, 1280.0, None, ["1280", "720"]])
def test_resolution_wrong_type(value):
    with raises(TypeError, match="resolution"):
        T2VContext({"resolution": value})


@pytest.mark.parametrize(
    "key, value, exception",
    [
        ("seed", -1, ValueError),
        ("seed", "42", TypeError),
        ("seed", 1.5, TypeError),
        ("segment_seconds", 0, ValueError),
        ("seconds_per_text", -4, ValueError),
        ("transition_seconds", -1, ValueError),
        ("num_inference_steps", 0, ValueError),
        ("num_inference_steps", "50", TypeError),
        ("guidance_scale", -1, ValueError),
        ("scheduler", "euler", ValueError),
        ("scheduler", 1, TypeError),
        ("threads", -1, ValueError),
        ("max_buffered_segments", 0, ValueError),
        ("caption", "yes", TypeError),
        ("model", "", ValueError),
        ("negative_prompt", 5, TypeError),
    ],
)
def test_config_bad_values_name_the_key(key, value, exception):
    with raises(exception, match=key):
        T2VContext({key: value})


def test_unknown_config_key_is_named():
    with raises(ValueError, match="resoluton"):
        T2VContext({"resoluton": "720p"})


def test_over_long_negative_prompt():
    with raises(ValueError, match="negative_prompt.*10000|10,000"):
        T2VContext({"negative_prompt": "n" * 10_001})


# --- wrong argument types ------------------------------------------------------------------


@pytest.mark.parametrize("context", [None, "context", {}, 1])
def test_stream_and_processor_need_a_context(context):
    with raises(TypeError, match="T2VContext"):
        T2VStream(context)
    with raises(TypeError, match="T2VContext"):
        TextToVideoProcessor(context)


@pytest.mark.parametrize("text", [None, b"bytes are not text", 42, ["a"], bytearray(b"x")])
def test_text_must_be_str(started_stream, processor, text):
    with raises(TypeError, match="text must be a str"):
        started_stream.send_text(text)
    with raises(TypeError, match="text must be a str"):
        processor.process_text(text)


@pytest.mark.parametrize("data", ["a str", 123, None, [1, 2, 3], 1.5])
def test_segment_data_must_be_bytes_like(data):
    with raises(TypeError, match="data must be bytes-like"):
        VideoSegment(data, segment_metadata(2, 2, 1))


@pytest.mark.parametrize("metadata", [None, "{}", [("width", 2)], 7])
def test_segment_metadata_must_be_a_dict(metadata):
    with raises(TypeError, match="metadata must be a dict"):
        VideoSegment(bytes(12), metadata)


def test_segment_metadata_not_json_serialisable_names_the_key():
    with raises(TypeError, match="'text'.*bytes"):
        VideoSegment(bytes(12), dict(segment_metadata(2, 2, 1), text=b"raw"))


@pytest.mark.parametrize("not_a_segment", [None, b"\x00" * 12, {"width": 2}, "segment"])
def test_write_segment_needs_a_video_segment(tmp_path, not_a_segment):
    with VideoOutput(str(tmp_path / "out.y4m")) as output:
        with raises(TypeError, match="segment must be a VideoSegment"):
            output.write_segment(not_a_segment)


@pytest.mark.parametrize("path", [None, 42, ["out.mp4"]])
def test_output_path_type(path):
    with raises(TypeError, match="output_path"):
        VideoOutput(path)


def test_output_path_with_nul(tmp_path):
    with raises(ValueError, match="NUL"):
        VideoOutput(str(tmp_path / "a\0b.mp4"))


@pytest.mark.parametrize("timeout, exception", [(-1, ValueError), (float("nan"), ValueError), ("1", TypeError), (True, TypeError)])
def test_receive_timeout_argument(started_stream, timeout, exception):
    with raises(exception, match="timeout"):
        started_stream.receive_video_segment(timeout=timeout)


@pytest.mark.parametrize("callback", [5, "print", object()])
def test_progress_callback_must_be_callable(started_stream, processor, callback):
    with raises(TypeError, match="callable"):
        started_stream.set_progress_callback(callback)
    with raises(TypeError, match="callable"):
        processor.set_progress_callback(callback)


# --- text that cannot be passed, or is too long ----------------------------------------------


@pytest.mark.parametrize("text", ["\ud800", "lone \udfff surrogate", "end \udbff"])
def test_lone_surrogates(started_stream, processor, text):
    with raises(ValueError, match="surrogate"):
        started_stream.send_text(text)
    with raises(ValueError, match="surrogate"):
        processor.process_text(text)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text(started_stream, processor, text):
    with raises(ValueError, match="empty"):
        started_stream.send_text(text)
    with raises(ValueError, match="empty"):
        processor.process_text(text)


def test_nul_character(started_stream, processor):
    with raises(ValueError, match="NUL"):
        started_stream.send_text("before\0after")
    with raises(ValueError, match="NUL"):
        processor.process_text("\0")


def test_over_long_text(started_stream, processor):
    too_long = "x" * 10_001
    with raises(ValueError, match="10000|10,000"):
        started_stream.send_text(too_long)
    with raises(ValueError, match="10000|10,000"):
        processor.process_text(too_long)
    # the limit counts characters, not UTF-8 bytes: 10,000 three-byte characters are fine
    started_stream.send_text("日" * 10_000)


def test_text_at_the_limit_is_accepted(processor):
    assert processor.process_text("é" * 10_000).get_metadata()["num_frames"] == FRAMES_PER_TEXT


# --- processor parameters ------------------------------------------------------------------


def test_unknown_parameter_is_named(processor):
    with raises(ValueError, match="no_such_parameter"):
        processor.set_parameter("no_such_parameter", 1)
    with raises(ValueError, match="no_such_parameter"):
        processor.get_parameter("no_such_parameter")


@pytest.mark.parametrize(
    "name, value", [("model", "builtin"), ("threads", 1), ("max_buffered_segments", 1), ("segment_seconds", 1.0)]
)
def test_context_only_keys_are_not_parameters(processor, name, value):
    with raises(ValueError, match=name):
        processor.set_parameter(name, value)


@pytest.mark.parametrize(
    "name, value, exception",
    [
        ("seed", "abc", TypeError),
        ("seed", -5, ValueError),
        ("frame_rate", "24", TypeError),
        ("frame_rate", 0, ValueError),
        ("frame_rate", 1e9, ValueError),
        ("resolution", 720, TypeError),
        ("resolution", "abc", ValueError),
        ("resolution", "99999x1", ValueError),
        ("resolution", "63x48", ValueError),
        ("scheduler", "euler", ValueError),
        ("caption", 1, TypeError),
        ("guidance_scale", "high", TypeError),
        pytest.param("negative_prompt", "n" * 10_001, ValueError, id="negative_prompt-10001-characters"),
    ],
)
def test_bad_parameter_values_name_the_parameter(processor, name, value, exception):
    before = processor.get_parameter(name)
    with raises(exception, match=name):
        processor.set_parameter(name, value)
    assert processor.get_parameter(name) == before  # a failed set changes nothing


def test_parameter_value_not_json_serialisable(processor):
    with raises(TypeError, match="'seed'.*object"):
        processor.set_parameter("seed", object())
    with raises(ValueError, match="'frame_rate'.*nan"):
        processor.set_parameter("frame_rate", float("nan"))


@pytest.mark.parametrize("name", [None, 1, b"seed"])
def test_parameter_name_must_be_str(processor, name):
    with raises(TypeError, match="parameter name must be a str"):
        processor.set_parameter(name, 1)
    with raises(TypeError, match="parameter name must be a str"):
        processor.get_parameter(name)


def test_parameter_name_with_nul_or_surrogate(processor):
    with raises(ValueError, match="NUL"):
        processor.set_parameter("seed\0", 1)
    with raises(ValueError, match="surrogate"):
        processor.get_parameter("\ud800")


# --- use in the wrong state ----------------------------------------------------------------


def test_send_text_before_start(small_context):
    stream = T2VStream(small_context)
    with raises(RuntimeError, match="start"):
        stream.send_text("too early")


def test_start_twice(started_stream):
    with raises(RuntimeError, match="start"):
        started_stream.start()


def test_use_after_stop(started_stream):
    started_stream.stop()
    with raises(RuntimeError, match="stop"):
        started_stream.send_text("too late")
    with raises(RuntimeError, match="st"):
        started_stream.start()
    assert started_stream.receive_video_segment() is None
    started_stream.stop()  # idempotent


def test_use_after_dispose():
    context = T2VContext(dict(SMALL_CONFIG))
    context.dispose()
    with raises(RuntimeError, match="disposed"):
        T2VStream(context)
    with raises(RuntimeError, match="disposed"):
        TextToVideoProcessor(context)
    with raises(RuntimeError, match="disposed"):
        context.config


def test_use_after_close(tmp_path, segment):
    output = VideoOutput(str(tmp_path / "out.mkv"))
    output.write_segment(segment)
    output.close()
    with raises(RuntimeError, match="closed"):
        output.write_segment(segment)
    output.close()  # idempotent


# --- files ---------------------------------------------------------------------------------


def open_and_write(path, segment):
    """Opens ``path`` and writes one segment; the error may come from either step."""
    output = VideoOutput(str(path))
    try:
        output.write_segment(segment)
    finally:
        try:
            output.close()
        except reflection.Error:
            pass


def test_missing_directory(tmp_path, segment):
    path = tmp_path / "no_such_directory" / "out.mp4"
    with raises(OSError, match="no_such_directory"):
        open_and_write(path, segment)
    assert not path.parent.exists()


def test_path_below_a_file(tmp_path, segment):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory")
    with raises(OSError, match="a_file"):
        open_and_write(blocker / "out.mkv", segment)


def test_unwritable_location(segment):
    with raises(OSError, match="/proc/reflection-test"):
        open_and_write("/proc/reflection-test.mp4", segment)


def test_path_is_a_directory(tmp_path, segment):
    directory = tmp_path / "dir.y4m"
    directory.mkdir()
    with raises(OSError, match="dir.y4m"):
        open_and_write(directory, segment)


@pytest.mark.parametrize("name", ["out.xyz", "out.txt", "no_extension", "out."])
def test_unsupported_extension(tmp_path, segment, name):
    with raises(ValueError, match="extension"):
        open_and_write(tmp_path / name, segment)


# --- segments that do not fit --------------------------------------------------------------


def test_data_length_does_not_match_metadata(tmp_path):
    with raises(ValueError, match="10 bytes"):
        bad = VideoSegment(b"\x00" * 10, segment_metadata(64, 48, 1))
        with VideoOutput(str(tmp_path / "out.y4m")) as output:
            output.write_segment(bad)


@pytest.mark.parametrize(
    "metadata, named",
    [
        ({"height": 16, "frame_rate": 8, "num_frames": 1}, "width"),
        ({"width": 16, "frame_rate": 8, "num_frames": 1}, "height"),
        ({"width": 16, "height": 16, "num_frames": 1}, "frame_rate"),
        ({"width": 16, "height": 16, "frame_rate": 8}, "num_frames"),
        (dict(segment_metadata(16, 16, 1), width="16"), "width"),
        (dict(segment_metadata(16, 16, 1), width=-16), "width"),
        (dict(segment_metadata(16, 16, 1), frame_rate=0), "frame_rate"),
        (dict(segment_metadata(16, 16, 1), pixel_format="yuv420p"), "pixel_format|rgb24"),
    ],
)
def test_incomplete_or_bad_segment_metadata(tmp_path, metadata, named):
    with raises(ValueError, match=named):
        segment = VideoSegment(bytes(16 * 16 * 3), metadata)
        with VideoOutput(str(tmp_path / "out.y4m")) as output:
            output.write_segment(segment)


@pytest.mark.parametrize("extension", [".mp4", ".mkv", ".y4m"])
@pytest.mark.parametrize(
    "other, named",
    [
        (segment_metadata(32, 16, 2, frame_rate=8), "size|width|height|32x16|64x48"),
        (segment_metadata(64, 48, 2, frame_rate=12), "rate|fps|12"),
    ],
)
def test_segment_of_another_size_or_rate_keeps_the_file_valid(tmp_path, extension, other, named):
    path = tmp_path / f"out{extension}"
    good = VideoSegment(make_frames(64, 48, 3), segment_metadata(64, 48, 3))
    mismatching = VideoSegment(make_frames(other["width"], other["height"], 2), other)
    output = VideoOutput(str(path))
    output.write_segment(good)
    with raises(ValueError, match=named):
        output.write_segment(mismatching)
    output.write_segment(good)  # the output is still usable after a rejected segment
    output.close()
    video = ffprobe(path)
    assert (video["width"], video["height"], video["r_frame_rate"]) == (64, 48, "8/1")
    assert int(video["nb_read_frames"]) == 6
