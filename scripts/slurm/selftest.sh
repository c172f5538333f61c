#!/usr/bin/env bash
# End-to-end check of the Slurm test harness: installs slurm-wlm and munge if
# missing, starts a throwaway cluster in a temporary folder, runs a 3-task job
# array whose tasks each write task-<id>.txt and a dependent merge job that
# concatenates them in order, checks the merged file, and stops the cluster.
# The daemons are stopped on every exit path (trap). Prints the time of each
# stage. Set SLURM_HARNESS_KEEP=1 to keep the temporary folder for debugging.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd -P)"
CLUSTER="$HERE/cluster.sh"

t_install0=$SECONDS
"$CLUSTER" install
t_install=$((SECONDS - t_install0))

work="$(mktemp -d "${TMPDIR:-/tmp}/qiangji-slurm.XXXXXX")"
# munged runs as the munge user and must reach the cluster folder inside.
chmod 755 "$work"
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    "$CLUSTER" stop "$work/cluster" || rc=1
    if [ "${SLURM_HARNESS_KEEP:-0}" = 1 ] || [ "$rc" -ne 0 ]; then
        echo "selftest: files kept in $work" >&2
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

t=$(now)
"$CLUSTER" start "$work/cluster"
t_start=$(since "$t")

jobs="$work/jobs"
mkdir -p "$jobs"
cat >"$jobs/array.sbatch" <<'EOF'
#!/bin/bash
#SBATCH --job-name=selftest-array
#SBATCH --array=1-3
#SBATCH --output=array-%A_%a.out
#SBATCH --ntasks=1
#SBATCH --time=5
set -euo pipefail
echo "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT on $(hostname -s)" >"task-$SLURM_ARRAY_TASK_ID.txt.tmp"
mv "task-$SLURM_ARRAY_TASK_ID.txt.tmp" "task-$SLURM_ARRAY_TASK_ID.txt"
EOF
cat >"$jobs/merge.sbatch" <<'EOF'
#!/bin/bash
#SBATCH --job-name=selftest-merge
#SBATCH --output=merge-%j.out
#SBATCH --ntasks=1
#SBATCH --time=5
set -euo pipefail
cat task-1.txt task-2.txt task-3.txt >merged.txt
EOF

t=$(now)
"$HERE/run-array-test.sh" "$work/cluster" "$jobs" array.sbatch merge.sbatch >/dev/null
t_jobs=$(since "$t")

expected="task 1 of 3 on $(hostname -s)
task 2 of 3 on $(hostname -s)
task 3 of 3 on $(hostname -s)"
if [ "$(cat "$jobs/merged.txt")" != "$expected" ]; then
    echo "selftest: merged.txt is not the three task files in order:" >&2
    cat "$jobs/merged.txt" >&2
    exit 1
fi

t=$(now)
"$CLUSTER" stop "$work/cluster"
t_stop=$(since "$t")

echo "selftest: OK (install ${t_install}s, start ${t_start}s, array + merge ${t_jobs}s, stop ${t_stop}s)"
