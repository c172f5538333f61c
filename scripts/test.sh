#!/usr/bin/env bash
# Quick start: runs the whole test suite (unit, integration, Slurm, browser
# and doc tests) and checks that the benchmarks build. Benchmarks
# themselves: cargo bench.
#
# The suite runs optimised (--release): tests solve the national instance
# and run batches, and share the build with `scripts/run.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-build-deps.sh
# Chromium and CJK fonts for the browser test of report.html (tests/browser).
scripts/ensure-chromium.sh >/dev/null
# Debian's Slurm and munge for the job-array test (tests/slurm.rs).
scripts/slurm/cluster.sh install >/dev/null
cargo test --release --benches --no-run --quiet
cargo test --release
