/// Craving and withdrawal trends (docs/Craving.md): how the assessments were scored, and per instrument its
/// trajectory (mixed model, change from baseline, reliable improvement) and weekly means by arm.
public struct CravingResults: Sendable {
    public let scoring: ScoringSummary
    /// Instruments with scored assessments, most assessments first, limited to ``CravingPlan/instruments`` when
    /// the plan names any.
    public let trajectories: [SymptomTrajectory]
    /// `weeklyMeans[i]`: the weekly means of `trajectories[i]` (``SymptomTrajectory/weeklyMeans()``).
    public let weeklyMeans: [[WeeklyMean]]

    /// - Throws: ``MissingTableError`` without assessments; ``ScoringError`` for an assessment that cannot be scored.
    public init(cohort: Cohort, plan: AnalysisPlan) throws {
        let assessments = try cohort.require(\.assessments, file: .assessments, for: "craving and withdrawal trends")
        let (summary, series) = try Self.series(assessments, plan: plan)
        scoring = summary
        trajectories = series.map {
            SymptomTrajectory(cohort: cohort, series: $0.series, instrument: $0.instrument, options: plan.symptomTrajectoryOptions)
        }
        weeklyMeans = trajectories.map { $0.weeklyMeans() }
    }

    /// The assessments scored, and the series of each instrument the section analyses (in its order): the scores
    /// themselves are let go before any model is fitted.
    private static func series(_ assessments: AssessmentTable, plan: AnalysisPlan) throws
        -> (summary: ScoringSummary, series: [(instrument: Instrument, series: SymptomTrajectory.Series)])
    {
        let scored = try InstrumentScoring.score(assessments)
        let series = instruments(in: scored.scores, plan: plan).compactMap { name in
            InstrumentRegistry.standard.instrument(named: name).flatMap { instrument in
                SymptomTrajectory.Series(scored.scores, instrument: instrument).map { (instrument, $0) }
            }
        }
        return (scored.summary, series)
    }

    /// The instruments the section analyses, in its order: those with scored assessments, most assessments first,
    /// limited to ``CravingPlan/instruments`` when the plan names any.
    static func instruments(in scores: [InstrumentScore], plan: AnalysisPlan) -> [String] {
        let chosen = Set(plan.craving.instruments)
        return SymptomTrajectory.instruments(in: scores).filter { chosen.isEmpty || chosen.contains($0) }
    }
}
