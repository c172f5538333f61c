#!/usr/bin/env bash
# Quick start: runs the whole test suite (unit, integration, browser and doc tests) and
# checks that the benchmarks build. Benchmarks themselves: cargo bench.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-build-deps.sh
# Chromium and CJK fonts for the browser test of report.html (tests/browser).
scripts/ensure-chromium.sh >/dev/null
cargo test --benches --no-run --quiet
cargo test
