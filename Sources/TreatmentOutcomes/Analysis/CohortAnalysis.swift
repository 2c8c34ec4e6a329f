/// Every measure of the outcome report, computed once from a cohort and an ``AnalysisPlan``: the values the
/// report prints, the CLI encodes and a library user reads are these.
///
/// ```swift
/// let cohort = try CohortLoader.load(from: folder)
/// let plan = try AnalysisPlan.effective(for: cohort)          // defaults ← cohort.json ← (optional) plan file
/// let analysis = await CohortAnalysis(cohort: cohort, plan: plan)
/// analysis.retention.value?.byArm                                // Kaplan–Meier retention by arm
/// ```
/// The parts are independent and computed concurrently (the relapse-risk fits dominate). Each is an immutable
/// value: a part that could not be computed says why (``AnalysisComponent/unavailable(reason:)``), so a report can
/// print the reason instead of a number. Fits carry their `ConvergenceReport`; estimates carry their intervals.
///
/// Covariates: the plan's covariate policy screens them (``covariates``, ``CovariatePolicy``), so the baseline table,
/// the grouping, the retention adjustment and the relapse-risk model see only the covariates that may be published:
/// the parts read the screened ``cohort``, except the relapse-risk fit, which screens the given cohort itself under
/// the same policy (``RelapseRiskOptions/covariatePolicy``) and so records the merged levels as `risk fit` does.
public struct CohortAnalysis: Sendable {
    /// The parts a caller can ask for (``defaultParts`` unless named).
    public enum Part: String, Sendable, Hashable, CaseIterable {
        case retention, urineScreens, adherence, craving, relapseRisk, balance
    }

    /// The parts computed when none are named: every part. ``Part/balance`` is the costliest in memory: its
    /// counting-process fits sort about 44 interval rows per patient (a third of the report's time, and most of its
    /// memory at a million patients: docs/Performance.md); a caller that does not need it leaves it out of `parts`.
    public static let defaultParts: Set<Part> = Set(Part.allCases)

    /// The cohort as analysed: the one given, with only the covariates the covariate policy lets through (rare
    /// levels merged into `Other`).
    public let cohort: Cohort
    /// The covariate policy's screening of the given cohort: what was left out and why.
    public let covariates: CovariateScreening
    public let plan: AnalysisPlan
    /// The parts computed; the others are `unavailable` with the reason "not requested".
    public let parts: Set<Part>
    public let baseline: BaselineCharacteristics
    /// The arm contrasts of the plan, resolved against the cohort's arms.
    public let contrasts: ArmContrasts
    public let retention: AnalysisComponent<RetentionResults>
    public let urineScreens: AnalysisComponent<UrineScreenResults>
    public let adherence: AnalysisComponent<AdherenceResults>
    public let craving: AnalysisComponent<CravingResults>
    /// `nil` when the cohort has no screens.csv (no urine-screen outcome to predict).
    public let relapseRisk: AnalysisComponent<RelapseRiskResults>?
    /// Engagement as a time-varying exposure and support against medication alone by IPTW (docs/Balance.md);
    /// "not requested" unless ``parts`` names it.
    public let balance: AnalysisComponent<BalanceResults>

    /// The arm columns of every by-arm result (``BaselineCharacteristics/arms``).
    public var arms: ArmColumns { baseline.arms }

    /// - Parameter progress: called as each part asked for finishes (from the task that computed it, in the order
    ///   they finish), with the time it took: a command-line tool's progress on a large cohort, where the whole
    ///   analysis takes minutes. The values do not depend on it.
    public init(
        cohort given: Cohort, plan: AnalysisPlan, parts: Set<Part> = CohortAnalysis.defaultParts,
        progress: (@Sendable (Part, Duration) -> Void)? = nil
    ) async {
        let (cohort, covariates) = CovariatePolicy(plan: plan).screen(
            given, groupingCovariate: plan.baseline.groupingCovariate)
        self.cohort = cohort
        self.covariates = covariates
        self.plan = plan
        self.parts = parts
        let baseline = BaselineCharacteristics(screening: covariates, plan: plan)
        let contrasts = ArmContrasts(treatments: baseline.treatments, plan: plan.contrasts)
        self.baseline = baseline
        self.contrasts = contrasts
        func part<Value: Sendable>(_ which: Part, _ compute: @Sendable () throws -> Value) -> AnalysisComponent<Value> {
            guard parts.contains(which) else { return .unavailable(reason: "not requested") }
            let started = ContinuousClock.now
            defer { progress?(which, ContinuousClock.now - started) }
            // A serial part holds its core, so the relapse-risk folds beside it use only the others (CoreBudget).
            do { return .computed(try CoreBudget.occupying(compute)) } catch { return .unavailable(reason: "\(error)") }
        }
        async let retention = part(.retention) { try RetentionResults(cohort: cohort, plan: plan, contrasts: contrasts) }
        async let urineScreens = part(.urineScreens) {
            try UrineScreenResults(cohort: cohort, plan: plan, contrasts: contrasts)
        }
        async let adherence = part(.adherence) { AdherenceResults(cohort: cohort, plan: plan, arms: baseline.arms) }
        async let craving = part(.craving) { try CravingResults(cohort: cohort, plan: plan) }
        async let balance = part(.balance) { try BalanceResults(cohort: given, plan: plan) }
        async let relapseRisk = cohort.screens == nil ? nil
            : parts.contains(.relapseRisk) ? await Self.timed(.relapseRisk, progress) {
                await Self.relapseRisk(cohort: given, plan: plan, arms: baseline.arms)
            }
            : .unavailable(reason: "not requested")
        self.retention = await retention
        self.urineScreens = await urineScreens
        self.adherence = await adherence
        self.craving = await craving
        self.relapseRisk = await relapseRisk
        self.balance = await balance
    }

    /// `compute()`, reporting its time to `progress` as part `which`.
    private static func timed<Value>(
        _ which: Part, _ progress: (@Sendable (Part, Duration) -> Void)?, _ compute: () async -> Value
    ) async -> Value {
        let started = ContinuousClock.now
        let value = await compute()
        progress?(which, ContinuousClock.now - started)
        return value
    }

    /// The relapse-risk part: the outcome evaluated once (from the cohort's published words when the plan uses
    /// them, else from words built from its screens), then both models, when there are enough of each outcome.
    static func relapseRisk(
        cohort: Cohort, plan: AnalysisPlan, arms: ArmColumns
    ) async -> AnalysisComponent<RelapseRiskResults> {
        do {
            let (outcome, source) = try RelapseRiskResults.outcome(cohort: cohort, plan: plan)
            let needed = max(plan.relapseRisk.minimumPerOutcome, plan.disclosure.minimumCellSize)
            let events = Int(outcome.reduce(0, +))
            guard events >= needed && outcome.count - events >= needed else {
                return .unavailable(
                    reason: "a cross-validated model with this many features needs at least \(needed) patients "
                        + "with the outcome and \(needed) without")
            }
            return .computed(try await RelapseRiskResults.fitting(
                cohort: cohort, plan: plan, outcome: outcome, outcomeSource: source, arms: arms))
        } catch {
            return .unavailable(reason: "\(error)")
        }
    }
}
