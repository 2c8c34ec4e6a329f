// libFuzzer harness: built with -sanitize=fuzzer,address by `make fuzz` (docs/Fuzzing.md). SwiftPM names this
// module's entry point `main`, so libFuzzer's driver is started from here rather than from its own main.
import Foundation
import _FuzzInputs

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) let scratch = FuzzInputs.makeScratch()

/// One input, which must end without a crash or a sanitizer report.
let testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { start, count in
    FuzzInputs.csvTable(UnsafeRawBufferPointer(start: start, count: count), scratch: scratch)
    return 0
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv, testOneInput))
