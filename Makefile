# Two commands from a fresh clone (each installs liblapack-dev when missing):
#   make report   prints the Markdown report on the bundled CTN-0094 cohort
#   make test     runs the test suite
.PHONY: report test lapack build release benchmark clean

lapack:
	@bash scripts/ensure-lapack.sh

report: lapack
	@swift build --product outcome-report >&2
	@.build/debug/outcome-report report --cohort datasets/ctn0094/cohort

test: lapack
	swift test

build: lapack
	swift build

release: lapack
	swift build -c release --product outcome-report

benchmark: lapack
	cd Benchmarks && swift package --disable-sandbox benchmark

clean:
	rm -rf .build Benchmarks/.build
