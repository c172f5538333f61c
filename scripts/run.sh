#!/usr/bin/env bash
# Quick start: solves the bundled default instance and writes the plan to
# out/<instance>. Extra arguments go to `qiangji solve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-build-deps.sh
instance="${QIANGJI_INSTANCE:-instances/china-2025}"
cargo run --release --quiet -- solve "$instance" --out "out/$(basename "$instance")" "$@"
