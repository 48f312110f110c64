# reflection — build, test, install and demo.
#   make demo                 install what is missing, build, write demo.mp4 from a sentence
#   make test                 build and run every test (what CI runs)
#   make install PREFIX=/usr/local
#   make bench                print the speed and memory figures of the README
#   make bench-neural         the neural components against PyTorch (needs tools/fixtures' venv)
#   make fuzz                 libFuzzer on the safetensors reader (FUZZ_SECONDS=300)
#   make tsan                 the concurrency tests under Thread Sanitizer
SHELL := /bin/bash
PREFIX ?= /usr/local
PYTHON ?= python3
SWIFT ?= swift
RELEASE_FLAGS := -c release -Xswiftc -static-stdlib -Xlinker --strip-all \
	-Xlinker --version-script=$(CURDIR)/Sources/Reflection/exports.map
LIB := .build/release/libreflection.so
SWIFT_HEADER := .build/reflection-Swift.h
STAGE := $(CURDIR)/.build/stage
DEB_PACKAGES := libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libopenblas-dev pkg-config ffmpeg python3-dev
PKG_VERSION := $(shell sed -n 's/^let libraryVersion = "\(.*\)"/\1/p' Sources/Reflection/Status.swift)

.PHONY: all deps lib header check-header python install test test-swift test-c test-python demo bench bench-neural bench-pipeline fuzz tsan clean

all: lib

# Debian packages, installed only when one is missing (needs root, as on CI).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@$(PYTHON) -c "import pytest, wheel, setuptools" 2>/dev/null || $(PYTHON) -m pip install -q pytest wheel setuptools

# The self-contained shared library: Swift runtime inside, only t2v_* exported.
lib:
	$(SWIFT) build $(RELEASE_FLAGS) --product reflection
	@test -f $(LIB)

# Regenerates the committed header from the Swift declarations.
header: lib
	$(PYTHON) tools/gen_header.py $(SWIFT_HEADER) Sources/Reflection/Status.swift > include/reflection.h

# Fails when include/reflection.h differs from what the build generates.
check-header: lib
	@$(PYTHON) tools/gen_header.py $(SWIFT_HEADER) Sources/Reflection/Status.swift > .build/reflection.h.generated
	@diff -u include/reflection.h .build/reflection.h.generated \
		|| { echo "include/reflection.h is out of date: run 'make header'"; exit 1; }
	@echo "include/reflection.h matches the Swift declarations"

# Installs the header, the library and reflection.pc under PREFIX.
install: lib
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 include/reflection.h $(DESTDIR)$(PREFIX)/include/reflection.h
	install -m 755 $(LIB) $(DESTDIR)$(PREFIX)/lib/libreflection.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(PKG_VERSION)|' tools/reflection.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/reflection.pc

# Installs the Python package (with the library inside it) for $(PYTHON).
python: lib
	@$(PYTHON) -c "import wheel, setuptools" 2>/dev/null || $(PYTHON) -m pip install -q wheel setuptools
	install -d bindings/python/reflection/lib
	install -m 755 $(LIB) bindings/python/reflection/lib/libreflection.so
	$(PYTHON) -m pip install -q --no-build-isolation ./bindings/python

test: deps check-header test-swift test-c test-python tsan
	@echo "make test: all suites passed"

test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

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

bench: deps
	$(SWIFT) build -c release --product t2v-bench
	.build/release/t2v-bench

# Neural components against PyTorch (needs the reference venv of tools/fixtures/README.md).
bench-neural:
	$(SWIFT) build -c release --product t2v-neural-bench
	BENCH=.build/release/t2v-neural-bench tools/bench_neural.sh

# The whole text-to-video pipeline against diffusers (about 70 minutes; needs /work/refenv).
bench-pipeline: lib
	tools/bench_pipeline.sh

# Fuzzes the safetensors reader with libFuzzer for FUZZ_SECONDS (default 300).
FUZZ_SECONDS ?= 300
fuzz:
	$(SWIFT) build --scratch-path .build-fuzz --product t2v-fuzz-safetensors \
		-Xswiftc -DT2V_LIBFUZZER -Xswiftc -sanitize=fuzzer,address
	mkdir -p .build-fuzz/corpus && cp Tests/T2VNeuralTests/Fixtures/ops/*.safetensors .build-fuzz/corpus/
	SWIFT_BACKTRACE=enable=no .build-fuzz/debug/t2v-fuzz-safetensors -max_total_time=$(FUZZ_SECONDS) \
		-max_len=4096 .build-fuzz/corpus

tsan:
	$(SWIFT) test --sanitize=thread --filter "Concurrency|StreamTests"

clean:
	rm -rf .build bindings/python/reflection/lib bindings/python/build
