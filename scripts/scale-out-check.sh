#!/usr/bin/env bash
# Runs docs/cohort.md's scale-out recipes for real and checks that they give what one machine gives:
#   1. a one-node Slurm cluster (slurmctld and slurmd as root, proctrack/linuxproc, no cgroups, its own
#      munged, ports and state in a temporary folder) runs the job array exactly as the page writes it over
#      the sample, then the page's merge job; the merged Reports/ must equal a single run, byte for byte;
#   2. the GNU parallel recipe, on this machine (`-S 4/:` for the page's four hosts);
#   3. a shard killed mid-run (scancel --signal=KILL) on a 1,000-candidate bench cohort, resubmitted as the
#      page says: the merged result must again equal a single run.
# Needs root (slurmd runs jobs as their user; munged and the daemons are started here and stopped on exit).
#   scripts/scale-out-check.sh [GRADER]     GRADER defaults to .build/release/grader (built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

fail() { echo "scale-out: FAIL: $*" >&2; exit 1; }
note() { echo "scale-out: $*" >&2; }

[ "$(id -u)" -eq 0 ] || fail "needs root: slurmd and munged are started as root for a one-node cluster"
scripts/install-deps.sh scale-out

grader=${1:-.build/release/grader}
[ -x "$grader" ] || swift build -c release --product grader
grader=$(cd "$(dirname "$grader")" && pwd)/$(basename "$grader")

work=$(mktemp -d /tmp/grader-scale-out.XXXXXX)
cluster=$work/cluster
mkdir -p "$cluster"/{state,spool,log} "$work/bin"
ln -s "$grader" "$work/bin/grader"
export PATH="$work/bin:$PATH"

