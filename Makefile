# reflection — build, test, install and demo.
#   make demo                 install what is missing, build, write demo.mp4 from a sentence
#   make test                 build and run every test (what CI runs)
#   make deps                 the Debian packages (as root; otherwise the sudo line to run) and .venv/
#   make install PREFIX=/usr/local
#   make bench                print the speed and memory figures of docs/figures.md (.build-bench/)
#   make refenv               the PyTorch reference venv (REFENV=.refenv) of tools/fixtures/README.md
#   make soak                 one 1080p30 stream for SOAK_MINUTES (60) of wall time, RSS every minute
#   make bench-neural         the neural components against PyTorch (needs make refenv)
#   make bench-pipeline       the whole pipeline against diffusers, fp32/bf16/step caching (needs make refenv; hours)
#   make bench-pipeline-quick the same rows at 128x128, 8 frames, 6 steps (minutes)
#   make fuzz                 libFuzzer on safetensors, every config file and C API call sequences (FUZZ_SECONDS=300 each)
#   make fuzz-smoke           10 s of each fuzzer (FUZZ_SMOKE_SECONDS; part of make test)
#   make asan                 the Swift test suites under AddressSanitizer, then the C/C++ API suite
#                             under ASan and UBSan against an ASan libreflection.so (.build-asan/)
#   make asan-c               only that C/C++ part (seconds once .build-asan/ is built)
#   make tsan                 the concurrency tests under Thread Sanitizer (.build-tsan/)
#
# Python: unless PYTHON=... is given, everything Python runs in a virtual environment in the
# checkout, .venv/, made with Debian's python3 (whose own pip refuses to install: PEP 668).
# Swift: `swift` on PATH, else /opt/swift/usr/bin/swift; SWIFT=... picks another.
SHELL := /bin/bash
PREFIX ?= /usr/local
ifeq ($(origin SWIFT),undefined)
SWIFT := $(or $(shell command -v swift 2>/dev/null),$(wildcard /opt/swift/usr/bin/swift),swift)
endif
# Self-contained (Swift runtime inside), stripped of its symbol table and debug info, only t2v_* exported.
RELEASE_FLAGS := -c release -Xswiftc -static-stdlib -Xlinker --strip-all \
	-Xlinker --version-script=$(CURDIR)/Sources/Reflection/exports.map
LIB := .build/release/libreflection.so
SWIFT_HEADER := .build/reflection-Swift.h
STAGE := $(CURDIR)/.build/stage
# SwiftPM folders of their own, so that benchmarks and sanitizer builds never make the library or
# the tests in .build/ rebuild from scratch (nor the reverse).
BENCH_BUILD := .build-bench
TSAN_BUILD := .build-tsan
ASAN_BUILD := .build-asan
# The debug library of the ASan build (the suites' objects, linked as the product) and its prefix.
ASAN_LIB := $(ASAN_BUILD)/debug/libreflection.so
ASAN_STAGE := $(CURDIR)/$(ASAN_BUILD)/stage
# The C compilers of `make asan`: the Swift toolchain's own clang, whose ASan runtime is the one
# swiftc's -sanitize=address code calls into (same LLVM; gcc's libasan cannot be mixed with it).
ASAN_CC ?= $(or $(wildcard $(dir $(realpath $(SWIFT)))clang),clang)
ASAN_CXX ?= $(or $(wildcard $(dir $(realpath $(SWIFT)))clang++),clang++)
# UBSan is for the C programs only: SwiftPM lists --sanitize=undefined, but swiftc refuses it for
# Swift code ("unsupported option '-sanitize=undefined' for target 'x86_64-unknown-linux-gnu'";
# Swift 6.3.1 on Linux has address, thread and fuzzer), and Swift traps on overflow, out-of-bounds
# indexing and failed casts itself in every build mode but -Ounchecked.
ASAN_C_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g
ASAN_C_OPTIONS := ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1 SWIFT_BACKTRACE=enable=no
DEB_PACKAGES := libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libopenblas-dev libdnnl-dev pkg-config ffmpeg python3-dev python3-venv
PKG_VERSION := $(shell sed -n 's/^let libraryVersion = "\(.*\)"/\1/p' Sources/Reflection/Status.swift)

