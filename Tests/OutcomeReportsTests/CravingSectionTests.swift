import Foundation
@testable import OutcomeReports
import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

/// Five patients with craving-VAS totals (POMP = the VAS itself), arms A (0, 1) and B (2, 3, 4):
/// ```
/// 0 A: d0 80, d14 60, d21 55, d28 40, d84 10
/// 1 A: d−2 70, d0 60, d15 50, d22 52, d30 45, d90 60
/// 2 B: d0 90, d14 70, d20 65, d25 60, d84 20
/// 3 B: d0 50, d14 50, d24 48, d87 45
/// 4 B: d5 40, d14 40, d40 30
/// ```
/// Worked by hand with the default options (baseline days −14…0, weeks 4 and 12 ± 3, retest pairs from day 14,
/// 4–10 days apart):
/// - baselines 80, 60 (d0 is later than d−2), 90, 50; patient 4 has none. s₁ = SD(80, 60, 90, 50) = √(1000/3).
/// - retest pairs (60, 55), (50, 52), (70, 65), (50, 48) (patient 4's gap is 26 days): r = 200/√(275·158).
/// - week 4: 0 → d28 −40; 1 → d30 −15; 2 → d25 −30; 3 → nothing in d25–31. Week 12: 0 → −70; 1 → d90 is 6 days
///   off; 2 → −70; 3 → d87 −5.
/// - S_diff = √2·s₁·√(1 − r) ≈ 5.20, so −70 is a reliable improvement and −5 is not.
/// - model rows: days −14…87, all but patient 1's d90: 22.
enum CravingTestCohort {
    static let rows: [(Int32, Int32, Double)] = [
        (0, 0, 80), (0, 14, 60), (0, 21, 55), (0, 28, 40), (0, 84, 10),
        (1, -2, 70), (1, 0, 60), (1, 15, 50), (1, 22, 52), (1, 30, 45), (1, 90, 60),
        (2, 0, 90), (2, 14, 70), (2, 20, 65), (2, 25, 60), (2, 84, 20),
        (3, 0, 50), (3, 14, 50), (3, 24, 48), (3, 87, 45),
        (4, 5, 40), (4, 14, 40), (4, 40, 30),
    ]

    static var cohort: Cohort {
        let arms = ["A", "A", "B", "B", "B"]
        let patients = PatientTable(
            identifiers: arms.indices.map { "P\($0)" }, site: CategoricalColumn(labels: arms.map { _ in "one" }),
            arm: CategoricalColumn(labels: arms), medication: arms.map { _ in .buprenorphine },
            psychosocial: CategoricalColumn(labels: arms.map { _ in "standard" }), indexDate: nil, covariates: [])
        let assessments = AssessmentTable(
            patient: rows.map(\.0), day: rows.map(\.1),
            instrument: CategoricalColumn(labels: rows.map { _ in "craving-VAS" }),
            item: CategoricalColumn(labels: rows.map { _ -> String? in nil }), score: rows.map(\.2),
            byPatient: PatientRanges(sortedPatients: rows.map(\.0), patientCount: 5))
        return Cohort(patients: patients, assessments: assessments)
    }

    static var trajectory: SymptomTrajectory {
        let cohort = cohort
        let scores = try! InstrumentScoring.score(cohort.assessments!).scores
        return SymptomTrajectory(cohort: cohort, scores: scores, instrument: "craving-VAS")!
    }

    static let reliability = 200 / (275.0 * 158).squareRoot()
    static let baselineSD = (1000.0 / 3).squareRoot()
}

