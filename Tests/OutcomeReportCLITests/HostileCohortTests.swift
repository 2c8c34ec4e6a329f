import Foundation
import Testing
import _OutcomeTestSupport

/// Issue 11, "Disclosure control you can prove": a cohort whose patients.csv carries identifiers, record numbers, SSN
/// last four, zip codes, dates in several formats and free text with names and phone numbers gives no such value in
/// any output: the report in Markdown and CSV, `report --output` (Markdown and SVG charts), and `risk fit` (its
/// standard output and the model file); `risk score` prints patient identifiers by design and nothing else of theirs.
@Suite("Hostile cohort: no identifier, date or free text in any output (runs the binary)")
struct HostileCohortTests {
    /// Every output of the commands on `folder`, by name: standard output and standard error of each run, and each
    /// file written.
    static func outputs(of folder: URL, scratch: URL) throws -> (texts: [String: String], model: URL?) {
        var texts: [String: String] = [:]
        func run(_ name: String, _ arguments: [String]) throws -> CommandResult {
            let result = try OutcomeReportProcess.run(arguments)
            texts["\(name) stdout"] = result.standardOutput
            texts["\(name) stderr"] = result.standardError
            return result
        }
        let markdown = try run("report", ["report", "--cohort", folder.path])
        #expect(markdown.status == 0, "\(markdown.standardError)")
        let csv = try run("report csv", ["report", "--cohort", folder.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.standardError)")
        let destination = scratch.appendingPathComponent("report")
        let written = try run("report --output", ["report", "--cohort", folder.path, "--output", destination.path])
        #expect(written.status == 0, "\(written.standardError)")
        let files = FileManager.default.enumerator(at: destination, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath } ?? []
        #expect(files.contains { $0.lastPathComponent == "report.md" })
        for file in files { texts[file.lastPathComponent] = try String(contentsOf: file, encoding: .utf8) }
        let model = scratch.appendingPathComponent("model.json")
        let fit = try run("risk fit", ["risk", "fit", "--cohort", folder.path, "--model", model.path])
        guard fit.status == 0 else { return (texts, nil) }
        texts["model.json"] = try String(contentsOf: model, encoding: .utf8)
        return (texts, model)
    }

    @Test("15 and 300 patients: every output is free of the hostile values", arguments: [(15, UInt64(5)), (300, UInt64(11))])
    func noHostileValueInAnyOutput(patients: Int, seed: UInt64) throws {
        let cohort = try HostileCohort(patients: patients, seed: seed)
        let hostile = try Self.outputs(of: cohort.cohort, scratch: cohort.root.appendingPathComponent("hostile-out"))
        let control = try Self.outputs(of: cohort.control, scratch: cohort.root.appendingPathComponent("control-out"))
        #expect(Set(hostile.texts.keys) == Set(control.texts.keys))
        #expect(hostile.model != nil, "risk fit: \(hostile.texts["risk fit stderr"] ?? "")")
        let controlText = control.texts.values.joined(separator: "\n")
        let excused = cohort.excused(by: controlText)
        #expect(excused.allSatisfy { $0.allSatisfy(\.isNumber) }, "the control prints \(excused.prefix(8))")
        for (name, text) in hostile.texts.sorted(by: { $0.key < $1.key }) {
            let leaks = cohort.leaks(in: text, control: controlText)
            #expect(leaks.isEmpty, "\(name) prints \(leaks.count) hostile values, e.g. \(leaks.prefix(8))")
        }

        // risk score: patient identifiers by design (patient-level output for the care team), nothing else of theirs.
        guard let model = hostile.model else { return }
        let scores = try OutcomeReportProcess.run(["risk", "score", "--cohort", cohort.cohort.path, "--model", model.path])
        #expect(scores.status == 0, "\(scores.standardError)")
        #expect(scores.standardOutput.hasPrefix("patient_id,risk\n"))
        let identifiers = Set(scores.standardOutput.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) })
        let leaks = cohort.leaks(in: scores.standardOutput + scores.standardError, control: controlText)
            .filter { !identifiers.contains($0) }
        #expect(leaks.isEmpty, "risk score prints hostile values: \(leaks.prefix(8))")
    }
}
