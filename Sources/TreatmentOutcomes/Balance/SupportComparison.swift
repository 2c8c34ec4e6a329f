import OutcomeStats

/// Medication with psychosocial support against the same medication alone, at baseline, adjusted by inverse
/// probability of treatment weights (docs/Balance.md, "Support against medication alone"):
///
/// ```
/// T = 1 for a patient of an arm whose support is not medication-alone (ContrastPlan.medicationAloneSupports),
///     0 for one whose support is; both arms of the medication m
/// e(x) = P(T = 1 | x)                                    logistic propensity model on the baseline covariates x
/// w = T·P(T = 1)/e(x) + (1 − T)·P(T = 0)/(1 − e(x))      stabilised weights (optionally truncated)
/// S_w(t) per group                                       weighted Kaplan–Meier retention
/// h(t | T) = h₀(t) exp(β T), weights w                   weighted Cox; robust (sandwich) standard error
/// ```
/// exp(β) estimates the hazard ratio of discontinuation had every patient of medication m had support against had
/// none (the average treatment effect in the hazard-ratio scale), under no unmeasured confounding, positivity and
/// a correct propensity model. The robust variance treats the weights as known, which is conservative for IPTW
/// (Austin, Stat. Med. 35 (2016) 5642, doi:10.1002/sim.7084). Austin & Stuart, Stat. Med. 34 (2015) 3661,
/// doi:10.1002/sim.6607 (weights, balance diagnostics, weighted survival); Cole & Hernán, Comput. Methods Programs
/// Biomed. 75 (2004) 45, doi:10.1016/j.cmpb.2003.10.004 (weighted survival curves).
///
/// Rows: the retention analysis' rows (``RetentionPlan/population``), one per patient; patients missing a covariate
/// are left out and counted.
public struct SupportComparison: Sendable {
    public let medication: Medication
    /// The arms of each group, in label order.
    public let supportArms: [String]
    public let aloneArms: [String]
    /// Patients of each group in the model (complete covariates).
    public let supportCount: Int
    public let aloneCount: Int
    public let excludedForMissingCovariates: Int
    /// Covariate names asked for that the cohort does not have (skipped).
    public let skippedCovariates: [String]
    /// Default covariates left out because too many patients of a group miss them
    /// (``BalancePlan/maximumMissingShare``).
    public let omittedForMissingValues: [String]
    /// The smallest and largest propensity score of each group: scores near 0 or 1 mean patients of one group have
    /// no counterpart in the other (a positivity problem the weights cannot repair).
    public var propensityRange: (support: ClosedRange<Double>, alone: ClosedRange<Double>) {
        func range(_ group: Bool) -> ClosedRange<Double> {
            let scores = propensity.scores.indices.filter { propensity.exposure[$0] == group }.map { propensity.scores[$0] }
            return scores.min()!...scores.max()!
        }
        return (range(true), range(false))
    }
    /// Terms of the propensity model (after its intercept) and of the balance table, in order.
    public let terms: [String]
    /// The weighted groups (exposed = with support): propensity model, weights, balance, curves and Cox fits.
    public let groups: WeightedGroups
    public var propensity: PropensityScoreFit { groups.propensity }
    public var weights: InverseProbabilityWeights { groups.weights }
    public var balance: CovariateBalance { groups.balance }
    public var supportCurve: WeightedKaplanMeierEstimate { groups.exposedCurve }
    public var aloneCurve: WeightedKaplanMeierEstimate { groups.unexposedCurve }
    /// The same groups' curves without weights: the counts behind the weighted ones (events and patients at risk),
    /// which a report needs to decide what it may show (no weighted point resting on a small count).
    public var supportCrudeCurve: KaplanMeierEstimate { groups.exposedCrudeCurve }
    public var aloneCrudeCurve: KaplanMeierEstimate { groups.unexposedCrudeCurve }
    /// Weighted proportion retained at each horizon (``RetentionPlan/horizonDays``), per group.
    public let supportRetained: [RetainedAt]
    public let aloneRetained: [RetainedAt]
    /// The weighted Cox model (column 0 = support), robust variance.
    public var weightedFit: CoxFit { groups.weightedFit }
    /// The same model without weights (model-based variance), for comparison.
    public var unweightedFit: CoxFit { groups.unweightedFit }

