#!/usr/bin/env bash
# Start a single-node Slurm on this machine for the Slurm tests: munged, slurmctld and slurmd, with job
# completion records written to a text file the engine watches. Idempotent: a second run finds the
# daemons up and the node idle and returns. Installs nothing: expects Debian's slurm-wlm and munge.
# Run as root. Prints the job-completion file's path on its last line of output.
#
# Environment (all optional):
#   VRS_SLURM_DIR        state, spool, logs and the job-completion file (default /var/lib/vrs-slurm)
#   VRS_SLURM_TIMEOUT_S  how long to wait for the node to become idle (default 60)
#   VRS_SLURM_MEMORY_ENFORCEMENT  cgroup | jobacct (default: cgroup when this machine lets Slurm
#                        create cgroup-v1 memory and freezer groups, otherwise jobacct)
set -euo pipefail

slurm_dir="${VRS_SLURM_DIR:-/var/lib/vrs-slurm}"
timeout_s="${VRS_SLURM_TIMEOUT_S:-60}"
jobcomp="$slurm_dir/jobcomp.log"
conf=/etc/slurm/slurm.conf

fail() { echo "start-single-node-slurm: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "must run as root (it writes /etc/slurm and /etc/munge and starts daemons)"
for cmd in munged slurmctld slurmd sinfo scontrol; do
  command -v "$cmd" >/dev/null 2>&1 \
    || fail "'$cmd' not found: install the Debian packages first: apt-get install -y --no-install-recommends slurm-wlm munge"
done

# A daemon is running when the process its pid file names is alive and has its name (pids recycle).
pid_file_of() {
  case "$1" in
    munged) echo /run/munge/munged.pid ;;
    *) echo "$slurm_dir/$1.pid" ;;
  esac
}
running() {
  local pid_file pid
  pid_file="$(pid_file_of "$1")"
  [ -s "$pid_file" ] || return 1
  pid="$(cat "$pid_file")"
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ]
}

# munge: a shared secret authenticates every Slurm message, so it must exist before the daemons start.
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  head -c 1024 /dev/urandom > /etc/munge/munge.key
fi
chown munge:munge /etc/munge/munge.key
chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! running munged; then
  # --force: a stale socket left by a killed munged would otherwise stop it from starting.
  su -s /bin/sh munge -c 'munged --force'
fi

host="$(hostname -s)"
cpus="$(nproc)"
free_mb="$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo)"
real_mb=$((free_mb - 1024))
[ "$real_mb" -gt 512 ] || fail "only ${free_mb} MB of memory available; need more than 1.5 GB"

mkdir -p "$slurm_dir/state" "$slurm_dir/spool" "$slurm_dir/log" /etc/slurm
touch "$jobcomp"

# Memory enforcement. Preferred: task/cgroup on a cgroup-v1 hierarchy, where the kernel kills a job at
# its --mem and slurmctld marks it OUT_OF_MEMORY (Reason=OutOfMemory, ExitCode 0:125). Slurm 22.05's
# cgroup-v2 plugin needs systemd, which containers lack, so where v1 groups cannot be created fall back
# to jobacct_gather/linux with OverMemoryKill: slurmstepd samples each task's RSS every second and
# kills a step above the job's --mem; the job then ends FAILED with ExitCode 0:9 and its stderr says
# "Exceeded job memory limit" (the engine recognises both).
cgroup_v1_usable() {
  [ "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)" = tmpfs ] || return 1
  local probe
  for controller in memory freezer; do
    probe="/sys/fs/cgroup/$controller/vrs_probe_$$"
    mkdir "$probe" 2>/dev/null || return 1
    rmdir "$probe"
  done
}
enforcement="${VRS_SLURM_MEMORY_ENFORCEMENT:-}"
if [ -z "$enforcement" ]; then
  if cgroup_v1_usable; then enforcement=cgroup; else enforcement=jobacct; fi
fi
case "$enforcement" in
  cgroup)
    memory_conf="ProctrackType=proctrack/cgroup
TaskPlugin=task/cgroup
JobAcctGatherType=jobacct_gather/cgroup"
    cgroup_conf="CgroupPlugin=cgroup/v1
CgroupMountpoint=/sys/fs/cgroup
ConstrainRAMSpace=yes
ConstrainSwapSpace=yes
ConstrainCores=no
ConstrainDevices=no" ;;
  jobacct)
    memory_conf="ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherParams=OverMemoryKill
JobAcctGatherFrequency=task=1"
    cgroup_conf="" ;;
  *) fail "VRS_SLURM_MEMORY_ENFORCEMENT must be cgroup or jobacct, not '$enforcement'" ;;
esac

new_conf="$(cat <<CONF
# Written by scripts/slurm/start-single-node-slurm.sh for host $host; rewritten on every run.
ClusterName=vrs
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
StateSaveLocation=$slurm_dir/state
SlurmdSpoolDir=$slurm_dir/spool
SlurmctldLogFile=$slurm_dir/log/slurmctld.log
SlurmdLogFile=$slurm_dir/log/slurmd.log
SlurmctldPidFile=$slurm_dir/slurmctld.pid
SlurmdPidFile=$slurm_dir/slurmd.pid
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
$memory_conf
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$jobcomp
MinJobAge=600
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1
MpiDefault=none
MailProg=/bin/true
NodeName=$host CPUs=$cpus RealMemory=$real_mb State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
)"

# Compare without the memory figure: free memory drifts between runs, and rewriting the file for that
# alone would force a restart of daemons that other tests may be using.
strip_mem() { sed 's/ RealMemory=[0-9]*//'; }
conf_changed=1
if [ -f "$conf" ] && [ "$(strip_mem < "$conf")" = "$(printf '%s\n' "$new_conf" | strip_mem)" ]; then
  conf_changed=0
else
  printf '%s\n' "$new_conf" > "$conf"
fi
cgroup_file=/etc/slurm/cgroup.conf
if [ -n "$cgroup_conf" ]; then
  if [ ! -f "$cgroup_file" ] || [ "$(cat "$cgroup_file")" != "$cgroup_conf" ]; then
    printf '%s\n' "$cgroup_conf" > "$cgroup_file"
    conf_changed=1
  fi
elif [ -f "$cgroup_file" ]; then
  rm -f "$cgroup_file"
fi

if [ "$conf_changed" = 1 ]; then
  # New settings take effect only on a fresh start.
  for daemon in slurmd slurmctld; do
    if running "$daemon"; then
      kill "$(cat "$(pid_file_of "$daemon")")" || true
      for _ in $(seq 50); do running "$daemon" || break; sleep 0.1; done
    fi
  done
fi

if ! running slurmctld; then slurmctld; fi
if ! running slurmd; then slurmd; fi

deadline=$((SECONDS + timeout_s))
state=""
while :; do
  state="$(sinfo -h -n "$host" -o '%T' 2>/dev/null | head -n1 || true)"
  case "$state" in
    idle|mixed|allocated|completing) break ;;
    down*|drain*)
      scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true ;;
  esac
  if [ "$SECONDS" -ge "$deadline" ]; then
    fail "the node '$host' is not idle after ${timeout_s} s (sinfo says '${state:-nothing}'); see $slurm_dir/log/slurmctld.log and $slurm_dir/log/slurmd.log"
  fi
  sleep 0.5
done

real_mb="$(sed -n "s/.* RealMemory=\([0-9]*\).*/\1/p" "$conf")"
echo "Slurm is up on $host ($cpus CPUs, ${real_mb} MB, memory limits enforced by $enforcement); node state: $state"
echo "$jobcomp"
