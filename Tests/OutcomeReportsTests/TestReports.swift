import TreatmentOutcomes

@testable import OutcomeReports

/// The report of a hand-made cohort: its ``CohortAnalysis`` under `plan` (the library's defaults unless given),
/// with the small-cell minimum `minimum`, rendered by ``CohortReport``.
func makeReport(
    _ cohort: Cohort, plan: AnalysisPlan = AnalysisPlan(), minimum: Int = 11, source: String = "test cohort",
    dropped: Bool = false, parts: Set<CohortAnalysis.Part> = Set(CohortAnalysis.Part.allCases)
) async -> Report {
    var plan = plan
    plan.disclosure.minimumCellSize = minimum
    let analysis = await CohortAnalysis(cohort: cohort, plan: plan, parts: parts)
    return CohortReport.make(
        from: analysis, options: CohortReportOptions(sourceDescription: source, droppedIncompleteRows: dropped))
}

/// A plan that groups the baseline tables by `trial`.
let trialPlan: AnalysisPlan = {
    var plan = AnalysisPlan()
    plan.baseline.groupingCovariate = "trial"
    return plan
}()
