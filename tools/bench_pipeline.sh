#!/usr/bin/env bash
# Whole-pipeline benchmark (issues 6 and 13 "Figures"): seconds per generated frame of text-to-video
# at 256x256 with 25 DPM-Solver++ steps, reflection (through its Python API on libreflection.so) in
# fp32, bf16, bf16 with step caching and fp32 with step caching, versus diffusers on PyTorch in fp32
# and under bf16 autocast; same random real-size weights, same machine, one run, each row its own
# process. Quality: each row's frames against its own engine's fp32 frames (reflection fp32 against
# PyTorch fp32). A row that cannot run here (bf16 without bf16 instructions) says why.
# See tools/bench_pipeline.py for what each side does.
#
#   make refenv && make bench-pipeline             # the usual way (builds the library first)
#   tools/bench_pipeline.sh                        # hours on 2 cores, ~8 GB RAM per row
#   make bench-pipeline-quick                      # SIZE=128 FRAMES=8 STEPS=6: minutes
#   FRAMES=8 STEPS=25 CACHE=3 tools/bench_pipeline.sh
#
# Environment: PYTHON (default $REFENV/bin/python, REFENV defaulting to .refenv, the venv `make refenv`
# makes: torch, diffusers 0.33.1, transformers 4.46.3), MODEL (the random folder of about 7 GB; made
# when missing, default .build-bench/t2v-random-1.7b in the checkout), THREADS (2),
# FRAMES (16), STEPS (25), SIZE (256), CACHE (the rows' cache_interval, 3), LIB (default .build/release/libreflection.so; `make lib` builds it).
# Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-${REFENV:-.refenv}/bin/python}
MODEL=${MODEL:-.build-bench/t2v-random-1.7b}
[ -x "$PYTHON" ] || { echo "no reference Python at $PYTHON: run 'make refenv' (or set PYTHON or REFENV)" >&2; exit 1; }
THREADS=${THREADS:-2}
FRAMES=${FRAMES:-16}
STEPS=${STEPS:-25}
SIZE=${SIZE:-256}
CACHE=${CACHE:-3}
LIB=${LIB:-.build/release/libreflection.so}
[ -f "$LIB" ] || { echo "build the library first: make lib" >&2; exit 1; }
if [ ! -f "$MODEL/model_index.json" ]; then
    echo "making the random model folder $MODEL" >&2
    "$PYTHON" tools/bench_pipeline.py make-model "$MODEL" >&2
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
args=("$MODEL" --threads "$THREADS" --frames "$FRAMES" --steps "$STEPS" --size "$SIZE")
row() {  # name side [options...]
    local name=$1; shift
    echo "running $name" >&2
    local py=python3
    [ "$1" = pytorch ] && py=$PYTHON
    REFLECTION_LIBRARY="$LIB" "$py" tools/bench_pipeline.py "$@" | sed "s/^{/{\"row\": \"$name\", /" | tee -a "$WORK/rows" >&2
}
row "PyTorch fp32" pytorch "${args[@]}" --frames-out "$WORK/torch.rgb"
row "PyTorch bf16 autocast" pytorch "${args[@]}" --precision bf16 --compare "$WORK/torch.rgb"
row "reflection fp32" reflection "${args[@]}" --frames-out "$WORK/refl.rgb" --compare "$WORK/torch.rgb"
row "reflection bf16" reflection "${args[@]}" --precision bf16 --compare "$WORK/refl.rgb"
row "reflection bf16 + cache $CACHE" reflection "${args[@]}" --precision bf16 --cache-interval "$CACHE" --compare "$WORK/refl.rgb"
row "reflection fp32 + cache $CACHE" reflection "${args[@]}" --cache-interval "$CACHE" --compare "$WORK/refl.rgb"
python3 - "$WORK/rows" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
first = rows[0]
base = next(r for r in rows if r["row"] == "PyTorch fp32")["seconds_per_frame"]
print(f"\nText-to-video pipeline, {first['frames']} frames {first['size']}x{first['size']}, {first['steps']} DPM-Solver++ steps, "
      f"guidance 9, {first['threads']} threads, random weights at the text-to-video-ms-1.7b sizes\n")
head = (f"{'row':<30} {'s/frame':>9} {'vs PyTorch fp32':>16} {'peak RSS MiB':>13}   "
        f"{'frames vs fp32 of the same engine (reflection fp32: vs PyTorch fp32)':<}")
print(head)
print("-" * len(head))
for r in rows:
    if "skipped" in r:
        print(f"{r['row']:<30} {'—':>9} {'—':>16} {'—':>13}   not run here: {r['skipped']}")
        continue
    q = ""
    if "max_diff" in r:
        q = f"max {r['max_diff']}/255, mean {r['mean_diff']:.3f}/255, PSNR {r['psnr_db']:.1f} dB"
    print(f"{r['row']:<30} {r['seconds_per_frame']:>9.2f} {base / r['seconds_per_frame']:>15.2f}x {r['peak_rss_mib']:>13.0f}   {q}")
print("\nvs PyTorch fp32 = PyTorch fp32 time / the row's time (above 1: faster).")
PY
