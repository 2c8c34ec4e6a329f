import Foundation
import OutcomeStats
import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

@testable import OutcomeReports

/// Quarterly PDC in the report: tables by quarter, arm and site, the chart, and suppression that leaves no small
/// count recoverable from the other rows or from another of the three tables.
@Suite("Quarterly PDC tables")
struct QuarterlyPDCTablesTests {
    /// A synthetic cohort small enough for some cells to fall under the minimum (150 patients, seed 11).
    static let cohort = Result { () throws -> Cohort in
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdc-tables-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try SyntheticCohortGenerator(patientCount: 150, seed: 11).write(to: url)
        return try CohortLoader.load(from: url)
    }

    @Test("suppression: no grouping has exactly one withheld N or adherent count; shown rows have no small count")
    func suppression() throws {
        let cohort = try Self.cohort.get()
        let quarterly = try QuarterlyPDC(cohort)
        let policy = SmallCellPolicy()
        let tables = QuarterlyPDCTables(quarterly, patients: cohort.patients, policy: policy)
        var withheldAnywhere = 0
        for grouping in QuarterlyPDCGrouping.allCases {
            let summaries = try #require(tables.summaries[grouping])
            #expect(summaries.reduce(0) { $0 + $1.count } == quarterly.results.count, "\(grouping)")
            let withheld = summaries.map { tables.withheld(grouping, $0) }
            let counts = withheld.count(where: \.count), adherent = withheld.count(where: \.adherent)
            #expect(counts != 1 && adherent != 1, "\(grouping): \(counts) N and \(adherent) adherent counts withheld")
            withheldAnywhere += adherent
            for (summary, hidden) in zip(summaries, withheld) {
                if !hidden.count { #expect(!policy.isSmall(summary.count)) }
                if !hidden.adherent {
                    #expect(!policy.isSmall(summary.adherentCount) && !policy.isSmall(summary.count - summary.adherentCount))
                }
            }
            let csv = tables.csvTable(by: grouping)
            #expect(csv.rows.count == summaries.count)
            #expect(csv.rows.allSatisfy { row in row.count == 10 })
        }
        // The cohort is small enough that the rule is exercised.
        #expect(withheldAnywhere > 0)
    }

    @Test("hand-made counts: one small arm pulls the smallest other arm's N with it")
    func complementary() throws {
        // 12 + 13 + 5 patients in arms X, Y, Z, with the keys QuarterlyPDCTables uses.
        let summaries = [("X", 12, 6), ("Y", 13, 7), ("Z", 5, 2)]
        var problem = SuppressionProblem<QuarterlyPDCTables.Key>()
        problem.addCell(.total, count: 30)
        for (label, count, adherent) in summaries {
            problem.addCell(.count(.arm, label), count: count)
            problem.addCell(.adherent(.arm, label), count: adherent)
        }
        problem.addGroup(summaries.map { .count(.arm, $0.0) } + [.total])
        let solved = problem.solve(SmallCellPolicy())
        // Z (5) is primary; X (12, the smallest other N) is withheld so Z cannot be 30 − 12 − 13.
        #expect(solved.isSuppressed(.count(.arm, "Z")) && solved.isSuppressed(.count(.arm, "X")))
        #expect(!solved.isSuppressed(.count(.arm, "Y")) && !solved.isSuppressed(.total))
    }

    @Test("the report's Adherence section carries the three PDC tables and the chart by quarter")
    func reportSection() async throws {
        let cohort = try Self.cohort.get()
        let report = await makeReport(cohort, parts: [.adherence])
        let section = try #require(report.sections.first { $0.heading == "Adherence" })
        let titles = report.tables.map(\.title)
        for grouping in ["quarter", "arm", "site"] {
            #expect(titles.contains("Proportion of days covered by \(grouping)"))
        }
        let charts = section.blocks.compactMap { block -> Chart? in if case .chart(let chart) = block { chart } else { nil } }
        // At 150 patients every quarter has fewer than 11 patients, so the chart has nothing to draw.
        let tables = QuarterlyPDCTables(try QuarterlyPDC(cohort), patients: cohort.patients, policy: SmallCellPolicy())
        #expect(tables.chartByQuarter() == nil && !charts.contains { $0.identifier == "adherence-pdc-by-quarter" })
        let open = QuarterlyPDCTables(try QuarterlyPDC(cohort), patients: cohort.patients, policy: SmallCellPolicy(minimumCount: 1))
        let chart = try #require(open.chartByQuarter())
        guard case .xy(let series) = chart.content else { Issue.record("not an xy chart"); return }
        // 2024-Q1 … 2025-Q3 at x = 2024, 2024.25, …, 2025.5; the band is the Wilson interval in %.
        #expect(series[0].points.map(\.x) == (0..<7).map { 2024 + Double($0) / 4 })
        let first = try #require(open.summaries[.quarter]?.first)
        #expect(series[0].band[0].lower == first.shareAdherent.lower * 100 && series[1].points[0].y == first.mean * 100)
        let text = MarkdownRenderer.render(report)
        #expect(text.contains("inducted in the quarter") && text.contains("not yet shown: 2025-Q4"))
    }
}
