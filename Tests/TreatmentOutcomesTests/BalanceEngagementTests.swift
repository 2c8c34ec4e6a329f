import Foundation
import OutcomeStats
import Testing
@testable import TreatmentOutcomes
import _OutcomeTestSupport

/// Engagement intervals worked by hand (docs/Balance.md, "Engagement as a time-varying exposure"): what an interval
/// may know, the look-back window, and cohorts where engagement cannot be measured.
@Suite("Balance: engagement intervals by hand")
struct BalanceEngagementTests {
    static let patients = """
        patient_id,site,arm,medication,psychosocial,age,sex
        A,s,MET+C,methadone,counseling,30,female
        B,s,MET+C,methadone,counseling,40,male
        C,s,MET,methadone,none,50,female
        D,s,MET+C,methadone,counseling,35,male
        """
    /// A: episode days 0–59 (dropout), one counseling session on day 10, no doses.
    /// B: episode 0–9 (dropout), methadone doses on days 0–4, no session.
    /// C: episode 5–7 (ongoing, starts on record day 5), a session on day 3 (before the start) and a missed one.
    /// D: episode 0–0 (one day), sessions on days −40 (outside the window) and −1.
    static let episodes = """
        patient_id,start,end,end_reason
        A,0,59,dropout
        B,0,9,dropout
        C,5,7,ongoing
        D,0,0,dropout
        """
    static let doses = "patient_id,day,amount\n" + (0...4).map { "B,\($0),60" }.joined(separator: "\n") + "\n"
    static let visits = """
        patient_id,day,kind,status
        A,3,medical,attended
        A,10,Counseling,attended
        C,3,group,attended
        C,6,group,missed
        D,-40,peer,attended
        D,-1,cbt,attended
        """

    func intervals(visits: String = Self.visits, plan: AnalysisPlan = AnalysisPlan()) throws -> EngagementIntervals {
        let cohort = try CohortFolderFixture([
            "patients.csv": Self.patients, "episodes.csv": Self.episodes, "doses.csv": Self.doses, "visits.csv": visits,
        ]).load()
        return try EngagementIntervals(cohort: cohort, plan: plan)
    }

    /// The rows of patient `p` as (start, stop, event, sessions, covered days).
    func rows(_ intervals: EngagementIntervals, _ p: Int) -> [[Int]] {
        intervals.patient.indices.filter { intervals.patient[$0] == p }.map {
            [intervals.start[$0], intervals.stop[$0], intervals.event[$0] ? 1 : 0, intervals.sessions[$0], intervals.coveredDays[$0]]
                .map { Int($0) }
        }
    }

    @Test("a session on day d first counts in the interval starting on d + 1 and last in the one starting on d + 28")
    func sessionWindow() throws {
        let intervals = try intervals()
        // Window of an interval starting on day t: days t − 28 … t − 1; day 10 is in it for t = 11 … 38.
        #expect(rows(intervals, 0) == [[0, 11, 0, 0, 0], [11, 39, 0, 1, 0], [39, 60, 1, 0, 0]])
    }

