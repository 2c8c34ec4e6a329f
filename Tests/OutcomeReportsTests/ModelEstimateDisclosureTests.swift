import Foundation
import Testing
import TreatmentOutcomes

@testable import OutcomeReports

/// Model estimates beside small counts (docs/ReportingConventions.md, "Model estimates"): a coefficient's standard
/// error shrinks as the counts behind it grow, so an odds ratio or a slope difference resting on a small count
/// estimates that count. The report withholds them; `risk fit` withholds a performance column of a small sample.
@Suite("Model estimates beside small counts")
struct ModelEstimateDisclosureTests {
    static let policy = SmallCellPolicy(minimumCount: 11)

    static func analysis(patients: Int, seed: UInt64, parts: Set<CohortAnalysis.Part>) async throws -> CohortAnalysis {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-estimates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: patients, seed: seed).write(to: folder)
        return await CohortAnalysis(cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan(), parts: parts)
    }

    static func label(_ cell: Cell) -> String { if case .text(let text) = cell { text } else { "" } }

    @Test("an arm's odds ratio is withheld exactly when a count of its 2 × 2 table is small")
    func oddsRatios() async throws {
        let analysis = try await Self.analysis(patients: 400, seed: 4, parts: [.relapseRisk])
        let fit = try #require(analysis.relapseRisk?.value?.fit)
        let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "synthetic"))
        let table = try #require(report.tables.first { $0.title.hasPrefix("Relapse-risk model: odds ratios") })
        // The 2 × 2 counts of each arm indicator, worked out here from the fit's rows and the patients' arms.
        let arm = analysis.cohort.patients.arm
        let rows = fit.validation.rows
        let relapsedInRows = rows.count { fit.outcome[$0] == 1 }
        var withheld = 0, shown = 0
        for (k, feature) in fit.model.features.enumerated() {
            guard case .arm(let level) = feature.source else { continue }
            let with = rows.filter { arm.label(at: $0) == level }
            let relapsed = with.count { fit.outcome[$0] == 1 }
            let cells = [relapsed, with.count - relapsed, relapsedInRows - relapsed,
                         rows.count - with.count - (relapsedInRows - relapsed)]
            #expect(fit.indicatorOutcomes[k]?.cells == cells, "\(level)")
            let row = try #require(table.rows.first { Self.label($0[0]) == feature.name })
            if cells.contains(where: { $0 >= 1 && $0 <= 10 }) {
                #expect(row[1...3].allSatisfy { $0 == .suppressed }, "\(feature.name): \(cells)")
                withheld += 1
            } else {
                #expect(row[1...3].allSatisfy { $0 != .suppressed }, "\(feature.name): \(cells)")
                shown += 1
            }
        }
        #expect(withheld > 0 && shown > 0, "\(withheld) withheld, \(shown) shown")
    }

    @Test("a week × arm slope is withheld when either arm has fewer than 11 patients in the model")
    func cravingSlopes() async throws {
        let analysis = try await Self.analysis(patients: 400, seed: 4, parts: [.craving])
        let results = try #require(analysis.craving.value)
        let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "synthetic"))
        var withheld = 0, shown = 0
        for trajectory in results.trajectories where trajectory.fit != nil {
            let table = try #require(report.tables.first {
                $0.title.hasPrefix("\(trajectory.instrument.name): change per week")
            })
            // Patients with an assessment in the model's window, per arm, worked out here from the series.
            let options = trajectory.options
            let lastDay = Int32(7 * options.followUpWeeks.max()!) + options.windowDays
            var patientsByArm: [String: Set<Int32>] = [:]
            for row in trajectory.patient.indices
            where trajectory.day[row] >= options.baselineDays.lowerBound && trajectory.day[row] <= lastDay {
                patientsByArm[trajectory.arm[row], default: []].insert(trajectory.patient[row])
            }
            let reference = trajectory.arms[0]
            for row in table.rows {
                let term = Self.label(row[0])
                let arms = [reference] + (term.hasPrefix("week × arm: ") ? [String(term.dropFirst(12))] : [])
                if arms.contains(where: { (patientsByArm[$0]?.count ?? 0) < 11 }) {
                    #expect(row[1...3].allSatisfy { $0 == .suppressed }, "\(term)")
                    withheld += 1
                } else if row[1] == .suppressed {
                    // Otherwise only an arm N withheld elsewhere in the report hides it.
                    let counts = ReportCounts(analysis: analysis, policy: Self.policy)
                    #expect(arms.contains { label in
                        analysis.arms.labels.firstIndex(of: label).map { counts.isWithheld(.armTotal(arm: $0)) } ?? false
                    }, "\(term)")
                } else {
                    shown += 1
                }
            }
        }
        #expect(withheld > 0 && shown > 0, "\(withheld) withheld, \(shown) shown")
    }

    @Test("risk fit's performance table leaves out a column with a small count")
    func performanceColumns() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("risk-fit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 120, seed: 3).write(to: folder)
        let cohort = try CohortLoader.load(from: folder)
        let plan = AnalysisPlan()
        var options = try plan.relapseRiskOptions(featureSet: .baseline)
        options.heldOutFraction = 0.1
        let fit = try RelapseRiskFit(cohort: cohort, options: options, outcome: try RelapseRiskResults.outcome(cohort: cohort, plan: plan).outcome)
        let heldOut = try #require(fit.validation.heldOut)
        let heldOutEvents = heldOut.events, heldOutPatients = heldOut.count
        // 12 held-out patients: some count of the column is from 1 to 10.
        #expect([heldOutPatients, heldOutEvents, heldOutPatients - heldOutEvents].contains { $0 >= 1 && $0 <= 10 })
        let table = LogisticTables.performance(fit.validation, policy: Self.policy)
        #expect(table.rows.allSatisfy { $0[3] == .notApplicable })
        #expect(table.rows.first { Self.label($0[0]) == "patients" }?[1] == .exact(Double(fit.validation.rows.count)))
        #expect(LogisticTables.withheldColumns(fit.validation, policy: Self.policy) == ["held_out"])
        // With a minimum of 1 nothing is small and the column is printed.
        let everything = LogisticTables.performance(fit.validation, policy: SmallCellPolicy(minimumCount: 1))
        #expect(everything.rows.first { Self.label($0[0]) == "events" }?[3] == .exact(Double(heldOutEvents)))
    }
}