@Suite("Craving: symptom trajectory and report section on a hand-made cohort")
struct CravingSectionTests {
    @Test("trajectory: baselines, changes by arm and week, reliability, reliable improvement, model rows")
    func trajectory() throws {
        let trajectory = CravingTestCohort.trajectory
        #expect(!trajectory.usesSeverityLevels && trajectory.arms == ["A", "B"])
        #expect(trajectory.value.count == 23 && trajectory.modelRows == 22)
        #expect(trajectory.changes.map { "\($0.patient)/\($0.week)/\($0.day)/\($0.change)" }
            == ["0/4/28/-40.0", "0/12/84/-70.0", "1/4/30/-15.0", "2/4/25/-30.0", "2/12/84/-70.0", "3/12/87/-5.0"])
        let summaries = trajectory.changeSummaries
        #expect(summaries.map { "\($0.arm)/\($0.week)/\($0.patients)/\($0.meanChange)" }
            == ["A/4/2/-27.5", "A/12/1/-70.0", "B/4/1/-30.0", "B/12/2/-37.5"])
        #expect(isClose(summaries[0].standardDeviation!, 12.5 * 2.0.squareRoot()))
        #expect(summaries[1].standardDeviation == nil)
        #expect(isClose(summaries[3].standardDeviation!, 32.5 * 2.0.squareRoot()))
        #expect(trajectory.retestPairs == 4)
        #expect(isClose(trajectory.reliability!, CravingTestCohort.reliability, relative: 1e-14))
        #expect(isClose(trajectory.baselineStandardDeviation!, CravingTestCohort.baselineSD, relative: 1e-14))
        #expect(trajectory.reliableImprovement.map { "\($0.arm)/\($0.patients)/\($0.improved)" } == ["A/1/1", "B/2/1"])
        let fit = try #require(trajectory.fit)
        #expect(fit.observationCount == 22 && fit.groupCount == 5)
        #expect(trajectory.terms == ["(Intercept)", "week", "arm: B", "week × arm: B"])
    }

    @Test("trajectory: the test–retest pairs follow the options; too few pairs leave reliable change undefined")
    func retestOptions() {
        let cohort = CravingTestCohort.cohort
        let scores = try! InstrumentScoring.score(cohort.assessments!).scores
        // From day 22 on: only patient 1's d22 → d30 (52, 45); the other next assessments are 56+ days later: 1 pair.
        let late = SymptomTrajectory(cohort: cohort, scores: scores, instrument: "craving-VAS",
                                     options: .init(retestFirstDay: 22))!
        #expect(late.retestPairs == 1 && late.reliability == nil && late.reliableImprovement.isEmpty)
        #expect(SymptomTrajectory(cohort: cohort, scores: scores, instrument: "BSCS") == nil)
    }

    @Test("section tables: change from baseline and reliable improvement, with the reliability stated")
    func tables() async throws {
        var plan = AnalysisPlan()
        plan.disclosure.minimumCellSize = 1
        let analysis = await CohortAnalysis(cohort: CravingTestCohort.cohort, plan: plan, parts: [.craving])
        let trajectory = try #require(analysis.craving.value?.trajectories.first { $0.instrument.name == "craving-VAS" })
        let open = ReportCounts(analysis: analysis, policy: SmallCellPolicy(minimumCount: 1))
        let change = CravingSection.changeTable(trajectory, counts: open)
        #expect(change.rows == [
            [.text("A"), .text("4"), .count(2), .meanAndStandardDeviation(mean: -27.5, standardDeviation: 12.5 * 2.0.squareRoot(), decimals: 2)],
            [.text("A"), .text("12"), .count(1), .meanAndStandardDeviation(mean: -70, standardDeviation: nil, decimals: 2)],
            [.text("B"), .text("4"), .count(1), .meanAndStandardDeviation(mean: -30, standardDeviation: nil, decimals: 2)],
            [.text("B"), .text("12"), .count(2), .meanAndStandardDeviation(mean: -37.5, standardDeviation: 32.5 * 2.0.squareRoot(), decimals: 2)],
        ])
        guard case .table(let improvement) = CravingSection.improvementBlock(trajectory, counts: open) else {
            Issue.record("expected a table")
            return
        }
        #expect(improvement.rows == [
            [.text("A"), .count(1), .countAndPercentage(count: 1, percentage: 1, decimals: 1)],
            [.text("B"), .count(2), .countAndPercentage(count: 1, percentage: 0.5, decimals: 1)],
        ])
        let sDiff = (2.0 * (1 - CravingTestCohort.reliability)).squareRoot() * CravingTestCohort.baselineSD
        let footnote = improvement.footnotes.joined()
        #expect(footnote.contains("r = \(NumberFormat.fixed(CravingTestCohort.reliability, decimals: 3)) from 4 test–retest pairs"))
        #expect(footnote.contains("= \(NumberFormat.fixed(sDiff, decimals: 3));"))
        #expect(footnote.contains("a fall of more than \(NumberFormat.fixed(1.96 * sDiff, decimals: 2)) POMP points"))
        // The default policy (1–10 withheld) suppresses every count here.
        let suppressed = CravingSection.changeTable(trajectory, counts: ReportCounts(analysis: analysis, policy: SmallCellPolicy()))
        #expect(suppressed.rows.allSatisfy { $0[2] == .suppressed && $0[3] == .suppressed })
    }

    @Test("section: one series per instrument with its windows; no reliability → said in words")
    func section() async throws {
        var plan = AnalysisPlan()
        plan.disclosure.minimumCellSize = 1
        let analysis = await CohortAnalysis(cohort: CravingTestCohort.cohort, plan: plan, parts: [.craving])
        let counts = ReportCounts(analysis: analysis, policy: SmallCellPolicy(minimumCount: 1))
        let section = try #require(CravingSection.make(analysis: analysis, counts: counts))
        let text = section.blocks.compactMap { block -> String? in
            if case .paragraph(let text) = block { return text }
            return nil
        }
        #expect(text.contains { $0.hasPrefix("craving-VAS: craving-VAS total on the POMP scale") && $0.contains("days -14 to 0")
            && $0.contains("weeks 4 and 12 ± 3 days") })
        let tables = section.blocks.compactMap { block -> Table? in
            if case .table(let table) = block { return table }
            return nil
        }
        #expect(tables.map(\.title) == [
            "craving-VAS: change per week and arm × time effects (linear mixed model, REML)",
            "craving-VAS: change from baseline",
            "craving-VAS: reliable improvement from baseline to week 12 (Jacobson–Truax)",
        ])
        let noPairs = SymptomTrajectory(
            cohort: CravingTestCohort.cohort, scores: try! InstrumentScoring.score(CravingTestCohort.cohort.assessments!).scores,
            instrument: "craving-VAS", options: .init(retestGapDays: 30...40))!
        guard case .paragraph(let words) = CravingSection.improvementBlock(noPairs, counts: counts) else {
            Issue.record("expected a paragraph")
            return
        }
        #expect(words.contains("could not be estimated from 0 test–retest pairs"))
    }
}
