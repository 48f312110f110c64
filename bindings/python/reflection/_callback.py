"""Progress callbacks: a Python callable behind a C function pointer.

The C library calls ``t2v_progress_callback(segment_index, done, total, user_data)``, on the
stream's worker thread for a stream and on the calling thread (or a worker) for a processor.
A :class:`ProgressState` belongs to one stream or processor: it keeps every ``CFUNCTYPE`` object
it ever handed to C referenced until that handle is freed (the finalizer holds the state), and
it holds no reference back to its owner, so it never keeps the owner alive.

An exception raised by the user's function never crosses into C: it is caught, stored, the
callback returns false (which cancels the work), and the owner re-raises it from its next call.
The callback also returns false once :attr:`ProgressState.cancel` is set: that is how Ctrl+C
stops a ``process_text`` within one step (see ``_processor.py``).
"""

from __future__ import annotations

import threading
from typing import Any, Callable, List, Optional

from . import _native
from .errors import ParameterTypeError

ProgressFunction = Callable[[int, int, int], Any]


class ProgressState:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._function: Optional[ProgressFunction] = None
        self._error: Optional[BaseException] = None
        # Every pointer given to C stays alive as long as the C handle (see module docstring).
        self._pointers: List[Any] = []
        #: Set to make the callback return false (cancel) at its next call.
        self.cancel = threading.Event()

    def make_pointer(self, function: Optional[ProgressFunction], keep_for_cancel: bool = False):
        """Returns the C function pointer for ``function`` (a NULL pointer for None, unless
        ``keep_for_cancel``: then a callback that only watches :attr:`cancel`)."""
        if function is None and not keep_for_cancel:
            self._function = None
            return _native.PROGRESS_CALLBACK()
        if function is not None and not callable(function):
            raise ParameterTypeError(
                f"progress callback must be callable or None, not {type(function).__name__}"
            )
        self._function = function

        def trampoline(segment_index: int, done: int, total: int, _user_data: Any) -> bool:
            if self.cancel.is_set():
                return False
            if function is None:
                return True
            try:
                result = function(segment_index, done, total)
            except BaseException as exc:  # noqa: B902 - nothing may propagate into C
                with self._lock:
                    if self._error is None:
                        self._error = exc
                return False
            # None (a function without a return statement) continues; any other false value cancels.
            return True if result is None else bool(result)

        pointer = _native.PROGRESS_CALLBACK(trampoline)
        self._pointers.append(pointer)
        return pointer

    def raise_pending(self) -> None:
        """Re-raises (once) an exception the callback raised, if any."""
        with self._lock:
            error, self._error = self._error, None
        if error is not None:
            raise error

    @property
    def pending(self) -> bool:
        return self._error is not None
