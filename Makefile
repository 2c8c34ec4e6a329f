# Two commands from a fresh clone (each installs liblapack-dev when missing):
#   make report   prints the Markdown report on the bundled CTN-0094 cohort
#   make test     runs the test suite
.PHONY: report test test-disclosure lapack build release benchmark fuzz clean

lapack:
	@bash scripts/ensure-lapack.sh

report: lapack
	@swift build --product outcome-report >&2
	@.build/debug/outcome-report report --cohort datasets/ctn0094/cohort

test: lapack
	swift test

# The disclosure attacker over all nine synthetic cohorts (several minutes; `make test` attacks one).
test-disclosure: lapack
	DISCLOSURE_ATTACK_ALL=1 swift test --filter DisclosureAttackTests

build: lapack
	swift build

release: lapack
	swift build -c release --product outcome-report

benchmark: lapack
	cd Benchmarks && swift package --disable-sandbox benchmark

# libFuzzer + AddressSanitizer on the CSV reader, the cohort loader, the JSON readers and the number and date
# parsers (docs/Fuzzing.md). FUZZ_SECONDS per harness (default 60); FUZZ_RUNS instead bounds the executions;
# FUZZ_HARNESSES picks some of them.
FUZZ_SECONDS ?= 60
FUZZ_HARNESSES ?= CSVTable CohortLoader JSONReaders NumbersAndDates
FUZZ_LIMIT = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))
fuzz: lapack
	cd Fuzz && swift build -c release --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
	@for harness in $(FUZZ_HARNESSES); do \
	  mkdir -p .build-fuzz/corpus/$$harness Fuzz/Crashes/$$harness; \
	  .build-fuzz/release/Fuzz$$harness $(FUZZ_LIMIT) -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
	    -artifact_prefix=Fuzz/Crashes/$$harness/ .build-fuzz/corpus/$$harness Fuzz/Corpus/$$harness \
	    > .build-fuzz/$$harness.log 2>&1 || { tail -60 .build-fuzz/$$harness.log; echo "fuzz: $$harness FAILED" >&2; exit 1; }; \
	  echo "fuzz: $$harness: $$(grep -E '^Done' .build-fuzz/$$harness.log)"; \
	done

clean:
	rm -rf .build Benchmarks/.build .build-fuzz
