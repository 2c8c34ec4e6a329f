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

    /// `report --format csv` crashed on a full device (a `try!` on the file handle).
    @Test("report --format csv > /dev/full: exit 1, the reason on stderr, no crash")
    func reportToFullDevice() throws {
        let folder = try ReportCommandTests.CohortFolder()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let result = try OutcomeReportProcess.run(["report", "--cohort", folder.url.path, "--format", "csv"], standardOutput: full)
        #expect(!result.killedBySignal && result.status == 1)
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

    /// `km`, `logrank`, `cif` and `trend` printed CSV for `--format json`; `cox --ph-test` too.
    @Test("each command accepts only the formats it prints: --format json where only tables come out is a usage error")
    func formatsOffered() throws {
        let survival = ["--input", Self.aml, "--time", "time", "--event", "status"]
        let cif = ["cif", "--input", Self.aml, "--time", "time", "--status", "status"]
        for arguments in [["km"] + survival, ["logrank"] + survival + ["--group", "x"], cif,
                          ["cox"] + survival + ["--covariates", "x", "--ph-test"]] {
            // the same command with a table format runs: the refusal is about the format alone
            #expect(try OutcomeReportProcess.run(arguments + ["--format", "csv"]).status == 0, "\(arguments[0])")
            let result = try OutcomeReportProcess.run(arguments + ["--format", "json"])
            #expect(result.status == 64 && result.standardOutput.isEmpty, "\(arguments[0]): \(result.status)")
            #expect(result.standardError.contains("json") || result.standardError.contains("--ph-test"), "\(arguments[0])")
        }
        let markdown = try OutcomeReportProcess.run(["km"] + survival + ["--format", "markdown"])
        #expect(markdown.status == 0 && markdown.standardOutput.contains("\n| group | time |"))
    }

    /// `cox` on a header-only file printed an empty table with exit 0; R stops ("no observations").
    @Test("a header-only input: every model command exits 1 naming the file, nothing on standard output")
    func noRows() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).csv")
        try Data("time,status,x,y,g\n".utf8).write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let input = ["--input", empty.path]
        for arguments in [
            ["km"] + input + ["--time", "time", "--event", "status"],
            ["logrank"] + input + ["--time", "time", "--event", "status", "--group", "x"],
            ["cox"] + input + ["--time", "time", "--event", "status", "--covariates", "x"],
            ["cif"] + input + ["--time", "time", "--status", "status"],
            ["lmm"] + input + ["--outcome", "y", "--time", "time", "--group", "g"],
            ["logistic"] + input + ["--outcome", "status", "--covariates", "x"],
            ["trend"] + input + ["--outcome", "y", "--time", "time", "--group", "g"],
        ] {
            let result = try OutcomeReportProcess.run(arguments)
            #expect(result.status == 1 && result.standardOutput.isEmpty, "\(arguments[0]): \(result.status)")
            #expect(result.standardError.contains("has a header but no data rows"), "\(arguments[0]): \(result.standardError)")
        }
    }
}
