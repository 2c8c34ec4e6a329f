import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

@testable import TreatmentOutcomes

/// Quarterly PDC from a cohort's dispensings: hand-computed periods and coverage (2024 is a leap year), the
/// follow-up rule, summaries by arm, site and quarter, and the synthetic cohort against its true parameters.
@Suite("Adherence: quarterly PDC")
struct AdherenceQuarterlyTests {
    func date(_ text: String) -> CivilDate { CivilDate(iso8601: text)! }

    /// ``QuarterlyPDCFixture`` (P1–P4, hand-computed coverage) and a visit on 2024-07-15, the latest recorded date.
    func cohort() throws -> (CohortFolderFixture, Cohort) {
        var files = QuarterlyPDCFixture.files
        files["visits.csv"] = "patient_id,date,kind,status\nP4,2024-07-15,medical,attended\n"
        let fixture = try CohortFolderFixture(files)
        return (fixture, try fixture.load())
    }

    @Test("calendar quarters: bounds and lengths, leap years by the Gregorian rule")
    func quarters() {
        let q1 = CalendarQuarter(containing: date("2024-02-29"))
        #expect(q1.description == "2024-Q1" && q1.firstDay == date("2024-01-01") && q1.lastDay == date("2024-03-31"))
        #expect(q1.dayCount == 91 && CalendarQuarter(year: 2023, quarter: 1).dayCount == 90)
        #expect(CalendarQuarter(year: 2000, quarter: 1).dayCount == 91 && CalendarQuarter(year: 2100, quarter: 1).dayCount == 90)
        #expect([2, 3, 4].map { CalendarQuarter(year: 2024, quarter: $0).dayCount } == [91, 92, 92])
        #expect(CalendarQuarter(containing: date("2024-12-31")).next == CalendarQuarter(year: 2025, quarter: 1))
        #expect(CalendarQuarter(year: 2024, quarter: 4) < CalendarQuarter(year: 2025, quarter: 1))
    }

    @Test("inducted cohort: F days from the first fill; a quarter waits until its follow-up has passed")
    func inducted() throws {
        let (fixture, cohort) = try cohort()
        _ = fixture
        #expect(cohort.latestRecordedDate() == date("2024-07-15"))
        let quarterly = try QuarterlyPDC(cohort, options: QuarterlyPDCOptions(cohort: .inducted(followUpDays: 90)))
        // Q1 is complete once 2024-03-31 + 89 days = 2024-06-28 ≤ 2024-07-15; Q2 needs 2024-09-27.
        #expect(quarterly.dataCutoff == date("2024-07-15"))
        #expect(quarterly.quarters == [CalendarQuarter(year: 2024, quarter: 1)])
        #expect(quarterly.pendingQuarters == [CalendarQuarter(year: 2024, quarter: 2)])
        #expect(quarterly.results.map(\.patient) == [0, 1])
        // P1: 2024-01-05 … 04-03 is 90 days through 29 February; 60 covered.
        let first = quarterly.results[0]
        #expect(first.period == DayInterval(first: date("2024-01-05").daysSinceEpoch, last: date("2024-04-03").daysSinceEpoch))
        #expect(first.daysInPeriod == 90 && first.daysCovered == 60 && first.isAdherent == false)
        // P2: 2024-03-20 … 06-17; the shifted second fill covers to 06-02: 75 of 90 days, PDC 0.8333.
        let second = quarterly.results[1]
        #expect(second.daysCovered == 75 && second.proportionOfDaysCovered == 75.0 / 90 && second.isAdherent)
        // A cut-off given by the caller: with 2024-06-27 no quarter is complete.
        let early = try QuarterlyPDC(cohort, options: QuarterlyPDCOptions(
            cohort: .inducted(followUpDays: 90), dataCutoff: date("2024-06-27")))
        #expect(early.results.isEmpty && early.quarters.isEmpty && early.pendingQuarters.count == 2)
    }

