import Foundation
import Testing
import OutcomeStats
import TreatmentOutcomes
import _CohortTestSupport
import _OutcomeTestSupport

@testable import OutcomeReports

@Suite("Relapse risk section")
struct RelapseRiskSectionTests {
    @Test("CTN-0094: odds ratios, performance of the landmark and baseline models, deciles, chart, risk groups by arm; small cells withheld in pairs")
    func ctn0094() async throws {
        let analysis = try await BundledCohort.analysis()
        let cohort = analysis.cohort
        let policy = SmallCellPolicy()
        let arms = analysis.arms
        let section = try #require(RelapseRiskSection.make(analysis: analysis, counts: ReportCounts(analysis: analysis, policy: policy)))
        #expect(section.heading == "Relapse risk")
        let tables = section.blocks.compactMap { block -> Table? in if case .table(let table) = block { table } else { nil } }
        #expect(tables.count == 4)
        let performance = try #require(tables.first { $0.title == "Discrimination and calibration" })
        #expect(performance.rows.map { $0[0] } == [
            .text("Landmark model, apparent"), .text("Landmark model, cross-validated"),
            .text("Baseline-only model, cross-validated"),
        ])
        let deciles = try #require(tables.first { $0.title.hasPrefix("Calibration by decile") })
        #expect(deciles.rows.count == 10)
        let groups = try #require(tables.first { $0.title.hasPrefix("Observed relapse by predicted-risk group") })
        #expect(groups.rows.count == arms.count * 3)
        for table in [deciles, groups] {
            for row in table.rows {
                for cell in row {
                    if case .count(let n) = cell { #expect(n == 0 || n >= policy.minimumCount, "\(table.title): \(row)") }
                }
            }
        }
        // Every observed rate is shown only with both of its counts.
        for row in groups.rows where row[4] != .suppressed && row[4] != .notApplicable {
            #expect(row[2] != .suppressed && row[3] != .suppressed, "\(row)")
        }
        #expect(section.blocks.contains { if case .chart(let chart) = $0 { chart.identifier == "relapse-risk-calibration" } else { false } })
        let text = section.blocks.compactMap { block -> String? in if case .paragraph(let text) = block { text } else { nil } }.joined()
        #expect(text.contains("0.62–0.67") && text.contains("Cross-validated AUC 0.797"))
        let identifiers = Set(cohort.patients.identifiers)
        for table in tables where table != deciles {  // decile numbers 1…10 are labels, and also CTN-0094 identifiers
            for row in table.rows {
                for cell in row { if case .text(let value) = cell { #expect(!identifiers.contains(value)) } }
            }
        }
    }

    @Test("no screens.csv: no section; too few relapses or non-relapses: a sentence, no counts")
    func withoutScreensOrEnoughPatients() async throws {
        let withoutScreens = Cohort(patients: TestCohorts.twoArms.patients)
        let none = await CohortAnalysis(cohort: withoutScreens, plan: AnalysisPlan(), parts: [.relapseRisk])
        #expect(RelapseRiskSection.make(analysis: none, counts: ReportCounts(analysis: none, policy: SmallCellPolicy())) == nil)
        let few = await CohortAnalysis(cohort: TestCohorts.twoArms, plan: AnalysisPlan(), parts: [.relapseRisk])
        let small = try #require(RelapseRiskSection.make(analysis: few, counts: ReportCounts(analysis: few, policy: SmallCellPolicy())))
        #expect(small.blocks.count == 1)
        guard case .paragraph(let text) = small.blocks[0] else { Issue.record("expected a paragraph"); return }
        #expect(text.hasPrefix("No relapse-risk model was fitted"))
    }
}
