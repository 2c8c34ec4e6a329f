// libFuzzer harness for FuzzInputs.cohortFolder, built with -sanitize=fuzzer,address by `make fuzz` (docs/Fuzzing.md).
import FuzzDriver
import _FuzzInputs

FuzzDriver.run { FuzzInputs.cohortFolder($0, scratch: $1) }
