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
        // Decile 10 has fewer than 11 patients without relapse, so it merges into 9 (CalibrationGroupTests).
        #expect(deciles.rows.map { $0[0] } == (1...8).map { Cell.text(String($0)) } + [.text("9–10")])
        let groups = try #require(tables.first { $0.title.hasPrefix("Observed relapse by predicted-risk group") })
        // An arm is broken down only when each third has at least 11 patients, and its relapsed and not-relapsed
        // counts are 0 or at least 11; the others are named in a footnote.
        let results = try #require(analysis.relapseRisk?.value)
        let brokenDown = (0..<arms.count).filter { arm in
            let thirds = results.riskGroups.filter { $0.armColumn == arm }
            return !thirds.isEmpty && thirds.allSatisfy { third in
                third.patients >= 11 && [third.events, third.patients - third.events].allSatisfy { $0 == 0 || $0 >= 11 }
            }
        }
        #expect(groups.rows.count == brokenDown.count * 3 && brokenDown.count < arms.count)
        #expect(groups.footnotes.first?.hasPrefix("Not broken down") == true)
        for arm in 0..<arms.count where !brokenDown.contains(arm) {
            #expect(groups.footnotes[0].contains(arms.labels[arm]))
            #expect(!groups.rows.contains { $0[0] == .text(arms.labels[arm]) })
        }
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
        #expect(text.contains("0.82 (0.78–0.85)") && text.contains("Cross-validated AUC 0.797"))
        let identifiers = Set(cohort.patients.identifiers)
        for table in tables where table != deciles {  // decile numbers 1…10 are labels, and also CTN-0094 identifiers
            for row in table.rows {
                for cell in row { if case .text(let value) = cell { #expect(!identifiers.contains(value)) } }
            }
        }
    }

    /// Before, each small count of an arm's thirds was withheld with complements, which the audit carried to the arms'
    /// Ns and from there to every table: at 4,000 synthetic patients in 15 arms, 609 counts withheld, all arm Ns
    /// among them. An arm with a small third is now left out of the breakdown instead.
    @Test("a 2,000-patient synthetic report in 15 arms keeps every arm's N: small risk thirds do not spread withholding")
    func armsKeepTheirN() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("risk-thirds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 2_000, seed: 3).write(to: folder)
        let analysis = await CohortAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan(), parts: [.relapseRisk, .retention])
        let counts = ReportCounts(analysis: analysis, policy: SmallCellPolicy())
        let withheldArms = (0..<analysis.arms.count).filter { counts.isWithheld(.armTotal(arm: $0)) }
        #expect(withheldArms.isEmpty, "arm Ns withheld: \(withheldArms.map { analysis.arms.labels[$0] })")
        #expect(counts.suppression.suppressed.count < 3 * counts.suppression.primary.count + 10,
                "\(counts.suppression.suppressed.count) withheld, \(counts.suppression.primary.count) small")
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

/// Calibration groups: the end deciles merged inward while a count is small (``CalibrationGroup``).
@Suite("Calibration groups")
struct CalibrationGroupTests {
    @Test("hand-made deciles: the top merges into 7–10, a zero count and a small middle decile stay")
    func handMade() {
        // 200 patients, deciles of 20 in order of predicted risk; relapses per decile:
        let events = [0, 5, 12, 12, 12, 12, 10, 15, 18, 19]
        var outcome: [Double] = [], probabilities: [Double] = []
        for (decile, count) in events.enumerated() {
            for i in 0..<20 {
                outcome.append(i < count ? 1 : 0)
                probabilities.append(Double(decile * 20 + i) / 200)
            }
        }
        let table = CalibrationTable(outcome: outcome, probabilities: probabilities)
        let groups = CalibrationGroup.groups(table, policy: SmallCellPolicy(minimumCount: 11))
        // 10: 1 not relapsed → with 9 (3) → with 8 (8) → with 7: 80 patients, 62 relapsed, 18 not: large.
        // Decile 1 has 0 relapses (0 is shown) and decile 2's 5 is a middle decile: both stay.
        #expect(groups.map(\.label) == ["1", "2", "3", "4", "5", "6", "7–10"])
        #expect(groups.last!.count == 80 && groups.last!.events == 62)
        let top = table.groups.suffix(4)
        let mean = top.reduce(0) { $0 + $1.meanPrediction * Double($1.count) } / 80
        #expect(abs(groups.last!.meanPrediction - mean) < 1e-12)
    }

    @Test("CTN-0094: no calibration row withheld, and the plot reaches the top decile")
    func bundled() async throws {
        let analysis = try await BundledCohort.analysis()
        let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "CTN-0094"))
        let table = try #require(report.tables.first { $0.title.hasPrefix("Calibration by decile") })
        #expect(table.rows.allSatisfy { !$0.contains(.suppressed) })
        #expect(table.rows.last?[0] != .text("10"), "the top deciles are merged")
        let chart = try #require(report.charts.first { $0.identifier == "relapse-risk-calibration" })
        let points = chart.xySeries.last!.points
        #expect(points.last!.x > 90)
    }
}