    @Test("a patient without sessions has exposure 0 throughout; coverage counts the covered days before each start")
    func noSessionsAndCoverage() throws {
        let intervals = try intervals()
        // Doses on days 0–4: the window before day t holds min(t, 5) covered days, then 5 until the episode ends.
        #expect(rows(intervals, 1) == [[0, 1, 0, 0, 0], [1, 2, 0, 0, 1], [2, 3, 0, 0, 2], [3, 4, 0, 0, 3], [4, 5, 0, 0, 4],
                                       [5, 10, 1, 0, 5]])
        #expect(intervals.coveredProportion[7] == 4.0 / 28)  // B's fifth row (A has three)
    }

    @Test("the episode clock starts at the episode; sessions before it count, missed ones do not; one-day episodes")
    func episodeClock() throws {
        let intervals = try intervals()
        // C: day 0 = record day 5; the session of record day 3 is in every window (days t − 23 … t + 4 on the record).
        #expect(rows(intervals, 2) == [[0, 3, 0, 1, 0]])
        // D: one row (0, 1] with the day −1 session; day −40 is outside the window.
        #expect(rows(intervals, 3) == [[0, 1, 1, 1, 0]])
        #expect(intervals.attendedSessionCount == 4)
        #expect(intervals.episodeCount == 4)
    }

    @Test("a shorter look-back window drops the session sooner")
    func lookBack() throws {
        var plan = AnalysisPlan()
        plan.balance.lookBackDays = 7
        #expect(rows(try intervals(plan: plan), 0) == [[0, 11, 0, 0, 0], [11, 18, 0, 1, 0], [18, 60, 1, 0, 0]])
    }

    @Test("visits of no psychosocial kind (CTN-0094 records only 'study'): 'not measurable', no fit and no NaN")
    func notMeasurable() throws {
        let study = "patient_id,day,kind,status\nA,10,study,attended\nB,2,study,attended\n"
        let cohort = try CohortFolderFixture([
            "patients.csv": Self.patients, "episodes.csv": Self.episodes, "doses.csv": Self.doses, "visits.csv": study,
        ]).load()
        let analysis = try EngagementAnalysis(cohort: cohort, plan: AnalysisPlan())
        #expect(try EngagementIntervals(cohort: cohort, plan: AnalysisPlan()).sessions.allSatisfy { $0 == 0 })
        #expect(analysis.intervals.attendedSessionCount == 0)
        for hazards in analysis.byMedication.map(\.hazards) + analysis.doseResponse.map(\.hazards) + [analysis.interaction] {
            #expect(hazards.fit.value == nil)
            #expect(hazards.fit.reason?.hasPrefix("not measurable: no attended visit of a psychosocial kind") == true)
            #expect(hazards.fit.reason?.contains("visits.csv records study") == true)
            #expect(hazards.hazardRatio(EngagementAnalysis.sessionsTerm) == nil)
        }
    }

    @Test("the bundled CTN-0094 cohort: engagement not measurable, support comparisons finite or explained")
    func ctn0094() async throws {
        let cohort = try CohortLoader.load(from: datasetURL("ctn0094/cohort"))
        let plan = try AnalysisPlan.effective(for: cohort)
        let results = try BalanceResults(cohort: cohort, plan: plan)
        let engagement = try #require(results.engagement.value)
        #expect(engagement.intervals.attendedSessionCount == 0)
        #expect(engagement.byMedication.allSatisfy { $0.hazards.fit.reason?.hasPrefix("not measurable") == true })
        // Buprenorphine: EMM (CTN-0030) against every medication-alone buprenorphine arm; methadone and naltrexone
        // arms all record standard support, so they have no comparison.
        for (medication, comparison) in results.supportComparisons {
            if medication == .buprenorphine {
                let value = try #require(comparison.value, "\(comparison.reason ?? "")")
                #expect(value.supportArms == ["Outpatient BUP + EMM"])
                let ratio = try #require(value.hazardRatio)
                #expect(ratio.estimate.isFinite && ratio.standardError.isFinite)
            } else {
                #expect(comparison.reason?.contains("arm with psychosocial support") == true, "\(medication)")
            }
        }
    }
}

/// Relapse from the weekly words on the week-1 clock (docs/Balance.md, "Relapse").
@Suite("Balance: relapse against engagement by hand")
struct BalanceRelapseTests {
    @Test("weeks become days on the plan's week-1 clock; a relapse week's own sessions are not its exposure")
    func weeksToDays() throws {
        let cohort = try CohortFolderFixture([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\nA,s,M,methadone,counseling\nB,s,M,methadone,counseling\n",
            "visits.csv": "patient_id,day,kind,status\nA,5,counseling,attended\nA,16,counseling,attended\n",
            "words.csv": "who,word\nA,--++++----\nB,----------\n",
            "cohort.json": #"{"name": "t", "provenance": "hand-made", "usePatterns": {"description": "hand-made words", "file": "words.csv", "identifierColumn": "who", "wordColumn": "word"}}"#,
        ]).load()
        let relapse = try RelapseEngagement(cohort: cohort, plan: AnalysisPlan())
        let intervals = try RelapseEngagement.intervals(cohort: cohort, plan: AnalysisPlan())
        #expect(relapse.intervals == EngagementIntervalSummary(intervals))
        let rows = intervals.patient.indices.map {
            [intervals.patient[$0], intervals.start[$0], intervals.stop[$0], intervals.event[$0] ? 1 : 0, intervals.sessions[$0]]
                .map { Int($0) }
        }
        // A relapses in week 3 (days 15–21 under week 1 = days 1–7): event at clock time 7·2 + 1 = 15. The session of
        // day 5 counts from clock time 5 (window record days t − 27 … t); the one of day 16, in the relapse week, never.
        // B: no relapse; censored at week n − 3 = 7, clock time 43.
        #expect(rows == [[0, 0, 5, 0, 0], [0, 5, 15, 1, 1], [1, 0, 43, 0, 0]])
        #expect(relapse.patientCount == 2)
        #expect(RelapseEngagement.clockTime(week: 1) == 1)
        // With week 1 = days 0–6 the clock starts on day 0, and day 5 counts from time 6.
        var plan = AnalysisPlan()
        plan.weekOneStartDay = 0
        let shifted = try RelapseEngagement.intervals(cohort: cohort, plan: plan)
        #expect(shifted.start == [0, 6, 0] && shifted.stop == [6, 15, 43])
    }
}

