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
. tools/bench_env.sh
THREADS=${THREADS:-2}
FRAMES=${FRAMES:-16}
BATCH=${BATCH:-1}
REPEATS=${REPEATS:-3}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
common=(--threads "$THREADS")
# COMPONENTS="sgemm text vae unet" adds the UNet forward (minutes, ~8 GB per side); "unet st2v" also one
# step of StreamingT2V's streaming stage (CAM + base UNet with APM and mergers, ~9 GB per side) and its
# cost over the plain UNet (`make bench-streamingt2v`).
for component in ${COMPONENTS:-sgemm text vae}; do
    args=("${common[@]}" --only "$component")
    case $component in
        text) args+=(--repeats "$REPEATS") ;;
        vae) args+=(--frames "$FRAMES" --batch "$BATCH") ;;
        unet|st2v) args+=(--frames "$FRAMES" --warm "${WARM:-0}") ;;
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
         "unet": f"UNet forward 2x4x{frames}x32x32", "st2v": f"StreamingT2V step 2x4x{frames}x32x32"}
gf = lambda r: f"{r['gflops']:>13.1f}" if "gflops" in r else f"{'-':>13}"
for comp in [c for c in ("text", "vae", "unet", "st2v") if any(r["component"] == c for r in rows)]:
    s, t = get("reflection", comp), get("pytorch", comp)
    ratio = t["seconds"] / s["seconds"]
    print(f"{names[comp]:<34} {s['seconds']:>11.2f}s {t['seconds']:>11.2f}s {ratio:>6.2f}x   "
          f"{s['peak_rss_mib']:>8.0f}Mi {t['peak_rss_mib']:>8.0f}Mi   {gf(s)} {gf(t)}")
    if comp == "st2v":
        print(f"{'  of which the CAM (8 frames)':<34} {s['cam_seconds']:>11.2f}s {t['cam_seconds']:>11.2f}s "
              f"{t['cam_seconds'] / s['cam_seconds']:>6.2f}x")
if all(any(r["component"] == c for r in rows) for c in ("unet", "st2v")):
    print("\nStreamingT2V step / plain UNet step (the cost of CAM + APM + mergers): reflection "
          f"{get('reflection', 'st2v')['seconds'] / get('reflection', 'unet')['seconds']:.2f}x, PyTorch "
          f"{get('pytorch', 'st2v')['seconds'] / get('pytorch', 'unet')['seconds']:.2f}x")
print("\nratio = PyTorch time / reflection time (above 1: reflection faster). RSS = peak resident set of the")
print("process running that component alone. sgemm peaks: reflection via OpenBLAS cblas_sgemm, PyTorch via")
print("torch.matmul, each measured in its own process of this run.")
PY
