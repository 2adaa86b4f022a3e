# Grader: the two commands README.md opens with, and the benchmark.
#   make grade   grade the sample cohort (Submissions/ with Rubrics/ into Reports/)
#   make test    run every test (unit and end-to-end)
#   make bench   grade a synthetic 2,000-candidate cohort and print throughput and peak RSS

SWIFT ?= swift
CONFIG ?= release
BENCH_CANDIDATES ?= 2000
BENCH_DIR ?= /tmp/grader-bench

.PHONY: grade test build deps bench bench-pmatch sample-cohort clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

grade: build
	$(SWIFT) run -c $(CONFIG) --skip-build grader grade Submissions --rubric Rubrics --out Reports

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	scripts/bench.sh $(BENCH_CANDIDATES) $(BENCH_DIR)

bench-pmatch: deps
	$(SWIFT) build -c release --product pmatch-bench
	.build/release/pmatch-bench

sample-cohort:
	python3 scripts/make_sample_cohort.py

clean:
	rm -rf .build Reports/candidates Reports/grades.csv Reports/report.xsd
