"""reflection -- streaming text-to-video (StreamingT2V) from Python.

A thin ctypes binding of ``libreflection.so``. The documented API is five classes::

    from reflection import T2VContext, T2VStream, VideoOutput

    context = T2VContext({"resolution": "720p", "frame_rate": 24})
    stream = T2VStream(context)
    stream.start()
    stream.send_text("Once upon a time, in a faraway land...")
    output = VideoOutput("out.mp4")
    while True:
        segment = stream.receive_video_segment()
        if segment is None:
            break
        output.write_segment(segment)
    stream.stop()
    output.close()
    context.dispose()

Errors are :class:`reflection.Error` subclasses that also derive from the matching built-in
exception (ValueError, TypeError, RuntimeError, OSError, TimeoutError); see
:mod:`reflection.errors`. The library is found through ``$REFLECTION_LIBRARY``, then the
package's ``lib/libreflection.so``, then the system loader.
"""

from __future__ import annotations

from . import _config, _native
from ._config import config_keys
from ._context import T2VContext
from ._export import export_to_video
from ._output import VideoOutput
from ._processor import TextToVideoProcessor
from ._segment import VideoSegment
from ._stream import T2VStream
from .errors import (
    CancelledError,
    EngineError,
    Error,
    InvalidArgumentError,
    LibraryNotFoundError,
    OutputError,
    ParameterTypeError,
    ReceiveTimeout,
    SegmentMismatchError,
    StateError,
    UnsupportedError,
)

__version__ = "0.1.0"

__all__ = [
    "T2VContext",
    "T2VStream",
    "TextToVideoProcessor",
    "VideoSegment",
    "VideoOutput",
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
    "abi_version",
    "config_keys",
    "export_to_video",
    "library_version",
    "__version__",
]


def abi_version() -> int:
    """The C ABI version of the loaded ``libreflection.so`` (``t2v_abi_version()``)."""
    return int(_native.lib.t2v_abi_version())


def library_version() -> str:
    """The version string of the loaded ``libreflection.so`` (``t2v_version()``)."""
    return _native.library_version()


_config.document(T2VContext, TextToVideoProcessor)