stop_cluster() {
  for daemon in slurmd slurmctld munged; do
    [ -f "$cluster/$daemon.pid" ] && kill "$(cat "$cluster/$daemon.pid")" 2>/dev/null || true
  done
  sleep 1
  for daemon in slurmd slurmctld munged; do
    [ -f "$cluster/$daemon.pid" ] && kill -9 "$(cat "$cluster/$daemon.pid")" 2>/dev/null || true
  done
}
cleanup() { stop_cluster; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

# --- the cluster ---------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ctld_port=$(free_port); slurmd_port=$(free_port)
node=$(hostname -s)
head -c 1024 /dev/urandom > "$cluster/munge.key"
chmod 600 "$cluster/munge.key"
/usr/sbin/munged --force --key-file="$cluster/munge.key" --socket="$cluster/munge.socket" \
  --pid-file="$cluster/munged.pid" --log-file="$cluster/log/munged.log" --seed-file="$cluster/munge.seed"
# CPUs are declared (config_overrides): the page asks 4 CPUs a task and the machine may have 2.
cat > "$cluster/slurm.conf" <<EOF
ClusterName=grader-scale-out
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$cluster/munge.socket
CredType=cred/munge
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdParameters=config_overrides
MinJobAge=600
# A merge whose array failed is cancelled, not left pending for ever.
SchedulerParameters=kill_invalid_depend
NodeName=$node CPUs=32 RealMemory=8000 State=UNKNOWN
PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$cluster/slurm.conf
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start (see $cluster/log/slurmctld.log)"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start (see $cluster/log/slurmd.log)"
for _ in $(seq 1 30); do
  sinfo -h -o %T 2>/dev/null | grep -qx idle && break
  sleep 1
done
sinfo -h -o %T | grep -qx idle || { cat "$cluster/log/slurmd.log" >&2; fail "the node did not become idle within 30 s"; }
note "one-node Slurm cluster up on $node (ports $ctld_port, $slurmd_port)"

# --- the recipes, as docs/cohort.md writes them --------------------------------------------------
# A fenced block of the page: the one holding MARK.
recipe() {
  python3 - "$root/docs/cohort.md" "$1" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read().split("\n")
blocks, block, inside = [], [], False
for line in text:
    if line.startswith("```"):
        if inside: blocks.append("\n".join(block) + "\n"); block = []
        inside = not inside
        continue
    if inside: block.append(line)
found = [b for b in blocks if sys.argv[2] in b]
if len(found) != 1: sys.exit(f"docs/cohort.md: expected one block holding {sys.argv[2]!r}, found {len(found)}")
sys.stdout.write(found[0])
PY
}
sbatch_script=$(recipe "#SBATCH")
merge_line=$(printf '%s\n' "$sbatch_script" | sed -n "s/^# when the array has finished: *//p")
resubmit_line=$(printf '%s\n' "$sbatch_script" | sed -n "s/^# a shard that failed: *//p")
[ -n "$merge_line" ] || fail "the Slurm recipe has no '# when the array has finished:' line"
[ -n "$resubmit_line" ] || fail "the Slurm recipe has no '# a shard that failed:' line"
parallel_line=$(recipe "parallel -S")

# Waits for every job of the cluster to leave the queue.
drain() {
  for _ in $(seq 1 600); do
    [ -z "$(squeue -h 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  fail "jobs still queued after 300 s: $(squeue)"
}

# Submits the page's job array in folder $1 and merges as the page says; prints the array's job id.
run_array() {
  (cd "$1" && printf '%s' "$sbatch_script" > grade.sbatch && sbatch --parsable grade.sbatch)
}
merge() {
  local folder=$1 job=$2
  local line=${merge_line//<jobid>/$job}
  # `sbatch --wait` blocks until the merge job has run and fails when it (or its dependency) did.
  (cd "$folder" && eval "${line/sbatch /sbatch --wait }") >/dev/null
}

same() {
  diff -r "$1" "$2" > "$work/diff.txt" || { head -20 "$work/diff.txt" >&2; fail "$3: the merged reports differ from a single run"; }
  note "$3: $(find "$1" -type f | wc -l) files, byte-identical to a single run"
}

# --- 1. Slurm, the sample --------------------------------------------------------------------------
sample=$work/sample
mkdir -p "$sample"
cp -r Submissions Rubrics "$sample/"
(cd "$sample" && grader grade Submissions --rubric Rubrics --out single --quiet)
job=$(run_array "$sample")
merge "$sample" "$job"
[ -f "$sample/Reports/cohort.xml" ] || fail "slurm: the merge job wrote no Reports/cohort.xml"
same "$sample/single" "$sample/Reports" "slurm job array over the sample"

# --- 2. GNU parallel, the sample, on this machine --------------------------------------------------
para=$work/parallel
mkdir -p "$para"
cp -r Submissions Rubrics "$para/"
line=${parallel_line//-S host1,host2,host3,host4/-S 4/:}
line=${line//--workdir \/shared\/course/--workdir $para}
[ "$line" != "$parallel_line" ] || fail "the parallel recipe no longer names host1..host4 and /shared/course"
(cd "$para" && bash -c "$line") || fail "the GNU parallel recipe failed"
same "$sample/single" "$para/Reports" "GNU parallel over the sample"

# The candidate reports in a reports folder (0 while the folder does not exist yet).
count_reports() { if [ -d "$1/candidates" ]; then find "$1/candidates" -name '*.xml' | wc -l; else echo 0; fi; }

# --- 3. Slurm, a shard killed mid-run and resubmitted ------------------------------------------------
bench=$work/bench
mkdir -p "$bench"
cp -r Rubrics "$bench/"
python3 scripts/make_bench_cohort.py 1000 "$bench/Submissions" > /dev/null
(cd "$bench" && grader grade Submissions --rubric Rubrics --out single --quiet --jobs 2)
job=$(run_array "$bench")
killed=""
for _ in $(seq 1 1200); do
  reports=$(count_reports "$bench/shards/1")
  if [ "$reports" -ge 3 ]; then
    scancel --signal=KILL "${job}_1" && killed=$reports
    break
  fi
  sleep 0.05
done
[ -n "$killed" ] || fail "shard 1 wrote no report to kill it after"
drain
finished=$(count_reports "$bench/shards/1")
expected=$(count_reports "$bench/single")
note "shard 1 killed after $killed reports; it has $finished when the array ends (of about $((expected / 8)))"
[ -f "$bench/shards/1/cohort.xml" ] && fail "shard 1 was killed, yet finished (make the bench cohort larger)"
resubmit=${resubmit_line//=K/=1}
again=$(cd "$bench" && eval "${resubmit/sbatch /sbatch --parsable }") || fail "the resubmission was refused"
merge "$bench" "$again"
same "$bench/single" "$bench/Reports" "slurm, shard 1 killed and resubmitted (1,000 candidates)"

echo "scale-out: 3 passed, 0 failed"
