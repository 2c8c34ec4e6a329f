import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report import ctn0094`, run as a process.
@Suite("outcome-report import ctn0094")
struct ImportCommandTests {
    static func run(_ arguments: [String]) throws -> CommandResult {
        try OutcomeReportProcess.run(arguments)
    }

    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("Importing the bundled tables writes the cohort and prints the summary to standard error")
    func success() throws {
        let scratch = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let destination = scratch.appendingPathComponent("cohort")
        let result = try Self.run(["import", "ctn0094", "--from", datasetURL("ctn0094").path, "--to", destination.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("Imported CTN-0094: 2492 of 3560 participants"))
        #expect(result.standardError.contains("visit.csv: 10785 — no study day (`when` empty)"))
        let written = try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted()
        #expect(written == [
            "IMPORT.md", "assessments.csv", "cohort.json", "doses.csv", "patients.csv", "screens.csv", "use_patterns.csv",
            "visits.csv",
        ])

        // A second run without --force refuses to overwrite; with --force it replaces.
        let again = try Self.run(["import", "ctn0094", "--from", datasetURL("ctn0094").path, "--to", destination.path])
        #expect(again.status == 1 && again.standardError.hasPrefix("error: ") && again.standardError.contains("--force"))
        let forced = try Self.run(
            ["import", "ctn0094", "--from", datasetURL("ctn0094").path, "--to", destination.path, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
    }

    @Test("A missing source folder is an error on standard error, exit 1, and nothing is written")
    func missingSource() throws {
        let scratch = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let missing = scratch.appendingPathComponent("nowhere").path
        let destination = scratch.appendingPathComponent("cohort").path
        let result = try Self.run(["import", "ctn0094", "--from", missing, "--to", destination])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("error: \(missing): no such folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test("Help names the subcommand and its options")
    func help() throws {
        let group = try Self.run(["import", "--help"])
        #expect(group.standardOutput.contains("ctn0094"))
        let command = try Self.run(["import", "ctn0094", "--help"])
        for text in ["--from <dir>", "--to <dir>", "--force", "docs/CTN0094.md"] {
            #expect(command.standardOutput.contains(text), "\(text)")
        }
    }
}
