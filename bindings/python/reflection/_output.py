"""VideoOutput: a video file being written, backed by a C ``t2v_output``."""

from __future__ import annotations

import os
import weakref
from typing import Any

from . import _convert, _native
from ._segment import VideoSegment
from .errors import ParameterTypeError, StateError


class VideoOutput:
    """Manages the output stream of the video: a file whose container is chosen by the
    extension -- ``.mp4`` (H.264, yuv420p, playable in browsers), ``.mkv`` or ``.y4m``.

    The first segment written fixes the size and frame rate; a segment of another size or frame
    rate raises :class:`SegmentMismatchError` and is not written, and the file stays valid with
    the segments written before. When ``write_segment`` returns, every frame of the segment is in
    the file (handed to the OS), so it survives the process being killed; a ``.mp4`` is a
    fragmented MP4 while written and a plain one (``moov`` first) once closed. A write that fails
    (a full disk raises :class:`OutputError`) leaves its segment out and the output takes no more;
    ``close()`` then keeps every segment written before in a readable file. ``close()`` finalises
    the file; it is idempotent, and writing afterwards raises :class:`StateError`. A file that cannot be created raises
    :class:`OutputError` (an :class:`OSError`); an unknown extension :class:`UnsupportedError`.
    ``with VideoOutput(path) as output:`` closes on exit.
    """

    def __init__(self, output_path: str):
        encoded = _convert.encode_path(output_path, "output_path")
        handle = _native.lib.t2v_output_new(encoded)
        if not handle:
            _native.raise_last_error(_native.T2V_ERR_IO)
        self._path = os.fspath(output_path)
        self._handle = handle
        self._finalizer = weakref.finalize(self, _native.lib.t2v_output_free, handle)

    # --- the documented API ----------------------------------------------------------------

    def write_segment(self, segment: VideoSegment) -> None:
        """Write a video segment to the output."""
        if not isinstance(segment, VideoSegment):
            raise ParameterTypeError(f"segment must be a VideoSegment, not {type(segment).__name__}")
        if not self._finalizer.alive:
            raise StateError(f"VideoOutput {self._path!r} is closed; cannot write a segment")
        _native.check(_native.lib.t2v_output_write_segment(self._handle, segment._live_handle()))

    def close(self) -> None:
        """Close the video output stream: finalise the file and release it. Idempotent.
        The handle is released even when finalising fails (the error is raised afterwards)."""
        if not self._finalizer.alive:
            return
        status = _native.lib.t2v_output_close(self._handle)
        error = _native.error_for(status) if status != _native.T2V_OK else None
        self._finalizer()  # t2v_output_free
        if error is not None:
            raise error

    # --- additions ---------------------------------------------------------------------------

    @property
    def path(self) -> str:
        """The path given to the constructor."""
        return self._path

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return not self._finalizer.alive

    def __enter__(self) -> "VideoOutput":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<reflection.VideoOutput {self._path!r} {state}>"


VideoOutput.__module__ = "reflection"
