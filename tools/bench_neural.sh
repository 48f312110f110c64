#!/usr/bin/env bash
# Neural benchmark (issue 5 "Figures"): reflection (t2v-neural-bench, Swift on OpenBLAS) versus PyTorch
# on the same machine in the same run, on random weights at the real sizes of text-to-video-ms-1.7b:
# the CLIP text encoder on 2 prompts × 77 tokens and the SD VAE decoding FRAMES frames of 32×32
# latents (256×256). Each side runs each component in its own process (so peak RSS is that
# component's), alternating sides; each process also measures a 4096³ sgemm.
#
#   make refenv && make bench-neural         # the usual way (the Swift side in .build-bench/)
#   tools/bench_neural.sh                    # build the Swift side (release) and run everything
#   FRAMES=4 REPEATS=5 tools/bench_neural.sh
#
# Environment: PYTHON (default $REFENV/bin/python, REFENV defaulting to .refenv, the venv `make refenv`
# makes: torch, transformers 4.46.3, diffusers 0.33.1), BENCH (the Swift binary; default: build
# product t2v-neural-bench into .build-bench/ with $SWIFT, default swift, and use it), THREADS (2), FRAMES (16),
# BATCH (frames decoded at a time, 1), REPEATS (text-encoder timings, best of; 3), WARM (unet: 1 times
# a second forward after an untimed one, the steady state of a denoising loop; 0).
# Run it on an otherwise idle machine: a concurrent build halves every figure.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-${REFENV:-.refenv}/bin/python}
[ -x "$PYTHON" ] || { echo "no reference Python at $PYTHON: run 'make refenv' (or set PYTHON or REFENV)" >&2; exit 1; }
THREADS=${THREADS:-2}
FRAMES=${FRAMES:-16}
BATCH=${BATCH:-1}
REPEATS=${REPEATS:-3}
if [ -z "${BENCH:-}" ]; then
    "${SWIFT:-swift}" build -c release --scratch-path .build-bench --product t2v-neural-bench >&2
    BENCH="$("${SWIFT:-swift}" build -c release --scratch-path .build-bench --show-bin-path)/t2v-neural-bench"
fi
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
common=(--threads "$THREADS")
# COMPONENTS="sgemm text vae unet" adds the UNet forward (minutes, ~8 GB per side).
for component in ${COMPONENTS:-sgemm text vae}; do
    args=("${common[@]}" --only "$component")
    case $component in
        text) args+=(--repeats "$REPEATS") ;;
        vae) args+=(--frames "$FRAMES" --batch "$BATCH") ;;
        unet) args+=(--frames "$FRAMES" --warm "${WARM:-0}") ;;
    esac
    echo "running $component: reflection" >&2
    "$BENCH" "${args[@]}" >>"$OUT"
    echo "running $component: pytorch" >&2
    "$PYTHON" tools/bench_neural.py "${args[@]}" >>"$OUT"
done
python3 - "$OUT" "$FRAMES" "$THREADS" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
frames, threads = sys.argv[2], sys.argv[3]
get = lambda side, comp: next(r for r in rows if r["side"] == side and r["component"] == comp)
print(f"\nNeural benchmark, {threads} threads, random weights at real sizes (fp32)\n")
head = f"{'component':<34} {'reflection':>12} {'PyTorch':>12} {'ratio':>7}   {'RSS refl.':>10} {'RSS torch':>10}   {'GFLOP/s refl.':>13} {'GFLOP/s torch':>13}"
print(head)
print("-" * len(head))
s, t = get("reflection", "sgemm"), get("pytorch", "sgemm")
print(f"{'sgemm 4096^3 (GFLOP/s)':<34} {s['sgemm_gflops']:>12.1f} {t['sgemm_gflops']:>12.1f} {'':>7}   {s['peak_rss_mib']:>8.0f}Mi {t['peak_rss_mib']:>8.0f}Mi")
names = {"text": "text encoder 2x77 tokens (0.09 TF)", "vae": f"VAE decode {frames} fr 256x256",
         "unet": f"UNet forward 2x4x{frames}x32x32"}
for comp in [c for c in ("text", "vae", "unet") if any(r["component"] == c for r in rows)]:
    s, t = get("reflection", comp), get("pytorch", comp)
    ratio = t["seconds"] / s["seconds"]
    print(f"{names[comp]:<34} {s['seconds']:>11.2f}s {t['seconds']:>11.2f}s {ratio:>6.2f}x   "
          f"{s['peak_rss_mib']:>8.0f}Mi {t['peak_rss_mib']:>8.0f}Mi   {s['gflops']:>13.1f} {t['gflops']:>13.1f}")
print("\nratio = PyTorch time / reflection time (above 1: reflection faster). RSS = peak resident set of the")
print("process running that component alone. sgemm peaks: reflection via OpenBLAS cblas_sgemm, PyTorch via")
print("torch.matmul, each measured in its own process of this run.")
PY
