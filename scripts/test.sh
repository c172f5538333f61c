#!/usr/bin/env bash
# Quick start: runs the whole test suite (unit, integration and doc tests) and
# checks that the benchmarks build. Benchmarks themselves: cargo bench.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-build-deps.sh
cargo test --benches --no-run --quiet
cargo test
