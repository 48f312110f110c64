"""One key table: the README's configuration table and the Python docstrings agree with the
library's (``t2v_config_keys()``, generated from ``Settings.table`` in the engine)."""

from __future__ import annotations

import re

from conftest import ROOT

BEGIN = "<!-- config-table: generated from the library's key table; Tests/python/test_config_table.py checks it -->"
END = "<!-- /config-table -->"


def _readme_table() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "README.md lost the markers around its configuration table"
    return text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip("\n") + "\n"


def test_readme_table_is_the_key_table():
    from reflection import _config

    expected = _config.markdown_table(_config.config_keys())
    assert _readme_table() == expected, (
        "README.md's configuration table differs from the library's key table; replace it with:\n" + expected
    )


def test_key_table_matches_the_resolved_configuration():
    import reflection

    keys = reflection.config_keys()
    with reflection.T2VContext({}) as context:
        config = context.config
    assert [k["name"] for k in keys] == list(config), "key table and context.config list different keys"
    for key in keys:
        assert config[key["name"]] == key["default"], key["name"]
        assert key["accepted"] and key["meaning"], key["name"]


def test_docstrings_list_every_key_from_the_table():
    import reflection
    from reflection import _config

    keys = reflection.config_keys()
    context_doc = reflection.T2VContext.__doc__
    for line in _config.docstring_lines(keys):
        assert line in context_doc, f"T2VContext's docstring lacks: {line}"
    parameter_doc = reflection.TextToVideoProcessor.set_parameter.__doc__
    for key, line in zip(keys, _config.docstring_lines(keys)):
        assert (line in parameter_doc) == key["processor_parameter"], key["name"]


def test_processor_accepts_exactly_the_per_call_keys(small_context):
    import reflection

    processor = reflection.TextToVideoProcessor(small_context)
    for key in reflection.config_keys():
        if key["processor_parameter"]:
            assert processor.get_parameter(key["name"]) == small_context.config[key["name"]]
        else:
            try:
                processor.get_parameter(key["name"])
            except reflection.InvalidArgumentError as error:
                assert re.search("context setting", str(error)), str(error)
            else:
                raise AssertionError(f"{key['name']} is not a processor parameter but get_parameter took it")
