import OutcomeStats

/// Relapse, from the weekly urine-screen words, against engagement as a time-varying exposure (docs/Balance.md,
/// "Relapse"): the same exposures and models as ``EngagementAnalysis`` (by medication, interaction, dose–response), on
/// a clock that starts with study week 1 instead of the retention episode.
///
/// ```
/// clock: time 0 = the start of record day W (W = weekOneStartDay); week w = times (7(w − 1), 7w]
/// relapse (RsT/RsE_ctnNinetyFour_2023): the first week w starting 4 consecutive positive-or-missing weeks
/// event time  = 7(w − 1) + 1        the relapse week's first day: its interval's exposure ends before the week
/// censored    = 7(c − 1) + 1        c = the last week a 4-week window could start (RsT's censoring week, n − 3)
/// exposures of an interval starting at time t: record days W + t − L … W + t − 1 (EngagementIntervals)
/// ```
/// Everyone with a word of at least 4 weeks is at risk from week 1, started on medication or not. Putting the event
/// at the start of its week keeps the relapse week's own sessions and doses, which the relapse may already have
/// changed, out of its exposure. Missing weeks count as positive (the CTN-0094 definition), so relapse here also
/// includes leaving the screening schedule. Luo et al., JAMA Psychiatry 2024;81:45, doi:10.1001/jamapsychiatry.2023.3596
/// (the relapse definition); Hernán & Robins, *What If* (2020), ch. 19–21.
public struct RelapseEngagement: Sendable {
    /// Where the words came from (published, or built from screens).
    public let wordSource: CohortUsePatterns.Source
    /// Patients with a relapse time (a word of at least 4 weeks).
    public let patientCount: Int
    /// The intervals and the three sets of models (by medication, interaction, dose–response) with relapse as the
    /// event.
    public let models: EngagementAnalysis

    /// What the models were fitted on (counts; the rows come from ``intervals(cohort:plan:)``).
    public var intervals: EngagementIntervalSummary { models.intervals }
    /// One model of sessions and coverage per medication, in ``Medication`` order.
    public var byMedication: [(medication: Medication, hazards: EngagementHazards)] { models.byMedication }

    /// - Throws: ``MissingTableError`` when words must be built and the cohort has no screens;
    ///   ``UsePatternMatchError`` when published words name a patient twice.
    public init(cohort: Cohort, plan: AnalysisPlan) throws {
        let (timelines, source) = try Self.timelines(cohort: cohort, plan: plan)
        wordSource = source
        patientCount = timelines.count
        models = EngagementAnalysis(
            intervals: EngagementIntervals(timelines: timelines, cohort: cohort, plan: plan), cohort: cohort, plan: plan,
            outcome: "relapse")
    }

    /// The intervals the relapse models are fitted on: each patient's time to relapse on the week-1 clock, split
    /// where the exposures change.
    /// - Throws: as ``init(cohort:plan:)``.
    public static func intervals(cohort: Cohort, plan: AnalysisPlan) throws -> EngagementIntervals {
        EngagementIntervals(timelines: try timelines(cohort: cohort, plan: plan).timelines, cohort: cohort, plan: plan)
    }

    /// Each patient with a relapse time (a word of at least 4 weeks) as a timeline from the week-1 clock's start.
    private static func timelines(
        cohort: Cohort, plan: AnalysisPlan
    ) throws -> (timelines: [EpisodeTimeline], source: CohortUsePatterns.Source) {
        let words = try plan.usePatternProvider(for: cohort).patterns(for: cohort)
        let timelines = UrineScreenOutcomes.perPatient(words).compactMap { outcome -> EpisodeTimeline? in
            guard let week = outcome.relapse.time, let event = outcome.relapse.event, week >= 1 else { return nil }
            return EpisodeTimeline(
                patient: outcome.patient, startDay: plan.weekOneStartDay, days: Self.clockTime(week: week),
                discontinued: event)
        }
        return (timelines, words.source)
    }

    /// The time on the week-1 clock of week `week`'s first day: 7(week − 1) + 1.
    public static func clockTime(week: Int) -> Int { 7 * (week - 1) + 1 }
}
