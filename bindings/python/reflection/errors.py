"""The exceptions reflection raises.

Every exception is a :class:`reflection.Error` and also derives from the built-in exception a
Python user would expect, so ``except ValueError`` and ``except reflection.Error`` both work:

====================================  =========================  ==============================
exception                             also a                     raised for
====================================  =========================  ==============================
:class:`InvalidArgumentError`         :class:`ValueError`        a bad value, an unknown key or
                                                                 parameter, malformed or
                                                                 over-long text
:class:`ParameterTypeError`           :class:`TypeError`         an argument, configuration
                                                                 value or parameter of the wrong
                                                                 type
:class:`StateError`                   :class:`RuntimeError`      an operation the object's state
                                                                 does not allow (send before
                                                                 ``start()``, use after
                                                                 ``dispose()``/``stop()``/
                                                                 ``close()``)
:class:`OutputError`                  :class:`OSError`           a file that cannot be created
                                                                 or written
:class:`SegmentMismatchError`         :class:`ValueError`        segment data that does not
                                                                 match its metadata, or a segment
                                                                 of another size or frame rate
                                                                 than the file
:class:`EngineError`                  :class:`RuntimeError`      a failure inside a model or
                                                                 encoder
:class:`CancelledError`               :class:`RuntimeError`      work cancelled by a progress
                                                                 callback or ``stop()``
:class:`ReceiveTimeout`               :class:`TimeoutError`      ``receive_video_segment(timeout=...)``
                                                                 ran out of time
:class:`UnsupportedError`             :class:`ValueError`        a format or feature the engine
                                                                 does not have (e.g. an unknown
                                                                 file extension)
:class:`LibraryNotFoundError`         :class:`ImportError`       ``libreflection.so`` cannot be
                                                                 found or loaded, or has another
                                                                 ABI version
====================================  =========================  ==============================

Errors that come from the C library carry its status code in :attr:`Error.status` and its
message (``t2v_last_error()``) in :attr:`Error.message`; errors raised by argument checks in
Python have ``status`` ``None``.

This module does not load the native library, so it can be imported on its own.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "Error",
    "InvalidArgumentError",
    "ParameterTypeError",
    "StateError",
    "OutputError",
    "SegmentMismatchError",
    "EngineError",
    "CancelledError",
    "ReceiveTimeout",
    "UnsupportedError",
    "LibraryNotFoundError",
]


class Error(Exception):
    """Base class of every exception reflection raises."""

    #: The C status code (``T2V_ERR_*``) behind the error, or ``None`` for a Python-side check.
    status: Optional[int] = None

    def __init__(self, message: str, status: Optional[int] = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return self.message


class InvalidArgumentError(Error, ValueError):
    """A bad value, unknown configuration key or parameter, or malformed/over-long text."""


class ParameterTypeError(Error, TypeError):
    """An argument, configuration value or parameter value of the wrong type."""


class StateError(Error, RuntimeError):
    """An operation the object's current state does not allow."""


class OutputError(Error, OSError):
    """A video file that cannot be created, written or finalised."""

    def __init__(self, message: str, status: Optional[int] = None):
        # OSError(message) keeps errno/strerror None; str() is the message.
        Error.__init__(self, message, status)


class SegmentMismatchError(Error, ValueError):
    """Segment data that does not match its metadata, or a segment that does not fit the file."""


class EngineError(Error, RuntimeError):
    """A failure inside a video model or an encoder."""


class CancelledError(Error, RuntimeError):
    """Work cancelled by a progress callback (it returned a false value) or by ``stop()``."""


class ReceiveTimeout(Error, TimeoutError):
    """``T2VStream.receive_video_segment(timeout=...)`` waited ``timeout`` seconds for nothing."""


class UnsupportedError(Error, ValueError):
    """A format or feature the engine does not have, such as an unknown container extension."""


class LibraryNotFoundError(Error, ImportError):
    """``libreflection.so`` could not be found or loaded, or its ABI version does not match."""
