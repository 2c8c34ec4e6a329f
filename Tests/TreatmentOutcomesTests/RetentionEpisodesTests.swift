import Foundation
import OutcomeStats
import Testing
@testable import TreatmentOutcomes
import _OutcomeTestSupport

/// Retention episodes (docs/Retention.md, "Episodes") worked by hand on small cohorts, and the CTN-0094 arms.
@Suite("Retention episodes")
struct RetentionEpisodesTests {
    static let patients = """
        patient_id,site,arm,medication,psychosocial,age,sex
        A,s,MOUD,methadone,none,30,female
        B,s,MOUD,methadone,none,40,male
        C,s,MOUD+C,methadone,counseling,50,female
        D,s,MOUD+C,naltrexone,counseling,35,male
        E,s,MOUD+C,methadone,counseling,45,male
        """
    /// A: doses 0–4, gap of 8 (5…12), doses 13–14 → ends day 4 (gap > 7), discontinued, 5 days.
    /// B: doses 0, 7, 14 (gaps of 6) then nothing; data through day 30 → gap seen, ends 14, 15 days.
    /// C: doses 0–20, last record day 24 → the gap after 20 cannot be seen in full: censored at 24, 25 days.
    /// D: naltrexone injections on days 0 and 40: each covers 28 days (the plan's default): 0–27, gap 28–39
    ///    (12 days > 7) → ends 27, 28 days.
    /// E: no doses → no episode.
    static let doses = """
        patient_id,day,amount
        A,0,30
        A,1,30
        A,2,30
        A,3,30
        A,4,30
        A,13,30
        A,14,30
        B,0,30
        B,7,30
        B,14,30
        D,0,1
        D,40,1
        B,30,30
        """ + "\n" + (0...20).map { "C,\($0),60" }.joined(separator: "\n") + "\n"
    static let visits = """
        patient_id,day,kind,status
        C,24,medical,attended
        E,3,medical,attended
        """

    func cohort(_ extra: [String: String] = [:]) throws -> Cohort {
        try CohortFolderFixture(["patients.csv": Self.patients, "doses.csv": Self.doses.replacingOccurrences(of: "B,30,30\n", with: ""),
                                 "visits.csv": Self.visits + "\nB,30,medical,attended\n"].merging(extra) { $1 }).load()
    }

    @Test("gap rule, visible gaps and censoring, injections, patients without doses (last record observation)")
    func fromDoses() throws {
        let episodes = try RetentionEpisodes.make(from: try cohort(), options: RetentionOptions(allowedGapDays: 7))
        #expect(episodes.source == .doses)
        #expect(episodes.patient == [0, 1, 2, 3])
        #expect(episodes.days == [5, 15, 25, 28])
        #expect(episodes.discontinued == [true, true, false, true])
        #expect(episodes.patientsWithoutTreatment == 1)
    }

    @Test("a larger allowed gap joins A's runs; a fixed observation end censors at it")
    func gapAndObservationEnd() throws {
        let wide = try RetentionEpisodes.make(from: try cohort(), options: RetentionOptions(allowedGapDays: 8, observationEnd: .throughDay(20)))
        // A: gap of 8 ≤ 8 → runs to 14; through day 20 the next gap (15…20, 6 days) is not > 8 → censored at 20 (21 days).
        // B: ends 14, 14 + 9 = 23 > 20 → censored at 20. C: covered to 20 → censored at 20. D: 0–27 → censored at 20.
        #expect(wide.days == [21, 21, 21, 21])
        #expect(wide.discontinued == [false, false, false, false])
    }

    @Test("a protocol arm is observed through its day, other arms through their last record")
    func observationEndByArm() throws {
        // MOUD+C (C, D) through day 20; MOUD (A, B) through their last record (A 14, B 30).
        // A: ends 4 (gap 5…12 seen) → 5 days, discontinued. B: ends 14, 14 + 8 = 22 ≤ 30 → 15 days, discontinued.
        // C: covered 0–20, observed through 20 → censored, 21 days. D: covers 0–27 → censored at 20, 21 days.
        let episodes = try RetentionEpisodes.make(
            from: try cohort(), options: RetentionOptions(allowedGapDays: 7, observationEnd: .throughDayByArm(["MOUD+C": 20])))
        #expect(episodes.days == [5, 15, 21, 21])
        #expect(episodes.discontinued == [true, true, false, false])
        // The plan's protocols give the same options.
        var plan = AnalysisPlan()
        plan.protocols = [ArmProtocol(arms: ["MOUD+C"], description: "test", followUpDays: 20, medicationPhaseDays: 20)]
        #expect(plan.retentionOptions == RetentionOptions(allowedGapDays: 7, observationEnd: .throughDayByArm(["MOUD+C": 20])))
    }

