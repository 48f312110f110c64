"""T2VStream: a streaming session, backed by a C ``t2v_stream`` and its worker thread."""

from __future__ import annotations

import ctypes
import math
import numbers
import time
import weakref
from typing import Any, Iterator, Optional

from . import _convert, _native
from ._callback import ProgressFunction, ProgressState
from ._context import T2VContext
from ._segment import VideoSegment
from .errors import EngineError, InvalidArgumentError, ParameterTypeError, ReceiveTimeout

#: The longest single wait inside the library, so that signals are handled while receiving.
_WAIT_SLICE = 0.25


def _free_stream(free: Any, handle: int, progress: ProgressState) -> None:
    # t2v_stream_free stops and joins the worker; `progress` (and the C callback pointers it
    # holds) is an argument only so that it stays alive until then.
    free(handle)


def _timeout_seconds(timeout: Any) -> float:
    if timeout is None:
        return -1.0
    if isinstance(timeout, bool) or not isinstance(timeout, numbers.Real):
        raise ParameterTypeError(f"timeout must be a number of seconds or None, not {type(timeout).__name__}")
    seconds = float(timeout)
    if math.isnan(seconds) or seconds < 0:
        raise InvalidArgumentError(f"timeout must be >= 0 seconds or None (wait), got {timeout!r}")
    return -1.0 if math.isinf(seconds) else seconds


