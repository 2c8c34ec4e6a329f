import Foundation
import Testing
@testable import TreatmentOutcomes

/// Medication alone against medication with support (``QuarterlySupportComparison``) on a hand-made dated cohort,
/// every count, time and estimate worked out by hand. Reported quarter 2025-Q2 (as of 2025-06-30), four quarters
/// 2024-Q3 … 2025-Q2.
///
/// | patient | index      | medication    | support    | episode                           | in the comparison          |
/// |---------|------------|---------------|------------|-----------------------------------|----------------------------|
/// | M1      | 2024-08-01 | methadone     | none       | to 2024-12-15, dropout            | alone, 136 days, dropout   |
/// | M2      | 2024-09-01 | methadone     | standard   | to 2024-10-01, transferred        | alone, 30 days, censored   |
/// | M3      | 2025-01-05 | methadone     | CBT        | open                              | with, 176 days (as of), censored |
/// | M4      | 2024-10-10 | methadone     | counseling | to 2024-11-09, dropout            | with, 30 days, dropout     |
/// | M5      | 2025-02-01 | methadone     | CBT        | none                              | without a record           |
/// | M6      | 2025-03-01 | methadone     | standard   | open                              | alone, 121 days (as of), censored |
/// | M7      | 2024-05-01 | methadone     | none       | to 2024-09-01, dropout            | admitted before the window |
/// | M8      | 2025-08-01 | methadone     | counseling | after the as-of date              | not in the cohort          |
/// | M9      | 2025-05-01 | methadone     | none       | to 2025-08-01, dropout            | alone, 60 days: open at the as-of date, censored |
/// | B1      | 2024-09-01 | buprenorphine | none       | to 2024-09-21, dropout            | no with-support patient: no comparison |
///
/// Methadone's Cox partial likelihood (no ties; x = e^β for support): at day 30 the risk set is M1, M2, M6, M9
/// (alone) and M3, M4 (with), M4 drops out; at day 136 it is M1 and M3, M1 drops out:
/// L = x/(4 + 2x) · 1/(1 + x); the score 1 − 2x/(4 + 2x) − x/(1 + x) = 0 gives 4(1 + x) = x(4 + 2x), x² = 2,
/// so the hazard ratio is √2 = 1.414214.
@Suite("Quarterly: medication alone and with support, hand-made")
struct QuarterlySupportComparisonTests {
    static let files: [String: String] = [
        "patients.csv": """
            patient_id,site,arm,medication,psychosocial,index_date,age
            M1,A,methadone,methadone,none,2024-08-01,30
            M2,A,methadone+standard,methadone,standard,2024-09-01,41
            M3,B,methadone+CBT,methadone,CBT,2025-01-05,35
            M4,B,methadone+counseling,methadone,counseling,2024-10-10,28
            M5,B,methadone+CBT,methadone,CBT,2025-02-01,50
            M6,A,methadone+standard,methadone,standard,2025-03-01,33
            M7,A,methadone,methadone,none,2024-05-01,45
            M8,B,methadone+counseling,methadone,counseling,2025-08-01,39
            M9,A,methadone,methadone,none,2025-05-01,
            B1,A,bup,buprenorphine,none,2024-09-01,38

            """,
        "episodes.csv": """
            patient_id,start,end,end_reason
            M1,2024-08-01,2024-12-15,dropout
            M2,2024-09-01,2024-10-01,transferred
            M3,2025-01-05,,ongoing
            M4,2024-10-10,2024-11-09,dropout
            M6,2025-03-01,,ongoing
            M7,2024-05-01,2024-09-01,dropout
            M8,2025-08-01,2025-09-01,completed
            M9,2025-05-01,2025-08-01,dropout
            B1,2024-09-01,2024-09-21,dropout

            """,
    ]

    @Test("groups, exclusions, times, Kaplan–Meier at 90 days and the hand-derived hazard ratio √2")
    func handMade() throws {
        let folder = try CohortFolderFixture(Self.files)
        var plan = AnalysisPlan()
        plan.quarterly.quarters = 4
        let analysis = try QuarterlyAnalysis(cohort: try folder.load(), plan: plan, quarter: CalendarQuarter(year: 2025, quarter: 2))
        let comparison = analysis.supportComparison
        #expect(comparison.retentionDay == 90)
        #expect(comparison.adjustment == ["site", "age"], "sex is not recorded")
        #expect(comparison.medications.map(\.medication) == [.methadone], "buprenorphine has no patient with support")
        let methadone = try #require(comparison.medications.first)
        #expect(methadone.admissions == 7, "M1–M6 and M9; M7 before the window, M8 after the as-of date")
        #expect(methadone.withoutRecord == 1, "M5")
        #expect(methadone.alone.patients == 4 && methadone.alone.dropouts == 1)
        #expect(methadone.withSupport.patients == 2 && methadone.withSupport.dropouts == 1)
        #expect(methadone.alone.curve.times == [30, 60, 121, 136] && methadone.alone.curve.events == [0, 0, 0, 1])
        #expect(methadone.withSupport.curve.times == [30, 176] && methadone.withSupport.curve.events == [1, 0])
        #expect(methadone.alone.retained.estimate == 1, "no dropout by day 89")
        #expect(methadone.withSupport.retained.estimate == 0.5)
        let ratio = try #require(methadone.unadjustedHazardRatio)
        #expect(abs(ratio.ratio - 2.0.squareRoot()) < 1e-6)
        #expect(methadone.excludedForMissingCovariates == 1, "M9 has no age")
        #expect(methadone.adjusted.subjectCount == 5)
        #expect(methadone.adjustmentTerms == ["site: B", "age"])
    }

    @Test("a different label set for medication alone moves patients between the groups")
    func aloneLabels() throws {
        let folder = try CohortFolderFixture(Self.files)
        var plan = AnalysisPlan()
        plan.quarterly.quarters = 4
        plan.contrasts.medicationAloneSupports = ["none"]
        let analysis = try QuarterlyAnalysis(cohort: try folder.load(), plan: plan, quarter: CalendarQuarter(year: 2025, quarter: 2))
        let methadone = try #require(analysis.supportComparison.medications.first)
        #expect(methadone.alone.patients == 2 && methadone.withSupport.patients == 4, "M2 and M6 (standard) now count as support")
    }
}
