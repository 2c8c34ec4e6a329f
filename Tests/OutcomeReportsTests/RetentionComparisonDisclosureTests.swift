import Foundation
import Testing
import TreatmentOutcomes

@testable import OutcomeReports

/// A retention comparison's tests and hazard ratio are shown only beside both arms' counts: a log hazard ratio's
/// standard error is about √(1/d₁ + 1/d₂), so a ratio with its interval beside a withheld count would let a reader
/// estimate that count.
@Suite("Retention comparisons beside withheld counts")
struct RetentionComparisonDisclosureTests {
    @Test("a comparison whose arm's N or discontinuations are withheld prints no test or ratio", arguments: [(400, UInt64(4)), (1_500, 7)])
    func withheldArms(patients: Int, seed: UInt64) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retention-comparisons-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: patients, seed: seed).write(to: folder)
        let analysis = await CohortAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan(), parts: [.retention])
        let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "synthetic"))
        let arms = try #require(report.tables.first { $0.title.hasPrefix("Retention by arm") })
        let comparisons = try #require(report.tables.first { $0.title.hasPrefix("Retention comparisons") })
        func label(_ cell: Cell) -> String { if case .text(let text) = cell { text } else { "" } }
        let n = try #require(arms.columns.firstIndex { $0.name == "N" })
        let discontinued = try #require(arms.columns.firstIndex { $0.name == "Discontinued" })
        let withheld = Set(arms.rows.filter { $0[n] == .suppressed || $0[discontinued] == .suppressed }.map { label($0[0]) })
        var hidden = 0, shown = 0
        for row in comparisons.rows {
            let pair = label(row[0]).components(separatedBy: " vs ")
            if pair.contains(where: withheld.contains) {
                #expect(row[1...5].allSatisfy { $0 == .suppressed }, "\(label(row[0]))")
                hidden += 1
            } else {
                #expect(row[1...5].allSatisfy { $0 != .suppressed }, "\(label(row[0]))")
                shown += 1
            }
        }
        // 400 patients in 15 arms: arms with withheld counts; 1,500: comparisons shown.
        #expect(patients == 400 ? hidden > 0 : shown > 0, "\(hidden) withheld, \(shown) shown")
    }
}
