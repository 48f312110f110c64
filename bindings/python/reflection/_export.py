"""``export_to_video``: frames to a video file, as ``diffusers.utils.export_to_video`` is used."""

from __future__ import annotations

import tempfile
from typing import Any, Optional, Sequence

from ._output import VideoOutput
from ._segment import VideoSegment
from .errors import InvalidArgumentError


def _frame_bytes(frame: Any) -> tuple:
    """(width, height, rgb24 bytes) of one frame: a PIL image, or an array ``(H, W, 3)`` of uint8
    or of floats in [0, 1] (scaled by 255 and truncated to uint8, as diffusers does; clipped first)."""
    if hasattr(frame, "convert") and hasattr(frame, "tobytes") and hasattr(frame, "size"):  # PIL.Image
        image = frame.convert("RGB")
        return image.size[0], image.size[1], image.tobytes()
    try:
        import numpy
    except ImportError:
        raise ImportError("export_to_video() needs numpy for array frames: pip install numpy") from None
    array = numpy.asarray(frame)
    if array.ndim != 3 or array.shape[2] != 3:
        raise InvalidArgumentError(f"export_to_video: a frame must be (height, width, 3), got shape {array.shape}")
    if array.dtype != numpy.uint8:
        array = (numpy.clip(array.astype(numpy.float64), 0, 1) * 255).astype(numpy.uint8)
    return array.shape[1], array.shape[0], numpy.ascontiguousarray(array).tobytes()


def export_to_video(video_frames: Sequence[Any], output_video_path: Optional[str] = None, fps: float = 10) -> str:
    """Writes ``video_frames`` to ``output_video_path`` (a temporary ``.mp4`` when None) at ``fps``
    frames per second and returns the path -- the call diffusers users know
    (``diffusers.utils.export_to_video``), written with reflection's :class:`VideoOutput` (the
    container follows the extension: ``.mp4``, ``.mkv``, ``.y4m``).

    ``video_frames`` is a sequence of frames -- PIL images, or arrays ``(height, width, 3)`` of
    ``uint8`` or of floats in [0, 1] -- or one array ``(frames, height, width, 3)``; every frame
    has the same size (even sides for H.264)."""
    frames = list(video_frames)
    if not frames:
        raise InvalidArgumentError("export_to_video: no frames")
    if output_video_path is None:
        with tempfile.NamedTemporaryFile(suffix=".mp4", delete=False) as handle:
            output_video_path = handle.name
    decoded = [_frame_bytes(frame) for frame in frames]
    width, height = decoded[0][0], decoded[0][1]
    for index, (w, h, _) in enumerate(decoded):
        if (w, h) != (width, height):
            raise InvalidArgumentError(f"export_to_video: frame {index} is {w}x{h}, frame 0 is {width}x{height}")
    segment = VideoSegment(
        b"".join(data for _, _, data in decoded),
        {"width": width, "height": height, "frame_rate": fps, "num_frames": len(decoded)},
    )
    with VideoOutput(str(output_video_path)) as output:
        output.write_segment(segment)
    return str(output_video_path)
