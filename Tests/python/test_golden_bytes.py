"""The same configuration gives the same bytes: SHA-256s of streams, processor calls and files.

The expected digests in ``Tests/Fixtures/golden_bytes.json`` were recorded from commit de7b8b3 (before the
architecture refactor of issue 10) with::

    python3 Tests/python/test_golden_bytes.py --record

and must never change unless a change of behaviour is intended and said so in its commit. Each
case hashes every segment's frames and its metadata (sorted JSON, without ``model``, whose value
is a path that differs between checkouts), in order. The diffusion cases run the tiny random
ModelScope folder of the neural fixtures with a fixed thread count, so their float sums do not
depend on how many cores the machine has.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Dict, List

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "Tests" / "Fixtures" / "golden_bytes.json"
TINY = ROOT / "Tests" / "Fixtures" / "models" / "tiny-t2v"

SMALL = {"resolution": "96x64", "frame_rate": 12, "seconds_per_text": 1.0, "segment_seconds": 0.5}
TINY_MODEL = {
    "model": str(TINY),
    "resolution": "48x32",
    "frame_rate": 12,
    "model_frame_rate": 8,
    "frames_per_chunk": 4,
    "overlap_frames": 2,
    "seconds_per_text": 1.0,
    "segment_seconds": 0.5,
    "num_inference_steps": 3,
    "threads": 2,
    "precision": "fp32",
}

SENTENCES = [
    "a red kite over a beach at sunset",
    "three birds fly to the left over a snowy village at dusk",
    "a yellow bus on a rainy city street at night",
    "two dolphins swim in the deep blue sea",
]


def _digest_segment(h: "hashlib._Hash", segment: Any) -> None:
    metadata = {k: v for k, v in segment.get_metadata().items() if k != "model"}
    h.update(json.dumps(metadata, sort_keys=True).encode())
    h.update(segment.get_data())


def _stream(config: Dict[str, Any], texts: List[str]) -> str:
    from reflection import T2VContext, T2VStream

    h = hashlib.sha256()
    with T2VContext(config) as context, T2VStream(context) as stream:
        stream.start()
        for text in texts:
            stream.send_text(text)
        for segment in stream:
            _digest_segment(h, segment)
    return h.hexdigest()


def _processor(config: Dict[str, Any], calls: List[Dict[str, Any]]) -> str:
    from reflection import T2VContext, TextToVideoProcessor

    h = hashlib.sha256()
    with T2VContext(config) as context:
        processor = TextToVideoProcessor(context)
        for call in calls:
            for name, value in call.get("parameters", {}).items():
                processor.set_parameter(name, value)
            _digest_segment(h, processor.process_text(call["text"]))
    return h.hexdigest()


def _y4m_file(config: Dict[str, Any], texts: List[str]) -> str:
    from reflection import T2VContext, T2VStream, VideoOutput

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "film.y4m"
        with T2VContext(config) as context, T2VStream(context) as stream, VideoOutput(str(path)) as output:
            stream.start()
            for text in texts:
                stream.send_text(text)
            for segment in stream:
                output.write_segment(segment)
        return hashlib.sha256(path.read_bytes()).hexdigest()


CASES: Dict[str, Callable[[], str]] = {
    "builtin_stream_defaults_small": lambda: _stream(SMALL, SENTENCES[:2]),
    "builtin_stream_four_texts": lambda: _stream(
        dict(SMALL, resolution="128x72", transition_seconds=0.25, seed=7), SENTENCES
    ),
    "builtin_stream_captions_odd_rate": lambda: _stream(
        dict(SMALL, frame_rate=7.5, caption=True, segment_seconds=0.4, seconds_per_text=1.3), SENTENCES[2:]
    ),
    "builtin_processor": lambda: _processor(
        SMALL,
        [
            {"text": SENTENCES[0]},
            {"text": SENTENCES[1], "parameters": {"seed": 3, "resolution": "64x48"}},
            {"text": SENTENCES[3], "parameters": {"frame_rate": 10, "caption": True}},
        ],
    ),
    "builtin_y4m_file": lambda: _y4m_file(dict(SMALL, resolution="64x36"), SENTENCES[1:3]),
    "tiny_model_stream_ddim": lambda: _stream(TINY_MODEL, SENTENCES[:2]),
    "tiny_model_stream_dpm_stretch": lambda: _stream(
        dict(TINY_MODEL, scheduler="dpmsolver", fit="stretch", model_resolution="16x16", guidance_scale=5.0),
        SENTENCES[2:3],
    ),
    "tiny_model_processor": lambda: _processor(
        dict(TINY_MODEL, seconds_per_text=0.5),
        [
            {"text": SENTENCES[0]},
            {"text": SENTENCES[1], "parameters": {"negative_prompt": "blurry", "seed": 5}},
        ],
    ),
}


def _expected() -> Dict[str, str]:
    return json.loads(GOLDEN.read_text())


def test_golden_bytes_cover_every_case():
    assert sorted(_expected()) == sorted(CASES)


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        metafunc.parametrize("case", sorted(CASES))


def test_same_configuration_gives_same_bytes(case):
    expected = _expected()[case]
    actual = CASES[case]()
    assert actual == expected, f"{case}: bytes changed (sha256 {actual}, recorded {expected})"


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: test_golden_bytes.py --record   (records golden_bytes.json from this build)")
    sys.path.insert(0, str(Path(__file__).parent))
    import conftest  # noqa: F401  (points the binding at the source tree and its built library)

    record = {name: CASES[name]() for name in sorted(CASES)}
    GOLDEN.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    print(json.dumps(record, indent=2, sort_keys=True))
