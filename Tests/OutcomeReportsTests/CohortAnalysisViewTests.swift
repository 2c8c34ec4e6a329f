import Foundation
import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

@testable import OutcomeReports

/// Section by section on a made cohort (synthetic, 400 patients, seed 5, every file present), the printed report
/// holds exactly the ``CohortAnalysis`` values a library user reads: the views format, they do not compute.
/// The small-cell minimum is 1 so that nothing is withheld.
@Suite("Report sections print the analysis's values")
struct CohortAnalysisViewTests {
    static let analysis = Task { () throws -> CohortAnalysis in
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("views-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try SyntheticCohortGenerator(patientCount: 400, seed: 5).write(to: url)
        var plan = AnalysisPlan()
        plan.disclosure.minimumCellSize = 1
        return await CohortAnalysis(cohort: try CohortLoader.load(from: url), plan: plan)
    }

    func report() async throws -> (CohortAnalysis, Report) {
        let analysis = try await Self.analysis.value
        return (analysis, CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "views")))
    }

    func findTable(_ report: Report, _ title: String) throws -> Table {
        try #require(report.tables.first { $0.title == title }, "no table \(title)")
    }

    func row(_ table: Table, _ label: String) throws -> [Cell] {
        try #require(table.rows.first { $0.first == .text(label) }, "\(table.title): no row \(label)")
    }

    func percent(_ value: Double?) -> String { value.map { NumberFormat.percentage($0, decimals: 1) } ?? "NA" }

    @Test("baseline: each arm's N and the age summary")
    func baseline() async throws {
        let (analysis, report) = try await report()
        let table = try findTable(report, "Baseline characteristics by arm")
        let counts = analysis.arms.patientCounts
        #expect(try row(table, "Patients") == [.text("Patients"), .text("N")] + counts.map(Cell.count) + [.count(counts.reduce(0, +))])
        let age = try #require(analysis.baseline.characteristics.first { $0.name == "age" })
        guard case .numeric(let byArm, let overall, _) = age.summary else { Issue.record("age is numeric"); return }
        let ageRow = try #require(table.rows.first { $0.prefix(2) == [.text("age"), .text("mean (SD)")] })
        #expect(Array(ageRow.dropFirst(2)) == (byArm + [overall]).map {
            .meanAndStandardDeviation(mean: $0!.mean, standardDeviation: $0!.standardDeviation, decimals: 1)
        })
    }

    @Test("retention: N, discontinued and retained at each horizon; hazard ratios of each contrast")
    func retention() async throws {
        let (analysis, report) = try await report()
        let results = try #require(analysis.retention.value)
        let table = try findTable(report, "Retention by arm")
        #expect(table.rows.count == results.byArm.count)
        func column(_ name: String) throws -> Int { try #require(table.columns.firstIndex { $0.name == name }) }
        let n = try column("N"), started = try column("Started"), discontinued = try column("Discontinued")
        let firstRetained = try column("Retained \(results.horizonDays[0]) d [95% CI]")
        #expect(results.population == .assigned)
        for summary in results.byArm {
            let cells = try row(table, summary.label)
            // Intention to treat: the arm's N, everyone who started, and discontinuations including who never started.
            let armN = analysis.cohort.patients.arm.codes.count { $0 == analysis.cohort.patients.arm.code(of: summary.label) }
            #expect(cells[n] == .count(summary.curve.subjectCount) && summary.curve.subjectCount == armN)
            #expect(cells[discontinued] == .count(summary.curve.eventCount))
            let startedCount = results.episodes.patient.count { analysis.cohort.patients.arm.codes[$0] == analysis.cohort.patients.arm.code(of: summary.label) }
            #expect(summary.started == startedCount)
            #expect(cells[started] == .countAndPercentage(count: startedCount, percentage: Double(startedCount) / Double(armN), decimals: 1))
            for (index, retained) in summary.retained.enumerated() {
                guard let estimate = retained.estimate else { continue }
                #expect(cells[firstRetained + index] == .text("\(percent(estimate)) [\(percent(retained.lower)), \(percent(retained.upper))]"))
            }
        }
        let comparisons = try findTable(report, "Retention comparisons")
        #expect(comparisons.rows.count == results.comparisons.count && !results.comparisons.isEmpty)
        for (contrast, result) in results.comparisons {
            let cells = try row(comparisons, "\(contrast.comparison.arm) vs \(contrast.reference.arm)")
            let ratio = try #require(result.hazardRatio)
            #expect(cells[4] == .text("\(NumberFormat.fixed(ratio.ratio, decimals: 2)) [\(NumberFormat.fixed(ratio.ratioInterval.lower, decimals: 2)), \(NumberFormat.fixed(ratio.ratioInterval.upper, decimals: 2))]"))
            #expect(cells[1] == .pValue(result.logRank.test.pValue) || cells[2] == .pValue(result.logRank.test.pValue))
        }
    }

    @Test("urine screens: patients with a word, relapses, not relapsed by each week; log-rank per contrast")
    func urineScreens() async throws {
        let (analysis, report) = try await report()
        let results = try #require(analysis.urineScreens.value)
        let table = try findTable(report, "Relapse by arm (CTN-0094 definition)")
        for summary in results.byArm {
            let cells = try row(table, summary.label)
            #expect(cells[2] == .count(summary.patientsWithWord))
            #expect(cells.contains(.count(summary.relapseCount)))
            for week in results.relapseWeeks {
                guard let point = summary.relapseFree(atWeek: week) else { continue }
                #expect(cells.contains(.text("\(percent(point.survival)) [\(percent(point.lower)), \(percent(point.upper))]")))
            }
        }
        let comparisons = try findTable(report, "Relapse comparisons (log-rank)")
        // Holm over the pairs shown, by hand: sorted p, (k − j + 1)·p, running maximum, capped at 1.
        let shown = results.comparisons.filter { comparison in
            comparisons.rows.contains { $0[0] == .text("\(comparison.comparison.label) vs \(comparison.reference.label)") }
        }
        let pValues = shown.map(\.logRank.test.pValue)
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var holm = [Double](repeating: 0, count: pValues.count), running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(pValues.count - rank) * pValues[index]))
            holm[index] = running
        }
        for (comparison, adjusted) in zip(shown, holm) {
            let cells = try row(comparisons, "\(comparison.comparison.label) vs \(comparison.reference.label)")
            #expect(cells[3] == .pValue(comparison.logRank.test.pValue))
            #expect(cells[4] == .pValue(adjusted))
        }
    }

    @Test("adherence: each arm's patients, mean and adherent share")
    func adherence() async throws {
        let (analysis, report) = try await report()
        let dosing = try #require(analysis.adherence.value?.dosing?.value)
        let table = try findTable(report, "Observed dosing adherence by arm")
        for summary in dosing.byArm {
            let cells = try row(table, summary.label)
            #expect(cells[1] == .count(summary.count) && cells[2] == .percentage(summary.mean, decimals: 1))
            #expect(cells[4] == .countAndPercentage(
                count: summary.adherentCount, percentage: summary.shareAdherent.estimate, decimals: 1))
        }
    }

    @Test("craving: the mixed model's week effects and each arm's change from baseline")
    func craving() async throws {
        let (analysis, report) = try await report()
        let results = try #require(analysis.craving.value)
        let trajectory = try #require(results.trajectories.first)
        let fit = try #require(trajectory.fit)
        let effects = try findTable(report, "\(trajectory.instrument.name): change per week and arm × time effects (linear mixed model, REML)")
        let week = try #require(trajectory.terms.firstIndex(of: "week"))
        #expect(try row(effects, "week")[1] == .number(fit.coefficients[week]!, decimals: 4))
        let changes = try findTable(report, "\(trajectory.instrument.name): change from baseline")
        for entry in trajectory.changeSummaries {
            #expect(changes.rows.contains([
                .text(entry.arm), .text("\(entry.week)"), .count(entry.patients),
                .meanAndStandardDeviation(mean: entry.meanChange, standardDeviation: entry.standardDeviation, decimals: 2),
            ]))
        }
    }

    @Test("relapse risk: cross-validated AUC and the risk groups by arm")
    func relapseRisk() async throws {
        let (analysis, report) = try await report()
        let results = try #require(analysis.relapseRisk?.value)
        let performance = try findTable(report, "Discrimination and calibration")
        let area = try #require(results.fit.validation.crossValidated.auc)
        let interval = try #require(area.confidenceInterval())
        #expect(try row(performance, "Landmark model, cross-validated")[1] == .text(
            "\(NumberFormat.fixed(area.estimate, decimals: 3)) (\(NumberFormat.fixed(interval.lower, decimals: 3)) – \(NumberFormat.fixed(interval.upper, decimals: 3)))"))
        let groups = try findTable(report, "Observed relapse by predicted-risk group (thirds of cross-validated risk) and arm")
        // Arms broken down into thirds (each third large enough) have three rows, in arm order.
        let policy = SmallCellPolicy(minimumCount: analysis.plan.disclosure.minimumCellSize)
        let shownArms = (0..<analysis.arms.count).filter { arm in
            let thirds = results.riskGroups.filter { $0.armColumn == arm }
            return !thirds.isEmpty && RelapseRiskSection.brokenDown(thirds, policy: policy)
        }
        #expect(groups.rows.count == 3 * shownArms.count && !shownArms.isEmpty)
        for group in results.riskGroups where group.patients > 0 {
            guard let position = shownArms.firstIndex(of: group.armColumn) else { continue }
            let cells = groups.rows[position * 3 + group.third]
            #expect(cells[0] == .text(analysis.arms.labels[group.armColumn]))
            #expect(cells[2] == .count(group.patients) && cells[3] == .count(group.events))
        }
    }
}
