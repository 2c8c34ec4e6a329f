import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report generate`, run as a process.
@Suite("outcome-report generate")
struct GenerateCommandTests {
    static let cohortFiles = ["patients.csv", "doses.csv", "dispensings.csv", "screens.csv", "visits.csv",
                              "assessments.csv", "episodes.csv"]

    /// Runs `outcome-report generate arguments…`.
    static func generate(_ arguments: [String]) throws -> CommandResult {
        try OutcomeReportProcess.run(["generate"] + arguments)
    }

    /// A folder path that does not exist yet, under a scratch folder removed by `body`'s caller.
    static func withScratch(_ body: (URL) throws -> Void) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("generate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try body(scratch)
    }

    @Test("Writes every cohort file and truth.json, prints the row counts, and is silent on a non-terminal stderr")
    func writesCohort() throws {
        try Self.withScratch { scratch in
            let out = scratch.appendingPathComponent("cohort")
            let result = try Self.generate(["--patients", "40", "--seed", "9", "--out", out.path])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardError.isEmpty, "unexpected stderr: \(result.standardError)")
            #expect(result.standardOutput.contains("Wrote 40 synthetic patients"))
            #expect(result.standardOutput.contains("patients.csv: 40 rows"))
            #expect(result.standardOutput.contains("episodes.csv: 40 rows"))
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            #expect(names == (Self.cohortFiles + ["truth.json"]).sorted())
            let truth = try String(contentsOf: out.appendingPathComponent("truth.json"), encoding: .utf8)
            #expect(truth.contains("\"patient_count\" : 40") && truth.contains("\"seed\" : 9"))
        }
    }

    @Test("Two runs with the same arguments give byte-identical folders")
    func deterministic() throws {
        try Self.withScratch { scratch in
            let first = scratch.appendingPathComponent("first")
            let second = scratch.appendingPathComponent("second")
            #expect(try Self.generate(["--patients", "60", "--seed", "4", "--out", first.path]).status == 0)
            #expect(try Self.generate(["--patients", "60", "--seed", "4", "--out", second.path]).status == 0)
            for name in Self.cohortFiles + ["truth.json"] {
                let a = try Data(contentsOf: first.appendingPathComponent(name))
                let b = try Data(contentsOf: second.appendingPathComponent(name))
                #expect(a == b, "\(name) differs")
            }
        }
    }

    @Test("--progress reports every 5% on stderr")
    func progress() throws {
        try Self.withScratch { scratch in
            let result = try Self.generate(
                ["--patients", "100", "--seed", "1", "--out", scratch.appendingPathComponent("c").path, "--progress"])
            #expect(result.status == 0)
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 20, "\(result.standardError)")
            #expect(lines.first == "generate: 5% (5 of 100 patients)")
            #expect(lines.last == "generate: 100% (100 of 100 patients)")
        }
    }

    @Test("A non-empty --out fails with a message naming it, unless --force")
    func refusesNonEmptyFolder() throws {
        try Self.withScratch { scratch in
            let out = scratch.appendingPathComponent("taken")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try Data("keep me".utf8).write(to: out.appendingPathComponent("notes.txt"))
            let refused = try Self.generate(["--patients", "5", "--seed", "1", "--out", out.path])
            #expect(refused.status == 1)
            #expect(refused.standardError.contains(out.path) && refused.standardError.contains("--force"), "\(refused.standardError)")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("patients.csv").path))

            let forced = try Self.generate(["--patients", "5", "--seed", "1", "--out", out.path, "--force"])
            #expect(forced.status == 0, "\(forced.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("patients.csv").path))
        }
    }

    @Test("Invalid arguments are rejected with a usage error")
    func invalidArguments() throws {
        try Self.withScratch { scratch in
            let out = scratch.appendingPathComponent("c").path
            let zero = try Self.generate(["--patients", "0", "--seed", "1", "--out", out])
            #expect(zero.status == 64 && zero.standardError.contains("--patients must be between 1"), "\(zero.standardError)")
            let negativeSeed = try Self.generate(["--patients", "3", "--seed", "-1", "--out", out])
            #expect(negativeSeed.status == 64)
            let missingOut = try Self.generate(["--patients", "3", "--seed", "1"])
            #expect(missingOut.status == 64 && missingOut.standardError.contains("--out"))
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("--generator-version 2 writes version 2.0.0 with its truth; other versions are usage errors")
    func generatorVersion() throws {
        try Self.withScratch { scratch in
            let out = scratch.appendingPathComponent("v2")
            let result = try Self.generate(
                ["--patients", "30", "--seed", "5", "--out", out.path, "--generator-version", "2"])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("generator 2.0.0"), "\(result.standardOutput)")
            let truth = try String(contentsOf: out.appendingPathComponent("truth.json"), encoding: .utf8)
            for text in ["\"generator_version\" : \"2.0.0\"", "\"log_hazard_ratio_per_session\" : -0.15",
                         "\"support_assignment\"", "\"support_against_alone\""] {
                #expect(truth.contains(text), "truth.json lacks \(text)")
            }
            let one = try Self.generate(
                ["--patients", "3", "--seed", "5", "--out", scratch.appendingPathComponent("v1").path])
            #expect(one.standardOutput.contains("generator 1.0.0"))
            let v3 = scratch.appendingPathComponent("v3").path
            let three = try Self.generate(["--patients", "3", "--seed", "1", "--out", v3, "--generator-version", "3"])
            #expect(three.status == 64 && three.standardError.contains("--generator-version must be 1 or 2"),
                    "\(three.standardError)")
        }
    }

    @Test("--help explains the options and the model briefly")
    func help() throws {
        let result = try Self.generate(["--help"])
        #expect(result.status == 0)
        for text in ["--patients", "--seed", "--out", "--force", "--progress", "truth.json", "byte-identical",
                     "Weibull", "docs/SyntheticCohort.md", "--generator-version", "confound"] {
            #expect(result.standardOutput.contains(text), "--help does not mention \(text)")
        }
    }
}
