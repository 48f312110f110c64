"""The ``precision`` setting (fp32, the reference path; bf16 on oneDNN; auto) and step caching (``cache_interval``).

bf16 needs a CPU with AVX-512 BF16 or AMX. Where there is none, ``"bf16"`` is an error naming the
reason and ``"auto"`` runs fp32 with the reason in the metadata; oneDNN's own switch
``DNNL_MAX_CPU_ISA=AVX2`` (read once per process) makes any CPU look like that, so those cases are
checked everywhere in a child process. Where the CPU has bf16, its frames must stay as close to the
fp32 frames as PyTorch's own bf16 autocast stays to PyTorch's fp32 frames on the same tiny model
(Tests/Fixtures/reference/torch_bf16_tiny.json, from tools/fixtures/measure_torch_bf16.py), within
a factor of two, and repeat byte for byte.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import test_diffusers
from conftest import ROOT, subprocess_env

EXACT = test_diffusers.EXACT
PROMPT = test_diffusers.PROMPT


def frames(precision: str) -> tuple[bytes, dict]:
    from reflection import T2VContext, TextToVideoProcessor

    with T2VContext(dict(EXACT, precision=precision)) as context:
        segment = TextToVideoProcessor(context).process_text(PROMPT)
        return segment.get_data(), segment.get_metadata()


def test_the_default_is_auto_and_bad_values_are_named():
    from reflection import T2VContext

    with T2VContext({}) as context:
        assert context.config["precision"] == "auto"
    with pytest.raises(ValueError, match="precision"):
        T2VContext({"precision": "fp16"})
    with pytest.raises(TypeError, match="precision"):
        T2VContext({"precision": 16})


def test_fp32_reports_itself_and_is_the_reference_path():
    data, meta = frames("fp32")
    assert meta["precision"] == "fp32" and "precision_note" not in meta
    again, _ = frames("fp32")
    assert data == again


def test_auto_reports_what_ran():
    _, meta = frames("auto")
    assert meta["precision"] in ("bf16", "fp32")
    if meta["precision"] == "fp32":
        assert "bf16" in meta["precision_note"], meta


def test_without_bf16_instructions_bf16_is_refused_and_auto_falls_back(tmp_path):
    # oneDNN's switch, in a child process (it is read once, when oneDNN starts).
    script = textwrap.dedent(
        f"""
        import json
        from reflection import T2VContext, TextToVideoProcessor
        config = json.loads({json.dumps(json.dumps(EXACT))})
        try:
            T2VContext(dict(config, precision="bf16"))
            refused = None
        except ValueError as error:
            refused = str(error)
        with T2VContext(dict(config, precision="auto")) as context:
            processor = TextToVideoProcessor(context)
            meta = processor.process_text({PROMPT!r}).get_metadata()
            try:
                processor.set_parameter("precision", "bf16")
                processor.process_text({PROMPT!r})
                per_call = None
            except ValueError as error:
                per_call = str(error)
        print("CHECK " + json.dumps({{"refused": refused, "meta": meta, "per_call": per_call}}))
        """
    )
    env = dict(subprocess_env(), DNNL_MAX_CPU_ISA="AVX2")
    result = subprocess.run([sys.executable, "-c", script], cwd=str(tmp_path), env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout.split("CHECK ", 1)[1])
    assert info["refused"] and 'precision "bf16"' in info["refused"] and "avx2" in info["refused"], info
    assert info["meta"]["precision"] == "fp32" and "avx2" in info["meta"]["precision_note"], info
    assert info["per_call"] and 'precision "bf16"' in info["per_call"], info


def bf16_available() -> bool:
    _, meta = frames("auto")
    return meta["precision"] == "bf16"


def test_bf16_stays_as_close_to_fp32_as_pytorchs_bf16_and_repeats():
    if not bf16_available():
        pytest.skip("this CPU has no bf16 instructions (AVX-512 BF16 or AMX): bf16 cannot run here")
    torch_bf16 = json.loads((ROOT / "Tests" / "Fixtures" / "reference" / "torch_bf16_tiny.json").read_text())
    fp32, _ = frames("fp32")
    bf16, meta = frames("bf16")
    assert meta["precision"] == "bf16"
    differences = [abs(a - b) for a, b in zip(fp32, bf16)]
    worst, mean = max(differences), sum(differences) / len(differences)
    assert 0 < mean <= 2 * max(torch_bf16["mean_abs"], 0.5), f"mean {mean:.3f}/255 vs PyTorch's {torch_bf16['mean_abs']:.3f}"
    assert worst <= 2 * max(torch_bf16["max_abs"], 4), f"max {worst}/255 vs PyTorch's {torch_bf16['max_abs']}"
    again, _ = frames("bf16")
    assert again == bf16


def test_step_caching_stays_close_and_off_is_the_reference():
    from reflection import T2VContext, TextToVideoProcessor

    config = dict(EXACT, precision="fp32", num_inference_steps=6)
    with T2VContext(config) as context:
        processor = TextToVideoProcessor(context)
        full = processor.process_text(PROMPT).get_data()
        processor.set_parameter("cache_interval", 3)
        cached = processor.process_text(PROMPT).get_data()
        processor.set_parameter("cache_interval", 1)
        assert processor.process_text(PROMPT).get_data() == full
    differences = [abs(a - b) for a, b in zip(full, cached)]
    # Measured: max 13/255, mean 1.62/255 (docs/precision.md).
    assert 0 < max(differences) <= 32 and sum(differences) / len(differences) < 4, (max(differences), sum(differences) / len(differences))
    with pytest.raises(ValueError, match="cache_interval"):
        T2VContext({"cache_interval": 0})


def test_step_caching_streams_a_streamingt2v_model():
    import test_streamingt2v

    data, metadata = test_streamingt2v.stream_bytes(dict(test_streamingt2v.EXACT, cache_interval=2))
    full, _ = test_streamingt2v.stream_bytes(test_streamingt2v.EXACT)
    assert len(data) == len(full) and data != full
    assert all(m["precision"] == "fp32" for m in metadata)