# The Python that makes the virtual environments: Debian's, else the first python3 on PATH.
BASE_PYTHON ?= $(or $(wildcard /usr/bin/python3),python3)
VENV := .venv
PY_PACKAGES := pytest wheel setuptools numpy safetensors
ifeq ($(origin PYTHON),undefined)
PYTHON := $(VENV)/bin/python
# The marker names the package list, so adding a package installs it into an existing .venv/.
PY_ENV := $(VENV)/.installed-$(shell echo '$(PY_PACKAGES)' | cksum | cut -d' ' -f1)
else
PY_ENV := python-given
endif
# The PyTorch reference environment of the parity fixtures and the benchmarks against PyTorch.
REFENV ?= .refenv
# The folder of random weights at real size that bench-pipeline makes once (about 7 GB).
MODEL ?= $(BENCH_BUILD)/t2v-random-1.7b

.PHONY: all deps debian-packages swift-check python-given refenv lib header check-header python install \
	test test-swift test-c test-python demo bench soak bench-neural bench-streamingt2v bench-pipeline bench-pipeline-quick fuzz fuzz-smoke fuzz-build asan asan-c tsan \
	clean distclean

all: lib

deps: swift-check debian-packages $(PY_ENV)

swift-check:
	@$(SWIFT) --version >/dev/null 2>&1 || { \
		echo "make: no Swift toolchain ('$(SWIFT)' does not run). Install Swift 6.3 (README.md, Install):" >&2; \
		echo "      put it on PATH or at /opt/swift, or pass SWIFT=/path/to/swift." >&2; exit 1; }

# Debian packages, installed only when one is missing. That needs root (as on CI); anyone else
# is told the exact command to run.
debian-packages:
	@command -v dpkg-query >/dev/null || { \
		echo "make deps: no dpkg-query (not Debian?): make sure these are installed: $(DEB_PACKAGES)" >&2; exit 0; }; \
	missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" -ne 0 ]; then \
			echo "make deps: these Debian packages are missing:$$missing" >&2; \
			echo "make deps: installing them needs root. Run this, then make again:" >&2; \
			echo "" >&2; \
			echo "    sudo apt-get install -y$$missing" >&2; \
			echo "" >&2; \
			exit 1; \
		fi; \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# The checkout's virtual environment with the test and packaging tools.
$(VENV)/.installed-%: | debian-packages
	@if [ ! -x $(VENV)/bin/python ]; then \
		echo "creating $(VENV) with $(BASE_PYTHON) -m venv"; \
		$(BASE_PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
			echo "make: '$(BASE_PYTHON) -m venv $(VENV)' failed (on Debian it needs python3-venv: make deps)" >&2; exit 1; }; \
	fi
	$(VENV)/bin/python -m pip install -q $(PY_PACKAGES)
	@touch $@

# A Python given with PYTHON=...: the tools are installed into it only when missing.
python-given:
	@$(PYTHON) -c "import pytest, wheel, setuptools, numpy, safetensors" 2>/dev/null || $(PYTHON) -m pip install -q $(PY_PACKAGES) \
		|| { echo "make: could not install $(PY_PACKAGES) into $(PYTHON); install them, or leave PYTHON unset to use $(VENV)/" >&2; exit 1; }

# The reference environment (torch, diffusers, transformers; about 6 GB) in REFENV.
refenv: $(REFENV)/.installed
$(REFENV)/.installed: tools/fixtures/requirements.txt | debian-packages
	@if [ ! -x $(REFENV)/bin/python ]; then \
		echo "creating $(REFENV) with $(BASE_PYTHON) -m venv"; \
		$(BASE_PYTHON) -m venv $(REFENV) || { rm -rf $(REFENV); exit 1; }; \
	fi
	$(REFENV)/bin/python -m pip install -r tools/fixtures/requirements.txt
	@touch $@

