#!/usr/bin/env bash
# Benchmark of `grader tune` (release build, --jobs 2), the targets of issue 12:
#   1,000 graded candidates x 35 answers, no --suggest: <= 2 s;
#   --suggest 5 on 1,000 answers of one question: <= 10 s.
# Human grades are made from the rubric's own scores with deterministic noise and a
# lenient marker's offset, so the fit has something to learn; the figures are times, not agreement.
#   scripts/bench-tune.sh [CANDIDATES]    default 1000
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
candidates=${1:-1000}
base=${BENCH_DIR:-/tmp/grader-bench}
folder="$base-$candidates"
binary=.build/release/grader
[ -x "$binary" ] || swift build -c release --product grader
ensure_bench_cohort "$candidates" "$folder" || true
work=$(mktemp -d /tmp/grader-bench-tune.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$binary" grade "$folder" --rubric Rubrics --out "$work/graded" --jobs 2 --quiet || true
python3 - "$work/graded/grades.csv" "$work/human.csv" "$work/human-q07.csv" <<'PY'
import csv, random, sys
source, every, one = sys.argv[1:4]
rows = list(csv.DictReader(open(source, encoding="utf-8")))
questions = [c for c in rows[0] if c.startswith("q") and c[1:].isdigit()]
rng = random.Random(12)
with open(every, "w", newline="") as a, open(one, "w", newline="") as b:
    wa, wb = csv.writer(a), csv.writer(b)
    wa.writerow(["id"] + questions)
    wb.writerow(["id", "q07"])
    for row in rows:
        marks = []
        for q in questions:
            score = float(row[q] or 0)
            marks.append(str(max(0, min(10, round(score * 0.8 + 1 + rng.choice([-1, 0, 0, 1]))))))
        wa.writerow([row["id"]] + marks)
        wb.writerow([row["id"], marks[questions.index("q07")]])
PY
echo "== grader tune: $candidates candidates x 35 questions, --jobs 2 (target <= 2 s)"
/usr/bin/time -f "%e s wall, %U s user, %M KB peak" "$binary" tune "$folder" --rubric Rubrics/python-interview.xml \
  --graded "$work/human.csv" --out "$work/tune" --jobs 2 --quiet
echo "== grader tune --suggest 5: $candidates answers of q07, --jobs 2 (target <= 10 s)"
/usr/bin/time -f "%e s wall, %U s user, %M KB peak" "$binary" tune "$folder" --rubric Rubrics/python-interview.xml \
  --graded "$work/human-q07.csv" --out "$work/tune-suggest" --jobs 2 --suggest 5 --quiet
grep -c "<suggestion " "$work/tune-suggest/tune.xml" | sed 's/^/suggestions found: /' || true
