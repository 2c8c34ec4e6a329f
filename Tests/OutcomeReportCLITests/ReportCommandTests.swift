import Foundation
import Testing
import _OutcomeTestSupport

/// Runs the built `outcome-report` binary on cohort folders written by the test.
///
/// These tests need the cohort loader (TreatmentOutcomes/Input, merged from main in "Cohort loader").
@Suite("report command (runs the binary)")
struct ReportCommandTests {
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try OutcomeReportProcess.run(arguments, environment: environment)
    }

    /// A folder with patients.csv: 15 patients on methadone alone (arm "MOUD") and 15 with counseling
    /// ("MOUD+counseling"); 4 women in MOUD (a small count, so `F` is merged into `Other` at the default minimum),
    /// and `extraRows` appended verbatim; with `manifest`, a cohort.json with it as is.
    final class CohortFolder {
        let url: URL
        static let identifierPrefix = "PX-93K"
        /// A manifest declaring age (with quantiles) and sex.
        static let declaringManifest = """
            {"name": "Clinic", "provenance": "Hand-made.", "covariates": [
              {"name": "age", "type": "numeric", "quantiles": true},
              {"name": "sex", "type": "categorical", "levels": ["F", "M"]}]}
            """

        init(extraRows: String = "", manifest: String? = nil) throws {
            url = FileManager.default.temporaryDirectory
                .appendingPathComponent("report-cli-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            var text = "patient_id,site,arm,medication,psychosocial,age,sex\n"
            for index in 0..<30 {
                let moud = index < 15
                text += "\(CohortFolder.identifierPrefix)\(index),S1,\(moud ? "MOUD" : "MOUD+counseling"),methadone,"
                    + "\(moud ? "none" : "counseling"),\(30 + index),\(moud && index < 4 ? "F" : "M")\n"
            }
            try Data((text + extraRows).utf8).write(to: url.appendingPathComponent("patients.csv"))
            if let manifest { try Data(manifest.utf8).write(to: url.appendingPathComponent("cohort.json")) }
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

    @Test("Markdown report on a small cohort: exit 0, key lines, no identifiers")
    func markdownReport() throws {
        let folder = try CohortFolder()
        let result = try Self.run(["report", "--cohort", folder.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        let output = result.standardOutput
        #expect(output.hasPrefix("# Treatment outcomes report\n"))
        #expect(output.contains("## Patients by arm and site"))
        let lines = Set(output.split(separator: "\n").map(String.init))
        #expect(lines.contains("| site  | MOUD | MOUD+counseling | Total |"))
        #expect(lines.contains(
            "| Treatment            | medication + psychosocial support | methadone + none | methadone + counseling |           — |"))
        #expect(lines.contains(
            "| Patients             | N                                 |               15 |                     15 |          30 |"))
        // 4 women (fewer than 11) are merged into Other; Other on MOUD (small) → the column MOUD needs 11 men hidden
        // too, and the Overall column 26.
        #expect(lines.contains(
            "| sex                  | Other                             |       suppressed |               0 (0.0%) |  suppressed |"))
        #expect(lines.contains(
            "| sex                  | M                                 |       suppressed |            15 (100.0%) |  suppressed |"))
        #expect(lines.contains("Levels with fewer than 11 patients are merged into Other: sex."))
        #expect(!lines.contains { $0.contains("median") && $0.hasPrefix("| age") })
        #expect(!output.contains(CohortFolder.identifierPrefix))
    }

    @Test("--progress: the load, each of the six parts once with its time, the rendering; stdout unchanged")
    func progress() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-progress-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try Self.run(["generate", "--patients", "200", "--seed", "4", "--out", folder.path])
        #expect(generated.status == 0, "\(generated.standardError)")
        let quiet = try Self.run(["report", "--cohort", folder.path])
        let loud = try Self.run(["report", "--cohort", folder.path, "--progress"])
        #expect(quiet.status == 0 && loud.status == 0, "\(loud.standardError)")
        #expect(quiet.standardError.isEmpty)
        #expect(loud.standardOutput == quiet.standardOutput)
        let lines = loud.standardError.split(separator: "\n").map(String.init)
        let seconds = #/ in [0-9]+\.[0-9] s/#
        #expect(lines.first?.hasPrefix("report: loaded 200 patients in ") == true, "\(lines)")
        for part in ["retention", "urine screens", "adherence", "craving", "relapse risk",
                     "balance of medication and support"] {
            let matching = lines.filter { $0.hasPrefix("report: \(part) done in ") }
            #expect(matching.count == 1, "\(part): \(lines)")
            #expect(matching.allSatisfy { $0.contains(seconds) }, "\(part)")
        }
        #expect(lines.dropLast().last?.hasPrefix("report: analysis done in ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("report: done in ") == true, "\(lines)")
        #expect(lines.count == 9)
    }

    @Test("CSV format: tables after their titles")
    func csvReport() throws {
        let folder = try CohortFolder()
        let result = try Self.run(["report", "--cohort", folder.url.path, "--format", "csv", "--min-cell", "3"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Rows used per file\nFile,Rows used,Incomplete rows dropped,Rows of dropped patients\npatients.csv,30,0,0\n"))
        #expect(result.standardOutput.contains("\nsex,F,4 (26.7%),0 (0.0%),4 (13.3%)\n"))
    }

    @Test("no arguments: the default command reads the folder in TREATMENT_OUTCOMES_COHORT")
    func defaultCommandAndEnvironment() throws {
        let folder = try CohortFolder()
        let result = try Self.run([], environment: ["TREATMENT_OUTCOMES_COHORT": folder.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("(from TREATMENT_OUTCOMES_COHORT)"))
    }

    @Test("an empty required field without --drop-incomplete: the load fails with its location, exit 1")
    func incompleteRow() throws {
        let folder = try CohortFolder(extraRows: "PX-93K99,,MOUD,methadone,none,40,M\n")
        let failing = try Self.run(["report", "--cohort", folder.url.path])
        #expect(failing.status == 1)
        #expect(failing.standardOutput.isEmpty)
        #expect(failing.standardError.hasPrefix("error: "))
        #expect(failing.standardError.contains("patients.csv:32"), "\(failing.standardError)")
        #expect(failing.standardError.contains("site"))
    }

    @Test("--drop-incomplete: the report counts the dropped row")
    func dropIncomplete() throws {
        let folder = try CohortFolder(extraRows: "PX-93K99,,MOUD,methadone,none,40,M\n")
        let result = try Self.run(["report", "--cohort", folder.url.path, "--drop-incomplete", "--min-cell", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("| patients.csv |        30 |                       1 |                        0 |"))
    }

    @Test("a missing folder: exit 1, the message on stderr, nothing on stdout")
    func missingFolder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-cohort-\(UUID().uuidString)").path
        let result = try Self.run(["report", "--cohort", path])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("error: "))
        #expect(result.standardError.contains(path), "\(result.standardError)")
    }

    @Test("--min-cell 0 is rejected before anything is read")
    func invalidMinimum() throws {
        let result = try Self.run(["report", "--min-cell", "0"])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("--min-cell must be at least 1"))
    }
}

