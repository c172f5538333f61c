#!/usr/bin/env bash
# Regenerates every number and picture that README.md and the instance
# READMEs quote, from fresh runs of the release build. See --help.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: scripts/docs.sh [--only PART[,PART...]]

Regenerates the figures README.md, instances/china-2025/README.md and
instances/china-2026/README.md quote, and the report screenshots, from fresh
runs of the release build (run `cargo build --release` first; the binary is
$QIANGJI, else $CARGO_TARGET_DIR/release/qiangji, else target/release/qiangji).
Only the text between `<!-- generated: NAME (scripts/docs.sh) -->` and
`<!-- end generated: NAME -->` changes; each file is replaced atomically.
Without --only, every part runs, in this order.

Parts, in the order they run. Times: measured on 2026-12-07 on the 2-core
virtual machine with other builds running (load average 10-17), and what
that comes to on a quiet machine, scaled by the national solve (24 s quiet,
203 s in that run; benches/README.md):

  first-solve   solves instances/demo, instances/china-2025 (the MIP with its
                marginal values, as scripts/run.sh does, and once more with
                continuity and the concentration cap relaxed) and
                instances/china-2026; writes the demo's printed summary and
                allocation rows and the national figures in README.md, and
                the "First solve" blocks of both instance READMEs.
                Measured 9 min (538 s); about 1-1.5 min quiet.
  scenarios     `qiangji batch instances/china-2025 --jobs 2` (the base case
                and 17 scenarios, each a MIP); writes the scenario tables of
                README.md and the instance README, the run's size, time and
                memory, and the figures behind "What the comparison says".
                Measured 90 min (5,394 s); 7-8 min quiet (7 min 19 s
                measured quiet on 2026-11-24, benches/README.md).
  screenshot    the national report.html in English and Chinese (two solves,
                unless first-solve ran just before), screenshotted by headless
                Chromium at 1280 × 1600 (scripts/ensure-chromium.sh installs
                it when missing) into docs/report-national.png and
                docs/report-national-zh.png.
                Measured 164 s after first-solve (one solve, two pictures);
                about 30 s quiet, twice that alone (two solves).
  performance   the README's performance table from benches/results.csv (no
                run: each row is a measured figure with its date and machine;
                edit that file when you measure again).
                Measured under 1 s.

Options:
  --only PARTS  run only these parts (comma-separated), e.g. --only screenshot
  --work DIR    keep the runs' output folders in DIR (default: a temporary
                folder, removed at the end)
  -h, --help    this text

Exit status: 0 done; 1 a run failed (its output is shown, nothing is
written for that part); 2 bad usage or a marker missing in a README.
EOF
}

parts_all=(first-solve scenarios screenshot performance)
parts=("${parts_all[@]}")
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        -h | --help)
            usage
            exit 0
            ;;
        --only)
            [ $# -ge 2 ] || { echo "docs.sh: --only needs a part (${parts_all[*]})" >&2; exit 2; }
            IFS=, read -r -a parts <<<"$2"
            shift 2
            ;;
        --only=*)
            IFS=, read -r -a parts <<<"${1#--only=}"
            shift
            ;;
        --work)
            [ $# -ge 2 ] || { echo "docs.sh: --work needs a folder" >&2; exit 2; }
            keep="$2"
            shift 2
            ;;
        *)
            echo "docs.sh: unknown argument '$1' (see --help)" >&2
            exit 2
            ;;
    esac
done
for part in "${parts[@]}"; do
    case " ${parts_all[*]} " in
        *" $part "*) ;;
        *)
            echo "docs.sh: --only: unknown part '$part' (parts: ${parts_all[*]})" >&2
            exit 2
            ;;
    esac
done

