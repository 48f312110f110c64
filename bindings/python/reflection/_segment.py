"""VideoSegment: frames plus metadata, backed by a C ``t2v_segment``."""

from __future__ import annotations

import ctypes
import weakref
from typing import Any, Dict

from . import _convert, _native
from .errors import InvalidArgumentError, StateError, UnsupportedError


def _free_segment(handle: int) -> None:
    _native.lib.t2v_segment_free(handle)


class VideoSegment:
    """A segment of video generated from a portion of text.

    ``get_data()`` returns the raw frames: packed ``rgb24`` (3 bytes per pixel), frame after
    frame, rows top to bottom -- ``num_frames * height * width * 3`` bytes. ``get_metadata()``
    returns a dict with at least ``index``, ``width``, ``height``, ``frame_rate``, ``num_frames``,
    ``pixel_format`` (``"rgb24"``), ``start_time``, ``duration`` (seconds), ``text``, ``seed`` and
    ``model``.

    ``VideoSegment(data, metadata)`` builds a segment from your own frames: ``data`` is any
    bytes-like object (copied), ``metadata`` a JSON-serialisable dict that must give at least
    ``width``, ``height``, ``frame_rate`` and ``num_frames`` (``pixel_format``, if given, must be
    ``"rgb24"``). Data and metadata are checked against each other where the segment is used --
    :meth:`VideoOutput.write_segment` raises :class:`SegmentMismatchError` when they disagree.

    A segment is immutable and independent of the stream, processor and context that made it;
    its memory is released when the object is garbage-collected. It may be read from any thread.
    """

    __slots__ = ("_handle", "_finalizer", "__weakref__")

    def __init__(self, data: bytes, metadata: dict):
        buffer = _convert.Buffer(data, "VideoSegment data")
        metadata_json = _convert.encode_json_object(metadata, "VideoSegment metadata")
        handle = _native.lib.t2v_segment_new(buffer.pointer, buffer.size, metadata_json)
        if not handle:
            _native.raise_last_error(_native.T2V_ERR_INVALID_ARGUMENT, "VideoSegment")
        self._adopt(handle)

    @classmethod
    def _from_handle(cls, handle: int) -> "VideoSegment":
        """Wraps a segment the library returned; the new object owns (and frees) it."""
        segment = cls.__new__(cls)
        segment._adopt(handle)
        return segment

    def _adopt(self, handle: int) -> None:
        self._handle = handle
        self._finalizer = weakref.finalize(self, _free_segment, handle)

    def _live_handle(self) -> int:
        handle = getattr(self, "_handle", None)
        if not handle or not self._finalizer.alive:
            raise StateError("this VideoSegment was not initialised")
        return handle

    # --- the documented API ----------------------------------------------------------------

    def get_data(self) -> bytes:
        """The frames as packed rgb24 bytes (a copy)."""
        size = ctypes.c_size_t(0)
        address = _native.lib.t2v_segment_data(self._live_handle(), ctypes.byref(size))
        if not address or size.value == 0:
            return b""
        return ctypes.string_at(address, size.value)

    def get_metadata(self) -> Dict[str, Any]:
        """The metadata as a new dict (changing it does not change the segment)."""
        text = _native.take_string(_native.lib.t2v_segment_metadata(self._live_handle()))
        if text is None:
            _native.raise_last_error(_native.T2V_ERR_ENGINE, "VideoSegment.get_metadata")
        return _convert.decode_json(text)

    # --- additions ---------------------------------------------------------------------------

    def _geometry(self, name: str, getter):
        value = getter(self._live_handle())
        if not value:
            _native.raise_last_error(_native.T2V_ERR_SEGMENT_MISMATCH, f"VideoSegment.{name}")
        return value

    @property
    def width(self) -> int:
        """Frame width in pixels (metadata checked against the data; :class:`SegmentMismatchError` if they disagree)."""
        return self._geometry("width", _native.lib.t2v_segment_width)

    @property
    def height(self) -> int:
        """Frame height in pixels (checked as :attr:`width`)."""
        return self._geometry("height", _native.lib.t2v_segment_height)

    @property
    def num_frames(self) -> int:
        """Number of frames (checked as :attr:`width`)."""
        return self._geometry("num_frames", _native.lib.t2v_segment_num_frames)

    @property
    def frame_rate(self) -> float:
        """Frames per second (checked as :attr:`width`)."""
        return float(self._geometry("frame_rate", _native.lib.t2v_segment_frame_rate))

    @property
    def duration(self) -> float:
        """Seconds of video: ``num_frames / frame_rate``."""
        return self.num_frames / self.frame_rate

    @property
    def metadata(self) -> Dict[str, Any]:
        """:meth:`get_metadata` as a property (a new dict each time)."""
        return self.get_metadata()

    def __len__(self) -> int:
        """The number of frames (the first dimension of ``numpy.asarray(segment)``)."""
        return self.num_frames

    def __array__(self, dtype=None, copy=None):
        """``numpy.asarray(segment)``: the frames as ``(num_frames, height, width, 3)`` ``uint8``
        (a new array, as :meth:`to_numpy`)."""
        array = self.to_numpy()
        return array if dtype is None else array.astype(dtype, copy=False)

    def to_numpy(self):
        """The frames as a new writable numpy array of shape ``(num_frames, height, width, 3)``,
        dtype ``uint8``. Needs numpy (``pip install reflection-streamingt2v[numpy]``)."""
        try:
            import numpy
        except ImportError:
            raise ImportError(
                "VideoSegment.to_numpy() needs numpy; install it with "
                "`pip install numpy` or `pip install reflection-streamingt2v[numpy]`"
            ) from None
        metadata = self.get_metadata()
        pixel_format = metadata.get("pixel_format", "rgb24")
        if pixel_format != "rgb24":
            raise UnsupportedError(f"to_numpy() supports rgb24 segments, not {pixel_format!r}")
        try:
            shape = tuple(int(metadata[k]) for k in ("num_frames", "height", "width")) + (3,)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidArgumentError(
                f"segment metadata needs integer num_frames, height and width for to_numpy(): {exc!r}"
            ) from None
        size = ctypes.c_size_t(0)
        address = _native.lib.t2v_segment_data(self._live_handle(), ctypes.byref(size))
        expected = shape[0] * shape[1] * shape[2] * 3
        if size.value != expected:
            from .errors import SegmentMismatchError

            raise SegmentMismatchError(
                f"segment data is {size.value} bytes but its metadata describes {shape[0]} rgb24 "
                f"frames of {shape[2]}x{shape[1]} ({expected} bytes)"
            )
        array = numpy.empty(shape, dtype=numpy.uint8)
        if expected:
            ctypes.memmove(array.ctypes.data, address, expected)
        return array

    def __repr__(self) -> str:
        try:
            m = self.get_metadata()
        except Exception:  # pragma: no cover - repr must not raise
            return "<reflection.VideoSegment>"
        return (
            f"<reflection.VideoSegment index={m.get('index')} {m.get('width')}x{m.get('height')} "
            f"frames={m.get('num_frames')} frame_rate={m.get('frame_rate')} "
            f"start_time={m.get('start_time')}>"
        )


VideoSegment.__module__ = "reflection"
