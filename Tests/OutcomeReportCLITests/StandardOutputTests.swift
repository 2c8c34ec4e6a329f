import Foundation
import Testing
import _OutcomeTestSupport

/// Issue 12: every write to standard output is checked. A failed write (`> /dev/full`) exits 1 with `error: cannot
/// write to standard output`; a reader that went away (`| head`) ends the command quietly.
@Suite("standard output is checked (runs the binary)")
struct StandardOutputTests {
    static let aml = datasetURL("reference/retention/aml.csv").path

    /// Commands that print a table, a plan, a report and a catalogue; each was exit 0 (or a crash) on a full disk.
    static let commands: [[String]] = [
        ["km", "--input", aml, "--time", "time", "--event", "status"],
        ["cox", "--input", aml, "--time", "time", "--event", "status", "--covariates", "x"],
        ["plan"],
        ["endpoints", "--list"],
        ["validate", "--cohort", datasetURL("ctn0094/cohort").path],
    ]

    @Test("> /dev/full: exit 1 and the reason on standard error", arguments: commands)
    func fullDevice(_ arguments: [String]) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let result = try OutcomeReportProcess.run(arguments, standardOutput: full)
        #expect(!result.killedBySignal && result.status == 1, "\(arguments[0]): \(result.status)")
        #expect(result.standardError.contains("error: cannot write to standard output: No space left on device"))
    }

    @Test("a closed pipe (as with | head) ends the command quietly")
    func closedPipe() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let result = try OutcomeReportProcess.run(["endpoints", "--list"], standardOutput: pipe.fileHandleForWriting)
        // status 0 after EPIPE, or the quiet SIGPIPE of a tool that does not ignore it; never an error message
        #expect((result.status == 0 && !result.killedBySignal) || (result.killedBySignal && result.status == SIGPIPE))
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }
}
