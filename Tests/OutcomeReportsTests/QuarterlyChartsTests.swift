import Foundation
import Testing
import TreatmentOutcomes

@testable import OutcomeReports

/// The quarterly report's small multiples: a panel per medication, a line per psychosocial support, drawn from the
/// arms' values and never from a withheld one.
@Suite("Quarterly charts: small multiples by medication")
struct QuarterlyChartsTests {
    @Test("every point is its arm's value in that quarter, shown in the tables; withheld quarters have none", arguments: [1, 11])
    func pointsAreShownValues(minimum: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quarterly-charts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 3_000, seed: 5).write(to: folder)
        var plan = AnalysisPlan()
        plan.disclosure.minimumCellSize = minimum
        let analysis = try QuarterlyAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: plan, quarter: CalendarQuarter(year: 2025, quarter: 4))
        let disclosure = QuarterlyDisclosure(analysis: analysis, policy: SmallCellPolicy(minimumCount: minimum))
        let measure = QuarterlyMeasure.retained(days: 90)
        let chart = try #require(QuarterlyCharts.smallMultiples(analysis, measure, disclosure: disclosure))
        guard case .panels(let panels) = chart.content else {
            Issue.record("not small multiples")
            return
        }
        #expect(panels.map(\.title) == ["Methadone", "Buprenorphine", "Naltrexone"])
        var drawn = 0, withheld = 0
        for (panel, medication) in zip(panels, Medication.allCases) {
            #expect(Set(panel.series.map(\.name)).isSubset(of: ["none", "standard", "counseling", "CBT", "contingency-management"]))
            for series in panel.series {
                let arm = try #require(analysis.armTreatments.first { $0.medication == medication && $0.support == series.name })
                for point in series.points {
                    let quarter = analysis.quarters[Int(point.x) - 1]
                    let value = try #require(analysis.value(measure, .arm(arm.arm), in: quarter))
                    #expect(!disclosure.isWithheld(value), "\(arm.arm) \(quarter) is withheld but drawn")
                    #expect(abs(point.y - 100 * (value.value ?? -1)) < 1e-9)
                    drawn += 1
                }
            }
            for arm in analysis.armTreatments where arm.medication == medication {
                withheld += analysis.quarters.compactMap { analysis.value(measure, .arm(arm.arm), in: $0) }.filter(disclosure.isWithheld).count
            }
        }
        #expect(drawn > 0)
        if minimum == 1 {
            // Nothing withheld: every arm-quarter with a value is drawn.
            let values = analysis.armTreatments.flatMap { arm in
                analysis.quarters.compactMap { analysis.value(measure, .arm(arm.arm), in: $0)?.value }
            }
            #expect(drawn == values.count && withheld == 0)
        } else {
            #expect(withheld > 0, "a 3,000-patient program has withheld arm-quarters")
        }
    }
}