/// `BalanceResults` as a part of `CohortAnalysis`.
@Suite("Balance: part of the cohort analysis")
struct BalanceAnalysisPartTests {
    @Test("computed by default and when asked for, 'not requested' when left out")
    func part() async throws {
        let cohort = try CohortLoader.load(from: datasetURL("reference/balance/iptw-cohort"))
        let asked = await CohortAnalysis(cohort: cohort, plan: AnalysisPlan(), parts: [.balance])
        let results = try #require(asked.balance.value)
        #expect(results.supportComparisons.map(\.medication) == [.methadone, .buprenorphine])
        #expect(results.engagement.value?.byMedication.allSatisfy { $0.hazards.fit.reason?.hasPrefix("not measurable") == true } == true)
        #expect(results.relapse.reason != nil)  // no screens and no words
        let standard = await CohortAnalysis(cohort: cohort, plan: AnalysisPlan())
        #expect(standard.balance.value != nil)
        let without = await CohortAnalysis(
            cohort: cohort, plan: AnalysisPlan(), parts: CohortAnalysis.defaultParts.subtracting([.balance]))
        #expect(without.balance.reason == "not requested", "\(without.balance.reason ?? "computed")")
        #expect(without.retention.value != nil)
    }
}

/// A smoke test on a synthetic cohort (docs/SyntheticCohort.md: visits of kinds counseling, group and peer).
@Suite("Balance: synthetic cohort smoke test")
struct BalanceSyntheticSmokeTests {
    @Test("every model is fitted, converged and finite; weighting balances the covariates")
    func synthetic() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("balance-smoke-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 600, seed: 3).write(to: folder)
        let cohort = try CohortLoader.load(from: folder)
        let results = try BalanceResults(cohort: cohort, plan: try AnalysisPlan.effective(for: cohort))
        let engagement = try #require(results.engagement.value)
        let relapse = try #require(results.relapse.value)
        #expect(engagement.intervals.attendedSessionCount > 0)
        // The columns are kept at their length, not the up-to-double capacity that appending leaves (at a million
        // patients that is half a gigabyte a set of intervals; docs/Performance.md).
        let plan = try AnalysisPlan.effective(for: cohort)
        let rows = [try EngagementIntervals(cohort: cohort, plan: plan), try RelapseEngagement.intervals(cohort: cohort, plan: plan)]
        // the analyses keep the counts of what they fitted, not the rows
        #expect(engagement.intervals == EngagementIntervalSummary(rows[0]) && relapse.intervals == EngagementIntervalSummary(rows[1]))
        for intervals in rows {
            #expect(intervals.count > 10_000)
            for column in [intervals.patient, intervals.start, intervals.stop, intervals.sessions, intervals.coveredDays] {
                #expect(column.count == intervals.count && column.capacity - column.count <= 16)
            }
            #expect(intervals.event.capacity - intervals.event.count <= 64)
        }
        let models = engagement.byMedication.map(\.hazards) + [engagement.interaction] + engagement.doseResponse.map(\.hazards)
            + relapse.byMedication.map(\.hazards)
        #expect(models.count == 3 + 1 + 3 + 3)
        for hazards in models {
            let fit = try #require(hazards.fit.value, "\(hazards.label): \(hazards.fit.reason ?? "")")
            #expect(fit.convergence.converged, "\(hazards.label)")
            for term in hazards.terms {
                let ratio = try #require(hazards.hazardRatio(term), "\(hazards.label) \(term)")
                #expect(ratio.estimate.isFinite && ratio.standardError.isFinite && ratio.standardError > 0)
            }
        }
        #expect(results.supportComparisons.count == 3)
        for (medication, component) in results.supportComparisons {
            let comparison = try #require(component.value, "\(medication): \(component.reason ?? "")")
            #expect(comparison.hazardRatio.map { $0.estimate.isFinite && $0.standardError.isFinite } == true)
            let before = comparison.balance.terms.compactMap(\.standardisedDifference).map(abs).max() ?? 0
            let after = comparison.balance.terms.compactMap(\.weightedStandardisedDifference).map(abs).max() ?? 0
            #expect(after < 0.05 && after <= before, "\(medication): |SMD| \(before) → \(after)")
            #expect(comparison.supportRetained.allSatisfy { ($0.estimate ?? 0).isFinite })
        }
    }
}
