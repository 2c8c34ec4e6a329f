import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report import ctn0094`, run as a process.
@Suite("outcome-report import ctn0094")
struct ImportCommandTests {
    /// The built `outcome-report` next to the test bundle.
    static var executable: URL {
        get throws {
            var folder = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = folder.appendingPathComponent("outcome-report")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "outcome-report near \(Bundle.main.bundleURL.path)"])
        }
    }

    /// Runs `outcome-report` with `arguments`; returns the exit status, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
                String(decoding: errorData, as: UTF8.self))
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
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.isEmpty)
        #expect(result.error.contains("Imported CTN-0094: 2492 of 3560 participants"))
        #expect(result.error.contains("visit.csv: 10785 — no study day (`when` empty)"))
        let written = try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted()
        #expect(written == ["IMPORT.md", "assessments.csv", "doses.csv", "patients.csv", "screens.csv", "visits.csv"])

        // A second run without --force refuses to overwrite; with --force it replaces.
        let again = try Self.run(["import", "ctn0094", "--from", datasetURL("ctn0094").path, "--to", destination.path])
        #expect(again.status == 1 && again.error.hasPrefix("error: ") && again.error.contains("--force"))
        let forced = try Self.run(
            ["import", "ctn0094", "--from", datasetURL("ctn0094").path, "--to", destination.path, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
    }

    @Test("A missing source folder is an error on standard error, exit 1, and nothing is written")
    func missingSource() throws {
        let scratch = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let missing = scratch.appendingPathComponent("nowhere").path
        let destination = scratch.appendingPathComponent("cohort").path
        let result = try Self.run(["import", "ctn0094", "--from", missing, "--to", destination])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("error: \(missing): no such folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test("Help names the subcommand and its options")
    func help() throws {
        let group = try Self.run(["import", "--help"])
        #expect(group.output.contains("ctn0094"))
        let command = try Self.run(["import", "ctn0094", "--help"])
        for text in ["--from <dir>", "--to <dir>", "--force", "docs/CTN0094.md"] {
            #expect(command.output.contains(text), "\(text)")
        }
    }
}
