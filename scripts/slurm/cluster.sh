#!/usr/bin/env bash
# A throwaway single-node Slurm cluster (Debian's slurm-wlm 22.05 + munge) for
# tests of job arrays. Everything it starts lives in one folder DIR: config,
# munge key and socket, state, spool, pid files and logs. Nothing global is
# written: daemons get `-f DIR/slurm.conf`, clients get SLURM_CONF, and munged
# runs on its own socket named in AuthInfo. Daemons listen on 127.0.0.1 only.
#
#   cluster.sh install            apt-get install slurm-wlm munge when missing
#   cluster.sh start DIR          start munged, slurmctld, slurmd; wait for idle
#   cluster.sh stop DIR           stop them by their pid files (idempotent)
#   cluster.sh status DIR         what runs, and sinfo/squeue when it is up
#   cluster.sh env DIR            prints `export SLURM_CONF=...` for clients
#   cluster.sh logs DIR           tails of the daemon logs
#
# start and stop need root (re-run through sudo -n otherwise). Tunables, as
# environment variables: SLURM_HARNESS_START_TIMEOUT (seconds, default 60),
# SLURM_HARNESS_DEBUG=1 (verbose daemon logs), SLURM_HARNESS_CTLD_PORT (first
# port tried for slurmctld; slurmd gets the next one; default 6817),
# SLURM_HARNESS_EXTRA_CONF (lines appended to slurm.conf).
set -euo pipefail

PROG="$(basename "$0")"
START_TIMEOUT="${SLURM_HARNESS_START_TIMEOUT:-60}"
STOP_TIMEOUT=15
# Client calls (sinfo, scontrol, ...) never wait longer than this.
CLIENT_TIMEOUT=15
LOCK_FILE="/tmp/qiangji-slurm-start.lock"

die() {
    echo "$PROG: $*" >&2
    exit 1
}

log() {
    echo "$PROG: $*" >&2
}

usage() {
    # The comment block at the top of this file.
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
}

need_root() {
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "must run as root (no sudo here)"
        exec sudo -n -E "$0" "$@"
    fi
}

# Absolute path of DIR, created if missing.
cluster_dir() {
    [ -n "${1:-}" ] || usage
    mkdir -p "$1"
    (cd "$1" && pwd -P)
}

# ---------------------------------------------------------------- install

cmd_install() {
    local missing=() c
    for c in slurmctld slurmd sbatch munged; do
        if ! command -v "$c" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$c" ]; then
            missing=(slurm-wlm munge)
            break
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "slurm-wlm and munge are missing and there is no apt-get: install Slurm (slurmctld, slurmd, sbatch) and munge, then run again"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "installing slurm-wlm and munge needs root or sudo"
        sudo="sudo -n"
    fi
    log "installing ${missing[*]} (apt-get)"
    # The packages' maintainer scripts would start munge and the Slurm daemons
    # with the system config; a policy-rc.d that says no keeps the machine
    # clean. It is only added when the machine has none, and removed after.
    local policy=/usr/sbin/policy-rc.d added_policy=""
    if [ ! -e "$policy" ]; then
        $sudo sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
        added_policy=1
    fi
    local rc=0 out
    out="$(mktemp)"
    export DEBIAN_FRONTEND=noninteractive
    if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 \
        "${missing[@]}" >"$out" 2>&1; then
        # Stale or missing package lists: refresh once and retry.
        if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 "${missing[@]}"; } >"$out" 2>&1; then
            rc=1
        fi
    fi
    if [ -n "$added_policy" ]; then
        $sudo rm -f "$policy"
    fi
    if [ "$rc" -ne 0 ]; then
        tail -n 30 "$out" >&2
        rm -f "$out"
        die "apt-get install ${missing[*]} failed (output above)"
    fi
    rm -f "$out"
    for c in slurmctld slurmd munged; do
        [ -x "/usr/sbin/$c" ] || die "apt-get installed ${missing[*]} but /usr/sbin/$c is missing"
    done
}

# ---------------------------------------------------------------- processes

# Pid from a pid file if that process is alive and is the expected program
# started for this cluster (its command line names DIR); empty otherwise.
live_pid() {
    local pidfile="$1" comm="$2" dir="$3" pid
    [ -s "$pidfile" ] || return 0
    pid="$(tr -dc '0-9' <"$pidfile")"
    [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 0
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ] || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/" || return 0
    echo "$pid"
}

