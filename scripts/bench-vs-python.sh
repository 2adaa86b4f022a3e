#!/usr/bin/env bash
# Grader against a plain Python floor, in one run: grade the same synthetic cohort with
# `grader grade --jobs 2` (A) and `scripts/reference_grader.py --jobs 2` (B), alternating
# A B A B ..., and print each one's answers/s and the ratio A/B (issue 22's target: ≥ 5).
#   scripts/bench-vs-python.sh [CANDIDATES] [PAIRS]      default: 2000 5
# BENCH_DIR (default /tmp/grader-bench) holds the cohort, as for scripts/bench.sh.
#
# Why alternate, and why not hyperfine: on a machine shared with other work the speed drifts
# during a benchmark; a ratio taken pair by pair (A then B, back to back) cancels most of the
# drift, and the median of the pairs drops a lucky or unlucky pair. hyperfine times all runs
# of one command before the next, so its ratio mixes two different moments; this loop uses
# only Python's monotonic clock and runs wherever Grader builds.
# Each run is the whole process from outside (start-up, rubric load, every file written),
# into an output folder emptied before the run and not timed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
candidates=${1:-2000}
pairs=${2:-5}
folder="${BENCH_DIR:-/tmp/grader-bench}-$candidates"
binary=.build/release/grader
[ -x "$binary" ] || swift build -c release --product grader
ensure_bench_cohort "$candidates" "$folder" || true
echo "== $candidates candidates from $folder, --jobs 2, $pairs pairs (Grader, then the Python reference)"
python3 - "$binary" "$folder" "$pairs" <<'PY'
import re, resource, shutil, statistics, subprocess, sys, tempfile, time
binary, folder, pairs = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = tempfile.mkdtemp(prefix="grader-vs-python-")
rubric = "Rubrics/python-interview.xml"
commands = {
    "grader": lambda run: [binary, "grade", folder, "--rubric", rubric, "--out", f"{out}/grader-{run}", "--jobs", "2"],
    "python": lambda run: [sys.executable, "scripts/reference_grader.py", folder, rubric, f"{out}/python-{run}", "--jobs", "2"],
}
runs = 0

def cpu():
    """User + system seconds of the finished children (a process pool's workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

def run(name):
    # Each run writes into a folder of its own, deleted only at the end: on this VM's ext4 (no journal)
    # creating files right after deleting thousands costs the kernel a check per recently freed inode.
    global runs
    runs += 1
    start, used = time.monotonic(), cpu()
    done = subprocess.run(commands[name](runs), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(f"{name} failed ({done.returncode}):\n{done.stdout}")
    return (seconds, cpu() - used), done.stdout

# Answers: the reference counts the non-empty answers it read; Grader's rate uses the same
# count, so the two rates divide the same work.
_, printed = run("python")          # warm-up (file cache), not counted
answers = int(re.search(r"([0-9]+) answers", printed).group(1))
run("grader")
rows = []
for pair in range(1, pairs + 1):
    (a, a_cpu), _ = run("grader")
    (b, b_cpu), _ = run("python")
    rows.append((a, b, a_cpu, b_cpu))
    print(f"pair {pair}: grader {a:6.2f} s ({answers / a:8,.0f} answers/s, {a_cpu:5.1f} s CPU)   "
          f"python {b:6.2f} s ({answers / b:8,.0f} answers/s, {b_cpu:5.1f} s CPU)   ratio {b / a:5.2f} (CPU {b_cpu / a_cpu:4.2f})")
grader = statistics.median(r[0] for r in rows)
python = statistics.median(r[1] for r in rows)
ratio = statistics.median(r[1] / r[0] for r in rows)
cpu_ratio = statistics.median(r[3] / r[2] for r in rows)
print(f"median over {pairs} pairs, {answers:,} answers: grader {answers / grader:,.0f} answers/s, "
      f"python reference {answers / python:,.0f} answers/s; grader is {ratio:.2f}x the reference "
      f"(pairwise; min {min(r[1] / r[0] for r in rows):.2f}, max {max(r[1] / r[0] for r in rows):.2f}; target ≥ 5); "
      f"in CPU seconds (user + system) the reference takes {cpu_ratio:.2f}x Grader's")
shutil.rmtree(out, ignore_errors=True)
PY
