# MotCua: make run | make test | make bench | make build | make clean
SHELL := /bin/bash
SWIFT ?= swift
DB ?= data/motcua.sqlite
HOST ?= 127.0.0.1
PORT ?= 8080
BIN := .build/release/motcua
# The benchmark kit lives outside this repository (see BENCHMARKS.md).
BENCH_KIT ?= ../shared/bench
BENCH_ARGS ?=

.PHONY: run test bench bench-actions bench-repeat fuzz build clean deps

# libsqlite3-dev provides sqlite3.h and sqlite3.pc; install it when pkg-config cannot find it.
deps:
	@if ! pkg-config --exists sqlite3 2>/dev/null; then \
		echo "Cài đặt libsqlite3-dev (installing libsqlite3-dev)..."; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libsqlite3-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release

run: build
	@mkdir -p $(dir $(DB))
	$(BIN) serve --host $(HOST) --port $(PORT) --db $(DB) --public Public --seed-demo-if-empty

# XCTest only (no Swift Testing suites exist); the last line sums the run up as
# "N passed, N failed" for whoever reads the log.
test: deps
	$(SWIFT) build --build-tests
	@set -o pipefail; $(SWIFT) test --skip-build --disable-swift-testing 2>&1 | tee .build/test.log
	@awk '/^[[:space:]]*Executed [0-9]+ tests?, with/ { n = $$2; s = 0; f = 0; for (i = 3; i <= NF; i++) { if ($$i ~ /^skipped/) s = $$(i-2); if ($$i ~ /^failures?/) f = $$(i-1) } } END { if (n == "") exit 1; printf "%d passed, %d failed, %d skipped\n", n - f - s, f, s }' .build/test.log

# Five readers, as the peers' GRDB DatabasePool has (its maximumReaderCount); our default is the
# number of cores. Reads that wait for the disk each hold one (BENCHMARKS.md, 2026-12-07 23:10).
bench: build
	@test -x $(BENCH_KIT)/compare.sh || { echo "bench kit not found at $(BENCH_KIT) (set BENCH_KIT=...)"; exit 2; }
	$(BENCH_KIT)/compare.sh --target-api motcua $(BENCH_ARGS) \
		--target "$(CURDIR)/$(BIN) serve --port \$$PORT --db \$$DB --public \$$STATIC_DIR --access-log off --readers 5" \
		--target-seed "$(CURDIR)/$(BIN) seed-bench --db \$$DB --dossiers \$$N --write-bench-files"

# The lifecycle benchmark (issue 3): dossier actions and the GET of a dossier with 20 events.
bench-actions: build
	bench/actions.sh

# One GET endpoint of the last `make bench`, alternated with Hummingbird N times, with medians:
# make bench-repeat REPEAT_ARGS="--endpoint healthz --rounds 5".
REPEAT_ARGS ?=
bench-repeat: build
	BENCH_KIT=$(BENCH_KIT) bench/repeat.sh $(REPEAT_ARGS)

# Coverage-guided fuzzing (libFuzzer, built into swiftc) of the request or multipart parser or the
# Domain input rules: make fuzz FUZZ_TARGET=request|multipart|domain FUZZ_SECONDS=600. Not part of `make test`.
FUZZ_TARGET ?= request
FUZZ_SECONDS ?= 300
fuzz:
	fuzz/run.sh $(FUZZ_TARGET) $(FUZZ_SECONDS)

clean:
	rm -rf .build