# The self-contained shared library: Swift runtime inside, only t2v_* exported.
lib:
	$(SWIFT) build $(RELEASE_FLAGS) --product reflection
	@test -f $(LIB)

# Regenerates the committed header from the Swift declarations.
header: lib $(PY_ENV)
	$(PYTHON) tools/gen_header.py $(SWIFT_HEADER) Sources/Reflection/Status.swift > include/reflection.h

# Fails when include/reflection.h differs from what the build generates.
check-header: lib $(PY_ENV)
	@$(PYTHON) tools/gen_header.py $(SWIFT_HEADER) Sources/Reflection/Status.swift > .build/reflection.h.generated
	@diff -u include/reflection.h .build/reflection.h.generated \
		|| { echo "include/reflection.h is out of date: run 'make header'"; exit 1; }
	@echo "include/reflection.h matches the Swift declarations"

# $(call install-files,DIR,PREFIX,LIBRARY): the header, LIBRARY as libreflection.so and a
# reflection.pc for PREFIX, into DIR (DIR is PREFIX, or below DESTDIR).
define install-files
install -d $(1)/include $(1)/lib/pkgconfig
install -m 644 include/reflection.h $(1)/include/reflection.h
install -m 755 $(3) $(1)/lib/libreflection.so
sed -e 's|@PREFIX@|$(2)|' -e 's|@VERSION@|$(PKG_VERSION)|' tools/reflection.pc.in > $(1)/lib/pkgconfig/reflection.pc
endef

# Installs the header, the library and reflection.pc under PREFIX.
install: lib
	$(call install-files,$(DESTDIR)$(PREFIX),$(PREFIX),$(LIB))

# Installs the Python package (with the library inside it) into .venv/, or into PYTHON.
python: lib $(PY_ENV)
	install -d bindings/python/reflection/lib
	install -m 755 $(LIB) bindings/python/reflection/lib/libreflection.so
	$(PYTHON) -m pip install -q --no-build-isolation ./bindings/python

test: deps check-header test-swift test-c test-python tsan fuzz-smoke
	@echo "make test: all suites passed"

# One test at a time: the runtime sets OpenBLAS's process-wide thread count around its split
# products, and with OpenBLAS's Haswell/Zen kernels (AMD EPYC here) a product's rounding depends on
# that count, so tests computing at once could see each other's setting and lose bit-equality (the
# library itself computes one diffusion chunk at a time: ComputeSession).
test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

# C and C++ programs against the installed header, linked through pkg-config.
test-c: lib
	rm -rf $(STAGE) && $(MAKE) --no-print-directory install PREFIX=$(STAGE)
	PREFIX=$(STAGE) bash Tests/c/run.sh

test-python: python
	$(PYTHON) -m pytest -q Tests/python

demo: deps python
	$(PYTHON) examples/demo.py demo.mp4
	@ffprobe -v error -select_streams v:0 -count_frames \
		-show_entries stream=codec_name,width,height,avg_frame_rate,nb_read_frames -of default=nw=1 demo.mp4

bench: swift-check debian-packages
	$(SWIFT) build -c release --scratch-path $(BENCH_BUILD) --product t2v-bench
	$(BENCH_BUILD)/release/t2v-bench