class T2VStream:
    """A streaming session for text-to-video conversion.

    ``start()`` starts a background worker; ``send_text(text)`` queues a text (each text gives
    ``seconds_per_text`` of video, delivered as one or more segments); ``receive_video_segment()``
    blocks until the next segment is ready and returns ``None`` once every queued text has been
    delivered, or after ``stop()``. Consecutive segments continue each other, also across a change
    of text. ``send_text`` before ``start()`` or after ``stop()`` raises :class:`StateError`.

    A stream is used from one thread at a time (``stop()`` may be called from another thread to
    cancel a blocked receive); a context can serve several streams at once. The stream keeps its
    context's engine state alive, so it keeps working after ``context.dispose()``.

    Additions to the documented API: ``receive_video_segment(timeout=...)``, iteration
    (``for segment in stream:`` receives until ``None``; ``async for`` in asyncio, without blocking
    the event loop), ``with T2VStream(context) as stream:`` (stops on exit),
    :meth:`set_progress_callback`, and live mode: ``T2VStream(context, live=True)`` makes
    ``receive_video_segment()`` wait for more text instead of returning ``None`` when the reader
    has caught up, until :meth:`end_input` (or ``stop()``).
    """

    def __init__(self, context: T2VContext, *, live: bool = False):
        if not isinstance(context, T2VContext):
            raise ParameterTypeError(f"context must be a T2VContext, not {type(context).__name__}")
        handle = _native.lib.t2v_stream_new(context._live_handle("create a T2VStream"))
        if not handle:
            _native.raise_last_error(_native.T2V_ERR_ENGINE)
        self._handle = handle
        self._context = context  # children keep their parent alive
        self._progress = ProgressState()
        self._finalizer = weakref.finalize(self, _free_stream, _native.lib.t2v_stream_free, handle, self._progress)
        if not isinstance(live, bool):
            raise ParameterTypeError(f"live must be True or False, not {type(live).__name__}")
        if live:
            _native.check(_native.lib.t2v_stream_set_live(self._handle, True))

    # --- the documented API ----------------------------------------------------------------

    def start(self) -> None:
        """Start the streaming session (its background worker)."""
        _native.check(_native.lib.t2v_stream_start(self._handle))

    def stop(self) -> None:
        """Stop the streaming session: cancels work in progress promptly and joins the worker.
        Idempotent. Afterwards ``receive_video_segment()`` returns ``None`` and ``send_text``
        raises :class:`StateError`."""
        _native.check(_native.lib.t2v_stream_stop(self._handle))

    def send_text(self, text: str) -> None:
        """Send text input to the streaming session (queued; returns at once)."""
        encoded = _convert.encode_text(text, "text")
        self._progress.raise_pending()
        _native.check(_native.lib.t2v_stream_send_text(self._handle, encoded))

    def receive_video_segment(self, timeout: Optional[float] = None) -> Optional[VideoSegment]:
        """Receive the next video segment generated from the text input.

        Blocks until a segment is ready and returns it, or returns ``None`` once every queued text
        has been delivered or the stream was stopped. ``timeout`` (seconds, optional) limits the
        wait: :class:`ReceiveTimeout` (a :class:`TimeoutError`) is raised when it runs out; the
        stream goes on and a later call can still receive the segment. An exception raised by the
        progress callback is re-raised here. The wait releases the GIL and can be interrupted with
        Ctrl+C (KeyboardInterrupt); no segment is lost when it is.
        """
        seconds = _timeout_seconds(timeout)
        deadline = None if seconds < 0 else time.monotonic() + seconds
        self._progress.raise_pending()
        out = ctypes.c_void_p()
        while True:
            # Wait in short slices so that Python gets to handle signals (Ctrl+C) between them.
            remaining = _WAIT_SLICE if deadline is None else max(0.0, deadline - time.monotonic())
            status = _native.lib.t2v_stream_receive_segment(
                self._handle, min(_WAIT_SLICE, remaining), ctypes.byref(out)
            )
            if status != _native.T2V_TIMEOUT or (deadline is not None and time.monotonic() >= deadline):
                break
        if status == _native.T2V_OK:
            if not out.value:
                raise EngineError("t2v_stream_receive_segment returned T2V_OK without a segment")
            return VideoSegment._from_handle(out.value)
        if status == _native.T2V_TIMEOUT:
            error = ReceiveTimeout(f"no video segment was ready within {timeout} seconds", status)
        elif status != _native.T2V_END_OF_STREAM:
            error = _native.error_for(status)
        if out.value:  # not expected on failure; never leak it
            _native.lib.t2v_segment_free(out.value)
        self._progress.raise_pending()
        if status == _native.T2V_END_OF_STREAM:
            return None
        raise error  # ReceiveTimeout for T2V_TIMEOUT, or the worker's error

    # --- additions ---------------------------------------------------------------------------

    def set_progress_callback(self, callback: Optional[ProgressFunction]) -> None:
        """Call ``callback(segment_index, done, total)`` as the worker makes segment
        ``segment_index`` (``done`` of ``total`` steps). It runs on the worker thread. Returning
        ``False`` (any false value other than ``None``) cancels the stream like ``stop()``;
        returning ``None`` or a true value continues. An exception in the callback cancels the
        stream too and is re-raised from the next ``receive_video_segment``/``send_text`` call.
        ``None`` removes the callback."""
        pointer = self._progress.make_pointer(callback)
        _native.check(_native.lib.t2v_stream_set_progress_callback(self._handle, pointer, None))

    def end_input(self) -> None:
        """No more text will be sent: a live stream's reader gets ``None`` once everything sent is
        delivered; a later ``send_text`` raises :class:`StateError`."""
        _native.check(_native.lib.t2v_stream_end_input(self._handle))

    def __aiter__(self) -> "T2VStream":
        return self

    async def __anext__(self) -> VideoSegment:
        """``async for segment in stream``: each wait runs on the event loop's default executor."""
        import asyncio

        segment = await asyncio.get_running_loop().run_in_executor(None, self.receive_video_segment)
        if segment is None:
            raise StopAsyncIteration
        return segment

    def __iter__(self) -> Iterator[VideoSegment]:
        """Receives segments until ``receive_video_segment()`` returns ``None``."""
        while True:
            segment = self.receive_video_segment()
            if segment is None:
                return
            yield segment

    def __enter__(self) -> "T2VStream":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    def __repr__(self) -> str:
        return "<reflection.T2VStream>"


T2VStream.__module__ = "reflection"
