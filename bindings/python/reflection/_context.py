"""T2VContext: the global state and configuration, backed by a C ``t2v_context``."""

from __future__ import annotations

import weakref
from typing import Any, Dict

from . import _convert, _native
from .errors import StateError


class T2VContext:
    """The global state and configuration for text-to-video operations.

    ``config`` is a JSON-serialisable dict; every key is optional and validated by the engine
    (an unknown key or a bad value raises :class:`InvalidArgumentError` / :class:`ParameterTypeError`
    naming the key and what it accepts). The keys are listed below, from the library's own key
    table (:func:`reflection.config_keys`).

    ``dispose()`` releases the context; it is idempotent, and using the context afterwards
    (creating a stream or processor, reading :attr:`config`) raises :class:`StateError`.
    Streams and processors created *before* ``dispose()`` keep working: each holds its own
    reference to the engine's context. A context may serve several streams at once, from
    several threads. ``with T2VContext(config) as context:`` disposes on exit.
    """

    def __init__(self, config: dict):
        config_json = _convert.encode_json_object(config, "config")
        handle = _native.lib.t2v_context_new(config_json)
        if not handle:
            _native.raise_last_error(_native.T2V_ERR_INVALID_ARGUMENT)
        self._handle = handle
        self._finalizer = weakref.finalize(self, _native.lib.t2v_context_free, handle)

    def _live_handle(self, action: str = "use it") -> int:
        if not self._finalizer.alive:
            raise StateError(f"T2VContext has been disposed; cannot {action}")
        return self._handle

    # --- the documented API ----------------------------------------------------------------

    def dispose(self) -> None:
        """Dispose of the context and free associated resources. Idempotent."""
        self._finalizer()

    # --- additions ---------------------------------------------------------------------------

    @property
    def config(self) -> Dict[str, Any]:
        """The resolved configuration: every key with its value (defaults filled in), as a new dict."""
        text = _native.take_string(_native.lib.t2v_context_config(self._live_handle("read its config")))
        if text is None:
            _native.raise_last_error(_native.T2V_ERR_ENGINE)
        return _convert.decode_json(text)

    @property
    def disposed(self) -> bool:
        """Whether :meth:`dispose` has been called."""
        return not self._finalizer.alive

    def __enter__(self) -> "T2VContext":
        self._live_handle("enter a with block")
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.dispose()

    def __repr__(self) -> str:
        return "<reflection.T2VContext disposed>" if self.disposed else "<reflection.T2VContext>"


T2VContext.__module__ = "reflection"
