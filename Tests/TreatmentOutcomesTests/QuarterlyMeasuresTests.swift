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
/// | P7      | 2024-09-01 | buprenorphine | none    | none recorded (fills, craving only)      |
/// | P8      | 2024-09-10 | buprenorphine | none    | none recorded                            |
/// | P9      | 2024-09-20 | buprenorphine | none    | none recorded                            |
/// | P10     | 2024-10-09 | methadone     | none    | none recorded (doses, craving only)      |
/// | P11     | 2025-02-01 | buprenorphine | none    | none recorded                            |
/// | P12     | 2024-12-20 | methadone     | none    | none recorded (no records at all)        |
///
/// P7–P12 carry the fills, doses and craving assessments of the measures built on the adherence and craving
/// definitions; without an episode they are admissions but never in treatment, so the other measures see them only
/// as admissions (and retention denominators).
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
            P7,A,bup,buprenorphine,none,2024-09-01,45
            P8,B,bup,buprenorphine,none,2024-09-10,39
            P9,A,bup,buprenorphine,none,2024-09-20,52
            P10,B,methadone,methadone,none,2024-10-09,31
            P11,A,bup,buprenorphine,none,2025-02-01,27
            P12,B,methadone,methadone,none,2024-12-20,58

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
        // Fills, day numbers from each index date. P7: 30-day fills on days 0, 37, 67, 97, 127, 157 (the supply
        // ends on day 29, so the gap is days 30–36, exactly 7). P8: days 0, 38, 68, 98, 128, 158 (gap days 30–37,
        // 8). P9: one 30-day fill on day 13 (2024-10-03), after its admission quarter ended on day 10. P2: 36-day
        // fills on days 0, 45, 90, 135 (covered 4 × 36 = 144 of 180 days; gaps of 9). P4 and P11: one fill each in
        // quarters still pending; P4's July fill is after the as-of date.
        "dispensings.csv": """
            patient_id,date,days_supply,drug
            P7,2024-09-01,30,buprenorphine
            P7,2024-10-08,30,buprenorphine
            P7,2024-11-07,30,buprenorphine
            P7,2024-12-07,30,buprenorphine
            P7,2025-01-06,30,buprenorphine
            P7,2025-02-05,30,buprenorphine
            P8,2024-09-10,30,buprenorphine
            P8,2024-10-18,30,buprenorphine
            P8,2024-11-17,30,buprenorphine
            P8,2024-12-17,30,buprenorphine
            P8,2025-01-16,30,buprenorphine
            P8,2025-02-15,30,buprenorphine
            P9,2024-10-03,30,buprenorphine
            P2,2024-11-10,36,buprenorphine
            P2,2024-12-25,36,buprenorphine
            P2,2025-02-08,36,buprenorphine
            P2,2025-03-25,36,buprenorphine
            P11,2025-02-01,28,buprenorphine
            P4,2025-04-20,30,buprenorphine
            P4,2025-07-15,30,buprenorphine

            """,
        // Observed doses (a dose with k take-homes covers its day and the k days after). P1 (window days 0–136, cut
        // at the 2024-12-15 discharge): days 0, 28, 56 with 27 take-homes and day 98 with 13 cover 3 × 28 + 14 =
        // 98 days; the dose on day 141 is after the window. P6: one naltrexone injection (28 days) over a window
        // cut at the day-5 transfer. P10 (no episode, window days 0–179): days 0, 28, 56, 84, 112 with 27
        // take-homes and day 140 with 3 cover 5 × 28 + 4 = 144 days.
        "doses.csv": """
            patient_id,date,amount,take_home
            P1,2024-08-01,60,27
            P1,2024-08-29,60,27
            P1,2024-09-26,60,27
            P1,2024-11-07,60,13
            P1,2024-12-20,60,0
            P6,2024-07-15,1,0
            P10,2024-10-09,80,27
            P10,2024-11-06,80,27
            P10,2024-12-04,80,27
            P10,2025-01-01,80,27
            P10,2025-01-29,80,27
            P10,2025-02-26,80,3

            """,
        // Craving VAS (0–100, so POMP = the score). Baselines (day 0): P1 70, P6 60, P7 70, P8 50, P9 50, P10 70,
        // P2 50, P3 70, P11 50. Retest pairs (first on or after day 14, 4–10 days apart): P7 (20, 10), P8 (30, 30),
        // P9 (40, 20). Week 12 (day 84 ± 3, the closest): P1 day 84, P7 day 84, P8 day 87, P10 day 84 (2025-01-01),
        // P2 day 84, P3 days 82 and 85 (85 is closer), P11 day 84; P9's day 88 is outside the window. P4's pair
        // is after the as-of date.
        "assessments.csv": """
            patient_id,date,instrument,item,score
            P1,2024-08-01,craving-VAS,,70
            P1,2024-10-24,craving-VAS,,50
            P6,2024-07-15,craving-VAS,,60
            P7,2024-09-01,craving-VAS,,70
            P7,2024-09-15,craving-VAS,,20
            P7,2024-09-22,craving-VAS,,10
            P7,2024-11-24,craving-VAS,,51
            P8,2024-09-10,craving-VAS,,50
            P8,2024-09-24,craving-VAS,,30
            P8,2024-10-01,craving-VAS,,30
            P8,2024-12-06,craving-VAS,,20
            P9,2024-09-20,craving-VAS,,50
            P9,2024-10-04,craving-VAS,,40
            P9,2024-10-11,craving-VAS,,20
            P9,2024-12-17,craving-VAS,,10
            P10,2024-10-09,craving-VAS,,70
            P10,2025-01-01,craving-VAS,,40
            P2,2024-11-10,craving-VAS,,50
            P2,2025-02-02,craving-VAS,,80
            P3,2025-01-05,craving-VAS,,70
            P3,2025-03-28,craving-VAS,,60
            P3,2025-03-31,craving-VAS,,40
            P11,2025-02-01,craving-VAS,,50
            P11,2025-04-26,craving-VAS,,20
            P4,2025-07-01,craving-VAS,,90
            P4,2025-07-08,craving-VAS,,10

            """,
    ]

    static func analysis(
        files: [String: String] = files, adjusting: (inout AnalysisPlan) -> Void = { _ in }
    ) throws -> QuarterlyAnalysis {
        let folder = try CohortFolderFixture(files)
        var plan = AnalysisPlan()
        plan.quarterly.quarters = 4
        plan.disclosure.minimumCellSize = 1
        adjusting(&plan)
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
        #expect(analysis.patientCount == 11)
    }

    @Test("admissions, patients in treatment and discharges by reason, per quarter")
    func counts() throws {
        let analysis = try Self.analysis()
        // 2024-Q3 P1, P6, P7, P8, P9; 2024-Q4 P2, P10, P12; 2025-Q1 P3, P11; 2025-Q2 P4.
        #expect(counts(analysis, .admissions) == ["5", "3", "2", "1"])
        #expect(counts(analysis, .admissions, .medication(.methadone)) == ["1", "2", "1", "0"])
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
        // 90 days: 2024-Q3 (P1 136 days yes, P6 5 no, P7–P9 no episode), 2024-Q4 (P2 232 days, open; P10, P12
        // no episode), 2025-Q1 (P3 55 no, P11 no episode); 2025-Q2 ends 2025-06-30, +90 days is after the as-of date.
        #expect(counts(analysis, .retained(days: 90)) == ["1/5", "1/3", "0/2", "pending"])
        #expect(counts(analysis, .retained(days: 180)) == ["0/5", "1/3", "pending", "pending"])
        #expect(analysis.pending[.retained(days: 90)] == [Self.q2])
        #expect(analysis.pending[.retained(days: 180)] == [Self.q1, Self.q2])
        let value = try #require(analysis.value(.retained(days: 90), .all, in: Self.q3))
        #expect(abs(value.value! - 0.2) < 1e-12)
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

    func measure(_ analysis: QuarterlyAnalysis, _ id: String) throws -> QuarterlyMeasure {
        try #require(analysis.measures.first { $0.id == id }, "\(id) in \(analysis.measures)")
    }

    @Test("continuity_180_days (NQF 3175): a gap of exactly 7 days is continuous, 8 is not; needs 180 days of follow-up")
    func continuity() throws {
        let analysis = try Self.analysis()
        // 2024-Q3: admissions P1, P6 (no fills), P7 (start day 0, longest gap 7: continuous), P8 (start day 0, a gap
        // of 8: not), P9 (first start day 13, after the quarter's end on day 10: not in the denominator) → 1/2.
        // 2024-Q4: P2 (start day 0, gaps of 9: not), P10 and P12 (no fills) → 0/1. 2025-Q1 ends 2025-03-31 and
        // 2025-Q2 2025-06-30: + 180 days is after the as-of date, so both are pending (P11's and P4's starts).
        #expect(counts(analysis, .continuity180Days) == ["1/2", "0/1", "pending", "pending"])
        #expect(counts(analysis, .continuity180Days, .site("A")) == ["1/1", "0/1", "pending", "pending"])
        #expect(counts(analysis, .continuity180Days, .medication(.methadone)) == ["0/0", "0/0", "pending", "pending"])
        #expect(analysis.pending[.continuity180Days] == [Self.q1, Self.q2])
        // 2024-Q4's last day + 180 is 2025-06-29, one day before the as-of date.
        #expect(analysis.value(.continuity180Days, .all, in: Self.q4) != nil)
    }

    @Test("pdc_80 (PQA): by the quarter of the first fill, over 180 days from it; a PDC of exactly 80% counts")
    func proportionOfDaysCovered() throws {
        let analysis = try Self.analysis()
        let pdc = try measure(analysis, QuarterlyMeasure.pdc80ID)
        #expect(pdc == .pdc80(days: 180))
        // 2024-Q3 first fills: P7 (covered 180 − 7 = 173 days, 96%), P8 (172, 96%) → 2/2. 2024-Q4: P9 (first fill
        // 2024-10-03, though admitted in 2024-Q3: 30 of 180 days), P2 (144 of 180 = exactly 80%) → 1/2.
        // 2025-Q1 (P11) and 2025-Q2 (P4) pending.
        #expect(counts(analysis, pdc) == ["2/2", "1/2", "pending", "pending"])
        #expect(counts(analysis, pdc, .psychosocial("CBT")) == ["0/0", "1/1", "pending", "pending"])
        let exact = try #require(analysis.value(pdc, .psychosocial("CBT"), in: Self.q4))
        #expect(exact.value == 1)
    }

    @Test("observed_dosing_80: admissions not on pharmacy fills, covered on at least 80% of their window (cut at discharge)")
    func observedDosing() throws {
        let analysis = try Self.analysis()
        let dosing = try measure(analysis, QuarterlyMeasure.observedDosing80ID)
        #expect(dosing.followUpDays == 180)
        // 2024-Q3: P1 (98 of 137 days, 72%: no), P6 (the injection covers all 6 days of a window cut at the
        // transfer on day 5; uncut it would be 28 of 180: yes); P7–P9 have fills in their windows and no dose: on
        // pharmacy fills, left out → 1/2. 2024-Q4: P10 (144 of 180, exactly 80%: yes), P12 (no dose and no fill:
        // never came to dose, 0 of 180: no); P2 on fills, left out → 1/2. 2025-Q1 and 2025-Q2: pending (their
        // windows end after the as-of date).
        #expect(counts(analysis, dosing) == ["1/2", "1/2", "pending", "pending"])
        #expect(counts(analysis, dosing, .medication(.naltrexone)) == ["1/1", "0/0", "pending", "pending"])
        #expect(counts(analysis, dosing, .medication(.methadone)) == ["0/1", "1/2", "pending", "pending"])
        #expect(counts(analysis, dosing, .medication(.buprenorphine)) == ["0/0", "0/0", "pending", "pending"])
    }

    @Test("craving_reliable_improvement: by the quarter of day 84, Jacobson–Truax with the craving section's reliability")
    func cravingImprovement() throws {
        let analysis = try Self.analysis()
        let craving = try measure(analysis, QuarterlyMeasure.cravingReliableImprovementID)
        #expect(craving == .cravingReliableImprovement(instrument: "craving-VAS", windowDays: 3))
        // r_xx of the pairs (20, 10), (30, 30), (40, 20): deviations (−10, 0, 10) and (−10, 10, 0), so
        // r = 100 / √(200 · 200) = 0.5. s₁ of the baselines 70, 60, 70, 50, 50, 70, 50, 70, 50: mean 60, SD
        // √(800 / 8) = 10. S_diff = √(2 · 10² · (1 − 0.5)) = 10: a reliable improvement is a fall of more than
        // 1.96 × 10 = 19.6 points.
        // 2024-Q3: nobody reaches day 84 → 0/0. 2024-Q4: P1 (70 → 50, a fall of 20: improved), P7 (70 → 51, 19:
        // not), P8 (50 → 20 on day 87: improved); P9's only late value is on day 88 and P6 has no value → 2/3.
        // 2025-Q1: P10 (day 84 is 2025-01-01, the day after 2024-Q4 ends: 70 → 40, improved), P2 (50 → 80: worse),
        // P3 (day 85's 40, closer to day 84 than day 82's 60: 70 → 40, improved) → 2/3. 2025-Q2: P11 reached
        // day 84 on 2025-04-26, but values up to day 87 could fall after the as-of date: pending.
        #expect(counts(analysis, craving) == ["0/0", "2/3", "2/3", "pending"])
        #expect(analysis.pending[craving] == [Self.q2])
        #expect(counts(analysis, craving, .medication(.methadone)) == ["0/0", "1/1", "2/2", "pending"])
        // The same rule as the craving section's, on the as-of cohort: its week-12 counts are the quarters' sums,
        // P11's included (5 of 7). P4's pair after the as-of date would change r_xx if it were seen.
        let cohort = try AsOfCohort(try CohortFolderFixture(Self.files).load(), asOf: analysis.asOf).cohort
        let scores = try InstrumentScoring.score(try #require(cohort.assessments)).scores
        let trajectory = try #require(SymptomTrajectory(cohort: cohort, scores: scores, instrument: "craving-VAS"))
        #expect(trajectory.reliability == 0.5 && trajectory.baselineStandardDeviation == 10)
        #expect(trajectory.reliableImprovement.reduce(0) { $0 + $1.patients } == 7)
        #expect(trajectory.reliableImprovement.reduce(0) { $0 + $1.improved } == 5)
    }

    @Test("each new measure needs its table; craving without a reliability is named as not computed")
    func inputsAndUnavailable() throws {
        var files = Self.files
        for name in ["dispensings.csv", "doses.csv", "assessments.csv"] { files[name] = nil }
        let without = try Self.analysis(files: files)
        let ids = Set(without.measures.map(\.id))
        for id in [QuarterlyMeasure.continuity180Days.id, QuarterlyMeasure.pdc80ID, QuarterlyMeasure.observedDosing80ID,
                   QuarterlyMeasure.cravingReliableImprovementID] {
            #expect(!ids.contains(id), "\(id)")
        }
        #expect(without.unavailable.isEmpty)
        // Retest pairs must be 8–10 days apart: the three 7-day pairs no longer count, so there is no r_xx.
        let noPairs = try Self.analysis { $0.craving.retestMinimumGapDays = 8 }
        #expect(!noPairs.measures.contains { $0.id == QuarterlyMeasure.cravingReliableImprovementID })
        #expect(noPairs.unavailable.map(\.measureID) == [QuarterlyMeasure.cravingReliableImprovementID])
        #expect(noPairs.unavailable.first?.reason.contains("8–10 days apart") == true)
        let all = try Self.analysis()
        #expect(all.measures.map(\.id).prefix(8) == [
            "admissions", "active_patients", "retained_90_days", "retained_180_days", "continuity_180_days", "pdc_80",
            "observed_dosing_80", "opioid_negative",
        ])
        #expect(all.measures.map(\.id).dropFirst(8).first == "craving_reliable_improvement")
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
