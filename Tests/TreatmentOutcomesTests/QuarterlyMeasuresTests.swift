import Foundation
import Testing
@testable import TreatmentOutcomes

/// The quarterly measures on a hand-made dated cohort, every numerator and denominator worked out by hand below
/// (docs/QuarterlyMeasures.md). Reported quarter 2025-Q2 (as of 2025-06-30), four quarters: 2024-Q3 … 2025-Q2.
///
/// | patient | index      | medication    | support | episode                                  |
/// |---------|------------|---------------|---------|------------------------------------------|
/// | P1      | 2024-08-01 | methadone     | none    | to 2024-12-15, dropout (136 days)        |
/// | P2      | 2024-11-10 | buprenorphine | CBT     | open (232 days to the as-of date)        |
/// | P3      | 2025-01-05 | methadone     | CBT     | to 2025-03-01, completed (55 days)       |
/// | P4      | 2025-04-20 | buprenorphine | none    | to 2025-08-01, dropout: ongoing at as-of |
/// | P5      | 2025-07-10 | methadone     | none    | after the as-of date: not in the report  |
/// | P6      | 2024-07-15 | naltrexone    | none    | to 2024-07-20, transferred (5 days)      |
@Suite("Quarterly measures: a hand-made dated cohort")
struct QuarterlyMeasuresTests {
    static let files: [String: String] = [
        "patients.csv": """
            patient_id,site,arm,medication,psychosocial,index_date,age
            P1,A,methadone,methadone,none,2024-08-01,30
            P2,A,bup+CBT,buprenorphine,CBT,2024-11-10,41
            P3,B,methadone+CBT,methadone,CBT,2025-01-05,35
            P4,B,bup,buprenorphine,none,2025-04-20,28
            P5,B,methadone,methadone,none,2025-07-10,50
            P6,A,xr-ntx,naltrexone,none,2024-07-15,33

            """,
        "episodes.csv": """
            patient_id,start,end,end_reason
            P1,2024-08-01,2024-12-15,dropout
            P2,2024-11-10,,ongoing
            P3,2025-01-05,2025-03-01,completed
            P4,2025-04-20,2025-08-01,dropout
            P5,2025-07-10,2025-09-01,completed
            P6,2024-07-15,2024-07-20,transferred

            """,
        // P3's fentanyl is not a non-study opioid of methadone (opioid, buprenorphine); P4's July screen is after
        // the as-of date.
        "screens.csv": """
            patient_id,date,substance,result
            P2,2025-01-10,opioid,negative
            P2,2025-02-10,opioid,positive
            P2,2025-05-01,opioid,negative
            P3,2025-01-20,fentanyl,positive
            P3,2025-02-01,buprenorphine,positive
            P4,2025-05-02,opioid,negative
            P4,2025-07-01,opioid,positive

            """,
        // Sessions: P1 one in 2024-Q4 (after the episode's end, but P1 was in treatment that quarter); P2 two in
        // 2025-Q2 (the medical visit and the missed CBT do not count); P4 one in 2025-Q2 and one after the as-of date.
        "visits.csv": """
            patient_id,date,kind,status
            P1,2024-12-20,counseling,attended
            P2,2025-04-02,counseling,attended
            P2,2025-04-03,medical,attended
            P2,2025-04-16,group,attended
            P2,2025-05-01,CBT,missed
            P4,2025-05-05,counseling,attended
            P4,2025-08-01,peer,attended

            """,
    ]

    static func analysis() throws -> QuarterlyAnalysis {
        let folder = try CohortFolderFixture(files)
        var plan = AnalysisPlan()
        plan.quarterly.quarters = 4
        plan.disclosure.minimumCellSize = 1
        return try QuarterlyAnalysis(cohort: try folder.load(), plan: plan, quarter: CalendarQuarter(year: 2025, quarter: 2))
    }

    static let q3 = CalendarQuarter(year: 2024, quarter: 3), q4 = CalendarQuarter(year: 2024, quarter: 4)
    static let q1 = CalendarQuarter(year: 2025, quarter: 1), q2 = CalendarQuarter(year: 2025, quarter: 2)

    func counts(_ analysis: QuarterlyAnalysis, _ measure: QuarterlyMeasure, _ group: QuarterlyGroup = .all) -> [String] {
        [Self.q3, Self.q4, Self.q1, Self.q2].map { quarter in
            guard let value = analysis.value(measure, group, in: quarter) else { return "pending" }
            return value.denominator.map { "\(value.numerator)/\($0)" } ?? "\(value.numerator)"
        }
    }

