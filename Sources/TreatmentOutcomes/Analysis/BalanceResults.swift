/// Engagement and psychosocial support against dropout (docs/Balance.md): engagement as a time-varying exposure
/// (sessions and medication coverage in the look-back window, per medication, with a medication × sessions
/// interaction, and by engagement band; dropout and, from the weekly urine-screen words, relapse), and medication
/// with support against medication alone weighted by inverse probability of treatment, per medication.
///
/// ```swift
/// let plan = try AnalysisPlan.effective(for: cohort)
/// let results = try BalanceResults(cohort: cohort, plan: plan)
/// results.engagement.value?.byMedication          // hazard ratios per session, per medication
/// results.supportComparisons                      // weighted retention and hazard ratio, per medication
/// ```
/// Covariates are read through the plan's covariate policy, as every other part of ``CohortAnalysis``. A part that
/// cannot be estimated says why: a cohort whose visits have no psychosocial kind (CTN-0094 records only `study`
/// visits) gets "not measurable" for engagement, never a hazard ratio of NaN.
public struct BalanceResults: Sendable {
    /// The engagement models, or why there are none (no episodes, doses or fills).
    public let engagement: AnalysisComponent<EngagementAnalysis>
    /// Relapse from the weekly words against the same exposures, or why there is none (no screens or words).
    public let relapse: AnalysisComponent<RelapseEngagement>
    /// One comparison per medication that has an arm of a single medication, in ``Medication`` order.
    public let supportComparisons: [(medication: Medication, comparison: AnalysisComponent<SupportComparison>)]
    /// The covariates asked of the propensity models (``BalancePlan/covariates`` or its default).
    public let propensityCovariates: [String]
    /// The retention rows the support comparisons use (``RetentionPlan/population``).
    public let population: RetentionPopulation

    /// - Throws: ``RetentionDataMissing`` when the cohort has no episodes, doses or fills.
    public init(cohort given: Cohort, plan: AnalysisPlan) throws {
        let (cohort, _) = CovariatePolicy(plan: plan).screen(given, groupingCovariate: plan.baseline.groupingCovariate)
        let patients = cohort.patients
        engagement = Self.component { try EngagementAnalysis(cohort: cohort, plan: plan) }
        relapse = Self.component { try RelapseEngagement(cohort: cohort, plan: plan) }
        let covariates = Self.propensityCovariates(patients: patients, plan: plan)
        propensityCovariates = covariates
        population = plan.retention.population
        let episodes = try RetentionEpisodes.make(from: cohort, options: plan.retentionOptions)
        let analysed = population == .assigned ? episodes.includingPatientsWithoutEpisode(patients) : episodes
        let arms = ArmColumns(arm: patients.arm)
        let treatments = ArmTreatment.of(arms: arms, patients: patients, plan: plan.contrasts)
        let medications = Medication.allCases.filter { medication in treatments.contains { $0.medication == medication } }
        supportComparisons = medications.map { medication in
            (medication, Self.component {
                try SupportComparison.make(
                    medication: medication, analysed: analysed, patients: patients, treatments: treatments, arms: arms,
                    covariates: covariates,
                    maximumMissingShare: plan.balance.covariates.isEmpty ? plan.balance.maximumMissingShare : nil,
                    horizonDays: plan.retention.horizonDays, truncation: plan.balance.truncation)
            })
        }
    }

    /// ``BalancePlan/covariates`` when given; else ``RetentionPlan/adjustment`` followed by every other covariate
    /// of `patients` (as screened), categorical ones with at most ``BalancePlan/maximumCovariateLevels`` levels
    /// (each comparison then leaves out those missing too often, ``BalancePlan/maximumMissingShare``).
    static func propensityCovariates(patients: PatientTable, plan: AnalysisPlan) -> [String] {
        guard plan.balance.covariates.isEmpty else { return plan.balance.covariates }
        let others = patients.covariates.filter { covariate in
            guard !plan.retention.adjustment.contains(covariate.name) else { return false }
            if case .categorical(let column) = covariate.values {
                return column.levels.count <= plan.balance.maximumCovariateLevels
            }
            return true
        }
        return plan.retention.adjustment + others.map(\.name)
    }

    /// The covariates of the engagement models: ``BalancePlan/engagementCovariates`` when given (empty: none); else
    /// the default propensity covariates (``propensityCovariates(patients:plan:)``) less those missing for more than
    /// ``BalancePlan/maximumMissingShare`` of `patients` (the rest are complete cases: patients missing one are left
    /// out of the engagement models).
    public static func engagementCovariates(patients: PatientTable, plan: AnalysisPlan) -> [String] {
        if let asked = plan.balance.engagementCovariates { return asked }
        let everyone = Array(0..<patients.count), oneGroup = [Bool](repeating: true, count: patients.count)
        return propensityCovariates(patients: patients, plan: plan).filter { name in
            !everyone.isEmpty && patients.covariate(named: name) != nil
                && SupportComparison.missingShare(name, patients: patients, patientRows: everyone, groups: oneGroup)
                    <= plan.balance.maximumMissingShare
        }
    }

    private static func component<Value: Sendable>(_ compute: () throws -> Value) -> AnalysisComponent<Value> {
        do { return .computed(try compute()) } catch { return .unavailable(reason: "\(error)") }
    }
}
