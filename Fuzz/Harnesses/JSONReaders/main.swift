// libFuzzer harness for FuzzInputs.jsonReaders, built with -sanitize=fuzzer,address by `make fuzz` (docs/Fuzzing.md).
import FuzzDriver
import _FuzzInputs

FuzzDriver.run { FuzzInputs.jsonReaders($0, scratch: $1) }
