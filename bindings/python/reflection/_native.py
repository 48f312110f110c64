"""Low-level access to ``libreflection.so``: loading, C prototypes, status codes.

This module finds and loads the library, declares ``argtypes``/``restype`` for every function of
the C ABI (``include/reflection.h``; each declaration carries the C prototype in a comment above
it), checks that the library's ABI version is the one this binding was written for, and turns
status codes into exceptions (:func:`check`, :func:`raise_last_error`) -- the one place where
that mapping lives.

Where the library is looked for, in order:

1. the ``REFLECTION_LIBRARY`` environment variable, if set (a path to the file). When it is set,
   it is the only place tried: a wrong path is an error, never silently replaced by another copy;
2. the package's own ``lib/libreflection.so`` (put there by ``make``/``pip install``);
3. the system loader: ``ctypes.util.find_library("reflection")``, then ``libreflection.so``
   (``LD_LIBRARY_PATH``, ``ldconfig`` paths, e.g. after ``make install PREFIX=/usr/local``).

Handles are ``c_void_p`` (never the default ``int``, which would truncate pointers). Strings the
library allocates and the caller must free (``char *`` results) are declared ``c_void_p`` so that
ctypes does not convert them and lose the pointer; :func:`take_string` reads and frees them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import (
    CFUNCTYPE,
    POINTER,
    c_bool,
    c_char_p,
    c_double,
    c_int32,
    c_int64,
    c_size_t,
    c_uint8,
    c_void_p,
)
from typing import List, NoReturn, Optional, Tuple

from . import errors

#: The ABI version this binding was written against (``T2V_ABI_VERSION`` in reflection.h).
EXPECTED_ABI_VERSION = 1

#: The environment variable naming the library file to load.
LIBRARY_ENV = "REFLECTION_LIBRARY"

# Status codes (int32_t); appended only, never renumbered.
T2V_OK = 0
T2V_ERR_INVALID_ARGUMENT = 1
T2V_ERR_TYPE = 2
T2V_ERR_STATE = 3
T2V_ERR_IO = 4
T2V_ERR_SEGMENT_MISMATCH = 5
T2V_ERR_ENGINE = 6
T2V_ERR_CANCELLED = 7
T2V_END_OF_STREAM = 8
T2V_TIMEOUT = 9
T2V_ERR_UNSUPPORTED = 10

#: Status code -> exception class. The single place where C statuses become Python exceptions.
_STATUS_EXCEPTIONS = {
    T2V_ERR_INVALID_ARGUMENT: errors.InvalidArgumentError,
    T2V_ERR_TYPE: errors.ParameterTypeError,
    T2V_ERR_STATE: errors.StateError,
    T2V_ERR_IO: errors.OutputError,
    T2V_ERR_SEGMENT_MISMATCH: errors.SegmentMismatchError,
    T2V_ERR_ENGINE: errors.EngineError,
    T2V_ERR_CANCELLED: errors.CancelledError,
    T2V_TIMEOUT: errors.ReceiveTimeout,
    T2V_ERR_UNSUPPORTED: errors.UnsupportedError,
}

# typedef bool (*t2v_progress_callback)(int64_t segment_index, int64_t done, int64_t total, void *user_data);
PROGRESS_CALLBACK = CFUNCTYPE(c_bool, c_int64, c_int64, c_int64, c_void_p)


def _candidates() -> List[Tuple[str, str]]:
    """(description, name or path) pairs, in the order they are tried."""
    explicit = os.environ.get(LIBRARY_ENV)
    if explicit:
        return [(f"${LIBRARY_ENV}", explicit)]
    here = os.path.dirname(os.path.abspath(__file__))
    found = [("package", os.path.join(here, "lib", "libreflection.so"))]
    system = ctypes.util.find_library("reflection")
    if system:
        found.append(("ctypes.util.find_library('reflection')", system))
    found.append(("system loader", "libreflection.so"))
    return found


def _load() -> Tuple[ctypes.CDLL, str]:
    tried = []
    for where, name in _candidates():
        if os.sep in name and not os.path.exists(name):
            tried.append(f"  {where}: {name} (no such file)")
            continue
        try:
            return ctypes.CDLL(name), name
        except OSError as exc:
            tried.append(f"  {where}: {name} ({exc})")
    hint = (
        f"set {LIBRARY_ENV} to the path of libreflection.so, reinstall the package "
        "(`make` copies the library into bindings/python/reflection/lib/ before "
        "`pip install ./bindings/python`), or install it system-wide (`make install`)"
    )
    raise errors.LibraryNotFoundError(
        "reflection: cannot load libreflection.so; tried:\n" + "\n".join(tried) + "\n" + hint
    )


lib, LIBRARY_PATH = _load()


def _declare(name: str, restype, argtypes) -> None:
    try:
        function = getattr(lib, name)
    except AttributeError:
        raise errors.LibraryNotFoundError(
            f"reflection: {LIBRARY_PATH} does not export {name}(); it is not a matching "
            f"libreflection (this binding needs ABI version {EXPECTED_ABI_VERSION})"
        ) from None
    function.restype = restype
    function.argtypes = argtypes


# --- versions and errors -------------------------------------------------------------------

# int32_t t2v_abi_version(void);
_declare("t2v_abi_version", c_int32, [])

_abi = lib.t2v_abi_version()
if _abi != EXPECTED_ABI_VERSION:
    raise errors.LibraryNotFoundError(
        f"reflection: {LIBRARY_PATH} has C ABI version {_abi}, but this Python binding needs "
        f"version {EXPECTED_ABI_VERSION}; install matching versions of the library and the package"
    )

# const char *t2v_version(void);                 /* static string */
_declare("t2v_version", c_char_p, [])
# const char *t2v_status_string(int32_t status); /* static string */
_declare("t2v_status_string", c_char_p, [c_int32])
# const char *t2v_last_error(void);              /* thread-local, borrowed */
_declare("t2v_last_error", c_char_p, [])
# int32_t t2v_last_status(void);                 /* thread-local status of the last failure; T2V_OK if none */
_declare("t2v_last_status", c_int32, [])
# void t2v_string_free(char *s);                 /* NULL ok */
_declare("t2v_string_free", None, [c_void_p])

# --- context -------------------------------------------------------------------------------

# const char *t2v_config_keys(void);                      /* JSON array; static string */
_declare("t2v_config_keys", c_char_p, [])

# t2v_context *t2v_context_new(const char *config_json);  /* NULL json = defaults; NULL on error */
_declare("t2v_context_new", c_void_p, [c_char_p])
# void t2v_context_free(t2v_context *context);            /* NULL ok */
_declare("t2v_context_free", None, [c_void_p])
# char *t2v_context_config(const t2v_context *context);   /* JSON; caller frees */
_declare("t2v_context_config", c_void_p, [c_void_p])

# --- stream --------------------------------------------------------------------------------

# t2v_stream *t2v_stream_new(t2v_context *context);
_declare("t2v_stream_new", c_void_p, [c_void_p])
# void t2v_stream_free(t2v_stream *stream);               /* stops first; NULL ok */
_declare("t2v_stream_free", None, [c_void_p])
# int32_t t2v_stream_start(t2v_stream *stream);
_declare("t2v_stream_start", c_int32, [c_void_p])
# int32_t t2v_stream_stop(t2v_stream *stream);
_declare("t2v_stream_stop", c_int32, [c_void_p])
# int32_t t2v_stream_send_text(t2v_stream *stream, const char *text);
_declare("t2v_stream_send_text", c_int32, [c_void_p, c_char_p])
# int32_t t2v_stream_receive_segment(t2v_stream *stream, double timeout_seconds, t2v_segment **out_segment);
_declare("t2v_stream_receive_segment", c_int32, [c_void_p, c_double, POINTER(c_void_p)])
# int32_t t2v_stream_set_live(t2v_stream *stream, bool live);  /* before start */
_declare("t2v_stream_set_live", c_int32, [c_void_p, c_bool])
# int32_t t2v_stream_end_input(t2v_stream *stream);
_declare("t2v_stream_end_input", c_int32, [c_void_p])
# int32_t t2v_stream_set_progress_callback(t2v_stream *stream, t2v_progress_callback callback, void *user_data);
_declare("t2v_stream_set_progress_callback", c_int32, [c_void_p, PROGRESS_CALLBACK, c_void_p])

# --- processor -----------------------------------------------------------------------------

# t2v_processor *t2v_processor_new(t2v_context *context);
_declare("t2v_processor_new", c_void_p, [c_void_p])
# void t2v_processor_free(t2v_processor *processor);
_declare("t2v_processor_free", None, [c_void_p])
# int32_t t2v_processor_process_text(t2v_processor *processor, const char *text, t2v_segment **out_segment);
_declare("t2v_processor_process_text", c_int32, [c_void_p, c_char_p, POINTER(c_void_p)])
# int32_t t2v_processor_set_parameter(t2v_processor *processor, const char *name, const char *value_json);
_declare("t2v_processor_set_parameter", c_int32, [c_void_p, c_char_p, c_char_p])
# char *t2v_processor_get_parameter(const t2v_processor *processor, const char *name); /* JSON; caller frees; NULL on error */
_declare("t2v_processor_get_parameter", c_void_p, [c_void_p, c_char_p])
# int32_t t2v_processor_set_progress_callback(t2v_processor *processor, t2v_progress_callback callback, void *user_data);
_declare("t2v_processor_set_progress_callback", c_int32, [c_void_p, PROGRESS_CALLBACK, c_void_p])

# --- segment -------------------------------------------------------------------------------

# t2v_segment *t2v_segment_new(const uint8_t *data, size_t size, const char *metadata_json); /* copies data */
_declare("t2v_segment_new", c_void_p, [POINTER(c_uint8), c_size_t, c_char_p])
# void t2v_segment_free(t2v_segment *segment);
_declare("t2v_segment_free", None, [c_void_p])
# const uint8_t *t2v_segment_data(const t2v_segment *segment, size_t *out_size); /* borrowed */
# (restype c_void_p: the address is read with ctypes.string_at/memmove, never converted)
_declare("t2v_segment_data", c_void_p, [c_void_p, POINTER(c_size_t)])
# char *t2v_segment_metadata(const t2v_segment *segment);  /* JSON object; caller frees */
_declare("t2v_segment_metadata", c_void_p, [c_void_p])
# int32_t t2v_segment_width / _height / _num_frames(const t2v_segment *segment);  /* 0 on failure */
_declare("t2v_segment_width", c_int32, [c_void_p])
_declare("t2v_segment_height", c_int32, [c_void_p])
_declare("t2v_segment_num_frames", c_int32, [c_void_p])
# double t2v_segment_frame_rate(const t2v_segment *segment);  /* 0 on failure */
_declare("t2v_segment_frame_rate", c_double, [c_void_p])

# --- output --------------------------------------------------------------------------------

# t2v_output *t2v_output_new(const char *path);            /* container from extension */
_declare("t2v_output_new", c_void_p, [c_char_p])
# int32_t t2v_output_write_segment(t2v_output *output, const t2v_segment *segment);
_declare("t2v_output_write_segment", c_int32, [c_void_p, c_void_p])
# int32_t t2v_output_close(t2v_output *output);            /* finalises; idempotent */
_declare("t2v_output_close", c_int32, [c_void_p])
# void t2v_output_free(t2v_output *output);                /* closes if open; NULL ok */
_declare("t2v_output_free", None, [c_void_p])

# --- helpers -------------------------------------------------------------------------------


def library_version() -> str:
    """The library's version string (``t2v_version()``)."""
    raw = lib.t2v_version()
    return raw.decode("utf-8", "replace") if raw else ""


