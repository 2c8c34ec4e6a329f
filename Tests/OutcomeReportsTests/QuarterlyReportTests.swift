import Foundation
import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

@testable import OutcomeReports

/// The quarterly report's contract: nothing dated after the as-of date changes a byte, the CSV's header and
/// suppression, and the scorecard.
@Suite("Quarterly report")
struct QuarterlyReportTests {
    /// The cohort files with every row dated after `asOf` deleted: patients admitted later, their rows, later
    /// events; an episode still open at `asOf` rewritten as ongoing then (as a data cut-off on that day records it).
    static func cut(_ source: URL, to destination: URL, asOf: String) throws {
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        let patients = try String(contentsOf: source.appendingPathComponent("patients.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let indexColumn = patients[0].firstIndex(of: "index_date")!
        let admitted = Set(patients.dropFirst().filter { $0[indexColumn] <= asOf }.map { $0[0] })
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".csv") {
            let rows = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = rows[0]
            var kept = [header]
            for var row in rows.dropFirst() where admitted.contains(row[0]) {
                if name == "episodes.csv" {
                    let start = header.firstIndex(of: "start")!, end = header.firstIndex(of: "end")!
                    let reason = header.firstIndex(of: "end_reason")!
                    guard row[start] <= asOf else { continue }
                    if row[end].isEmpty || row[end] > asOf {
                        row[end] = asOf
                        row[reason] = "ongoing"
                    }
                } else if let date = header.firstIndex(of: "date") {
                    guard row[date] <= asOf else { continue }
                }
                kept.append(row)
            }
            try Data(kept.map { $0.joined(separator: ",") + "\n" }.joined().utf8)
                .write(to: destination.appendingPathComponent(name))
        }
    }

    static func outputs(_ folder: URL, quarter: CalendarQuarter, minimum: Int = 11) throws -> (csv: String, markdown: String, analysis: QuarterlyAnalysis) {
        var plan = AnalysisPlan()
        plan.disclosure.minimumCellSize = minimum
        let analysis = try QuarterlyAnalysis(cohort: try CohortLoader.load(from: folder), plan: plan, quarter: quarter)
        let (report, table) = QuarterlyReport.reportAndTable(
            analysis, policy: SmallCellPolicy(minimumCount: minimum), sourceDescription: "synthetic")
        return (CSVRenderer.render(table), MarkdownRenderer.render(report), analysis)
    }

    @Test("cutting the input files at the as-of date gives the same report, byte for byte", arguments: [(2025, 3)])
    func cutAtAsOf(year: Int, quarter: Int) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quarterly-cut-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let full = root.appendingPathComponent("full"), cut = root.appendingPathComponent("cut")
        _ = try SyntheticCohortGenerator(patientCount: 250, seed: 21).write(to: full)
        let reported = CalendarQuarter(year: year, quarter: quarter)
        try Self.cut(full, to: cut, asOf: reported.lastDay.description)
        let whole = try Self.outputs(full, quarter: reported), trimmed = try Self.outputs(cut, quarter: reported)
        #expect(whole.analysis.values == trimmed.analysis.values)
        #expect(whole.csv == trimmed.csv)
        #expect(whole.markdown == trimmed.markdown)
        // The cut removed something, so the test is not vacuous.
        let fullRows = try String(contentsOf: full.appendingPathComponent("visits.csv"), encoding: .utf8).count
        let cutRows = try String(contentsOf: cut.appendingPathComponent("visits.csv"), encoding: .utf8).count
        #expect(cutRows < fullRows)
    }

    @Test("CSV: the contract's header, one row per quarter, measure and group; withheld counts take their values with them")
    func csv() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quarterly-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try SyntheticCohortGenerator(patientCount: 300, seed: 4).write(to: root)
        let (csv, markdown, analysis) = try Self.outputs(root, quarter: CalendarQuarter(year: 2025, quarter: 4))
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["quarter", "measure", "group", "numerator", "denominator", "value", "lower", "upper"])
        #expect(lines.count - 1 == analysis.values.count)
        #expect(Set(lines.dropFirst().map(\.[2])).isSuperset(of: ["all", "medication=methadone", "psychosocial=CBT"]))
        var suppressed = 0
        for line in lines.dropFirst() {
            #expect(line.count == 8)
            if line[3] == "suppressed" {
                suppressed += 1
                if line[5] != "" { #expect(line[5] == "suppressed", "\(line)") }
            } else if let count = Int(line[3]) {
                #expect(count == 0 || count >= 11, "a small count printed: \(line)")
            }
            if let denominator = Int(line[4]) { #expect(denominator == 0 || denominator >= 11, "\(line)") }
        }
        #expect(suppressed > 0, "300 patients over 8 quarters and 9 groups must have small cells")
        #expect(markdown.contains("## Scorecard"))
        #expect(markdown.contains("Still pending"))
        #expect(!markdown.contains("SYN0"), "no identifier")
    }
}
