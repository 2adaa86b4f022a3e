#!/usr/bin/env bash
# Benchmark of the cohort stage: grade a deterministic synthetic cohort (its reports kept
# between runs, and reused), then rebuild its cohort report from the XML reports alone with --profile, which
# prints the time spent reading the reports, on statistics and on similar answers.
#   scripts/bench-cohort.sh [CANDIDATES=10000] [FOLDER=/tmp/grader-cohort-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
candidates=${1:-10000}
folder=${2:-/tmp/grader-cohort-bench}
out="${folder}-reports"
binary=.build/release/grader
[ -x "$binary" ] || swift build -c release --product grader

if ensure_bench_cohort "$candidates" "$folder"; then rm -rf "$out"; fi
# Incremental: reports kept from an earlier run are reused unless they are of an older
# format or another rubric (which grader cohort would refuse), so this is quick after the first time.
echo "Grading $candidates candidates (reports into $out, reused where they still stand)"
"$binary" grade "$folder" --rubric Rubrics --out "$out" --jobs 2 --quiet || [ $? -eq 1 ]
echo "Rebuilding the cohort report of $candidates candidates from $out/candidates/*.xml with --jobs 2"
python3 - "$binary" "$out" <<'PY'
import resource, subprocess, sys, time
binary, out = sys.argv[1:3]
start = time.monotonic()
run = subprocess.run([binary, "cohort", out, "--jobs", "2", "--profile"], stderr=subprocess.PIPE, text=True)
elapsed = time.monotonic() - start
sys.stderr.write(run.stderr)
print(f"wall time {elapsed:.2f} s, peak RSS {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB, exit {run.returncode}")
sys.exit(run.returncode)
PY
