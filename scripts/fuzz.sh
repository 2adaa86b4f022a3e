#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a set time.
#   scripts/fuzz.sh [SECONDS=60] [TARGET...]     (targets: FuzzSubmission FuzzRubric FuzzCSV FuzzPMatch)
# Seed corpora come from the repository's fixtures; new inputs and any crash land in
# .build-fuzz/corpus/TARGET and .build-fuzz/crashes/TARGET. A crash exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(FuzzSubmission FuzzRubric FuzzCSV FuzzPMatch)
work=.build-fuzz
# Every module is instrumented for coverage (the engine, the foundation and the wrappers, not only the targets).
swift build --package-path Fuzz --scratch-path "$work/build" -c debug -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address

seed() {
  local target=$1 corpus=$2
  mkdir -p "$corpus"
  case $target in
    FuzzSubmission) find Submissions Tests/EndToEndTests/Fixtures/cohort Tests/GraderCoreTests/Fixtures/ingest -type f \( -name '*.md' -o -name '*.txt' \) -size -64k -exec cp {} "$corpus"/ \; ;;
    FuzzRubric) find Tests Rubrics -name '*.xml' -size -256k -exec cp {} "$corpus"/ \; ;;
    FuzzCSV) find Tests -name '*.csv' -exec cp {} "$corpus"/ \; ;;
    FuzzPMatch) python3 scripts/pmatch_fuzz_seeds.py Tests/GraderCoreTests/Fixtures/pmatch "$corpus" ;;
  esac
}

status=0
for target in "${targets[@]}"; do
  corpus="$work/corpus/$target"
  crashes="$work/crashes/$target"
  mkdir -p "$crashes"
  [ -d "$corpus" ] || seed "$target" "$corpus"
  echo "== $target for ${seconds}s"
  if ! "$work/build/debug/$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=4096 -artifact_prefix="$crashes/" -print_final_stats=1 2>"$work/$target.log"; then
    echo "!! $target found a crash: see $crashes and $work/$target.log"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+.*DONE" "$work/$target.log" | tail -3 || true
done
exit $status