def status_string(status: int) -> str:
    raw = lib.t2v_status_string(status)
    return raw.decode("utf-8", "replace") if raw else f"status {status}"


def last_error() -> str:
    """The calling thread's last error message (read right after the failing call)."""
    raw = lib.t2v_last_error()
    return raw.decode("utf-8", "replace") if raw else ""


def error_for(status: int, context: str = "") -> errors.Error:
    """The exception for a failed status, carrying ``t2v_last_error()``."""
    message = last_error() or status_string(status)
    if context:
        message = f"{context}: {message}"
    cls = _STATUS_EXCEPTIONS.get(status)
    if cls is None:
        return errors.EngineError(f"{message} (unknown status {status})", status)
    return cls(message, status)


def check(status: int, context: str = "") -> int:
    """Returns ``status`` if it is ``T2V_OK``; raises the matching exception otherwise."""
    if status != T2V_OK:
        raise error_for(status, context)
    return status


def raise_last_error(default_status: int, context: str = "") -> NoReturn:
    """Raises for a function that returned NULL (a handle or a string): the status is
    ``t2v_last_status()``; ``default_status`` only if the library reports none."""
    status = lib.t2v_last_status()
    if status in (T2V_OK, T2V_END_OF_STREAM, T2V_TIMEOUT):
        status = default_status
    raise error_for(status, context)


def take_string(address: Optional[int]) -> Optional[str]:
    """Reads a library-allocated ``char *`` and frees it with ``t2v_string_free``."""
    if not address:
        return None
    try:
        return ctypes.string_at(address).decode("utf-8")
    finally:
        lib.t2v_string_free(address)
