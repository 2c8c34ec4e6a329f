/// Urine-screen outcomes (docs/UrineScreenOutcomes.md): the weekly words, each patient's CTN-0094 outcomes, the
/// summaries by arm and the log-rank test of weeks to relapse for each contrast.
public struct UrineScreenResults: Sendable {
    /// Two arms compared on weeks to relapse.
    public struct Comparison: Sendable {
        public let contrast: ArmContrast
        public let reference: UrineScreenGroupSummary
        public let comparison: UrineScreenGroupSummary
        public let logRank: LogRankTest
    }

    public let words: CohortUsePatterns
    public let outcomes: [PatientUrineScreenOutcome]
    /// One summary per arm with a word, arms in label order.
    public let byArm: [UrineScreenGroupSummary]
    /// The weeks at which the proportion not relapsed is reported (``UrineScreenPlan/relapseWeeks``).
    public let relapseWeeks: [Int]
    /// One per contrast whose two arms both have relapse times.
    public let comparisons: [Comparison]

    /// - Throws: ``MissingTableError`` when words must be built and the cohort has no screens;
    ///   ``UsePatternMatchError`` when published words name a patient twice.
    public init(cohort: Cohort, plan: AnalysisPlan, contrasts: ArmContrasts) throws {
        words = try plan.usePatternProvider(for: cohort).patterns(for: cohort)
        outcomes = UrineScreenOutcomes.perPatient(words)
        let byArm = UrineScreenOutcomes.byArm(outcomes, patients: cohort.patients)
        self.byArm = byArm
        relapseWeeks = plan.urineScreens.relapseWeeks
        let byLabel = Dictionary(byArm.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
        comparisons = contrasts.contrasts.compactMap { contrast in
            guard let reference = byLabel[contrast.reference.arm], let comparison = byLabel[contrast.comparison.arm],
                  let test = UrineScreenOutcomes.compareRelapse(reference, comparison)
            else { return nil }
            return Comparison(contrast: contrast, reference: reference, comparison: comparison, logRank: test)
        }
    }
}
