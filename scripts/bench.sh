#!/usr/bin/env bash
# Benchmark: grade a deterministic synthetic cohort with --jobs 2 and print
# answers/s, MB/s, peak RSS and the per-stage profile.
#   scripts/bench.sh [CANDIDATES=2000] [FOLDER=/tmp/grader-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
candidates=${1:-2000}
folder=${2:-/tmp/grader-bench}
out="${folder}-reports"
binary=.build/release/grader
[ -x "$binary" ] || swift build -c release

count=$( (find "$folder" -maxdepth 1 -name 'b*.md' 2>/dev/null || true) | wc -l)
if [ "$count" -ne "$candidates" ]; then
  rm -rf "$folder"
  python3 scripts/make_bench_cohort.py "$candidates" "$folder"
fi
rm -rf "$out"

echo "Grading $candidates candidates from $folder with --jobs 2 (reports into $out)"
# Python's resource module reports the peak RSS of the finished child process.
python3 - "$binary" "$folder" "$out" <<'PY'
import resource, subprocess, sys, time
binary, folder, out = sys.argv[1:4]
start = time.monotonic()
run = subprocess.run([binary, "grade", folder, "--rubric", "Rubrics", "--out", out, "--jobs", "2", "--profile"],
                     stderr=subprocess.PIPE, text=True)
elapsed = time.monotonic() - start
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stderr.write(run.stderr)
print(f"wall time {elapsed:.2f} s, peak RSS {peak_mb:.0f} MB, exit {run.returncode}")
sys.exit(run.returncode)
PY
