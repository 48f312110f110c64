"""The Python package's status codes are the C header's.

``include/reflection.h`` defines the status codes as ``#define T2V_... <int>`` in its "Status
codes" block; ``reflection._native`` repeats them as module constants of the same names. These
tests parse the header and check both ways: every status code of the header exists in the package
with the same value, and every ``T2V_*`` integer of the package is a status code of the header.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict

import pytest

from reflection import _native, errors

HEADER = Path(__file__).resolve().parents[2] / "include" / "reflection.h"
DEFINE = re.compile(r"^#define (T2V_\w+) (-?\d+)\s*$")


def header_defines() -> Dict[str, int]:
    """Every integer ``#define T2V_...`` of the header."""
    found = {}
    for line in HEADER.read_text(encoding="utf-8").splitlines():
        m = DEFINE.match(line)
        if m:
            assert m.group(1) not in found, f"{m.group(1)} is defined twice in {HEADER}"
            found[m.group(1)] = int(m.group(2))
    return found


def header_status_codes() -> Dict[str, int]:
    """The ``#define``s of the header's "Status codes" block (up to the next blank line)."""
    lines = HEADER.read_text(encoding="utf-8").splitlines()
    start = next((i for i, l in enumerate(lines) if l.startswith("/* Status codes")), None)
    assert start is not None, f"{HEADER} has no '/* Status codes' block"
    codes = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        m = DEFINE.match(line)
        if m:
            codes[m.group(1)] = int(m.group(2))
    assert codes, f"no status codes found in the status block of {HEADER}"
    return codes


def package_status_codes() -> Dict[str, int]:
    """The ``T2V_*`` integer constants of ``reflection._native``."""
    return {
        name: value
        for name, value in vars(_native).items()
        if name.startswith("T2V_") and isinstance(value, int) and not isinstance(value, bool)
    }


def test_every_header_status_code_is_in_the_package_with_its_value():
    package = package_status_codes()
    for name, value in header_status_codes().items():
        assert name in package, f"{name} ({value}) of reflection.h is missing from reflection._native"
        assert package[name] == value, f"{name}: reflection.h says {value}, reflection._native {package[name]}"


def test_every_package_status_code_is_in_the_header_with_its_value():
    header = header_status_codes()
    for name, value in package_status_codes().items():
        assert name in header, f"reflection._native.{name} ({value}) is not a status code of reflection.h"
        assert header[name] == value, f"{name}: reflection._native says {value}, reflection.h {header[name]}"


def test_status_codes_are_distinct_and_start_at_ok():
    codes = header_status_codes()
    assert codes.get("T2V_OK") == 0
    assert sorted(codes.values()) == list(range(len(codes))), f"status codes not 0..n-1 without gaps: {codes}"


def test_only_status_codes_and_the_abi_version_are_integer_defines():
    # A new integer #define outside the status block would escape the checks above.
    extra = set(header_defines()) - set(header_status_codes())
    assert extra == {"T2V_ABI_VERSION"}, f"integer #defines outside the status block: {sorted(extra)}"


def test_abi_version_matches_the_binding():
    assert header_defines()["T2V_ABI_VERSION"] == _native.EXPECTED_ABI_VERSION


@pytest.mark.parametrize("name", sorted(header_status_codes()))
def test_every_failure_status_has_an_exception(name):
    value = header_status_codes()[name]
    if name in ("T2V_OK", "T2V_END_OF_STREAM"):
        assert value not in _native._STATUS_EXCEPTIONS  # success, and the end of a stream (None)
        return
    exception = _native._STATUS_EXCEPTIONS.get(value)
    assert exception is not None, f"{name} ({value}) raises no reflection exception"
    assert issubclass(exception, errors.Error)
