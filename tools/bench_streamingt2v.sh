#!/usr/bin/env bash
# One StreamingT2V streaming chunk at the released sizes (16 frames of 256x256, CFG, CAM on 8 frames,
# APM with 16 image tokens), reflection against the PyTorch reference written from the spec, on the
# same random weights (a float16 folder both sides read as float32), each side in its own process:
# load, conditioning (text encoder, image tower on the anchor and on a grey frame, resampler), the
# chunk (STEPS DDIM steps and the VAE decode), peak RSS, and how far apart their frames are.
#
#   make refenv && make bench-streamingt2v            # STEPS=2 by default; the release uses 50
#   STEPS=3 FOLDER=/big/disk/st2v-random tools/bench_streamingt2v.sh
#
# Environment: PYTHON (default .refenv/bin/python), BENCH (t2v-neural-bench; default: built into
# .build-bench/), FOLDER (the random folder, 6.3 GB; default .build-bench/streamingt2v-random, made
# once), STEPS (2), THREADS (2). Needs about 16 GB of memory per side. Run on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/bench_env.sh
STEPS=${STEPS:-2}
THREADS=${THREADS:-2}
FOLDER=${FOLDER:-.build-bench/streamingt2v-random}
if [ ! -f "$FOLDER/bench_inputs.safetensors" ]; then
    echo "making $FOLDER (random weights at the released sizes, float16)" >&2
    "$PYTHON" tools/bench_streamingt2v.py make-folder "$FOLDER"
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "running the chunk: reflection" >&2
"$BENCH" --only st2v-chunk --model "$FOLDER" --steps "$STEPS" --threads "$THREADS" --save "$OUT/reflection.safetensors" >"$OUT/reflection.json"
echo "running the chunk: pytorch" >&2
"$PYTHON" tools/bench_streamingt2v.py run "$FOLDER" --steps "$STEPS" --threads "$THREADS" --save "$OUT/pytorch.safetensors" >"$OUT/pytorch.json"
"$PYTHON" - "$OUT" "$STEPS" "$THREADS" <<'PY'
import json, sys
from safetensors.numpy import load_file
out, steps, threads = sys.argv[1:4]
s, t = (json.load(open(f"{out}/{side}.json")) for side in ("reflection", "pytorch"))
a, b = (load_file(f"{out}/{side}.safetensors")["frames"] for side in ("reflection", "pytorch"))
print(f"\nStreamingT2V streaming chunk, 16 frames 256x256, {steps} DDIM steps, CFG, {threads} threads, random weights "
      "at the released sizes (fp16 folder, fp32 compute)\n")
head = f"{'':<40} {'reflection':>12} {'PyTorch':>12} {'ratio':>7}"
print(head)
print("-" * len(head))
for key, name in (("load_s", "load the folder"), ("conditioning_s", "conditioning (text, 2 image towers)"),
                  ("chunk_s", f"chunk ({steps} steps + VAE decode)")):
    print(f"{name:<40} {s[key]:>11.2f}s {t[key]:>11.2f}s {t[key] / s[key]:>6.2f}x")
print(f"{'peak RSS':<40} {s['peak_rss_mib']:>10.0f}Mi {t['peak_rss_mib']:>10.0f}Mi")
diff = abs(a.astype("float64") - b.astype("float64"))
print(f"\nframes: max |reflection - PyTorch| = {diff.max() * 255:.3f}/255, mean {diff.mean() * 255:.4f}/255 over {a.size:,} values")
print("ratio = PyTorch time / reflection time (above 1: reflection faster).")
PY
