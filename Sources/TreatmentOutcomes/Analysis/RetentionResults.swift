/// Retention in treatment (docs/Retention.md): the episodes, Kaplan–Meier retention by arm at the plan's
/// horizons, and each contrast's log-rank test and adjusted Cox hazard ratio.
public struct RetentionResults: Sendable {
    /// The treatment episodes: one per patient who started treatment within observation.
    public let episodes: RetentionEpisodes
    /// Whose retention the curves and comparisons measure (``RetentionPlan/population``).
    public let population: RetentionPopulation
    /// The rows the curves and comparisons are computed on: ``episodes``, with a day-0 discontinuation for every
    /// patient of an arm without one when ``population`` is ``RetentionPopulation/assigned``.
    public let analysed: RetentionEpisodes
    /// On medication in the last week of each protocol arm's medication phase.
    public let protocolCompletion: ProtocolCompletion
    /// The days at which retention is reported (``RetentionPlan/horizonDays``).
    public let horizonDays: [Int]
    /// One summary per arm with episodes, arms in label order.
    public let byArm: [RetentionGroupSummary]
    /// One comparison per contrast whose two arms have episodes, in the order of the contrasts.
    public let comparisons: [(contrast: ArmContrast, result: RetentionComparison)]
    /// The protocols that set an observation end for some arm of the cohort.
    public let protocols: [ArmProtocol]

    /// Computes retention of `cohort` under `plan` for `contrasts`.
    /// - Throws: ``RetentionDataMissing`` when the cohort has no episodes, doses or fills.
    public init(cohort: Cohort, plan: AnalysisPlan, contrasts: ArmContrasts) throws {
        let episodes = try RetentionEpisodes.make(from: cohort, options: plan.retentionOptions)
        self.episodes = episodes
        population = plan.retention.population
        let analysed = population == .assigned ? episodes.includingPatientsWithoutEpisode(cohort.patients) : episodes
        self.analysed = analysed
        horizonDays = plan.retention.horizonDays
        byArm = RetentionAnalysis.byArm(analysed, patients: cohort.patients, days: plan.retention.horizonDays)
        comparisons = contrasts.contrasts.compactMap { contrast in
            RetentionAnalysis.compare(
                analysed, patients: cohort.patients, reference: contrast.reference.arm,
                comparison: contrast.comparison.arm, adjustment: plan.retention.adjustment
            ).map { (contrast, $0) }
        }
        let arms = Set(cohort.patients.arm.levels)
        protocols = plan.protocols.filter { $0.arms.contains(where: arms.contains) }
        protocolCompletion = ProtocolCompletion.measure(cohort, options: plan.retentionOptions, protocols: protocols)
    }
}
