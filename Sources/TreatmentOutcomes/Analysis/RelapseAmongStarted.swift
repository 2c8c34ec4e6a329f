/// Relapse among the patients of each arm who started treatment: the per-protocol view beside the report's
/// intention-to-treat relapse curves (docs/UrineScreenOutcomes.md, "Relapse among patients who started").
///
/// ```
/// assessable = patients of the arm with a treatment episode (RetentionResults.episodes) and a word of ≥ 4 weeks
/// relapsed   = those of them whose word has the CTN-0094 relapse event (RsE_ctnNinetyFour_2023 = 1)
/// ```
/// A crude share, not a Kaplan–Meier estimate: each word is read to its end. In a trial whose medication starts
/// after detoxification, the patients who never started are its induction failures, most of whom relapse at
/// once (X:BOT: 52% of inducted naltrexone patients relapsed against 56% on buprenorphine, while 65% against 57% of
/// all patients did; Lee et al., Lancet 2018), so this view and the intention-to-treat one can disagree.
public struct RelapseAmongStarted: Sendable, Hashable {
    public struct Arm: Sendable, Hashable {
        public let label: String
        /// Patients who started treatment and have a word of at least 4 weeks.
        public let assessable: Int
        public let relapsed: Int

        public var share: Double? { assessable == 0 ? nil : Double(relapsed) / Double(assessable) }
    }

    /// One row per arm with urine-screen outcomes, in their order.
    public let arms: [Arm]

    /// Relapse among starters of every arm of `urineScreens`; `started[p]` says whether patient `p` started.
    public init(urineScreens: UrineScreenResults, started: [Bool]) {
        arms = urineScreens.byArm.map { summary in
            let outcomes = summary.outcomes.filter { started[$0.patient] && $0.relapse.event != nil }
            return Arm(label: summary.label, assessable: outcomes.count, relapsed: outcomes.count { $0.relapse.event == true })
        }
    }
}

extension CohortAnalysis {
    /// Relapse among the patients who started treatment, when it differs in population from the report's relapse
    /// curves: retention counts every assigned patient and some patient of an arm with urine-screen outcomes never
    /// started. `nil` otherwise.
    public var relapseAmongStarted: RelapseAmongStarted? {
        guard let urine = urineScreens.value, let retention = retention.value, retention.population == .assigned else {
            return nil
        }
        var started = [Bool](repeating: false, count: cohort.patients.count)
        for patient in retention.episodes.patient { started[patient] = true }
        let result = RelapseAmongStarted(urineScreens: urine, started: started)
        let differs = zip(result.arms, urine.byArm).contains { $0.assessable < $1.relapse.subjectCount }
        return differs ? result : nil
    }
}