    @Test("episodes.csv: dropout is the event, other reasons censor, the reason is kept")
    func fromEpisodeFile() throws {
        let episodes = try RetentionEpisodes.make(from: try cohort(["episodes.csv": """
            patient_id,start,end,end_reason
            A,0,9,dropout
            B,0,99,completed
            C,5,14,died
            """]))
        #expect(episodes.source == .episodes)
        #expect(episodes.days == [10, 100, 10])
        #expect(episodes.discontinued == [true, false, false])
        #expect(episodes.endReason == [.dropout, .completed, .died])
        #expect(episodes.patientsWithoutTreatment == 2)
    }

    @Test("fills: same-drug overlaps shift, different drugs overlap")
    func fromFills() throws {
        let fills = """
            patient_id,day,days_supply,drug
            A,0,7,bup
            A,3,7,bup
            A,22,7,bup
            B,0,10,bup
            B,5,10,ntx
            B,30,5,bup
            """
        let episodes = try RetentionEpisodes.make(
            from: try CohortFolderFixture(["patients.csv": Self.patients, "dispensings.csv": fills]).load(),
            options: RetentionOptions(allowedGapDays: 7, observationEnd: .throughDay(60)))
        // A: 0–6, shifted 7–13, gap 14–21 (8 days) → ends 13, 14 days. B: 0–9 ∪ 5–14, gap 15–29 → ends 14, 15 days.
        #expect(episodes.source == .dispensings)
        #expect(episodes.days == [14, 15])
        #expect(episodes.discontinued == [true, true])
    }

    @Test("intention to treat: a patient of an arm without an episode is a day-0 discontinuation")
    func intentionToTreat() throws {
        let cohort = try cohort()
        let episodes = try RetentionEpisodes.make(from: cohort, options: RetentionOptions(allowedGapDays: 7))
        let assigned = episodes.includingPatientsWithoutEpisode(cohort.patients)
        // E (patient 4, MOUD+C) has no dose: a row of 0 days, discontinued, in patient order after D.
        #expect(assigned.patient == [0, 1, 2, 3, 4])
        #expect(assigned.days == [5, 15, 25, 28, 0])
        #expect(assigned.discontinued == [true, true, false, true, true])
        let summaries = RetentionAnalysis.byArm(assigned, patients: cohort.patients, days: [1])
        let counseling = try #require(summaries.first { $0.label == "MOUD+C" })
        // C, D, E: 3 patients, 2 started; S just before day 1 is 2/3 (E left on day 0).
        #expect(counseling.curve.subjectCount == 3 && counseling.started == 2)
        #expect(isClose(counseling.retained[0].estimate!, 2.0 / 3.0, relative: 1e-12))
    }

    @Test("the plan's population: assigned (the default) counts every patient of an arm, started only those with an episode")
    func population() throws {
        let cohort = try cohort()
        let contrasts = ArmContrasts(treatments: [], plan: ContrastPlan())
        let assigned = try RetentionResults(cohort: cohort, plan: AnalysisPlan(), contrasts: contrasts)
        var startedPlan = AnalysisPlan()
        startedPlan.retention.population = .started
        let started = try RetentionResults(cohort: cohort, plan: startedPlan, contrasts: contrasts)
        #expect(assigned.population == .assigned && started.population == .started)
        #expect(assigned.byArm.map(\.curve.subjectCount) == [2, 3] && started.byArm.map(\.curve.subjectCount) == [2, 2])
        #expect(assigned.byArm.map(\.started) == [2, 2] && started.byArm.map(\.started) == [2, 2])
        #expect(assigned.byArm.map(\.curve.eventCount) == zip(started.byArm, [0, 1]).map { $0.curve.eventCount + $1 })
    }

