// libFuzzer harness for FuzzInputs.csvTable, built with -sanitize=fuzzer,address by `make fuzz` (docs/Fuzzing.md).
import FuzzDriver
import _FuzzInputs

FuzzDriver.run { FuzzInputs.csvTable($0, scratch: $1) }
