#!/usr/bin/env bash
# Everything Grader writes for the bundled sample, in one folder, so a refactoring can show with
# `diff -r` that no byte changed: the graded reports (candidate XML and pages, cohort.xml, the
# cohort pages, gradebooks), shards merged by `cohort`, tune's report and tuned rubric with
# suggestions, check's and try's output, and review's exported queue.
# usage: scripts/output-snapshot.sh GRADER OUT_DIR    (run from the repository's root)
set -euo pipefail
grader=$(realpath "$1"); out=$(realpath -m "$2")
rm -rf "$out"; mkdir -p "$out"
"$grader" grade Submissions --rubric Rubrics --out "$out/reports" --jobs 2 > "$out/grade.stdout" 2> "$out/grade.stderr" || echo "grade: $?" >> "$out/status"
for k in 1 2; do
    "$grader" grade Submissions --rubric Rubrics --shard "$k/2" --out "$out/shards/$k" > /dev/null 2>&1 || echo "shard $k: $?" >> "$out/status"
done
"$grader" cohort "$out"/shards/* --out "$out/merged" > "$out/cohort.stdout" 2>&1 || echo "cohort: $?" >> "$out/status"
"$grader" tune --rubric Rubrics/python-interview.xml --graded Rubrics/python-interview.human-grades.csv \
    --suggest 3 --write-rubric "$out/tuned.xml" --out "$out/tune" > "$out/tune.stdout" 2>&1 || echo "tune: $?" >> "$out/status"
"$grader" check Rubrics > "$out/check.stdout" 2>&1 || echo "check: $?" >> "$out/status"
printf 'Reference counting and a cyclic collector.\n\nit uses garbage collection\n' \
    | "$grader" try --rubric Rubrics --question q02 > "$out/try.stdout" 2>&1 || echo "try: $?" >> "$out/status"
"$grader" review "$out/reports" --export-queue "$out/queue.csv" > /dev/null 2>&1 || echo "review: $?" >> "$out/status"
# What differs from run to run and is not behaviour: the output folder's own path, and timings.
grep -rlF "$out" "$out" | xargs -r sed -i "s|$out|OUT|g"
sed -i -E 's/ in [0-9.]+ s/ in T s/; s/[0-9]+ answers\/s/N answers\/s/' "$out"/*.stdout "$out"/*.stderr
echo "snapshot in $out"
