#!/usr/bin/env python3
"""Continuity of a stream across chunk boundaries, through the public API (issue 12, item 8).

For each model folder and setting, streams two texts and measures, on the 8-bit frames, the mean
absolute difference between consecutive frames, split into the steps that cross a chunk boundary
(the last frame kept from one chunk to the first new frame of the next) and the steps inside a
chunk; and the drift of each chunk's first new frame from the stream's first frame. A seamless
continuation has boundary steps like the steps inside chunks.

    python tools/measure_continuity.py [--frames-per-text N] [--steps S] [--seeds K]

Defaults run the tiny fixture models (random weights: the figures show how the two continuation
methods behave, not what trained weights look like). Point --streamingt2v and --modelscope at real
folders to measure those (then also pass --resolution 256x256 --frames-per-chunk 16).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bindings" / "python"))

from reflection import T2VContext, T2VStream  # noqa: E402

TEXTS = ("a red kite over a beach", "a boat on a lake")


def stream(config: dict, texts=TEXTS) -> list[bytes]:
    """The stream's frames, each as bytes."""
    context = T2VContext(config)
    s = T2VStream(context)
    s.start()
    for t in texts:
        s.send_text(t)
    data = b"".join(seg.get_data() for seg in s)
    s.stop()
    context.dispose()
    w, h = (int(x) for x in config["resolution"].split("x"))
    n = w * h * 3
    return [data[i : i + n] for i in range(0, len(data), n)]


def mad(a: bytes, b: bytes) -> float:
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def measure(frames: list[bytes], chunk: int, overlap: int) -> dict:
    """Boundary steps are those into frames chunk, chunk + (chunk - overlap), ... (first new frames)."""
    new = chunk - overlap
    firsts = set(range(chunk, len(frames), new))
    boundary = [mad(frames[i - 1], frames[i]) for i in sorted(firsts)]
    inside = [mad(frames[i - 1], frames[i]) for i in range(1, len(frames)) if i not in firsts]
    drift = [mad(frames[0], frames[i]) for i in sorted(firsts)]
    return {"boundary": statistics.mean(boundary), "inside": statistics.mean(inside), "drift_last": drift[-1]}


def main() -> None:
    fixtures = ROOT / "Tests" / "Fixtures"
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--streamingt2v", default=str(fixtures / "streamingt2v" / "model"))
    ap.add_argument("--modelscope", default=str(fixtures / "models" / "tiny-t2v"))
    ap.add_argument("--resolution", default="16x16")
    ap.add_argument("--frames-per-chunk", type=int, default=8)
    ap.add_argument("--overlap", type=int, default=4, help="the StreamingT2V folder's num_frames_conditioning")
    ap.add_argument("--frames-per-text", type=int, default=24)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()
    base = {"resolution": args.resolution, "model_resolution": args.resolution, "frame_rate": 8, "model_frame_rate": 8,
            "frames_per_chunk": args.frames_per_chunk, "seconds_per_text": args.frames_per_text / 8,
            "num_inference_steps": args.steps}
    rows = [
        ("StreamingT2V (CAM), anchor first", {"model": args.streamingt2v, "anchor": "first"}),
        ("StreamingT2V (CAM), anchor text", {"model": args.streamingt2v, "anchor": "text"}),
        ("ModelScope, training-free replacement", {"model": args.modelscope, "overlap_frames": args.overlap}),
    ]
    print(f"{args.frames_per_text} frames a text, two texts, chunks of {args.frames_per_chunk} continued from "
          f"{args.overlap}, {args.steps} steps, {args.resolution}, seeds 0..{args.seeds - 1}; mean |Δ| of 8-bit frames")
    print(f"{'method':40} {'boundary step':>14} {'inside step':>12} {'ratio':>6} {'drift':>7}")
    for name, extra in rows:
        results = [measure(stream(dict(base, seed=seed, **extra)), args.frames_per_chunk, args.overlap)
                   for seed in range(args.seeds)]
        b = statistics.mean(r["boundary"] for r in results)
        i = statistics.mean(r["inside"] for r in results)
        d = statistics.mean(r["drift_last"] for r in results)
        print(f"{name:40} {b:14.2f} {i:12.2f} {b / i:6.2f} {d:7.2f}")


if __name__ == "__main__":
    main()
