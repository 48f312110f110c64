"""Argument checks and conversions done in Python before calling C.

Only what C cannot see is checked here: Python types, values JSON cannot represent, and text
that cannot cross the boundary as a NUL-terminated UTF-8 string (lone surrogates, NUL
characters). Ranges, unknown keys and everything else about values are the engine's job.
"""

from __future__ import annotations

import ctypes
import json
import math
import numbers
import os
from collections.abc import Mapping
from typing import Any, Tuple

from .errors import InvalidArgumentError, ParameterTypeError


def _type_name(value: Any) -> str:
    return type(value).__name__


def encode_text(value: Any, what: str) -> bytes:
    """A ``str`` as NUL-terminated UTF-8 for C; TypeError/ValueError naming the problem."""
    if not isinstance(value, str):
        raise ParameterTypeError(f"{what} must be a str, not {_type_name(value)}")
    nul = value.find("\0")
    if nul >= 0:
        raise InvalidArgumentError(
            f"{what} contains a NUL character (U+0000) at index {nul}; NUL cannot be passed to the engine"
        )
    try:
        return value.encode("utf-8", "strict")
    except UnicodeEncodeError as exc:
        raise InvalidArgumentError(
            f"{what} is not valid Unicode: lone surrogate {value[exc.start]!r} at index {exc.start} "
            "cannot be encoded as UTF-8"
        ) from None


def _json_default(value: Any) -> Any:
    # numpy scalars and other registered numbers serialise as plain JSON numbers.
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise TypeError(f"Object of type {_type_name(value)} is not JSON serializable")


def _dumps(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)
    return text.encode("utf-8", "strict")


def _find_problem(value: Any, path: str, seen: frozenset = frozenset()) -> Tuple[str, Exception]:
    """Finds the innermost path whose value cannot be serialised (for the error message)."""
    if id(value) in seen:
        return path, ValueError("contains itself (a circular reference)")
    if isinstance(value, (Mapping, list, tuple)):
        seen = seen | {id(value)}
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                return path, TypeError(f"has a key {key!r} of type {_type_name(key)}; keys must be str")
            try:
                key.encode("utf-8", "strict")
            except UnicodeEncodeError:
                return path, ValueError(f"has a key {key!r} with a lone surrogate, which cannot be encoded as UTF-8")
            try:
                _dumps(item)
            except (TypeError, ValueError, RecursionError):
                return _find_problem(item, f"{path}[{key!r}]" if path else repr(key), seen)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            try:
                _dumps(item)
            except (TypeError, ValueError, RecursionError):
                return _find_problem(item, f"{path}[{index}]", seen)
    try:
        _dumps(value)
    except (TypeError, ValueError, RecursionError) as exc:
        if isinstance(exc, UnicodeEncodeError):
            return path, ValueError("is a string with a lone surrogate, which cannot be encoded as UTF-8")
        if isinstance(value, float) and not math.isfinite(value):
            return path, ValueError(f"is {value!r}, which JSON cannot represent")
        if isinstance(exc, RecursionError) or "Circular reference" in str(exc):
            return path, ValueError("contains itself (a circular reference)")
        return path, TypeError(f"has a value of type {_type_name(value)}, which is not JSON-serialisable")
    return path, ValueError("cannot be serialised to JSON")  # pragma: no cover


def encode_json_object(value: Any, what: str) -> bytes:
    """A dict (any Mapping with str keys) as UTF-8 JSON text."""
    if not isinstance(value, Mapping):
        raise ParameterTypeError(f"{what} must be a dict, not {_type_name(value)}")
    for key in value:
        if not isinstance(key, str):
            raise ParameterTypeError(f"{what} keys must be str, got {key!r} of type {_type_name(key)}")
    return _encode_json(dict(value), what, key_word="key")


def encode_json_value(value: Any, what: str) -> bytes:
    """Any JSON-serialisable value as UTF-8 JSON text."""
    return _encode_json(value, what, key_word="value")


#: The deepest nesting the engine's JSON parser accepts (``JSONValue.maxDepth``).
MAX_JSON_DEPTH = 64


def _check_nesting(value: Any, what: str) -> None:
    """Refuses lists and dicts nested deeper than the engine accepts, or containing themselves,
    checked without recursion so a hostile structure cannot exhaust the interpreter's stack."""
    stack = [(value, 1, frozenset())]
    while stack:
        item, depth, ancestors = stack.pop()
        if isinstance(item, Mapping):
            children = list(item.values())
        elif isinstance(item, (list, tuple)):
            children = list(item)
        else:
            continue
        if id(item) in ancestors:
            raise InvalidArgumentError(f"{what} contains itself (a circular reference)")
        if depth > MAX_JSON_DEPTH:
            raise InvalidArgumentError(f"{what} nests lists and dicts deeper than {MAX_JSON_DEPTH} levels")
        inner = ancestors | {id(item)}
        stack.extend((child, depth + 1, inner) for child in children)


def _encode_json(value: Any, what: str, key_word: str) -> bytes:
    _check_nesting(value, what)
    try:
        return _dumps(value)
    except (TypeError, ValueError, RecursionError):
        pass
    path, problem = _find_problem(value, "")
    where = f"{what} {key_word} {path}" if path else what
    message = f"{where} {problem}"
    if isinstance(problem, TypeError):
        raise ParameterTypeError(message) from None
    raise InvalidArgumentError(message) from None


def decode_json(text: str) -> Any:
    return json.loads(text)


def encode_path(value: Any, what: str) -> bytes:
    """A filesystem path (str or os.PathLike) as bytes for C."""
    try:
        path = os.fspath(value)
    except TypeError:
        raise ParameterTypeError(f"{what} must be a str or os.PathLike, not {_type_name(value)}") from None
    if isinstance(path, bytes):
        if b"\0" in path:
            raise InvalidArgumentError(f"{what} contains a NUL byte")
        return path
    if "\0" in path:
        raise InvalidArgumentError(f"{what} contains a NUL character (U+0000)")
    # The filesystem encoding (surrogateescape) round-trips undecodable bytes in names.
    return os.fsencode(path)


class Buffer:
    """A bytes-like object as a ``const uint8_t *`` and a size, without copying where possible.
    Keep the Buffer alive while C uses the pointer."""

    def __init__(self, data: Any, what: str):
        if isinstance(data, str):
            raise ParameterTypeError(f"{what} must be bytes-like (bytes, bytearray, memoryview, ...), not str")
        if isinstance(data, bytes):
            self._keep: Any = data
            self.size = len(data)
            self.pointer = ctypes.cast(ctypes.c_char_p(data), ctypes.POINTER(ctypes.c_uint8))
            return
        try:
            view = memoryview(data)
        except TypeError:
            raise ParameterTypeError(
                f"{what} must be bytes-like (bytes, bytearray, memoryview, ...), not {_type_name(data)}"
            ) from None
        array = None
        if view.c_contiguous and not view.readonly and view.nbytes > 0:
            try:
                flat = view.cast("B") if (view.ndim != 1 or view.format != "B") else view
                array = (ctypes.c_uint8 * flat.nbytes).from_buffer(flat)
            except (TypeError, ValueError, BufferError):
                array = None
        if array is not None:
            self._keep = (flat, array)
            self.size = flat.nbytes
            self.pointer = ctypes.cast(array, ctypes.POINTER(ctypes.c_uint8))
        else:
            copy = view.tobytes()
            self._keep = copy
            self.size = len(copy)
            self.pointer = ctypes.cast(ctypes.c_char_p(copy), ctypes.POINTER(ctypes.c_uint8))
