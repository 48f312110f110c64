"""TextToVideoProcessor: text in, one segment out, backed by a C ``t2v_processor``."""

from __future__ import annotations

import ctypes
import threading
import weakref
from typing import Any, Dict, Optional

from . import _convert, _native
from ._callback import ProgressFunction, ProgressState
from ._context import T2VContext
from ._segment import VideoSegment
from .errors import EngineError, ParameterTypeError


#: How long the calling thread waits at a time for a ``process_text`` working on another thread,
#: so that Ctrl+C reaches it (seconds).
_WAIT_SLICE = 0.25


def _free_processor(free: Any, handle: int, progress: ProgressState) -> None:
    free(handle)  # `progress` keeps the C callback pointers alive until here


class TextToVideoProcessor:
    """Processes text input and generates video segments, one call at a time.

    ``process_text(text)`` returns one :class:`VideoSegment` of ``seconds_per_text`` seconds.
    Parameters (``set_parameter``/``get_parameter``) start from the context's configuration and
    use the same names and JSON values; :meth:`set_parameter` lists them (the configuration keys
    whose ``processor_parameter`` is true in :func:`reflection.config_keys`). An unknown name raises
    :class:`InvalidArgumentError`, a value of the wrong type :class:`ParameterTypeError`, a bad
    value :class:`InvalidArgumentError`.

    The processor keeps its context's engine state alive, so it keeps working after
    ``context.dispose()``. Use one processor from one thread at a time.
    """

    def __init__(self, context: T2VContext):
        if not isinstance(context, T2VContext):
            raise ParameterTypeError(f"context must be a T2VContext, not {type(context).__name__}")
        handle = _native.lib.t2v_processor_new(context._live_handle("create a TextToVideoProcessor"))
        if not handle:
            _native.raise_last_error(_native.T2V_ERR_ENGINE)
        self._handle = handle
        self._context = context  # children keep their parent alive
        self._progress = ProgressState()
        self._finalizer = weakref.finalize(
            self, _free_processor, _native.lib.t2v_processor_free, handle, self._progress
        )
        # A callback is always installed, so that Ctrl+C can cancel between steps.
        self.set_progress_callback(None)

    # --- the documented API ----------------------------------------------------------------

    def process_text(self, text: str) -> VideoSegment:
        """Process the given text and generate a video segment."""
        encoded = _convert.encode_text(text, "text")
        self._progress.raise_pending()
        # The work runs on a helper thread while this one waits in short slices, so Ctrl+C raises
        # KeyboardInterrupt here: it sets the cancel flag the progress callback watches, the
        # library stops within one denoising step (or built-in frame), and the interrupt goes on.
        outcome: Dict[str, Any] = {}

        def work() -> None:
            out = ctypes.c_void_p()
            status = _native.lib.t2v_processor_process_text(self._handle, encoded, ctypes.byref(out))
            outcome["segment"] = out.value
            if status != _native.T2V_OK:
                outcome["error"] = _native.error_for(status)  # the last error is per thread

        self._progress.cancel.clear()
        worker = threading.Thread(target=work, name="reflection-process-text", daemon=True)
        worker.start()
        interrupted: Optional[BaseException] = None
        while worker.is_alive():
            try:
                worker.join(_WAIT_SLICE)
            except KeyboardInterrupt as exc:
                self._progress.cancel.set()
                interrupted = exc
        segment = outcome.get("segment")
        if interrupted is not None or "error" in outcome:
            if segment:  # never leak a segment
                _native.lib.t2v_segment_free(segment)
            if interrupted is not None:
                raise interrupted
            self._progress.raise_pending()
            raise outcome["error"]
        if not segment:
            raise EngineError("t2v_processor_process_text returned T2V_OK without a segment")
        return VideoSegment._from_handle(segment)

    def set_parameter(self, name: str, value: Any) -> None:
        """Set a parameter (a JSON-serialisable value) for the following ``process_text`` calls."""
        encoded_name = _convert.encode_text(name, "parameter name")
        value_json = _convert.encode_json_value(value, f"parameter {name!r}")
        _native.check(_native.lib.t2v_processor_set_parameter(self._handle, encoded_name, value_json))

    def get_parameter(self, name: str) -> Any:
        """Get the current value of a parameter."""
        encoded_name = _convert.encode_text(name, "parameter name")
        text = _native.take_string(_native.lib.t2v_processor_get_parameter(self._handle, encoded_name))
        if text is None:
            _native.raise_last_error(_native.T2V_ERR_INVALID_ARGUMENT)
        return _convert.decode_json(text)

    # --- additions ---------------------------------------------------------------------------

    def set_progress_callback(self, callback: Optional[ProgressFunction]) -> None:
        """Call ``callback(segment_index, done, total)`` while ``process_text`` works. Returning
        ``False`` (any false value other than ``None``) cancels: ``process_text`` raises
        :class:`CancelledError`. An exception in the callback cancels too and is re-raised from
        ``process_text``. ``None`` removes the callback."""
        pointer = self._progress.make_pointer(callback, keep_for_cancel=True)
        _native.check(_native.lib.t2v_processor_set_progress_callback(self._handle, pointer, None))

    def __repr__(self) -> str:
        return "<reflection.TextToVideoProcessor>"


TextToVideoProcessor.__module__ = "reflection"