# A long stream with the built-in model written to an MP4, resident memory printed every minute
# (docs/reliability.md). SOAK_FILE is removed afterwards unless KEEP_SOAK_FILE=1.
SOAK_MINUTES ?= 60
SOAK_RESOLUTION ?= 1080p
SOAK_FILE ?= $(BENCH_BUILD)/soak.mp4
soak: swift-check debian-packages
	$(SWIFT) build -c release --scratch-path $(BENCH_BUILD) --product t2v-bench
	$(BENCH_BUILD)/release/t2v-bench soak $(SOAK_RESOLUTION) 30 $(SOAK_MINUTES) $(SOAK_FILE)
	@ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height,nb_frames -of csv=p=0 $(SOAK_FILE)
	@[ "$(KEEP_SOAK_FILE)" = 1 ] || rm -f $(SOAK_FILE)

# Neural components against PyTorch (COMPONENTS="sgemm unet", WARM=1: see tools/bench_neural.sh).
bench-neural:
	$(SWIFT) build -c release --scratch-path $(BENCH_BUILD) --product t2v-neural-bench
	BENCH=$(BENCH_BUILD)/release/t2v-neural-bench PYTHON=$(REFENV)/bin/python tools/bench_neural.sh

# One StreamingT2V streaming chunk at the released sizes (STEPS DDIM steps, 2 by default), reflection
# against the PyTorch reference on the same random weights (a 6.3 GB folder made once under
# .build-bench/), each in its own process; then one streaming-stage step and one plain UNet step
# (the cost of CAM + APM). About 30 minutes, ~16 GB per process.
bench-streamingt2v:
	$(SWIFT) build -c release --scratch-path $(BENCH_BUILD) --product t2v-neural-bench
	BENCH=$(BENCH_BUILD)/release/t2v-neural-bench PYTHON=$(REFENV)/bin/python tools/bench_streamingt2v.sh
	COMPONENTS="sgemm unet st2v" BENCH=$(BENCH_BUILD)/release/t2v-neural-bench PYTHON=$(REFENV)/bin/python tools/bench_neural.sh

# The whole text-to-video pipeline against diffusers on the library of `make lib`, fp32, bf16 and step
# caching on both engines (hours; docs/figures.md).
bench-pipeline: lib
	PYTHON=$(REFENV)/bin/python MODEL=$(MODEL) tools/bench_pipeline.sh

# The same rows at 128x128, 8 frames, 6 steps: minutes instead of hours, for quick checks.
bench-pipeline-quick: lib
	SIZE=128 FRAMES=8 STEPS=6 PYTHON=$(REFENV)/bin/python MODEL=$(MODEL) tools/bench_pipeline.sh

FUZZ_SECONDS ?= 300
# Fuzzes the safetensors reader, every configuration file (JSON configs, model_index.json, tokenizer
# files) and sequences of C API calls with libFuzzer for FUZZ_SECONDS each.
fuzz: fuzz-build
	SWIFT_BACKTRACE=enable=no .build-fuzz/debug/t2v-fuzz-safetensors -max_total_time=$(FUZZ_SECONDS) \
		-max_len=4096 .build-fuzz/corpus
	SWIFT_BACKTRACE=enable=no .build-fuzz/debug/t2v-fuzz-config -max_total_time=$(FUZZ_SECONDS) \
		-max_len=4096 .build-fuzz/corpus-config
	SWIFT_BACKTRACE=enable=no .build-fuzz/debug/t2v-fuzz-capi -max_total_time=$(FUZZ_SECONDS) \
		-max_len=4096 .build-fuzz/corpus-capi

