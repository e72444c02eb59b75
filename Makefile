# Kaifang — the commands a person runs. Each target installs what is missing first.
#   make demo    build, create var/ with demo data, serve on http://127.0.0.1:8080/ (a second
#                run rebuilds nothing unchanged and reuses var/: serving within seconds)
#   make test    build with sanitizers, run unit, HTTP (SQLite + PostgreSQL) and browser tests
#   make bench   HTTP, ingest and search benchmarks, each beside a reference (nginx, sqlite3)
SHELL := /bin/bash
JOBS ?= $(shell nproc)
LISTEN ?= 127.0.0.1:8080
DEMO_DB ?= sqlite:var/kaifang.db
DEMO_ADMIN_PASSWORD ?= Kaifang-2026!

.PHONY: all deps build build-debug web demo test bench clean

all: build

deps:
	@scripts/install-deps.sh

# Configure once (again only when CMakePresets.json changed): afterwards ninja re-runs cmake by
# itself when a CMakeLists.txt or the set of source files changed, and a build with nothing to
# do takes well under a second.
build: deps
	@[[ build/release/build.ninja -nt CMakePresets.json ]] || cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)
	@scripts/web-build.sh

build-debug: deps
	@[[ build/debug/build.ninja -nt CMakePresets.json ]] || cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)

# The web app is rebuilt only when a file under web/ changed (scripts/web-build.sh compares a
# hash of their contents); `make web FORCE=1` rebuilds anyway.
web: deps
	@scripts/web-build.sh $(if $(FORCE),--force)

demo: build
	@scripts/demo.sh "$(DEMO_DB)" "$(LISTEN)" "$(DEMO_ADMIN_PASSWORD)"

test: build-debug web
	@scripts/run-tests.sh

bench: build
	@bench/healthz.sh
	@bench/ingest.sh
	@bench/mask.sh
	@bench/download.sh
	@bench/query.sh
	@build/release/bench/search_bench

clean:
	rm -rf build web/dist tests/e2e/results