cd "$(dirname "$0")/.."
root="$PWD"
qiangji="${QIANGJI:-${CARGO_TARGET_DIR:-target}/release/qiangji}"
case "$qiangji" in /*) ;; *) qiangji="$root/$qiangji" ;; esac
needs_runs=0
for part in "${parts[@]}"; do [ "$part" = performance ] || needs_runs=1; done
if [ "$needs_runs" = 1 ] && [ ! -x "$qiangji" ]; then
    echo "docs.sh: $qiangji not found: run \`cargo build --release\` first (or set QIANGJI)" >&2
    exit 1
fi

if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work="$(cd "$keep" && pwd)"
    trap 'rm -f docs/*.png.tmp' EXIT
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/qiangji-docs.XXXXXX")"
    trap 'rm -rf "$work"; rm -f docs/*.png.tmp' EXIT
fi

wants() {
    local p
    for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done
    return 1
}

# Runs qiangji with its standard output in LOG and its messages in LOG.err
# (the demo's printed summary is quoted as it is); on failure shows both.
run() {
    local log="$1"
    shift
    if ! "$qiangji" "$@" >"$log" 2>"$log.err"; then
        echo "docs.sh: qiangji $* failed:" >&2
        cat "$log" "$log.err" >&2
        exit 1
    fi
}

elapsed() { echo "$(($(date +%s) - $1)) s"; }

# The English national solve serves first-solve and screenshot: made once per
# invocation (never taken from an earlier one kept with --work).
national_en_done=0
solve_national_en() {
    [ "$national_en_done" = 1 ] && return 0
    rm -rf "$work/china-2025"
    run "$work/china-2025.log" solve instances/china-2025 --out "$work/china-2025"
    national_en_done=1
}

if wants first-solve; then
    start=$(date +%s)
    echo "first-solve: demo, china-2025 (twice), china-2026"
    run "$work/demo.txt" solve instances/demo --out "$work/demo"
    solve_national_en
    run "$work/china-2025-free.log" solve instances/china-2025 --out "$work/china-2025-free" \
        --set 'continuity_growth=10' --set 'continuity_decline=1' --set 'concentration_cap=1' \
        --no-explain --report none
    run "$work/china-2026.log" solve instances/china-2026 --out "$work/china-2026"
    python3 scripts/docs.py demo "$work/demo" "$work/demo.txt"
    python3 scripts/docs.py national instances/china-2025 "$work/china-2025" --free "$work/china-2025-free"
    python3 scripts/docs.py national instances/china-2026 "$work/china-2026"
    echo "first-solve: $(elapsed "$start")"
fi

if wants scenarios; then
    start=$(date +%s)
    echo "scenarios: qiangji batch instances/china-2025 --jobs 2 (minutes)"
    rm -rf "$work/scenarios" # a batch skips cases it finds solved: start empty
    timing=(--peak-kb 0)
    [ -r /proc/loadavg ] && timing+=(--load "$(cut -d' ' -f1 /proc/loadavg)")
    if [ -x /usr/bin/time ]; then
        if ! /usr/bin/time -f '%M' -o "$work/batch.mem" \
            "$qiangji" batch instances/china-2025 --jobs 2 --out "$work/scenarios" >"$work/batch.log" 2>&1; then
            echo "docs.sh: qiangji batch failed:" >&2
            cat "$work/batch.log" >&2
            exit 1
        fi
        timing+=(--peak-kb "$(tail -n 1 "$work/batch.mem")")
    else
        run "$work/batch.log" batch instances/china-2025 --jobs 2 --out "$work/scenarios"
    fi
    wall=$(($(date +%s) - start))
    python3 scripts/docs.py scenarios "$work/scenarios" --wall-s "$wall" "${timing[@]}" --date "$(date +%F)"
    echo "scenarios: $(elapsed "$start")"
fi

if wants screenshot; then
    start=$(date +%s)
    echo "screenshot: report.html in English and Chinese"
    browser="$(scripts/ensure-chromium.sh)"
    solve_national_en
    run "$work/china-2025-zh.log" solve instances/china-2025 --out "$work/china-2025-zh" --lang zh --report html
    sandbox=()
    [ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox) # Chromium refuses to run as root with its sandbox
    shoot() {
        local page="$1" png="$2"
        "$browser" --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars \
            --force-device-scale-factor=1 --virtual-time-budget=5000 --window-size=1280,1600 \
            --screenshot="$work/shot.png" "file://$page" >"$work/chromium.log" 2>&1 || true
        if ! python3 scripts/docs.py check-png "$work/shot.png" 1280 1600; then
            cat "$work/chromium.log" >&2
            exit 1
        fi
        mv -f "$work/shot.png" "$png.tmp" # same file system as $png: the rename is atomic
        mv -f "$png.tmp" "$png"
        echo "  wrote $png"
    }
    shoot "$work/china-2025/report.html" docs/report-national.png
    shoot "$work/china-2025-zh/report.html" docs/report-national-zh.png
    echo "screenshot: $(elapsed "$start")"
fi

if wants performance; then
    python3 scripts/docs.py performance
fi
