#!/usr/bin/env bash
# Whole-pipeline benchmark (issue 6 "Figures"): seconds per generated frame of text-to-video at
# 256x256 with 25 DPM-Solver++ steps, reflection (through its Python API on libreflection.so) versus
# diffusers on PyTorch, same random real-size weights, same machine, one run. See
# tools/bench_pipeline.py for what each side does.
#
#   make refenv && make bench-pipeline             # the usual way (builds the library first)
#   tools/bench_pipeline.sh                        # ~70 minutes on 2 cores, ~8 GB RAM per side
#   FRAMES=8 STEPS=25 tools/bench_pipeline.sh
#
# Environment: PYTHON (default $REFENV/bin/python, REFENV defaulting to .refenv, the venv `make refenv`
# makes: torch, diffusers 0.33.1, transformers 4.46.3), MODEL (the random folder of about 7 GB; made
# when missing, default .build-bench/t2v-random-1.7b in the checkout), THREADS (2),
# FRAMES (16), STEPS (25), LIB (default .build/release/libreflection.so; `make lib` builds it).
# Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-${REFENV:-.refenv}/bin/python}
MODEL=${MODEL:-.build-bench/t2v-random-1.7b}
[ -x "$PYTHON" ] || { echo "no reference Python at $PYTHON: run 'make refenv' (or set PYTHON or REFENV)" >&2; exit 1; }
THREADS=${THREADS:-2}
FRAMES=${FRAMES:-16}
STEPS=${STEPS:-25}
LIB=${LIB:-.build/release/libreflection.so}
[ -f "$LIB" ] || { echo "build the library first: make lib" >&2; exit 1; }
if [ ! -f "$MODEL/model_index.json" ]; then
    echo "making the random model folder $MODEL" >&2
    "$PYTHON" tools/bench_pipeline.py make-model "$MODEL" >&2
fi
OUT=$(mktemp)
FR=$(mktemp)
trap 'rm -f "$OUT" "$FR"' EXIT
args=("$MODEL" --threads "$THREADS" --frames "$FRAMES" --steps "$STEPS" --frames-out "$FR")
echo "running pytorch" >&2
"$PYTHON" tools/bench_pipeline.py pytorch "${args[@]}" | tee -a "$OUT" >&2
echo "running reflection" >&2
REFLECTION_LIBRARY="$LIB" python3 tools/bench_pipeline.py reflection "${args[@]}" | tee -a "$OUT" >&2
python3 - "$OUT" <<'PY'
import json, sys
rows = {r["side"]: r for r in (json.loads(l) for l in open(sys.argv[1]) if l.strip())}
s, t = rows["reflection"], rows["pytorch"]
print(f"\nText-to-video pipeline, {s['frames']} frames 256x256, {s['steps']} DPM-Solver++ steps, guidance 9, "
      f"{s['threads']} threads, random weights at the text-to-video-ms-1.7b sizes (fp32)\n")
head = f"{'':<26} {'reflection':>12} {'PyTorch':>12} {'ratio':>7}"
print(head)
print("-" * len(head))
print(f"{'seconds per frame':<26} {s['seconds_per_frame']:>12.2f} {t['seconds_per_frame']:>12.2f} "
      f"{t['seconds_per_frame'] / s['seconds_per_frame']:>6.2f}x")
print(f"{'generation (s)':<26} {s['generate_s']:>12.1f} {t['generate_s']:>12.1f}")
print(f"{'loading (s)':<26} {s['load_s']:>12.1f} {t['load_s']:>12.1f}")
print(f"{'peak RSS (MiB)':<26} {s['peak_rss_mib']:>12.0f} {t['peak_rss_mib']:>12.0f}")
if "max_diff_vs_pytorch" in s:
    print(f"\nframes vs PyTorch's: max |difference| {s['max_diff_vs_pytorch']}/255, mean {s['mean_diff_vs_pytorch']:.3f}/255")
print("\nratio = PyTorch time / reflection time (above 1: reflection faster).")
PY