# The short run of every fuzzer that make test includes (FUZZ_SMOKE_SECONDS each), each on a fresh
# copy of its committed seeds (libFuzzer reads its whole corpus before the clock counts, so a corpus
# grown by long runs would make the smoke run last minutes).
FUZZ_SMOKE_SECONDS ?= 10
fuzz-smoke: fuzz-build
	@for f in safetensors config capi; do \
		corpus=.build-fuzz/smoke-corpus-$$f; rm -rf $$corpus; mkdir -p $$corpus; \
		case $$f in safetensors) cp Tests/Fixtures/ops/*.safetensors $$corpus/;; *) cp Tests/Fixtures/fuzz-$$f/* $$corpus/;; esac; \
		SWIFT_BACKTRACE=enable=no .build-fuzz/debug/t2v-fuzz-$$f -max_total_time=$(FUZZ_SMOKE_SECONDS) \
			-max_len=4096 $$corpus > .build-fuzz/smoke-$$f.log 2>&1 \
			|| { tail -40 .build-fuzz/smoke-$$f.log; echo "t2v-fuzz-$$f found a crash"; exit 1; }; \
		echo "t2v-fuzz-$$f: $$(tail -1 .build-fuzz/smoke-$$f.log)"; \
	done

fuzz-build:
	$(SWIFT) build --scratch-path .build-fuzz --product t2v-fuzz-safetensors \
		-Xswiftc -DT2V_LIBFUZZER -Xswiftc -sanitize=fuzzer,address
	$(SWIFT) build --scratch-path .build-fuzz --product t2v-fuzz-config \
		-Xswiftc -DT2V_LIBFUZZER -Xswiftc -sanitize=fuzzer,address
	$(SWIFT) build --scratch-path .build-fuzz --product t2v-fuzz-capi \
		-Xswiftc -DT2V_LIBFUZZER -Xswiftc -sanitize=fuzzer,address
	mkdir -p .build-fuzz/corpus .build-fuzz/corpus-config .build-fuzz/corpus-capi
	cp Tests/Fixtures/ops/*.safetensors .build-fuzz/corpus/
	cp Tests/Fixtures/fuzz-config/* .build-fuzz/corpus-config/
	cp Tests/Fixtures/fuzz-capi/* .build-fuzz/corpus-capi/

# The Swift test suites under AddressSanitizer (.build-asan/), then the C/C++ suite (asan-c).
asan:
	$(SWIFT) build --scratch-path $(ASAN_BUILD) --build-tests --sanitize=address
	SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt \
		$(SWIFT) test --scratch-path $(ASAN_BUILD) --skip-build --sanitize=address --no-parallel
	@$(MAKE) --no-print-directory asan-c

# Tests/c/run.sh (C99 and C++17) under ASan and UBSan with the toolchain's clang, against the
# library built with swiftc -sanitize=address, installed under .build-asan/stage. The library
# leaves the __asan_* symbols to the program; the programs link the toolchain's shared ASan
# runtime (-shared-libasan, found by rpath; the static default works too, but gold then warns
# about a hundred local symbols per link). LeakSanitizer runs with no suppressions: the C suite
# must leak nothing.
asan-c:
	$(SWIFT) build --scratch-path $(ASAN_BUILD) --product reflection --sanitize=address
	rm -rf $(ASAN_STAGE)
	$(call install-files,$(ASAN_STAGE),$(ASAN_STAGE),$(ASAN_LIB))
	@rt=$$($(ASAN_CC) -print-file-name=libclang_rt.asan-$$(uname -m).so); \
	test -f "$$rt" || { echo "make asan-c: $(ASAN_CC) has no shared ASan runtime ($$rt); ASAN_CC=... picks the Swift toolchain's clang" >&2; exit 1; }; \
	set -x; CC=$(ASAN_CC) CXX=$(ASAN_CXX) C_TEST_FLAGS="$(ASAN_C_FLAGS) -shared-libasan -Wl,-rpath,$$(dirname $$rt)" \
		$(ASAN_C_OPTIONS) PREFIX=$(ASAN_STAGE) bash Tests/c/run.sh

tsan:
	$(SWIFT) test --scratch-path $(TSAN_BUILD) --sanitize=thread --filter "Concurrency|StreamTests"

clean:
	rm -rf .build $(BENCH_BUILD) $(TSAN_BUILD) .build-fuzz $(ASAN_BUILD) bindings/python/reflection/lib bindings/python/build

# Also the Python environments (.venv/ and the reference one).
distclean: clean
	rm -rf $(VENV) $(REFENV)
