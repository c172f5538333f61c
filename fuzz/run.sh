#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each; first
# argument to change it), one after another, on one core. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); on a stable toolchain RUSTC_BOOTSTRAP=1 lets
# it use the sanitizer flags it needs. Crashes land in fuzz/artifacts/<target>/;
# turn each into a regression test (tests/fuzz_smoke.rs). Exits 1 when
# any target found a crash.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O || exit 2
failed=()
# Seeds: the demo instance's own files, so the fuzzers start from valid input.
seed() {
    local target=$1 dir="corpus/$1"
    [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
    mkdir -p "$dir"
    case "$target" in
        instance_toml) cp ../instances/demo/instance.toml "$dir/seed" ;;
        model_file) cp ../models/default.toml "$dir/seed" ;;
        item_advantage) printf 'item,province,advantage\nchip,east,1.5\n' > "$dir/seed" ;;
        chain_links) printf 'item,needs,max_lead\nchip,alloy,0.2\n' > "$dir/seed" ;;
        provincial_budgets) printf 'province,year,budget_yi\neast,2025,12\n' > "$dir/seed" ;;
        # The demo as a workbook, when a qiangji binary is at hand to write it.
        workbook) command -v qiangji >/dev/null && qiangji export-xlsx ../instances/demo --out "$dir/seed.xlsx" >/dev/null ;;
        *) [ -f "../instances/demo/$target.csv" ] && cp "../instances/demo/$target.csv" "$dir/seed" ;;
    esac
}
for target in $(cargo fuzz list); do
    seed "$target"
    echo "== $target: ${seconds} s"
    # A workbook is a zip of several files: a demo workbook is about 12 kB.
    max_len=4096
    [ "$target" = workbook ] && max_len=65536
    if ! cargo fuzz run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -print_final_stats=1 \
        > "run-$target.log" 2>&1; then
        failed+=("$target")
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^Done|SUMMARY|panicked" "run-$target.log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "crashes in: ${failed[*]} (see fuzz/artifacts/)"
    exit 1
fi
echo "no crash in any target"