# Stops daemons given as NAME:PIDFILE pairs, all at once: SIGTERM, then
# SIGKILL for those still alive after STOP_TIMEOUT seconds.
stop_daemons() {
    local dir="$1" spec name pidfile pid i alive
    shift
    local pids=() names=()
    for spec in "$@"; do
        name="${spec%%:*}"
        pidfile="${spec#*:}"
        pid="$(live_pid "$pidfile" "$name" "$dir")"
        if [ -n "$pid" ]; then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
            names+=("$name")
        fi
    done
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        alive=""
        for pid in "${pids[@]}"; do
            [ -d "/proc/$pid" ] && alive=1
        done
        [ -n "$alive" ] || break
        sleep 0.1
    done
    for i in "${!pids[@]}"; do
        pid="${pids[$i]}"
        if [ -d "/proc/$pid" ]; then
            log "${names[$i]} (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT}s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    for ((i = 0; i < 50; i++)); do
        alive=""
        for pid in "${pids[@]}"; do
            [ -d "/proc/$pid" ] && alive=1
        done
        [ -n "$alive" ] || break
        sleep 0.1
    done
    for spec in "$@"; do
        pidfile="${spec#*:}"
        name="${spec%%:*}"
        [ -n "$(live_pid "$pidfile" "$name" "$dir")" ] || rm -f "$pidfile"
    done
}

# slurmstepd processes of this cluster: they hold a socket in DIR/spool.
stepd_pids() {
    local dir="$1"
    [ -d "$dir/spool" ] || return 0
    ss -xlpH 2>/dev/null | awk -v d="$dir/spool/" '
        index($0, d) && match($0, /pid=[0-9]+/) { print substr($0, RSTART + 4, RLENGTH - 4) }' |
        sort -u
}

# All processes below PID (children, grandchildren, ...).
descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
        echo "$child"
        descendants "$child"
    done
}

