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

.PHONY: run test bench build clean deps

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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	@test -x $(BENCH_KIT)/compare.sh || { echo "bench kit not found at $(BENCH_KIT) (set BENCH_KIT=...)"; exit 2; }
	$(BENCH_KIT)/compare.sh --target-api motcua $(BENCH_ARGS) \
		--target "$(CURDIR)/$(BIN) serve --port \$$PORT --db \$$DB --public \$$STATIC_DIR --access-log off" \
		--target-seed "$(CURDIR)/$(BIN) seed-bench --db \$$DB --dossiers \$$N --write-bench-files"

clean:
	rm -rf .build