    @Test("active cohort: covered patient-quarters, supply carried across the boundary counts in the next quarter")
    func active() throws {
        let (fixture, cohort) = try cohort()
        _ = fixture
        let quarterly = try QuarterlyPDC(cohort, options: QuarterlyPDCOptions(cohort: .active))
        #expect(quarterly.quarters.map(\.description) == ["2024-Q1", "2024-Q2"])
        // P3's supply runs into Q3 (to 07-18), which ends after the cut-off.
        #expect(quarterly.pendingQuarters.map(\.description) == ["2024-Q3"])
        let rows = quarterly.results.map { "\($0.patient) \($0.quarter) \($0.daysCovered)/\($0.daysInPeriod)" }
        // P1 Q1: 01-05 … 03-31 = 27 + 29 + 31 = 87 days (leap February), 60 covered; nothing in Q2.
        // P2 Q1: 03-20 … 03-31, all 12 covered; Q2: the whole quarter (91 days), 04-01 … 06-02 = 63 covered.
        // P3 Q2: 04-20 … 06-30 = 72 days, all covered.
        #expect(rows == ["0 2024-Q1 60/87", "1 2024-Q1 12/12", "1 2024-Q2 63/91", "2 2024-Q2 72/72"])
    }

    @Test("summaries by quarter, arm and site: mean, type 7 median, share adherent with its Wilson interval")
    func summaries() throws {
        let (fixture, cohort) = try cohort()
        _ = fixture
        let quarterly = try QuarterlyPDC(cohort, options: QuarterlyPDCOptions(cohort: .active))
        let byQuarter = quarterly.summaries(by: .quarter, patients: cohort.patients, quantiles: .type7)
        #expect(byQuarter.map(\.label) == ["2024-Q1", "2024-Q2"] && byQuarter.map(\.count) == [2, 2])
        #expect(isClose(byQuarter[0].mean, (60.0 / 87 + 1) / 2, relative: 1e-14))
        #expect(isClose(byQuarter[0].median, (60.0 / 87 + 1) / 2, relative: 1e-14))
        #expect(byQuarter[1].adherentCount == 1)
        // Wilson 1/2 at 95%: R 4.2.2 prop.test(1, 2, correct = FALSE)$conf.int = 0.0945312057342, 0.905468794266.
        #expect(isClose(byQuarter[1].shareAdherent.lower, 0.0945312057342, absolute: 1e-12))
        #expect(isClose(byQuarter[1].shareAdherent.upper, 0.905468794266, absolute: 1e-12))
        let byArm = quarterly.summaries(by: .arm, patients: cohort.patients, quantiles: .type7)
        // BUP: P1 Q1 (60/87) and P3 Q2 (1); BUP+CM: P2's two quarters (1 and 63/91). MET has no fills: no row.
        #expect(byArm.map(\.label) == ["BUP", "BUP+CM"] && byArm.map(\.count) == [2, 2] && byArm.map(\.adherentCount) == [1, 1])
        let bySite = quarterly.summaries(by: .site, patients: cohort.patients, quantiles: .type7)
        // Site B (P4) has no fills and no row.
        #expect(bySite.map(\.label) == ["A", "C"] && bySite.map(\.count) == [3, 1])
        #expect(isClose(bySite[0].median, 63.0 / 91, relative: 1e-14))
    }

    @Test("a cohort without dispensings or without calendar dates is an error")
    func errors() throws {
        let days = try CohortFolderFixture(["patients.csv": dayPatients, "dispensings.csv": "patient_id,day,days_supply,drug\n10,0,7,bup\n"])
        #expect(throws: QuarterlyPDCError.self) { try QuarterlyPDC(days.load()) }
        let none = try CohortFolderFixture(["patients.csv": datedPatients])
        #expect(throws: MissingTableError.self) { try QuarterlyPDC(none.load()) }
    }

