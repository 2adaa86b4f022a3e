# Grader: the two commands README.md opens with, and the benchmark.
#   make grade   grade the sample cohort (Submissions/ with Rubrics/ into Reports/)
#   make test    run every test (unit and end-to-end)
#   make test-release   the review server's end-to-end tests against the release binary (CI)
#   make test-scale-out   docs/cohort.md's Slurm and GNU parallel recipes on a one-node cluster (root; CI)
#   make bench   grade synthetic cohorts of 2,000 and 20,000 candidates; throughput, peak RSS, stage times
#   make bench-vs-python   grader against scripts/reference_grader.py (plain Python re, a process pool) on 2,000 candidates, alternating
#   make bench-tune   time grader tune on 1,000 graded candidates, and --suggest on 1,000 answers of one question
#   make bench-cohort   rebuild the cohort report of a synthetic 10,000-candidate cohort, timing each stage
#   make bench-review   50 clients x 200 requests against grader review on the sample: correctness, p99 latency, server RSS
#   make validity   agreement with human scores on the real SAF answers (Benchmarks/saf/), raw and tuned rubrics
#   make validity-loop   the assessor's loop on SAF training: review 5-20 % (queue vs random), tune, re-grade

SWIFT ?= swift
CONFIG ?= release
BENCH_CANDIDATES ?= 2000 20000
BENCH_PAIRS ?= 5
COHORT_BENCH_CANDIDATES ?= 10000
COHORT_BENCH_DIR ?= /tmp/grader-cohort-bench

.PHONY: grade test test-tsan test-release test-scale-out bench-review build deps test-deps bench bench-vs-python bench-cohort bench-pmatch bench-tune fuzz sample-cohort validity validity-loop clean
FUZZ_SECONDS ?= 600

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product grader

grade: build
	$(SWIFT) run -c $(CONFIG) --skip-build grader grade Submissions --rubric Rubrics --out Reports

test-deps:
	@scripts/install-deps.sh test

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The whole suite under ThreadSanitizer, in its own build folder.
test-tsan: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan

# The end-to-end tests of grader review's signals and server again, on the release binary users
# run (the optimiser once dropped its signal handlers there only). After make test, the first build is a no-op.
REVIEW_TESTS ?= ReviewCommand|ReviewSignal|ReviewBadClient|ReviewTwoReviewers
test-release: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) build -c release --product grader
	GRADER_BINARY=$(CURDIR)/.build/release/grader $(SWIFT) test --skip-build --filter '$(REVIEW_TESTS)'

# libFuzzer targets for the submission reader, rubric loader, CSV reader and pmatch parser, FUZZ_SECONDS each.
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench: build
	scripts/bench.sh $(BENCH_CANDIDATES)

# Separate from bench: a different question (Grader against a floor, pairwise) and several more minutes.
bench-vs-python: build
	scripts/bench-vs-python.sh 2000 $(BENCH_PAIRS)

bench-cohort: build
	scripts/bench-cohort.sh $(COHORT_BENCH_CANDIDATES) $(COHORT_BENCH_DIR)

# grader tune on 1,000 graded candidates x 35 answers, and --suggest on 1,000 answers of one question.
bench-tune: build
	scripts/bench-tune.sh

# grader review under 50 concurrent clients x 200 requests on the sample (loopback only).
bench-review: deps
	$(SWIFT) build -c release --product grader
	python3 scripts/bench-review.py --grader .build/release/grader

# The scale-out recipes of docs/cohort.md run for real: a one-node Slurm cluster started by the script (as root)
# runs the job array over the sample, a shard killed mid-run is resubmitted, GNU parallel runs on this machine;
# each merged Reports/ must equal a single run byte for byte.
test-scale-out: build
	scripts/scale-out-check.sh .build/release/grader

bench-pmatch: deps
	$(SWIFT) build -c release --product pmatch-bench
	.build/release/pmatch-bench

# Converts the SAF splits into .build-validity/, tunes and measures through the release binary, prints the table.
validity: deps
	$(SWIFT) build -c release --product grader
	python3 scripts/saf_validity.py --grader .build/release/grader --work .build-validity

# Reviews SAF training in rounds of 5 % up to 20 % (the exported queue against a random order), tuning and
# re-grading after each, through the release binary; prints the queue's capture of wrong scores and the QWK table.
validity-loop: deps
	$(SWIFT) build -c release --product grader
	python3 scripts/saf_loop.py --grader .build/release/grader --work .build-validity-loop

sample-cohort:
	python3 scripts/make_sample_cohort.py

clean:
	rm -rf .build .build-validity .build-validity-loop Reports/candidates Reports/grades*.csv Reports/report.xsd Reports/cohort.xml Reports/cohort.xsd Reports/index.html
