import Foundation
import Testing
import _OutcomeTestSupport

/// Issue 12: no command deletes or overwrites an input, or a folder that holds one, whatever `--force` says; an
/// existing output file is replaced only with `--force`.
@Suite("inputs are never replaced (runs the binary)")
struct InputProtectionTests {
    /// A small cohort folder inside a scratch folder; both removed at the end.
    final class Scratch {
        let root: URL
        let cohort: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("protect-\(UUID().uuidString)")
            cohort = root.appendingPathComponent("cohort")
            try FileManager.default.createDirectory(at: cohort, withIntermediateDirectories: true)
            var text = "patient_id,site,arm,medication,psychosocial,age,sex\n"
            for index in 0..<30 { text += "PX-\(index),S1,\(index < 15 ? "A" : "B"),methadone,none,\(30 + index),M\n" }
            try Data(text.utf8).write(to: cohort.appendingPathComponent("patients.csv"))
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var patients: String {
            (try? String(contentsOf: cohort.appendingPathComponent("patients.csv"), encoding: .utf8)) ?? ""
        }
    }

    @Test("report --output the cohort folder, or its parent, with --force: refused, the cohort intact")
    func reportOverCohort() throws {
        let scratch = try Scratch()
        let before = scratch.patients
        for output in [scratch.cohort, scratch.root] {
            let result = try OutcomeReportProcess.run(
                ["report", "--cohort", scratch.cohort.path, "--output", output.path, "--force"])
            #expect(result.status == 1 && result.standardOutput.isEmpty)
            #expect(result.standardError.contains("would replace"), "\(result.standardError)")
            #expect(scratch.patients == before && !before.isEmpty)
        }
    }

    @Test("risk score --output a cohort file, even with --force: refused, the file intact")
    func scoreOverPatients() throws {
        let scratch = try Scratch()
        let before = scratch.patients
        let model = scratch.root.appendingPathComponent("model.json")
        try Data("{}".utf8).write(to: model)
        let target = scratch.cohort.appendingPathComponent("patients.csv").path
        let result = try OutcomeReportProcess.run(
            ["risk", "score", "--cohort", scratch.cohort.path, "--model", model.path, "--output", target, "--force"])
        #expect(result.status == 1 && result.standardError.contains("would replace a file of the input folder"))
        #expect(scratch.patients == before)
    }

    @Test("risk fit --model over an existing file: refused without --force, the file intact")
    func fitOverExistingModel() throws {
        let scratch = try Scratch()
        let model = scratch.root.appendingPathComponent("model.json")
        try Data("keep".utf8).write(to: model)
        let result = try OutcomeReportProcess.run(
            ["risk", "fit", "--cohort", scratch.cohort.path, "--model", model.path])
        #expect(result.status == 1 && result.standardError.contains("exists; use --force"), "\(result.standardError)")
        #expect(try String(contentsOf: model, encoding: .utf8) == "keep")
    }

    @Test("import ctn0094 --to the source folder or its parent, with --force: refused before anything is read")
    func importOverSource() throws {
        let scratch = try Scratch()
        for destination in [scratch.cohort, scratch.root] {
            let result = try OutcomeReportProcess.run(
                ["import", "ctn0094", "--from", scratch.cohort.path, "--to", destination.path, "--force"])
            #expect(result.status == 1 && result.standardError.contains("would replace"), "\(result.standardError)")
        }
        #expect(!scratch.patients.isEmpty)
    }
}
