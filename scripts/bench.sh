#!/usr/bin/env bash
# Benchmark: grade deterministic synthetic cohorts with --jobs 2, every report written, and
# print answers/s, MB/s, peak RSS and the per-stage profile of each, then how peak memory
# grew from the smallest cohort to the largest (the target: within 1.1x).
#   scripts/bench.sh [CANDIDATES...]      default: 2000 20000
# BENCH_DIR (default /tmp/grader-bench) holds the generated cohorts, one folder per size.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2000 20000)
base=${BENCH_DIR:-/tmp/grader-bench}
binary=.build/release/grader
[ -x "$binary" ] || swift build -c release

results=()
for candidates in "${sizes[@]}"; do
  folder="$base-$candidates"
  out="$folder-reports"
  count=$( (find "$folder" -maxdepth 1 -name 'b*.md' 2>/dev/null || true) | wc -l)
  if [ "$count" -ne "$candidates" ]; then
    rm -rf "$folder"
    python3 scripts/make_bench_cohort.py "$candidates" "$folder"
  fi
  rm -rf "$out"
  sync   # the previous run's reports are on disk, not still being written back during this one
  echo "== $candidates candidates from $folder, --jobs 2, reports into $out"
  # Python's resource module reports the peak RSS of the finished child process.
  line=$(python3 - "$binary" "$folder" "$out" <<'PY'
import resource, subprocess, sys, time
binary, folder, out = sys.argv[1:4]
start = time.monotonic()
run = subprocess.run([binary, "grade", folder, "--rubric", "Rubrics", "--out", out, "--jobs", "2", "--profile"],
                     stderr=subprocess.PIPE, text=True)
elapsed = time.monotonic() - start
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stderr.write(run.stderr)
import re
graded = re.search(r"answers \(([0-9.]+) MB\) in ([0-9.]+) s", run.stderr)
if graded:
    sys.stderr.write(f"answer text read: {float(graded.group(1)) / float(graded.group(2)):.2f} MB/s\n")
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
  python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'peak RSS at {sys.argv[4]} candidates is {b / a:.2f}x the peak at {sys.argv[3]} (target: within 1.1x)')" \
    "$first_peak" "$last_peak" "$first_n" "$last_n"
fi
