#!/usr/bin/env bash
# Measures morestack against the Go toolchain on this machine and rewrites BENCHMARKS.md
# and docs/hot_split_sweep.{csv,svg}. Not part of ci/test.sh.
#
#   ci/bench.sh [--runs N] [--quick] [--timeout S] [--skip-criterion] [--skip-sweep]
#               [--skip-compile-time] [--skip-rss] [--programs P1,P2,...]
#
# Builds in release mode, then runs ci/bench.py (see its docstring): every program of
# benches/programs under each strategy and under `go build`, median of 5 with peak RSS and
# checked checksums; the prologue's cost; compile time; the criterion benchmarks (split +
# unsplit, copy throughput); the hot-split sweep with a line per strategy and one for Go;
# compile time against program size (ci/compile_time.py: docs/compile_time.{svg,md}); the
# goroutine benchmarks and peak RSS against parked goroutines (ci/goroutine_rss.py).
# Needs Go (apt-get install golang-go). About 35 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
case "${1:-}" in -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
command -v go >/dev/null || { echo "ci/bench.sh: needs Go (apt-get install golang-go)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "ci/bench.sh: needs GNU time for peak RSS (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet
# The start-up library of `morestack build` (the `built` variant).
cargo build --profile start -p morestack-start --target x86_64-unknown-linux-musl --quiet
cargo bench --no-run --quiet 2>/dev/null || cargo bench --no-run
exec python3 ci/bench.py "$@"
