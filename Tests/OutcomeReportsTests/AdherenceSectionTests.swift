import Foundation
import Testing
import TreatmentOutcomes
import _CohortTestSupport
import _OutcomeTestSupport

@testable import OutcomeReports

@Suite("Adherence section")
struct AdherenceSectionTests {
    @Test("CTN-0094: rows by arm carry R's counts (dosing-by-arm.csv), a box plot, and small counts are withheld")
    func ctn0094() async throws {
        let report = CohortReport.make(
            from: try await BundledCohort.analysis(), options: CohortReportOptions(sourceDescription: "CTN-0094"))
        let section = try #require(report.sections.first { $0.heading == "Adherence" })
        let table = try #require(report.tables.first { $0.title == "Observed dosing adherence by arm" })
        // R 4.2.2 (datasets/reference/adherence/dosing.R): Methadone n = 529, 368 adherent.
        let methadone = try #require(table.rows.first { $0.first == .text("Methadone") })
        #expect(methadone[1] == .count(529))
        #expect(methadone[4] == .countAndPercentage(count: 368, percentage: 368.0 / 529.0, decimals: 1))
        #expect(section.blocks.contains { if case .chart = $0 { true } else { false } })
        // Outpatient BUP + EMM has 9 missed visits (never printed, but scheduled − attended): the attended count and
        // the rate are withheld; the scheduled count alone does not give the 9 back.
        let attendance = try #require(report.tables.first { $0.title == "Visit attendance by arm and kind" })
        let emm = try #require(attendance.rows.first { $0.first == .text("Outpatient BUP + EMM") })
        #expect(emm[2] == .count(1330) && emm[3] == .suppressed && emm[4] == .suppressed)
    }

    @Test("no doses.csv: no Adherence section")
    func withoutDoses() async {
        let report = await makeReport(TestCohorts.twoArms, parts: [.adherence])
        #expect(TestCohorts.twoArms.doses == nil)
        #expect(!report.sections.contains { $0.heading == "Adherence" })
    }
}
