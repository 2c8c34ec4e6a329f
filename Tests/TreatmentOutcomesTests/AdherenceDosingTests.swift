import Foundation
import OutcomeStats
import Testing
import _CohortTestSupport
import _OutcomeTestSupport

@testable import TreatmentOutcomes

/// Observed dosing and attendance: hand-computed cases, and CTN-0094 against counts computed in R from the raw
/// treatment and visit tables.
@Suite("Adherence: observed dosing and attendance")
struct AdherenceDosingTests {
    static let patients = """
        patient_id,site,arm,medication,psychosocial
        A,S,MMT,methadone,none
        B,S,XR-NTX,naltrexone,counseling

        """
    /// A: doses on days −3 (outside), 0, 1, 2, 5 (+2 take-homes: 6, 7), 6 (+1 take-home: 7, not stacked), 12, 13.
    /// B: one injection on day 2.
    static let doses = """
        patient_id,day,amount,take_home
        A,-3,60,
        A,0,60,0
        A,1,60,
        A,2,60,0
        A,5,60,2
        A,6,60,1
        A,12,60,0
        A,13,60,0
        B,2,1,0

        """
    static let visits = """
        patient_id,day,kind,status
        A,0,medical,attended
        A,3,counseling,missed
        A,7,counseling,attended
        A,8,counseling,excused
        A,9,counseling,cancelled
        A,20,counseling,attended
        B,1,medical,missed

        """

    @Test("window 0–13: covered days, missed runs, take-homes that do not stack, an injection's 28 days")
    func handComputed() throws {
        let fixture = try CohortFolderFixture(["patients.csv": Self.patients, "doses.csv": Self.doses])
        let cohort = try fixture.load()
        #expect(cohort.doses?.takeHome == [0, 0, 0, 0, 2, 1, 0, 0, 0])
        let windows = TreatmentWindows(cohort: cohort, period: DayInterval(first: 0, last: 13))
        let results = try ObservedDosing.compute(cohort, windows: windows)
        #expect(results.count == 2)
        // A: covered 0,1,2,5,6,7,12,13; missed 3–4 and 8–11.
        let a = results[0]
        #expect(a.expectedDays == 14 && a.coveredDays == 8 && a.missedDays == 6 && a.doseDays == 7)
        #expect(a.longestMissedRun == 4 && a.missedRuns == 1 && a.adherence == 8.0 / 14.0)
        // B: the injection on day 2 covers 2–29, cut at 13; missed 0–1.
        let b = results[1]
        #expect(b.coveredDays == 12 && b.longestMissedRun == 2 && b.missedRuns == 0 && b.doseDays == 1)
        let five = try ObservedDosing.compute(cohort, windows: windows, options: ObservedDosingOptions(missedRunThreshold: 2))
        #expect(five[0].missedRuns == 2 && five[1].missedRuns == 1)
        let weekly = try ObservedDosing.compute(cohort, windows: windows, options: ObservedDosingOptions(injectionDays: 7))
        #expect(weekly[1].coveredDays == 7)
    }

    @Test("take_home: a negative count is a located error; without the column takeHome is nil")
    func takeHomeColumn() throws {
        let bad = try CohortFolderFixture([
            "patients.csv": Self.patients, "doses.csv": "patient_id,day,amount,take_home\nA,0,60,-1\n",
        ])
        #expect(bad.loadError()?.description == "\(bad.path("doses.csv")):2: column \"take_home\": take-home doses -1 is negative")
        let plain = try CohortFolderFixture(["patients.csv": Self.patients, "doses.csv": "patient_id,day,amount\nA,0,60\n"])
        #expect(try plain.load().doses?.takeHome == nil)
    }

    @Test("discharge ends the expected days; an ongoing episode does not")
    func discharge() throws {
        let fixture = try CohortFolderFixture([
            "patients.csv": Self.patients, "doses.csv": Self.doses,
            "episodes.csv": "patient_id,start,end,end_reason\nA,0,9,dropout\nB,0,,ongoing\n",
        ])
        let cohort = try fixture.load()
        let windows = TreatmentWindows(cohort: cohort, period: DayInterval(first: 0, last: 13))
        #expect(windows.windows == [DayInterval(first: 0, last: 9), DayInterval(first: 0, last: 13)])
        let results = try ObservedDosing.compute(cohort, windows: windows)
        #expect(results[0].expectedDays == 10 && results[0].coveredDays == 6 && results[0].longestMissedRun == 2)
        let ignoring = TreatmentWindows(cohort: cohort, period: DayInterval(first: 0, last: 13), endsAtDischarge: false)
        #expect(ignoring.windows[0] == DayInterval(first: 0, last: 13))
    }

    @Test("attendance by visit kind: excused and cancelled are not scheduled unless asked")
    func attendance() throws {
        let fixture = try CohortFolderFixture(["patients.csv": Self.patients, "visits.csv": Self.visits])
        let cohort = try fixture.load()
        let windows = TreatmentWindows(cohort: cohort, period: DayInterval(first: 0, last: 13))
        let byKind = try VisitAttendance.compute(cohort, windows: windows)
        #expect(cohort.visits?.kind.levels == ["counseling", "medical"])
        let counseling = byKind[0], medical = byKind[1]
        #expect(counseling[0].attended == 1 && counseling[0].missed == 1 && counseling[0].excused == 1)
        #expect(counseling[0].cancelled == 1 && counseling[0].scheduled == 2 && counseling[0].attendance == 0.5)
        #expect(counseling[1].scheduled == 0 && counseling[1].attendance == nil)
        #expect(medical[0].attendance == 1 && medical[1].attendance == 0)
        let withExcused = try VisitAttendance.compute(cohort, windows: windows, excusedAreScheduled: true)
        #expect(withExcused[0][0].scheduled == 3)
        #expect(throws: MissingTableError.self) { try ObservedDosing.compute(cohort, windows: windows) }
    }

