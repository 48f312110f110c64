"""Additions that change nothing documented: typed segment properties, ``len``/``numpy.asarray``
of a segment, ``export_to_video`` as diffusers users call it, and ``py.typed``."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ffprobe, make_frames


def test_segment_properties_read_the_checked_geometry(small_context):
    import reflection

    segment = reflection.TextToVideoProcessor(small_context).process_text("a red kite over a beach")
    m = segment.get_metadata()
    assert (segment.width, segment.height, segment.num_frames) == (m["width"], m["height"], m["num_frames"])
    assert segment.frame_rate == m["frame_rate"] and isinstance(segment.frame_rate, float)
    assert segment.duration == pytest.approx(m["duration"])
    assert segment.metadata == m and segment.metadata is not segment.metadata
    assert len(segment) == m["num_frames"]


def test_a_segment_whose_metadata_does_not_fit_its_data_says_so():
    import reflection

    segment = reflection.VideoSegment(b"\0" * 30, {"width": 4, "height": 2, "frame_rate": 8, "num_frames": 2})
    with pytest.raises(reflection.SegmentMismatchError, match="48 bytes"):
        _ = segment.width
    with pytest.raises(reflection.SegmentMismatchError):
        len(segment)


def test_numpy_asarray_gives_frames_height_width_rgb():
    numpy = pytest.importorskip("numpy")
    import reflection

    data = make_frames(6, 4, 3)
    segment = reflection.VideoSegment(data, {"width": 6, "height": 4, "frame_rate": 8, "num_frames": 3})
    array = numpy.asarray(segment)
    assert array.shape == (3, 4, 6, 3) and array.dtype == numpy.uint8
    assert array.tobytes() == data
    assert numpy.asarray(segment, dtype=numpy.float32).dtype == numpy.float32


def test_export_to_video_writes_float_and_uint8_frames(tmp_path):
    numpy = pytest.importorskip("numpy")
    import reflection

    floats = [numpy.full((32, 48, 3), i / 10, dtype=numpy.float32) for i in range(10)]
    path = reflection.export_to_video(floats, str(tmp_path / "floats.mp4"), fps=8)
    assert path == str(tmp_path / "floats.mp4")
    info = ffprobe(Path(path))
    assert (info["codec_name"], info["width"], info["height"], int(info["nb_read_frames"])) == ("h264", 48, 32, 10)
    assert info["r_frame_rate"] == "8/1"

    stacked = numpy.zeros((5, 16, 16, 3), dtype=numpy.uint8)
    temporary = reflection.export_to_video(stacked)  # a temporary .mp4, as diffusers does
    try:
        assert temporary.endswith(".mp4") and int(ffprobe(Path(temporary))["nb_read_frames"]) == 5
    finally:
        Path(temporary).unlink()
    y4m = reflection.export_to_video(stacked, str(tmp_path / "raw.y4m"), fps=5)
    assert Path(y4m).read_bytes().count(b"FRAME") == 5


def test_export_to_video_refuses_mixed_sizes_and_no_frames(tmp_path):
    numpy = pytest.importorskip("numpy")
    import reflection

    frames = [numpy.zeros((16, 16, 3), numpy.uint8), numpy.zeros((16, 32, 3), numpy.uint8)]
    with pytest.raises(reflection.InvalidArgumentError, match="frame 1 is 32x16"):
        reflection.export_to_video(frames, str(tmp_path / "x.mp4"))
    with pytest.raises(ValueError, match="no frames"):
        reflection.export_to_video([], str(tmp_path / "x.mp4"))
    with pytest.raises(ValueError, match=r"\(height, width, 3\)"):
        reflection.export_to_video([numpy.zeros((16, 16), numpy.uint8)], str(tmp_path / "x.mp4"))


def test_the_package_is_typed():
    import reflection

    assert (Path(reflection.__file__).parent / "py.typed").is_file()
