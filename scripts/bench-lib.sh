# Shared by the bench scripts (sourced, not run).

# ensure_bench_cohort N FOLDER: makes FOLDER the synthetic bench cohort of N candidates
# (scripts/make_bench_cohort.py) unless it already holds N candidate files. Succeeds (status 0)
# when it made the cohort now, fails (1) when the cohort was already there: a caller that keeps
# reports of the cohort removes them only when the cohort is new.
ensure_bench_cohort() {
  local candidates=$1 folder=$2 count
  count=$( (find "$folder" -maxdepth 1 -name 'b*.md' 2>/dev/null || true) | wc -l)
  [ "$count" -ne "$candidates" ] || return 1
  rm -rf "$folder"
  python3 scripts/make_bench_cohort.py "$candidates" "$folder"
}
