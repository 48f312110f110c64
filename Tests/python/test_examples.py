"""The three examples of the API documentation (SPEC.md, "Examples"), run verbatim.

Each example is copied character for character from the documentation and run as a script by a
fresh Python interpreter in an empty working directory, so the import, the whole run and the
interpreter's shutdown (finalizers) are all exercised. What an example leaves behind is checked
afterwards: the written video with ffprobe, the processed segment through a short check script
that runs after the example in the same interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import ffprobe, subprocess_env

EXAMPLE_CONTEXT_AND_STREAM = '''\
from reflection import T2VContext, T2VStream

# Create a new context with configuration
config = {"resolution": "1080p", "frame_rate": 30}
context = T2VContext(config)

# Create a new streaming session
stream = T2VStream(context)

# Start the streaming session
stream.start()

# Send text input to the streaming session
stream.send_text("Once upon a time, in a faraway land...")

# Receive a video segment generated from the text input
video_segment = stream.receive_video_segment()

# Stop the streaming session
stream.stop()

# Dispose of the context
context.dispose()
'''

EXAMPLE_PROCESSING_TEXT = '''\
from reflection import T2VContext, TextToVideoProcessor

# Create a new context with configuration
config = {"resolution": "720p", "frame_rate": 24}
context = T2VContext(config)

# Create a text-to-video processor
processor = TextToVideoProcessor(context)

# Process text input and generate a video segment
text = "The quick brown fox jumps over the lazy dog."
video_segment = processor.process_text(text)

# Get the video data and metadata
video_data = video_segment.get_data()
metadata = video_segment.get_metadata()

# Dispose of the context
context.dispose()
'''

EXAMPLE_WRITING_OUTPUT = '''\
from reflection import T2VContext, T2VStream, VideoOutput

# Create a new context with configuration
config = {"resolution": "1080p", "frame_rate": 30}
context = T2VContext(config)

# Create a new streaming session
stream = T2VStream(context)

# Start the streaming session
stream.start()

# Create a video output
output = VideoOutput("output_video.mp4")

# Send text input to the streaming session
stream.send_text("Once upon a time, in a faraway land...")

# Receive and write video segments to the output
while True:
    video_segment = stream.receive_video_segment()
    if video_segment is None:
        break
    output.write_segment(video_segment)

# Stop the streaming session
stream.stop()

# Close the video output stream
output.close()

# Dispose of the context
context.dispose()
'''


def run_script(source: str, cwd) -> subprocess.CompletedProcess:
    script = cwd / "example.py"
    script.write_text(source, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-X", "dev", str(script)],
        cwd=str(cwd),
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"example failed (rc {result.returncode}):\n{result.stdout}\n{result.stderr}"
    # Nothing may be printed at exit either (e.g. "Exception ignored in ..." from a finalizer).
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    return result


def test_example_creating_a_context_and_starting_a_stream(tmp_path):
    check = textwrap.dedent(
        """
        import json
        m = video_segment.get_metadata()
        print("CHECK " + json.dumps({"metadata": m, "size": len(video_segment.get_data())}))
        """
    )
    result = run_script(EXAMPLE_CONTEXT_AND_STREAM + check, tmp_path)
    info = json.loads(result.stdout.split("CHECK ", 1)[1])
    m = info["metadata"]
    assert (m["width"], m["height"], m["frame_rate"]) == (1920, 1080, 30)
    assert m["index"] == 0 and m["start_time"] == 0
    assert m["text"] == "Once upon a time, in a faraway land..."
    assert info["size"] == 1920 * 1080 * 3 * m["num_frames"]


def test_example_processing_text_to_video(tmp_path):
    check = textwrap.dedent(
        """
        import json
        print("CHECK " + json.dumps({"metadata": metadata, "size": len(video_data)}))
        """
    )
    result = run_script(EXAMPLE_PROCESSING_TEXT + check, tmp_path)
    info = json.loads(result.stdout.split("CHECK ", 1)[1])
    m = info["metadata"]
    assert (m["width"], m["height"], m["frame_rate"]) == (1280, 720, 24)
    assert m["num_frames"] == 4 * 24  # seconds_per_text defaults to 4.0
    assert m["pixel_format"] == "rgb24"
    assert m["text"] == "The quick brown fox jumps over the lazy dog."
    assert info["size"] == 1280 * 720 * 3 * m["num_frames"]


def test_example_writing_video_output(tmp_path):
    run_script(EXAMPLE_WRITING_OUTPUT, tmp_path)
    video = ffprobe(tmp_path / "output_video.mp4")
    assert video["codec_name"] == "h264"
    assert (video["width"], video["height"]) == (1920, 1080)
    assert video["pix_fmt"] == "yuv420p"
    assert video["r_frame_rate"] == "30/1"
    assert int(video["nb_read_frames"]) == 4 * 30  # seconds_per_text 4.0 at 30 fps
    assert float(video["format"]["duration"]) == pytest.approx(4.0, abs=0.05)
