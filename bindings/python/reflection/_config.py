"""The configuration keys, as the library's key table describes them (``t2v_config_keys()``).

The engine defines every key once (name, default, accepted values, meaning, whether a processor
takes it per call). This module reads that table; the docstrings of :class:`T2VContext` and
:meth:`TextToVideoProcessor.set_parameter` and the README's configuration table are rendered from
it, and a test fails when the README's copy drifts (``Tests/python/test_config_table.py``).
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List

from . import _native


def config_keys() -> List[Dict[str, Any]]:
    """Every configuration key: dicts with ``name``, ``default``, ``accepted`` and ``meaning``
    (Markdown text) and ``processor_parameter`` (whether ``set_parameter`` takes it), in the
    order :attr:`T2VContext.config` reports them."""
    return json.loads(_native.lib.t2v_config_keys().decode("utf-8"))


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def markdown_table(keys: List[Dict[str, Any]]) -> str:
    """The README's configuration table."""
    rows = [
        "| key | default | accepted | meaning | per call |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key in keys:
        per_call = "yes" if key["processor_parameter"] else "no"
        rows.append(
            f"| `{key['name']}` | `{_json_text(key['default'])}` | {key['accepted']} | {key['meaning']} | {per_call} |"
        )
    return "\n".join(rows) + "\n"


def _plain(markdown: str) -> str:
    """Markdown to docstring text: links to their words, code spans to reST literals."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    return re.sub(r"`([^`]+)`", r"``\1``", text)


def docstring_lines(keys: List[Dict[str, Any]]) -> List[str]:
    """One docstring entry per key: ``name`` (default ``value``): accepted — meaning."""
    lines = []
    for key in keys:
        lines.append(f"- ``{key['name']}`` (default ``{_json_text(key['default'])}``): {_plain(key['accepted'])}; "
                     f"{_plain(key['meaning'])}")
    return lines


def _append_keys(doc: str, heading: str, keys: List[Dict[str, Any]]) -> str:
    body = "\n".join("    " + line for line in docstring_lines(keys))
    return (doc or "").rstrip() + f"\n\n    {heading}\n\n{body}\n"


def document(context_class: type, processor_class: type) -> None:
    """Appends the key table to the docstrings of the context and of ``set_parameter``."""
    keys = config_keys()
    context_class.__doc__ = _append_keys(
        context_class.__doc__, "Configuration keys (from the library's key table):", keys)
    per_call = [k for k in keys if k["processor_parameter"]]
    processor_class.set_parameter.__doc__ = _append_keys(
        processor_class.set_parameter.__doc__,
        "Parameters (the configuration keys that make sense per call; the others are refused):", per_call)