    @Test("window, as-of date and the patients admitted by then")
    func window() throws {
        let analysis = try Self.analysis()
        #expect(analysis.asOf == CivilDate(year: 2025, month: 6, day: 30)!)
        #expect(analysis.quarters == [Self.q3, Self.q4, Self.q1, Self.q2])
        #expect(analysis.patientCount == 5)
    }

    @Test("admissions, patients in treatment and discharges by reason, per quarter")
    func counts() throws {
        let analysis = try Self.analysis()
        #expect(counts(analysis, .admissions) == ["2", "1", "1", "1"])
        #expect(counts(analysis, .admissions, .medication(.methadone)) == ["1", "0", "1", "0"])
        #expect(counts(analysis, .admissions, .psychosocial("CBT")) == ["0", "1", "1", "0"])
        #expect(counts(analysis, .activePatients) == ["2", "2", "2", "2"])
        #expect(counts(analysis, .activePatients, .medication(.buprenorphine)) == ["0", "1", "1", "2"])
        #expect(counts(analysis, .discharges) == ["1", "1", "1", "0"])
        #expect(counts(analysis, .discharges(.transferred)) == ["1", "0", "0", "0"])
        #expect(counts(analysis, .discharges(.dropout)) == ["0", "1", "0", "0"])
        #expect(counts(analysis, .discharges(.completed)) == ["0", "0", "1", "0"])
    }

    @Test("retention at 90 and 180 days only once the follow-up has ended; the rest pending")
    func retention() throws {
        let analysis = try Self.analysis()
        // 90 days: 2024-Q3 (P1 136 days yes, P6 5 no), 2024-Q4 (P2 232 days, open), 2025-Q1 (P3 55 no); 2025-Q2
        // ends 2025-06-30, +90 days is after the as-of date.
        #expect(counts(analysis, .retained(days: 90)) == ["1/2", "1/1", "0/1", "pending"])
        #expect(counts(analysis, .retained(days: 180)) == ["0/2", "1/1", "pending", "pending"])
        #expect(analysis.pending[.retained(days: 90)] == [Self.q2])
        #expect(analysis.pending[.retained(days: 180)] == [Self.q1, Self.q2])
        let value = try #require(analysis.value(.retained(days: 90), .all, in: Self.q3))
        #expect(abs(value.value! - 0.5) < 1e-12)
    }

    @Test("opioid-negative screens, psychosocial sessions per patient-month and engagement")
    func screensAndSessions() throws {
        let analysis = try Self.analysis()
        #expect(counts(analysis, .opioidNegative) == ["0/0", "0/0", "0/2", "2/2"])
        #expect(analysis.value(.opioidNegative, .all, in: Self.q3)?.value == nil)
        #expect(counts(analysis, .psychosocialEngaged) == ["0/2", "0/2", "0/2", "1/2"])
        // 2025-Q2: 3 sessions; days in treatment P2 1 Apr–30 Jun (91) + P4 20 Apr–30 Jun (72) = 163.
        let rate = try #require(analysis.value(.psychosocialSessionsRate, .all, in: Self.q2))
        #expect(rate.numerator == 3)
        #expect(abs(rate.patientMonths! - 163 / 30.4375) < 1e-12)
        #expect(abs(rate.value! - 3 / (163 / 30.4375)) < 1e-12)
        // 2024-Q4: P1's session; days P1 1 Oct–15 Dec (76) + P2 10 Nov–31 Dec (52) = 128.
        let earlier = try #require(analysis.value(.psychosocialSessionsRate, .all, in: Self.q4))
        #expect(earlier.numerator == 1)
        #expect(abs(earlier.patientMonths! - 128 / 30.4375) < 1e-12)
    }

    @Test("a cohort without calendar dates is an error")
    func undated() throws {
        let folder = try CohortFolderFixture([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\nP1,A,m,methadone,none\n",
            "doses.csv": "patient_id,day,amount\nP1,0,30\n",
        ])
        #expect(throws: QuarterlyError.noCalendarDates) {
            try QuarterlyAnalysis(cohort: try folder.load(), plan: AnalysisPlan(), quarter: Self.q2)
        }
    }

    @Test("quarters parse as YYYY-Qn only")
    func parsing() {
        #expect(CalendarQuarter(parsing: "2025-Q4") == CalendarQuarter(year: 2025, quarter: 4))
        for bad in ["2025Q4", "2025-Q5", "2025-Q0", "25-Q1", "2025-Q", "2025-4", "", "2025-Q12"] {
            #expect(CalendarQuarter(parsing: bad) == nil, "\(bad)")
        }
        #expect(CalendarQuarter(year: 2025, quarter: 1).previous == CalendarQuarter(year: 2024, quarter: 4))
    }
}
