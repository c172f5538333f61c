#!/usr/bin/env bash
# Quick start: runs the whole test suite (unit, integration, doc tests, and
# a compile check of the benches).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-build-deps.sh
cargo test --all-targets
cargo test --doc