@Suite("report --output (runs the binary)")
struct ReportOutputTests {
    @Test("--output writes report.md and the SVG charts (age declared with quantiles); nothing on stdout")
    func output() throws {
        // age is charted (box plots of quantiles) only when the manifest declares it with quantiles
        let folder = try ReportCommandTests.CohortFolder(manifest: ReportCommandTests.CohortFolder.declaringManifest)
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("report-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destination) }
        let result = try OutcomeReportProcess.run(["report", "--cohort", folder.url.path, "--output", destination.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        let markdown = try String(contentsOf: destination.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("](charts/baseline-age-by-arm.svg)"))
        let svg = try String(contentsOf: destination.appendingPathComponent("charts/baseline-age-by-arm.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg ") && svg.contains("MOUD+counseling"))
        #expect(!svg.contains(ReportCommandTests.CohortFolder.identifierPrefix))
    }

    @Test("--output refuses a folder that is not empty without --force")
    func existingOutput() throws {
        let folder = try ReportCommandTests.CohortFolder()
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("report-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: destination.appendingPathComponent("notes.txt"))
        defer { try? FileManager.default.removeItem(at: destination) }
        let again = try OutcomeReportProcess.run(["report", "--cohort", folder.url.path, "--output", destination.path])
        #expect(again.status == 1 && again.standardError.contains("--force"))
        #expect(try String(contentsOf: destination.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep")
    }

    @Test("--output with --format csv is a usage error")
    func outputWithCSV() throws {
        let folder = try ReportCommandTests.CohortFolder()
        let csv = try OutcomeReportProcess.run(["report", "--cohort", folder.url.path, "--output", "/nonexistent/x", "--format", "csv"])
        #expect(csv.status == 64 && csv.standardError.contains("--output"))
    }
}
