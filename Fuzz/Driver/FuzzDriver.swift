// libFuzzer entry-point plumbing shared by every harness in this package (docs/Fuzzing.md). It lives here, not in
// `_FuzzInputs`: the test target links `_FuzzInputs` without libFuzzer, and `LLVMFuzzerRunDriver` exists only in a
// build with `-sanitize=fuzzer`.
import Foundation
import _FuzzInputs

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Starts libFuzzer on one harness's per-input function.
///
/// SwiftPM names an executable module's entry point `main` itself, so libFuzzer's own `main` never runs; each
/// harness's `main.swift` calls ``FuzzDriver/run(_:)`` instead, which hands the command line to libFuzzer through
/// `LLVMFuzzerRunDriver`. One harness per process, inputs one at a time on libFuzzer's thread.
public enum FuzzDriver {
    /// The harness's per-input function and its scratch folder. Set once by ``run(_:)`` before libFuzzer starts and
    /// read only from libFuzzer's callback: a C callback cannot capture a closure.
    nonisolated(unsafe) private static var input: ((UnsafeRawBufferPointer, URL) -> Void)?
    nonisolated(unsafe) private static var scratch: URL?

    /// Runs libFuzzer with the process's arguments, calling `input` with every input's bytes and a scratch folder
    /// of this process (``FuzzInputs/makeScratch()``), and exits with libFuzzer's status. An input must end without a
    /// crash, a hang or a sanitizer report; whatever `input` returns or throws internally is not a finding.
    public static func run(_ input: @escaping (UnsafeRawBufferPointer, URL) -> Void) -> Never {
        self.input = input
        scratch = FuzzInputs.makeScratch()
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, testOneInput))
    }

    /// libFuzzer's per-input callback (`LLVMFuzzerTestOneInput`'s signature).
    private static let testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { start, count in
        FuzzDriver.input!(UnsafeRawBufferPointer(start: start, count: count), FuzzDriver.scratch!)
        return 0
    }
}
