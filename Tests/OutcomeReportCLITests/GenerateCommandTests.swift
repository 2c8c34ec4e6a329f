import Foundation
import Testing

/// `outcome-report generate`, run as a process.
@Suite("outcome-report generate")
struct GenerateCommandTests {
    static let cohortFiles = ["patients.csv", "doses.csv", "dispensings.csv", "screens.csv", "visits.csv",
                              "assessments.csv", "episodes.csv"]

    /// The built `outcome-report` next to the test bundle.
    static func executable() throws -> URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("outcome-report")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "outcome-report near \(Bundle.main.bundleURL.path)"])
    }

    /// Runs `outcome-report generate` with `arguments`; returns the exit status, standard output and standard error.
    static func generate(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["generate"] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
                String(decoding: errorData, as: UTF8.self))
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
            #expect(result.status == 0, "\(result.error)")
            #expect(result.error.isEmpty, "unexpected stderr: \(result.error)")
            #expect(result.output.contains("Wrote 40 synthetic patients"))
            #expect(result.output.contains("patients.csv: 40 rows"))
            #expect(result.output.contains("episodes.csv: 40 rows"))
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
            let lines = result.error.split(separator: "\n")
            #expect(lines.count == 20, "\(result.error)")
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
            #expect(refused.error.contains(out.path) && refused.error.contains("--force"), "\(refused.error)")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("patients.csv").path))

            let forced = try Self.generate(["--patients", "5", "--seed", "1", "--out", out.path, "--force"])
            #expect(forced.status == 0, "\(forced.error)")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("patients.csv").path))
        }
    }

    @Test("Invalid arguments are rejected with a usage error")
    func invalidArguments() throws {
        try Self.withScratch { scratch in
            let out = scratch.appendingPathComponent("c").path
            let zero = try Self.generate(["--patients", "0", "--seed", "1", "--out", out])
            #expect(zero.status == 64 && zero.error.contains("--patients must be between 1"), "\(zero.error)")
            let negativeSeed = try Self.generate(["--patients", "3", "--seed", "-1", "--out", out])
            #expect(negativeSeed.status == 64)
            let missingOut = try Self.generate(["--patients", "3", "--seed", "1"])
            #expect(missingOut.status == 64 && missingOut.error.contains("--out"))
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("--help explains the options and the model briefly")
    func help() throws {
        let result = try Self.generate(["--help"])
        #expect(result.status == 0)
        for text in ["--patients", "--seed", "--out", "--force", "--progress", "truth.json", "byte-identical",
                     "Weibull", "docs/SyntheticCohort.md"] {
            #expect(result.output.contains(text), "--help does not mention \(text)")
        }
    }
}
