# Two commands from a fresh clone (each installs what it needs when missing: liblapack-dev, and for the tests
# Chromium, which renders the HTML reports):
#   make report   prints the Markdown report on the bundled CTN-0094 cohort
#   make test     runs the test suite
.PHONY: report test test-disclosure lapack chromium build release benchmark fuzz fuzz-thread sanitize clean

lapack:
	@bash scripts/ensure-lapack.sh

chromium:
	@bash scripts/ensure-chromium.sh

report: lapack
	@swift build --product outcome-report >&2
	@.build/debug/outcome-report report --cohort datasets/ctn0094/cohort

test: lapack chromium
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
# $(call run-harness,build folder,harness,environment): one harness on its seeds and growing corpus; a crash, hang or
# sanitizer report prints the log's end, keeps the input in Fuzz/Crashes/<harness>/ and fails.
define run-harness
mkdir -p $(1)/corpus/$(2) Fuzz/Crashes/$(2); \
$(3) $(1)/release/Fuzz$(2) $(FUZZ_LIMIT) -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix=Fuzz/Crashes/$(2)/ $(1)/corpus/$(2) Fuzz/Corpus/$(2) \
  > $(1)/$(2).log 2>&1 || { tail -60 $(1)/$(2).log; echo "fuzz: $(2) FAILED" >&2; exit 1; }; \
echo "fuzz: $(2): $$(grep -E '^Done' $(1)/$(2).log)"
endef
fuzz: lapack
	cd Fuzz && swift build -c release --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
	@for harness in $(FUZZ_HARNESSES); do $(call run-harness,.build-fuzz,$$harness); done

# The cohort-loader harness built with ThreadSanitizer instead of AddressSanitizer (the loader reads its files in
# parallel); FUZZ_SECONDS and FUZZ_RUNS as for `fuzz`. A race report stops the run.
fuzz-thread: lapack
	cd Fuzz && swift build -c release --scratch-path ../.build-fuzz-tsan -Xswiftc -sanitize=fuzzer,thread -Xswiftc -use-ld=lld \
	  --product FuzzCohortLoader
	@$(call run-harness,.build-fuzz-tsan,CohortLoader,TSAN_OPTIONS=halt_on_error=1)

# The CSV reader and cohort loader tests (the loader reads its files in parallel) under ThreadSanitizer, then under
# AddressSanitizer with its leak check, each in a build folder of its own so that .build is untouched
# (docs/Fuzzing.md). A report fails. --disable-xctest: the tests use Swift Testing, and XCTest's runner, started
# for no test, leaks 144 bytes at its exit.
SANITIZE_FILTER ?= CohortLoader|CSVReader
sanitize: lapack
	swift test --scratch-path .build-tsan -Xswiftc -sanitize=thread --disable-xctest --filter '$(SANITIZE_FILTER)'
	swift test --scratch-path .build-asan -Xswiftc -sanitize=address --disable-xctest --filter '$(SANITIZE_FILTER)'

clean:
	rm -rf .build Benchmarks/.build .build-fuzz .build-fuzz-tsan .build-tsan .build-asan