    @Test("protocol completion: a dose in the phase's last week, or an injection whose 28 days reach it")
    func protocolCompletion() throws {
        // Phase of 30 days: last week days 23–29. A: dose on 23 → completed. B: last dose 22 → not. C: injection on
        // day −5 covers −5…22 → not; D: injection on day −4 covers −4…23 → completed. E: no dose → not, still counted.
        let patients = """
            patient_id,site,arm,medication,psychosocial,age,sex
            A,s,T,methadone,none,30,female
            B,s,T,methadone,none,40,male
            C,s,T,naltrexone,none,50,female
            D,s,T,naltrexone,none,35,male
            E,s,T,methadone,none,45,male
            F,s,U,methadone,none,45,male
            """
        let doses = "patient_id,day,amount\nA,0,1\nA,23,1\nB,22,1\nC,-5,1\nD,-4,1\nF,29,1\n"
        let cohort = try CohortFolderFixture(["patients.csv": patients, "doses.csv": doses]).load()
        let trial = ArmProtocol(arms: ["T"], description: "trial", followUpDays: 40, medicationPhaseDays: 30)
        let completion = ProtocolCompletion.measure(cohort, options: RetentionOptions(), protocols: [trial])
        #expect(completion.completedByArm == ["T": 2] && completion.patientsByArm == ["T": 5])
        // Without protocols, or with episodes.csv only, there is nothing to measure.
        #expect(ProtocolCompletion.measure(cohort, options: RetentionOptions(), protocols: []).completedByArm.isEmpty)
    }

    @Test("CTN-0094 retention by arm: every arm, counts add up, Kaplan–Meier at 30 days equals the crude share when no one is censored by then")
    func ctn0094() throws {
        let cohort = try CohortLoader.load(from: datasetURL("ctn0094/cohort"))
        let episodes = try RetentionEpisodes.make(from: cohort, options: RetentionOptions(observationEnd: .throughDay(168)))
        #expect(episodes.count + episodes.patientsWithoutTreatment + episodes.patientsStartingAfterObservation == cohort.patients.count)
        let summaries = RetentionAnalysis.byArm(episodes, patients: cohort.patients, days: [30])
        #expect(summaries.map(\.label).count == 6)
        #expect(summaries.reduce(0) { $0 + $1.curve.subjectCount } == episodes.count)
        for summary in summaries {
            let rows = episodes.patient.indices.filter { cohort.patients.arm.label(at: episodes.patient[$0]) == summary.label }
            // Censoring happens only at day 168 or later, so S(29.5) is the crude proportion with ≥ 30 days.
            let crude = Double(rows.filter { episodes.days[$0] >= 30 }.count) / Double(rows.count)
            #expect(isClose(summary.retained[0].estimate!, crude, relative: 1e-12), "\(summary.label)")
        }
        let counseling = try #require(RetentionAnalysis.compare(
            episodes, patients: cohort.patients, reference: "Outpatient BUP + SMM", comparison: "Outpatient BUP + EMM"))
        #expect(counseling.terms == ["arm: Outpatient BUP + EMM", "age", "sex: male"])
        #expect(counseling.fit.convergence.isClean)
        #expect(counseling.logRank.test.degreesOfFreedom == 1)
    }
}

/// Relapse among the patients who started treatment (``RelapseAmongStarted``), by hand.
@Suite("Relapse among patients who started")
struct RelapseAmongStartedTests {
    @Test("only starters with a word of 4+ weeks count; the relapse event is the word's")
    func byHand() async throws {
        // Two arms; A and B start (doses), C does not. Words: A relapses (4 positive weeks), B does not, C relapses;
        // D (arm U) starts, its 3-week word is too short to count.
        let patients = """
            patient_id,site,arm,medication,psychosocial,age,sex
            A,s,T,methadone,none,30,female
            B,s,T,methadone,none,40,male
            C,s,T,methadone,none,50,female
            D,s,U,methadone,counseling,35,male
            """
        let doses = "patient_id,day,amount\nA,0,1\nB,0,1\nD,0,1\n"
        let words = "who,usePatternUDS\nA,-++++--\nB,-------\nC,++++---\nD,---\n"
        let manifest = """
            {"name": "t", "provenance": "hand-made", "covariates": [],
             "usePatterns": {"file": "words.csv", "identifierColumn": "who", "wordColumn": "usePatternUDS", "description": "hand words"}}
            """
        let cohort = try CohortFolderFixture([
            "patients.csv": patients, "doses.csv": doses, "words.csv": words, "cohort.json": manifest,
        ]).load()
        let analysis = await CohortAnalysis(cohort: cohort, plan: try AnalysisPlan.effective(for: cohort), parts: [.retention, .urineScreens])
        let among = try #require(analysis.relapseAmongStarted)
        #expect(among.arms.map(\.label) == ["T", "U"])
        #expect(among.arms[0].assessable == 2 && among.arms[0].relapsed == 1)
        #expect(among.arms[1].assessable == 0 && among.arms[1].share == nil)
    }
}
