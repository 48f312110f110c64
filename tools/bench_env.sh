# Sourced by the benchmark scripts run from the repository root (tools/bench_neural.sh,
# tools/bench_streamingt2v.sh): the reference Python (PYTHON, default $REFENV/bin/python with REFENV
# defaulting to .refenv, the venv `make refenv` makes) and reflection's benchmark binary (BENCH,
# default: t2v-neural-bench built in release into .build-bench/ with $SWIFT, default swift).
PYTHON=${PYTHON:-${REFENV:-.refenv}/bin/python}
[ -x "$PYTHON" ] || { echo "no reference Python at $PYTHON: run 'make refenv' (or set PYTHON or REFENV)" >&2; exit 1; }
if [ -z "${BENCH:-}" ]; then
    "${SWIFT:-swift}" build -c release --scratch-path .build-bench --product t2v-neural-bench >&2
    BENCH="$("${SWIFT:-swift}" build -c release --scratch-path .build-bench --show-bin-path)/t2v-neural-bench"
fi
