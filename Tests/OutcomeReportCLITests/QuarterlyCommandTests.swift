import Foundation
import Testing
import TreatmentOutcomes
import _CohortTestSupport
import _OutcomeTestSupport

/// `outcome-report quarterly`, run as a quality lead would.
@Suite("quarterly command (runs the binary)")
struct QuarterlyCommandTests {
    @Test("a synthetic program: CSV with the contract's header, Markdown with the scorecard, --output writes both; the same bytes each run")
    func synthetic() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quarterly-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cohort = root.appendingPathComponent("cohort")
        _ = try SyntheticCohortGenerator(patientCount: 120, seed: 8).write(to: cohort)
        let csv = try OutcomeReportProcess.run(["quarterly", "--cohort", cohort.path, "--quarter", "2025-Q3", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.standardError)")
        #expect(csv.standardOutput.hasPrefix("quarter,measure,group,numerator,denominator,value,lower,upper\n"))
        #expect(csv.standardOutput.contains("\n2025-Q3,admissions,all,"))
        #expect(!csv.standardOutput.contains("2025-Q4"), "nothing after the reported quarter")

        let markdown = try OutcomeReportProcess.run(["quarterly", "--cohort", cohort.path, "--quarter", "2025-Q3", "--quarters", "4"])
        #expect(markdown.status == 0, "\(markdown.standardError)")
        #expect(markdown.standardOutput.contains("# Quarterly outcome report: 2025-Q3"))
        #expect(markdown.standardOutput.contains("2024-Q4 to 2025-Q3"))

        let output = root.appendingPathComponent("out")
        let written = try OutcomeReportProcess.run(["quarterly", "--cohort", cohort.path, "--quarter", "2025-Q3", "--output", output.path])
        #expect(written.status == 0, "\(written.standardError)")
        // the same bytes as the earlier run's standard output: same input, same output
        #expect(try String(contentsOf: output.appendingPathComponent("quarterly.csv"), encoding: .utf8) == csv.standardOutput)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("quarterly.md").path))
        let charts = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("charts").path)
        #expect(!charts.isEmpty && charts.allSatisfy { $0.hasPrefix("quarterly-") && $0.hasSuffix(".svg") }, "\(charts)")
        let markdownFile = try String(contentsOf: output.appendingPathComponent("quarterly.md"), encoding: .utf8)
        for chart in charts { #expect(markdownFile.contains("charts/\(chart)"), "\(chart) is linked from quarterly.md") }
    }

    @Test("the bundled CTN-0094 cohort has no calendar dates: a clear error, exit 1, nothing on standard output")
    func undatedCohort() throws {
        let result = try OutcomeReportProcess.run(["quarterly", "--cohort", BundledCohort.folder.path, "--quarter", "2025-Q4"])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("index_date"), "\(result.standardError)")
    }

    @Test("a quarter not written YYYY-Qn, or none at all: exit 1 with the form to use")
    func badQuarter() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quarterly-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try SyntheticCohortGenerator(patientCount: 20, seed: 1).write(to: root)
        for arguments in [["--quarter", "2025-Q5"], ["--quarter", "Q3-2025"], []] {
            let result = try OutcomeReportProcess.run(["quarterly", "--cohort", root.path] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.contains("YYYY-Qn"), "\(arguments): \(result.standardError)")
        }
    }
}
