#!/usr/bin/env bash
# Benchmark: grade deterministic synthetic cohorts with --jobs 2, every report written, and
# print answers/s against the 20,000 target, MB/s, peak RSS, each stage's µs per answer
# beside its budget, and report bytes per submission byte; then how peak memory grew from
# the smallest cohort to the largest (the target: within 1.1x).
#   scripts/bench.sh [CANDIDATES...]      default: 2000 20000
# BENCH_DIR (default /tmp/grader-bench) holds the generated cohorts, one folder per size.
# Stage times are each stage's wall-clock intervals summed over both workers (--profile):
# on a machine shared with other work they grow with the load, like answers/s.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2000 20000)
base=${BENCH_DIR:-/tmp/grader-bench}
binary=.build/release/grader
[ -x "$binary" ] || swift build -c release --product grader

results=()
for candidates in "${sizes[@]}"; do
  folder="$base-$candidates"
  out="$folder-reports"
  ensure_bench_cohort "$candidates" "$folder" || true
  if [ -e "$out" ]; then
    rm -rf "$out"
    sync   # the previous run's reports are on disk, not still being written back during this one
    # ext4 without a journal (this VM's disk) checks, for each inode it hands out, whether it was freed
    # in the last 30 s, reading that inode's block: creating 4,000 reports right after deleting the
    # last run's cost a quarter of the run's time in the kernel. Wait until the freed inodes are old.
    sleep 31
  fi
  echo "== $candidates candidates from $folder, --jobs 2, reports into $out"
  # Python's resource module reports the peak RSS of the finished child process.
  line=$(python3 - "$binary" "$folder" "$out" <<'PY'
import os, re, resource, subprocess, sys, time
binary, folder, out = sys.argv[1:4]
# Per-answer budgets (µs, summed over workers) from issue 13: together they allow 20,000 answers/s on two cores.
BUDGETS = {"ingest": 5, "normalise": 10, "profile": 8, "match": 40, "report": 20, "cohort": 10}
TARGET_ANSWERS_PER_SECOND = 20_000
TARGET_REPORT_RATIO = 3.0
start = time.monotonic()
run = subprocess.run([binary, "grade", folder, "--rubric", "Rubrics", "--out", out, "--jobs", "2", "--profile"],
                     stderr=subprocess.PIPE, text=True)
elapsed = time.monotonic() - start
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stderr.write(run.stderr)
# The same command again, nothing changed: every candidate is kept (the target: at most a quarter of the first run).
again_start = time.monotonic()
again = subprocess.run([binary, "grade", folder, "--rubric", "Rubrics", "--out", out, "--jobs", "2"], stderr=subprocess.PIPE, text=True)
again_elapsed = time.monotonic() - again_start
graded = re.search(r"([0-9]+) answers \(([0-9.]+) MB\) in ([0-9.]+) s", run.stderr)
if graded:
    answers, megabytes, seconds = int(graded.group(1)), float(graded.group(2)), float(graded.group(3))
    rate = answers / seconds if seconds > 0 else 0
    met = "met" if rate >= TARGET_ANSWERS_PER_SECOND else "NOT met"
    sys.stderr.write(f"answer text read: {megabytes / seconds:.2f} MB/s\n")
    sys.stderr.write(f"throughput: {rate:,.0f} answers/s (target {TARGET_ANSWERS_PER_SECOND:,}: {met})\n")
    sys.stderr.write("stage       µs/answer   budget\n")
    total = 0.0
    for stage, budget in BUDGETS.items():
        found = re.search(rf"^\s+{stage}\s+([0-9.]+) ms$", run.stderr, re.M)
        if not found:
            continue
        micros = float(found.group(1)) * 1000 / answers
        total += micros
        sys.stderr.write(f"  {stage:<9} {micros:9.1f}   ≤ {budget:<4} {'ok' if micros <= budget else 'over'}\n")
    sys.stderr.write(f"  {'all':<9} {total:9.1f}   ≤ {sum(BUDGETS.values()):<4} {'ok' if total <= sum(BUDGETS.values()) else 'over'}\n")
share = again_elapsed / elapsed if elapsed > 0 else 0
kept = re.search(r"Reused the reports of ([0-9]+)", again.stderr)
sys.stderr.write(f"unchanged re-run: {again_elapsed:.2f} s = {share:.0%} of the first run's {elapsed:.2f} s, "
                 f"{kept.group(1) if kept else 0} candidates kept, exit {again.returncode} (target ≤ 25%: {'met' if share <= 0.25 else 'NOT met'})\n")

def size(path):
    """Apparent bytes of every file under path."""
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)

submitted, reports = size(folder), size(os.path.join(out, "candidates"))
if submitted:
    ratio = reports / submitted
    sys.stderr.write(f"report bytes (candidates' XML + HTML) per submission byte: {reports / 1e6:.1f} MB / {submitted / 1e6:.1f} MB"
                     f" = {ratio:.2f} (target ≤ {TARGET_REPORT_RATIO:g})\n")
    whole = size(out)
    cache = sum(os.path.getsize(os.path.join(out, name)) for name in os.listdir(out) if name.startswith("digests"))
    sys.stderr.write(f"the whole folder: {whole / 1e6:.1f} MB = {whole / submitted:.2f}x, of which the digest cache "
                     f"{cache / 1e6:.1f} MB = {cache / submitted:.2f}x and review-index.bin "
                     f"{os.path.getsize(os.path.join(out, 'review-index.bin')) / 1e6:.1f} MB\n")
print(f"{elapsed:.2f} {peak_mb:.1f} {run.returncode}")
PY
)
  read -r seconds peak status <<<"$line"
  echo "wall time $seconds s, peak RSS $peak MB, exit $status"
  [ "$status" -eq 0 ] || exit "$status"
  results+=("$candidates $seconds $peak")
done

if [ ${#results[@]} -gt 1 ]; then
  read -r first_n _ first_peak <<<"${results[0]}"
  read -r last_n _ last_peak <<<"${results[-1]}"
  python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); r = b / a; print(f'peak RSS at {sys.argv[4]} candidates is {r:.2f}x the peak at {sys.argv[3]} (target: within 1.1x: {\"met\" if r <= 1.1 else \"NOT met\"})')" \
    "$first_peak" "$last_peak" "$first_n" "$last_n"
fi