    /// The weighted hazard ratio of discontinuation, support against alone, with its robust 95% interval.
    public var hazardRatio: CoefficientInference? { weightedFit.coefficientInference()[0] }
    /// The crude hazard ratio (no weights).
    public var unweightedHazardRatio: CoefficientInference? { unweightedFit.coefficientInference()[0] }
    /// Kish's effective sample size of each group under the weights.
    public var effectiveSampleSize: (support: Double, alone: Double) {
        let size = weights.effectiveSampleSize
        return (size.exposed, size.unexposed)
    }
}

/// Why a medication's support comparison was not made.
public struct SupportComparisonUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
}

extension SupportComparison {
    /// The comparison for `medication` on the retention rows `analysed`, or why there is none.
    /// - Throws: ``SupportComparisonUnavailable`` (no arm of one group, no dropout, a propensity model that cannot
    ///   be fitted or separates the groups).
    static func make(
        medication: Medication, analysed: RetentionEpisodes, patients: PatientTable, treatments: [ArmTreatment],
        arms: ArmColumns, covariates asked: [String], maximumMissingShare: Double?, horizonDays: [Int],
        truncation: InverseProbabilityWeights.Truncation?
    ) throws(SupportComparisonUnavailable) -> SupportComparison {
        var rows: [Int] = [], support: [Bool] = []
        var supportArms: Set<String> = [], aloneArms: Set<String> = []
        for (row, patient) in analysed.patient.enumerated() {
            let treatment = treatments[arms.columnOfPatient[patient]]
            guard treatment.arm != ArmColumns.missingArmLabel, treatment.medication == medication,
                  let label = treatment.support, label != "not recorded" else { continue }
            rows.append(row)
            support.append(!treatment.isMedicationAlone)
            if treatment.isMedicationAlone { aloneArms.insert(treatment.arm) } else { supportArms.insert(treatment.arm) }
        }
        let name = medication.rawValue
        guard !supportArms.isEmpty else { throw .init(description: "no \(name) arm with psychosocial support") }
        guard !aloneArms.isEmpty else { throw .init(description: "no \(name) arm of medication alone") }
        let patientRows = rows.map { analysed.patient[$0] }
        let omitted = maximumMissingShare.map { limit in
            asked.filter { Self.missingShare($0, patients: patients, patientRows: patientRows, groups: support) > limit }
        } ?? []
        let covariates = asked.filter { !omitted.contains($0) }
        let design = AdjustmentDesign.columns(covariates, patients: patients, patientRows: patientRows)
        let complete = AdjustmentDesign.completeRows(design.columns, count: rows.count)
        let exposure = complete.map { support[$0] }
        guard exposure.contains(true), exposure.contains(false) else {
            throw .init(description: "no \(name) patient of one group has every covariate")
        }
        let times = complete.map { Double(analysed.days[rows[$0]]) }
        let events = complete.map { analysed.discontinued[rows[$0]] }
        guard events.contains(true) else { throw .init(description: "no discontinuation among \(name) patients") }
        let matrix = AdjustmentDesign.matrix(design.columns, rows: complete)
        let groups: WeightedGroups
        do {
            groups = try WeightedGroups.make(
                covariates: matrix, exposure: exposure, times: times, events: events, truncation: truncation)
        } catch { throw .init(description: error.description) }
        return SupportComparison(
            medication: medication, supportArms: supportArms.sorted(), aloneArms: aloneArms.sorted(),
            supportCount: exposure.count { $0 }, aloneCount: exposure.count { !$0 },
            excludedForMissingCovariates: rows.count - complete.count,
            skippedCovariates: asked.filter { patients.covariate(named: $0) == nil }, omittedForMissingValues: omitted,
            terms: design.terms, groups: groups,
            supportRetained: horizonDays.map { RetainedAt(weightedCurve: groups.exposedCurve, day: $0) },
            aloneRetained: horizonDays.map { RetainedAt(weightedCurve: groups.unexposedCurve, day: $0) })
    }

    /// The larger of the shares of the two groups' patients missing covariate `name` (0 for a name the cohort does
    /// not have).
    static func missingShare(_ name: String, patients: PatientTable, patientRows: [Int], groups: [Bool]) -> Double {
        let columns = AdjustmentDesign.columns([name], patients: patients, patientRows: patientRows).columns
        return [true, false].map { group in
            let members = groups.indices.filter { groups[$0] == group }
            let missing = members.count { row in columns.contains { $0[row] == nil } }
            return members.isEmpty ? 0 : Double(missing) / Double(members.count)
        }.max()!
    }
}
