// libFuzzer harness for FuzzInputs.numbersAndDates, built with -sanitize=fuzzer,address by `make fuzz` (docs/Fuzzing.md).
import FuzzDriver
import _FuzzInputs

FuzzDriver.run { FuzzInputs.numbersAndDates($0, scratch: $1) }