    @Test("the bundled cohort's protocols (cohort.json) agree with meta_study_length.csv")
    func phases() throws {
        let table = try InputTable(url: datasetURL("ctn0094/meta_study_length.csv"))
        let plan = try AnalysisPlan.effective(for: try BundledCohort.cohort())
        var fromPlan: [String: Int] = [:]
        for entry in plan.protocols { for arm in entry.arms { fromPlan[arm] = entry.medicationPhaseDays } }
        #expect(try TreatmentPhases(metaStudyLength: table) == TreatmentPhases(days: fromPlan))
        #expect(fromPlan == [
            "Methadone": 168, "Outpatient BUP": 168, "Inpatient BUP": 168, "Inpatient NR-NTX": 168,
            "Outpatient BUP + EMM": 28, "Outpatient BUP + SMM": 28,
        ])
    }

    /// `datasets/reference/adherence/dosing.csv`: R 4.2.2, base R, from the raw treatment.csv and visit.csv
    /// (dosing.R). Every integer must agree exactly.
    @Test("CTN-0094 dosing adherence (as the report computes it) and attendance equal R's counts, patient by patient")
    func ctn0094AgainstR() async throws {
        let analysis = try await BundledCohort.analysis()
        let cohort = analysis.cohort
        let windows = analysis.plan.treatmentWindows(for: cohort)
        let dosing = try #require(analysis.adherence.value?.dosing?.value).perPatient
        let visits = try VisitAttendance.compute(cohort, windows: windows)
        #expect(cohort.visits?.kind.levels == ["study"])
        let reference = try InputTable(url: datasetURL("reference/adherence/dosing.csv"))
        #expect(reference.rowCount == 2492 && dosing.count == 2492)
        let ids = try reference.text("patient_id")
        let columns = try [
            "expected_days", "covered_days", "dose_days", "missed_days", "longest_missed_run", "missed_runs_3",
            "visits_attended", "visits_missed", "visits_excused",
        ].map { try reference.numbers($0).map { Int($0) } }
        var mismatches: [String] = []
        for (row, id) in ids.enumerated() {
            let patient = try #require(cohort.patients.index(of: id))
            let result = try #require(dosing.first { $0.patient == patient })
            let study = visits[0][patient]
            let actual = [result.expectedDays, result.coveredDays, result.doseDays, result.missedDays,
                          result.longestMissedRun, result.missedRuns, study.attended, study.missed, study.excused]
            let expected = columns.map { $0[row] }
            if actual != expected { mismatches.append("\(id): \(actual) vs R \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// `datasets/reference/adherence/dosing-by-arm.csv`: R 4.2.2 mean(), quantile(type = 7), prop.test() and the
    /// published quantile (type 7 of the 11-value moving means, written in R from the definition) (dosing.R);
    /// 1e-12 relative.
    @Test("CTN-0094 summaries by arm (as the report computes them) equal R's mean, quartiles and Wilson intervals")
    func ctn0094SummariesAgainstR() async throws {
        let analysis = try await BundledCohort.analysis()
        let cohort = analysis.cohort
        let results = try #require(analysis.adherence.value?.dosing?.value)
        let dosing = results.perPatient
        let arm = cohort.patients.arm
        let summaries = results.byArm
        let distributions = results.distributionByArm.compactMap { $0 }
        func byArm(_ rule: QuantileRule, continuityCorrected: Bool) -> [AdherenceSummary] {
            AdherenceSummary.byGroup(
                values: dosing.map(\.adherence), group: dosing.map { Int(arm.codes[$0.patient]) }, labels: arm.levels,
                threshold: 0.8, quantiles: rule, continuityCorrected: continuityCorrected)
        }
        let typeSeven = byArm(.type7, continuityCorrected: false)
        let corrected = byArm(.type7, continuityCorrected: true)
        let reference = try InputTable(url: datasetURL("reference/adherence/dosing-by-arm.csv"))
        #expect(try reference.text("arm") == summaries.map(\.label))
        #expect(try reference.numbers("n").map { Int($0) } == summaries.map(\.count))
        #expect(try reference.numbers("adherent").map { Int($0) } == summaries.map(\.adherentCount))
        #expect(distributions.count == summaries.count)
        let checks: [(String, (Int) -> Double)] = [
            ("mean", { summaries[$0].mean }), ("q1", { typeSeven[$0].lowerQuartile }),
            ("median", { typeSeven[$0].median }), ("q3", { typeSeven[$0].upperQuartile }),
            ("published_q1", { summaries[$0].lowerQuartile }), ("published_median", { summaries[$0].median }),
            ("published_q3", { summaries[$0].upperQuartile }),
            ("published_p10", { distributions[$0].tenthPercentile / 100 }),
            ("published_median", { distributions[$0].median / 100 }),
            ("published_p90", { distributions[$0].ninetiethPercentile / 100 }),
            ("wilson_lower", { summaries[$0].shareAdherent.lower }), ("wilson_upper", { summaries[$0].shareAdherent.upper }),
            ("corrected_lower", { corrected[$0].shareAdherent.lower }),
            ("corrected_upper", { corrected[$0].shareAdherent.upper }),
        ]
        for (column, actual) in checks {
            for (index, expected) in try reference.numbers(column).enumerated() {
                // Zero is compared absolutely (a quartile of 0 in the naltrexone arm).
                let close = expected == 0 ? abs(actual(index)) < 1e-15
                    : closeness(actual(index), expected, relative: 1e-12, label: "") == nil
                #expect(close, "\(summaries[index].label) \(column): \(actual(index)) vs R \(expected)")
            }
        }
    }
}
