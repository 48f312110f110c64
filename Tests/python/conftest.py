"""pytest setup for the Python binding.

By default the tests exercise the source tree: ``bindings/python`` goes first on ``sys.path`` and,
unless ``REFLECTION_LIBRARY`` is already set, it is pointed at ``.build/release/libreflection.so``
when that file exists. Set ``REFLECTION_TEST_INSTALLED=1`` to test the pip-installed package (and
the library it carries) instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINDING = ROOT / "bindings" / "python"

if not os.environ.get("REFLECTION_TEST_INSTALLED"):
    sys.path.insert(0, str(BINDING))
    built = ROOT / ".build" / "release" / "libreflection.so"
    if not os.environ.get("REFLECTION_LIBRARY") and built.exists():
        os.environ["REFLECTION_LIBRARY"] = str(built)

#: A configuration small enough that every test runs in well under a second:
#: 64x48 pixels, 8 fps, 1 s (8 frames) per text in segments of 0.5 s (4 frames).
SMALL_CONFIG: Dict[str, Any] = {
    "resolution": "64x48",
    "frame_rate": 8,
    "seconds_per_text": 1.0,
    "segment_seconds": 0.5,
    "transition_seconds": 0.5,
}
FRAMES_PER_TEXT = 8
FRAMES_PER_SEGMENT = 4


def subprocess_env() -> Dict[str, str]:
    """The environment for a child Python that must import the same reflection as the tests."""
    env = dict(os.environ)
    if not os.environ.get("REFLECTION_TEST_INSTALLED"):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BINDING), env.get("PYTHONPATH")]))
    return env


def ffprobe(path: Path) -> Dict[str, Any]:
    """The first video stream of ``path`` as ffprobe reports it (frames counted by decoding),
    plus the container's format under the key ``"format"``."""
    if shutil.which("ffprobe") is None:
        pytest.skip("ffprobe is not installed (apt-get install ffmpeg)")
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"ffprobe failed on {path}: {result.stderr}"
    info = json.loads(result.stdout)
    video = [s for s in info.get("streams", []) if s.get("codec_type") == "video"]
    assert len(video) == 1, f"{path}: expected one video stream, ffprobe says {info}"
    stream = dict(video[0])
    stream["format"] = info.get("format", {})
    return stream


@pytest.fixture
def small_context():
    import reflection

    context = reflection.T2VContext(dict(SMALL_CONFIG))
    yield context
    context.dispose()


@pytest.fixture
def started_stream(small_context):
    import reflection

    stream = reflection.T2VStream(small_context)
    stream.start()
    yield stream
    stream.stop()


def make_frames(width: int, height: int, num_frames: int, shift: int = 0) -> bytes:
    """Smooth rgb24 test frames: a gradient that moves by ``shift`` + frame number."""
    rows = []
    for f in range(num_frames):
        for y in range(height):
            row = bytearray()
            for x in range(width):
                row += bytes(((x * 4 + f + shift) % 256, (y * 5 + f) % 256, (x + y + 2 * f) % 256))
            rows.append(bytes(row))
    return b"".join(rows)


def segment_metadata(width: int, height: int, num_frames: int, frame_rate: float = 8) -> Dict[str, Any]:
    return {
        "width": width,
        "height": height,
        "frame_rate": frame_rate,
        "num_frames": num_frames,
        "pixel_format": "rgb24",
    }
