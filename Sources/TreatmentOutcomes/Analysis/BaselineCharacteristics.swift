/// The baseline characteristics of a cohort by arm ("Table 1"): patients by arm and a grouping covariate (trial or
/// site), and per characteristic the patients at each level or the summary of a numeric covariate, per arm
/// column (``ArmColumns``) and overall.
///
/// Order of characteristics: medication, psychosocial support, then every covariate the covariate policy lets
/// through (``CovariatePolicy``), in file order; the others are listed in ``exclusions`` with the reason. Categorical
/// levels with fewer patients than the small-cell minimum are merged into `Other`. A numeric covariate's median and
/// quartiles may be shown only when ``Characteristic/showsQuantiles`` (declared with quantiles in the manifest), and
/// only such a covariate is ``charted``.
public struct BaselineCharacteristics: Sendable {
    /// A covariate left out, and why.
    public typealias Exclusion = CovariateScreening.Exclusion

    public enum Summary: Sendable {
        /// `counts[row][column]`: patients at each level (rows: levels, then missing) in each arm column.
        case categorical(levels: [String], counts: [[Int]])
        /// Per arm column: the summary of the recorded values (`nil` without any) and the missing count;
        /// `overall` over every patient.
        case numeric(byArm: [SampleSummary?], overall: SampleSummary?, missing: [Int])
    }

    public struct Characteristic: Sendable {
        public let name: String
        public let summary: Summary
        /// Whether a numeric summary's median and quartiles may be shown (declared with `"quantiles": true`): a
        /// sample quantile is often one patient's value. Always false for a categorical one.
        public let showsQuantiles: Bool

        init(name: String, summary: Summary, showsQuantiles: Bool = false) {
            self.name = name
            self.summary = summary
            self.showsQuantiles = showsQuantiles
        }
    }

    public let arms: ArmColumns
    /// Each arm column's medication and psychosocial support.
    public let treatments: [ArmTreatment]
    /// The covariate cross-tabulated with arm, and `groupingCounts[row][column]` (rows: levels, then missing
    /// when some patient has none).
    public let grouping: PatientGrouping
    public let groupingCounts: [[Int]]
    public let characteristics: [Characteristic]
    /// The covariates the covariate policy left out, with the reason (``CovariateScreening/exclusions``).
    public let exclusions: [Exclusion]
    /// The covariate drawn as box plots (``BaselinePlan/chartedCovariate``) with its summary per arm column;
    /// `nil` when the cohort has no such numeric covariate or its quantiles may not be shown.
    public let charted: (name: String, byArm: [SampleSummary?])?

    /// The baseline characteristics of `patients`, their covariates screened by the plan's covariate policy under
    /// `declarations` (a manifest's ``CohortManifest/covariates``).
    public init(patients: PatientTable, plan: AnalysisPlan, declarations: [CovariateDeclaration]? = nil) {
        self.init(
            screening: CovariatePolicy(plan: plan).screen(
                patients, declarations: declarations, groupingCovariate: plan.baseline.groupingCovariate),
            plan: plan)
    }

    /// The baseline characteristics of the patients of `screening` (screened for the plan's grouping covariate).
    public init(screening: CovariateScreening, plan: AnalysisPlan) {
        let patients = screening.patients
        let arms = ArmColumns(arm: patients.arm)
        self.arms = arms
        treatments = ArmTreatment.of(arms: arms, patients: patients, plan: plan.contrasts)
        grouping = screening.grouping ?? PatientGrouping(name: "site", column: patients.site)
        groupingCounts = arms.crossTabulate(grouping, includeMissing: grouping.hasMissing)
        func categorical(_ name: String, _ grouping: PatientGrouping) -> Characteristic {
            Characteristic(
                name: name,
                summary: .categorical(levels: grouping.levels, counts: arms.crossTabulate(grouping, includeMissing: true)))
        }
        var characteristics = [
            categorical("medication", PatientGrouping(
                name: "medication", column: CategoricalColumn(labels: patients.medication.map(\.rawValue)))),
            categorical("psychosocial support", PatientGrouping(name: "psychosocial support", column: patients.psychosocial)),
        ]
        for covariate in patients.covariates {
            switch covariate.values {
            case .numeric(let numbers):
                characteristics.append(Characteristic(
                    name: covariate.name, summary: Self.numericSummary(numbers, arms: arms),
                    showsQuantiles: screening.quantiles.contains(covariate.name)))
            case .categorical(let column):
                characteristics.append(categorical(covariate.name, PatientGrouping(name: covariate.name, column: column)))
            }
        }
        self.characteristics = characteristics
        exclusions = screening.exclusions
        let chartedName = plan.baseline.chartedCovariate
        if screening.quantiles.contains(chartedName), let covariate = patients.covariate(named: chartedName),
           case .numeric(let numbers) = covariate.values,
           case .numeric(let byArm, _, _) = Self.numericSummary(numbers, arms: arms) {
            charted = (chartedName, byArm)
        } else {
            charted = nil
        }
    }

    static func numericSummary(_ numbers: [Double?], arms: ArmColumns) -> Summary {
        var values = [[Double]](repeating: [], count: arms.count)
        var missing = [Int](repeating: 0, count: arms.count)
        for (patient, value) in numbers.enumerated() {
            if let value { values[arms.columnOfPatient[patient]].append(value) } else { missing[arms.columnOfPatient[patient]] += 1 }
        }
        let all = values.flatMap { $0 }
        return .numeric(
            byArm: values.map { $0.isEmpty ? nil : SampleSummary($0) }, overall: all.isEmpty ? nil : SampleSummary(all),
            missing: missing)
    }
}