port_busy() {
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

# ---------------------------------------------------------------- logs

print_logs() {
    local dir="$1" f
    for f in munged.log slurmctld.log slurmd.log; do
        if [ -s "$dir/log/$f" ]; then
            echo "----- tail of $dir/log/$f" >&2
            tail -n 25 "$dir/log/$f" >&2
        fi
    done
    for f in "$dir"/log/*.out; do
        if [ -s "$f" ]; then
            echo "----- $f" >&2
            tail -n 10 "$f" >&2
        fi
    done
}

# Failure during start: say what, show the logs, stop what did start.
start_failed() {
    local dir="$1"
    shift
    echo "$PROG: start failed: $*" >&2
    print_logs "$dir"
    stop_all "$dir" quiet
    exit 1
}

# ---------------------------------------------------------------- start

write_conf() {
    local dir="$1" host="$2" ctld_port="$3" slurmd_port="$4" cpus="$5" mem="$6" level="$7"
    cat >"$dir/slurm.conf" <<EOF
# Written by scripts/slurm/cluster.sh for a throwaway test cluster.
ClusterName=qiangji-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
# Bind to the addresses above (127.0.0.1), not to every interface.
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
# Schedule right after a job ends or is submitted (the default waits 3 s), so
# a dependent job starts within a second of its dependency finishing.
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
ReturnToService=2
# Finished jobs stay visible to scontrol for 10 minutes.
MinJobAge=600
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=$level
SlurmdDebug=$level
NodeName=$host NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    if [ -n "${SLURM_HARNESS_EXTRA_CONF:-}" ]; then
        printf '# SLURM_HARNESS_EXTRA_CONF\n%s\n' "$SLURM_HARNESS_EXTRA_CONF" >>"$dir/slurm.conf"
    fi
}

start_munged() {
    local dir="$1" i
    getent passwd munge >/dev/null || start_failed "$dir" "no munge user (is the munge package installed?)"
    install -d -o munge -g munge -m 755 "$dir/munge"
    if [ ! -s "$dir/munge/munge.key" ]; then
        (umask 077 && dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none)
    fi
    chown munge:munge "$dir/munge/munge.key"
    chmod 400 "$dir/munge/munge.key"
    rm -f "$dir/munge/munge.socket" "$dir/munge/munge.socket.lock"
    touch "$dir/log/munged.log"
    chown munge:munge "$dir/log/munged.log"
    # munged writes its pid file as the munge user: give it its own folder.
    if ! runuser -u munge -- /usr/sbin/munged \
        --key-file="$dir/munge/munge.key" \
        --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munge/munged.pid" \
        --log-file="$dir/log/munged.log" \
        --seed-file="$dir/munge/munged.seed" \
        >>"$dir/log/munged.out" 2>&1 </dev/null 9>&-; then
        start_failed "$dir" "munged did not start"
    fi
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do
        if munge -S "$dir/munge/munge.socket" -n 2>/dev/null |
            unmunge -S "$dir/munge/munge.socket" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    start_failed "$dir" "munge -n | unmunge did not succeed within ${START_TIMEOUT}s"
}

cmd_start() {
    need_root start "$@"
    local dir
    dir="$(cluster_dir "${1:-}")"
    local t0=$SECONDS
    for c in slurmctld slurmd munged; do
        [ -x "/usr/sbin/$c" ] || die "/usr/sbin/$c is missing: run '$0 install' first"
    done

    # A cluster left running in DIR (a crashed test) is stopped first.
    if [ -n "$(running "$dir")" ]; then
        log "daemons from an earlier start in $dir are running; stopping them first"
        stop_all "$dir" quiet
    fi

    # munged runs as the munge user, and every client (jobs of any user)
    # talks to its socket in DIR/munge: DIR must be reachable by all.
    chmod 755 "$dir"
    mkdir -p "$dir/state" "$dir/spool" "$dir/run" "$dir/log"
    chmod 755 "$dir/log"
    if getent passwd munge >/dev/null && ! runuser -u munge -- test -x "$dir/log"; then
        die "the munge user cannot reach $dir: every folder above it needs o+x (mktemp -d makes 700 folders; chmod 755 it)"
    fi
    rm -f "$dir"/log/*.log "$dir"/log/*.out

    local host cpus mem level ctld_port
    host="$(hostname -s)"
    cpus="$(nproc)"
    # RealMemory=2000, or less on a machine with less (the node would drain).
    mem="$(awk '/^MemTotal:/ { m = int($2 / 1024); print (m < 2000 ? m : 2000) }' /proc/meminfo)"
    level=info
    [ "${SLURM_HARNESS_DEBUG:-0}" = 1 ] && level=debug2
    ctld_port="${SLURM_HARNESS_CTLD_PORT:-6817}"
    # Clusters started at the same time (parallel tests) must not pick the
    # same free ports: one start at a time picks ports and waits until its
    # daemons listen. The daemons themselves never inherit the lock (9>&-).
    exec 9>>"$LOCK_FILE"
    flock -w "$START_TIMEOUT" 9 || start_failed "$dir" "another cluster start held $LOCK_FILE for ${START_TIMEOUT}s"
    # Another cluster on this machine (or anything else) may hold the ports.
    local tries=0
    while port_busy "$ctld_port" || port_busy "$((ctld_port + 1))"; do
        ctld_port=$((ctld_port + 2))
        tries=$((tries + 1))
        [ "$tries" -lt 50 ] || start_failed "$dir" "no two free ports from ${SLURM_HARNESS_CTLD_PORT:-6817} on"
    done
    write_conf "$dir" "$host" "$ctld_port" "$((ctld_port + 1))" "$cpus" "$mem" "$level"
    export SLURM_CONF="$dir/slurm.conf"

    start_munged "$dir"

    # -c: no state from an earlier run in this folder.
    if ! /usr/sbin/slurmctld -c -f "$dir/slurm.conf" >>"$dir/log/slurmctld.out" 2>&1 </dev/null 9>&-; then
        start_failed "$dir" "slurmctld exited with an error"
    fi
    local up="" t1=$SECONDS
    while [ $((SECONDS - t0)) -lt "$START_TIMEOUT" ]; do
        if timeout 5 scontrol ping 2>/dev/null | grep -q 'is UP'; then
            up=1
            break
        fi
        # It writes its pid file once it runs as a daemon; give it 5 s.
        if [ $((SECONDS - t1)) -gt 5 ] && [ -z "$(live_pid "$dir/run/slurmctld.pid" slurmctld "$dir")" ]; then
            start_failed "$dir" "slurmctld is not running"
        fi
        sleep 0.25
    done
    [ -n "$up" ] || start_failed "$dir" "slurmctld did not answer 'scontrol ping' within ${START_TIMEOUT}s"

    if ! /usr/sbin/slurmd -f "$dir/slurm.conf" -N "$host" >>"$dir/log/slurmd.out" 2>&1 </dev/null 9>&-; then
        start_failed "$dir" "slurmd exited with an error"
    fi
    local state=""
    t1=$SECONDS
    while [ $((SECONDS - t0)) -lt "$START_TIMEOUT" ]; do
        state="$(timeout 5 sinfo -h -n "$host" -o %T 2>/dev/null || true)"
        if [ "$state" = idle ]; then
            break
        fi
        if [ $((SECONDS - t1)) -gt 5 ] && [ -z "$(live_pid "$dir/run/slurmd.pid" slurmd "$dir")" ]; then
            start_failed "$dir" "slurmd is not running"
        fi
        sleep 0.25
    done
    [ "$state" = idle ] ||
        start_failed "$dir" "node $host not idle within ${START_TIMEOUT}s (sinfo says '${state:-nothing}')"

    exec 9>&-

    # Loopback only: fail loudly if one of these daemons listens anywhere
    # else.
    local ctld_pid slurmd_pid wide
    ctld_pid="$(live_pid "$dir/run/slurmctld.pid" slurmctld "$dir")"
    slurmd_pid="$(live_pid "$dir/run/slurmd.pid" slurmd "$dir")"
    wide="$(ss -Hltnup 2>/dev/null | grep -E "pid=($ctld_pid|$slurmd_pid)," |
        awk '$5 !~ /^127\.0\.0\.1:/ { print }' || true)"
    [ -z "$wide" ] || start_failed "$dir" "a daemon listens beyond loopback: $wide"

    log "cluster up in $((SECONDS - t0))s: node $host idle, slurmctld on 127.0.0.1:$ctld_port; export SLURM_CONF=$dir/slurm.conf"
}

# ---------------------------------------------------------------- stop

# Names of the daemons of DIR that are alive.
running() {
    local dir="$1"
    [ -n "$(live_pid "$dir/run/slurmd.pid" slurmd "$dir")" ] && echo slurmd
    [ -n "$(live_pid "$dir/run/slurmctld.pid" slurmctld "$dir")" ] && echo slurmctld
    [ -n "$(live_pid "$dir/munge/munged.pid" munged "$dir")" ] && echo munged
    return 0
}

stop_all() {
    local dir="$1" quiet="${2:-}" pid i
    export SLURM_CONF="$dir/slurm.conf"
    # Jobs first, while slurmctld can still cancel them.
    if [ -n "$(live_pid "$dir/run/slurmctld.pid" slurmctld "$dir")" ] &&
        [ -n "$(live_pid "$dir/run/slurmd.pid" slurmd "$dir")" ]; then
        timeout "$CLIENT_TIMEOUT" scancel --quiet --partition=debug 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            [ -z "$(stepd_pids "$dir")" ] && break
            sleep 0.2
        done
    fi
    # All three at once: each takes a second or two to exit, and none needs
    # the others once the jobs are gone.
    stop_daemons "$dir" slurmd:"$dir/run/slurmd.pid" slurmctld:"$dir/run/slurmctld.pid" \
        munged:"$dir/munge/munged.pid"
    # Job steps that outlived slurmd (it was killed, or scancel failed).
    for pid in $(stepd_pids "$dir"); do
        if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = slurmstepd ]; then
            log "killing left-over slurmstepd $pid and the job processes under it"
            # shellcheck disable=SC2046 # word splitting wanted: a pid list
            kill -KILL $(descendants "$pid") "$pid" 2>/dev/null || true
        fi
    done
    local left
    left="$(running "$dir")"
    if [ -n "$left" ]; then
        echo "$PROG: still running after stop: $left" >&2
        return 1
    fi
    [ -n "$quiet" ] || log "stopped ($dir)"
}

cmd_stop() {
    need_root stop "$@"
    [ -n "${1:-}" ] || usage
    if [ ! -d "$1" ]; then
        return 0
    fi
    local dir
    dir="$(cd "$1" && pwd -P)"
    stop_all "$dir"
}

# ---------------------------------------------------------------- status

cmd_status() {
    [ -n "${1:-}" ] || usage
    [ -d "$1" ] || die "no cluster folder $1"
    local dir d
    dir="$(cd "$1" && pwd -P)"
    local all_up=1
    for d in munged slurmctld slurmd; do
        local pidfile="$dir/run/$d.pid"
        [ "$d" = munged ] && pidfile="$dir/munge/munged.pid"
        local pid
        pid="$(live_pid "$pidfile" "$d" "$dir")"
        if [ -n "$pid" ]; then
            echo "$d: running (pid $pid)"
        else
            echo "$d: not running"
            all_up=""
        fi
    done
    if [ -z "$all_up" ]; then
        return 1
    fi
    export SLURM_CONF="$dir/slurm.conf"
    timeout "$CLIENT_TIMEOUT" sinfo || true
    timeout "$CLIENT_TIMEOUT" squeue || true
}

cmd_env() {
    [ -n "${1:-}" ] || usage
    [ -f "$1/slurm.conf" ] || die "no $1/slurm.conf: start the cluster first"
    echo "export SLURM_CONF=$(cd "$1" && pwd -P)/slurm.conf"
}

cmd_logs() {
    [ -n "${1:-}" ] || usage
    [ -d "$1" ] || die "no cluster folder $1"
    print_logs "$(cd "$1" && pwd -P)"
}

case "${1:-}" in
install) shift; cmd_install "$@" ;;
start) shift; cmd_start "$@" ;;
stop) shift; cmd_stop "$@" ;;
status) shift; cmd_status "$@" ;;
env) shift; cmd_env "$@" ;;
logs) shift; cmd_logs "$@" ;;
*) usage ;;
esac