    /// Expected PDC over days 0…F−1 of a patient who stays in treatment, from the generator's buprenorphine model
    /// (docs/SyntheticCohort.md 3) and truth.json's parameters: fills at renewal points D₀ = 0,
    /// Dₖ₊₁ = Dₖ + sₖ + Lₖ, supply 7 for the induction fills and s after; L = ⌊m·E⌋ is geometric,
    /// P(L = k) = (1 − q)qᵏ with q = e^(−1/m); E[covered] = Σₖ Σ_d P(Dₖ = d)·min(sₖ, F − d); averaged over
    /// s (maintenance mix) and m ~ Exponential(mean μ) by the midpoint rule in u = 1 − e^(−m/μ).
    static func expectedPDC(
        followUpDays: Int, inductionSupply: Int, inductionFills: Int, maintenance: [(days: Int, probability: Double)],
        meanLateness: Double
    ) -> Double {
        let nodes = 400
        var total = 0.0
        for node in 0..<nodes {
            let u = (Double(node) + 0.5) / Double(nodes)
            let m = -meanLateness * log(1 - u)
            let q = exp(-1 / m)
            for (supply, probability) in maintenance {
                var distribution = [Double](repeating: 0, count: followUpDays)
                distribution[0] = 1
                var covered = 0.0
                var fill = 0
                while distribution.contains(where: { $0 > 1e-15 }) {
                    let days = fill < inductionFills ? inductionSupply : supply
                    for (day, mass) in distribution.enumerated() where mass > 0 { covered += mass * Double(min(days, followUpDays - day)) }
                    // Shift by the supply, then convolve with the geometric lateness: g[d] = (1 − q)·f[d] + q·g[d − 1].
                    var next = [Double](repeating: 0, count: followUpDays)
                    var carried = 0.0
                    for day in 0..<followUpDays {
                        let shifted = day - days >= 0 ? distribution[day - days] : 0
                        carried = (1 - q) * shifted + q * carried
                        next[day] = carried
                    }
                    distribution = next
                    fill += 1
                }
                total += probability * covered / Double(followUpDays)
            }
        }
        return total / Double(nodes)
    }

    @Test("synthetic cohort: mean 180-day PDC of patients retained 180 days matches truth.json's adherence model")
    func syntheticTruth() throws {
        let (folder, _) = try SyntheticFixture.large.get()
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("truth.json")))
        let parameters = try #require((truth as? [String: Any])?["parameters"] as? [String: Any])
        let adherence = try #require(parameters["adherence"] as? [String: Any])
        let maintenance = try #require(adherence["maintenance_supply_days"] as? [[String: Any]]).map {
            (days: Int($0["level"] as! String)!, probability: $0["probability"] as! Double)
        }
        let expected = Self.expectedPDC(
            followUpDays: 180, inductionSupply: try #require(adherence["induction_supply_days"] as? Int),
            inductionFills: try #require(adherence["induction_fills"] as? Int), maintenance: maintenance,
            meanLateness: try #require(adherence["buprenorphine_mean_lateness_days"] as? Double))
        let cohort = try CohortLoader.load(from: folder)
        let quarterly = try QuarterlyPDC(cohort)
        // Every buprenorphine patient of a reported quarter is there once; quarters end at 2025-Q3 (cut-off
        // 2026-03-31 = last day of 2025-Q3 + 179 days or later).
        #expect(quarterly.quarters.last == CalendarQuarter(year: 2025, quarter: 3))
        #expect(quarterly.pendingQuarters == [CalendarQuarter(year: 2025, quarter: 4)])
        let episodes = try #require(cohort.episodes)
        // Retention and adherence draw from separate streams, so patients still in treatment on day 179 have
        // fills from the adherence model alone over the whole period.
        let retained = quarterly.results.filter { result in
            let row = episodes.byPatient.rows(of: result.patient).first!
            return episodes.end[row].map { $0 >= 179 } ?? true
        }
        #expect(retained.count > 500, "\(retained.count) retained patients")
        let summary = AdherenceSummary(label: "retained", values: retained.map(\.proportionOfDaysCovered), threshold: 0.8, quantiles: .type7)
        // Generous: about 4 standard errors of the mean at n ≈ 600 and a per-patient SD near 0.12 (seed 20260331:
        // observed 0.9052 with n = 612, expected 0.9004).
        #expect(abs(summary.mean - expected) < 0.02, "observed \(summary.mean), expected \(expected), n \(summary.count)")
        // Dropout only removes supply: all patients' mean is below the retained patients' mean.
        let everyone = AdherenceSummary(label: "all", values: quarterly.results.map(\.proportionOfDaysCovered), threshold: 0.8, quantiles: .type7)
        #expect(everyone.mean < summary.mean)
    }
}
