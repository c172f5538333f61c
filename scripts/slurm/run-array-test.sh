#!/usr/bin/env bash
# Submits a job-array script and a merge script that depends on it to a
# cluster started by cluster.sh, waits for both, and reports.
#
#   run-array-test.sh CLUSTER_DIR JOB_DIR ARRAY_SCRIPT MERGE_SCRIPT
#
# ARRAY_SCRIPT and MERGE_SCRIPT are paths relative to JOB_DIR (or absolute);
# both are submitted from JOB_DIR, which is their working directory unless the
# scripts say otherwise (#SBATCH --chdir). The array script carries its own
# #SBATCH --array=...; the merge script is submitted with
# --dependency=afterok:<array job id>, so it runs only when every array task
# succeeded.
#
# Exit status 0 when every array task and the merge job COMPLETED (exit code
# 0); 1 otherwise, after printing each task's state and the tail of its
# output files and of the daemon logs. A failed array task cancels the merge
# job at once; nothing waits longer than SLURM_HARNESS_JOB_TIMEOUT seconds
# (default 120), after which both jobs are cancelled.
#
# On stdout, for the caller: ARRAY_JOB_ID=<id> and MERGE_JOB_ID=<id>.
set -euo pipefail

PROG="$(basename "$0")"
HERE="$(cd "$(dirname "$0")" && pwd -P)"
JOB_TIMEOUT="${SLURM_HARNESS_JOB_TIMEOUT:-120}"
CLIENT_TIMEOUT=15

die() {
    echo "$PROG: $*" >&2
    exit 1
}

[ $# -eq 4 ] || {
    # The comment block at the top of this file.
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
}
cluster="$(cd "$1" && pwd -P)" || die "no cluster folder $1"
jobdir="$(cd "$2" && pwd -P)" || die "no job folder $2"
array_script="$3"
merge_script="$4"
[ -f "$cluster/slurm.conf" ] || die "no $cluster/slurm.conf: start the cluster with cluster.sh start $1"
export SLURM_CONF="$cluster/slurm.conf"
cd "$jobdir"
[ -f "$array_script" ] || die "no array script $jobdir/$array_script"
[ -f "$merge_script" ] || die "no merge script $jobdir/$merge_script"

# Value of KEY= in one line of `scontrol show job -o`.
field() {
    local key="$1" line="$2"
    sed -n "s/.*[[:space:]]$key=\([^[:space:]]*\).*/\1/p; s/^$key=\([^[:space:]]*\).*/\1/p" <<<"$line" | head -n 1
}

is_terminal() {
    case "$1" in
    COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | PREEMPTED | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE) return 0 ;;
    *) return 1 ;;
    esac
}

# One line per job record (an array has one per started task, plus one for
# the tasks still pending).
show_job() {
    timeout "$CLIENT_TIMEOUT" scontrol show job -o "$1"
}

t0=$SECONDS
array_id="$(timeout "$CLIENT_TIMEOUT" sbatch --parsable "$array_script")" ||
    die "sbatch $array_script failed"
array_id="${array_id%%;*}"
if ! merge_id="$(timeout "$CLIENT_TIMEOUT" sbatch --parsable --dependency="afterok:$array_id" "$merge_script")"; then
    timeout "$CLIENT_TIMEOUT" scancel "$array_id" || true
    die "sbatch $merge_script failed (array job $array_id cancelled)"
fi
merge_id="${merge_id%%;*}"
echo "$PROG: submitted array job $array_id and merge job $merge_id (afterok:$array_id) from $jobdir" >&2

verdict=""
array_lines=""
merge_line=""
while :; do
    array_lines="$(show_job "$array_id")" || die "scontrol show job $array_id failed"
    merge_line="$(show_job "$merge_id")" || die "scontrol show job $merge_id failed"
    merge_state="$(field JobState "$merge_line")"
    if is_terminal "$merge_state"; then
        verdict=finished
        break
    fi
    array_done=1
    array_failed=""
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        state="$(field JobState "$line")"
        if ! is_terminal "$state"; then
            array_done=""
        elif [ "$state" != COMPLETED ]; then
            array_failed=1
        fi
    done <<<"$array_lines"
    if [ -n "$array_done" ] && [ -n "$array_failed" ] ||
        [ "$(field Reason "$merge_line")" = DependencyNeverSatisfied ]; then
        timeout "$CLIENT_TIMEOUT" scancel "$merge_id" || true
        verdict="array failed"
        break
    fi
    if [ $((SECONDS - t0)) -ge "$JOB_TIMEOUT" ]; then
        timeout "$CLIENT_TIMEOUT" scancel "$array_id" "$merge_id" || true
        verdict="timed out after ${JOB_TIMEOUT}s"
        break
    fi
    sleep 0.5
done
elapsed=$((SECONDS - t0))

# Final states (after a cancel, the merge line may have changed).
array_lines="$(show_job "$array_id" || true)"
merge_line="$(show_job "$merge_id" || true)"
ok=1
outputs=()
report() {
    local what="$1" line="$2" state code
    state="$(field JobState "$line")"
    code="$(field ExitCode "$line")"
    echo "  $what: ${state:-unknown} (exit code ${code:-?}, reason $(field Reason "$line"))" >&2
    if [ "$state" != COMPLETED ] || [ "$code" != 0:0 ]; then
        ok=""
    fi
    local f
    for f in "$(field StdOut "$line")" "$(field StdErr "$line")"; do
        [ -n "$f" ] && outputs+=("$f")
    done
}
echo "$PROG: array job $array_id and merge job $merge_id: $verdict in ${elapsed}s" >&2
while IFS= read -r line; do
    [ -n "$line" ] || continue
    report "array task ${array_id}_$(field ArrayTaskId "$line")" "$line"
done <<<"$array_lines"
report "merge job $merge_id" "$merge_line"
[ "$verdict" = finished ] || ok=""

echo "ARRAY_JOB_ID=$array_id"
echo "MERGE_JOB_ID=$merge_id"
if [ -n "$ok" ]; then
    echo "$PROG: OK" >&2
    exit 0
fi

# Output files: %A/%a in a pending record's path are not expanded; show what
# exists.
printf '%s\n' "${outputs[@]}" | sort -u | while IFS= read -r f; do
    if [ -f "$f" ]; then
        echo "----- $f" >&2
        tail -n 40 "$f" >&2
    fi
done
"$HERE/cluster.sh" logs "$cluster" || true
echo "$PROG: FAILED ($verdict)" >&2
exit 1
