/// The baseline characteristics of a cohort by arm ("Table 1"): patients by arm and a grouping covariate (trial or
/// site), and per characteristic the patients at each level or the summary of a numeric covariate, per arm
/// column (``ArmColumns``) and overall.
///
/// Order of characteristics: medication, psychosocial support, then every covariate in file order. A categorical
/// covariate is left out (listed in ``exclusions``) when it has more than ``BaselinePlan/maximumLevels`` levels or
/// a level equal to a patient identifier: its labels would be printed and could identify a patient.
public struct BaselineCharacteristics: Sendable {
    /// A covariate left out, and why.
    public struct Exclusion: Sendable, Hashable {
        public let name: String
        public let reason: String
    }

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
    }

    public let arms: ArmColumns
    /// Each arm column's medication and psychosocial support.
    public let treatments: [ArmTreatment]
    /// The covariate cross-tabulated with arm, and `groupingCounts[row][column]` (rows: levels, then missing
    /// when some patient has none).
    public let grouping: PatientGrouping
    public let groupingCounts: [[Int]]
    public let characteristics: [Characteristic]
    public let exclusions: [Exclusion]
    /// The covariate drawn as box plots (``BaselinePlan/chartedCovariate``) with its summary per arm column;
    /// `nil` when the cohort has no such numeric covariate.
    public let charted: (name: String, byArm: [SampleSummary?])?

    public init(patients: PatientTable, plan: AnalysisPlan) {
        let arms = ArmColumns(arm: patients.arm)
        self.arms = arms
        treatments = ArmTreatment.of(arms: arms, patients: patients, plan: plan.contrasts)
        grouping = patients.covariate(named: plan.baseline.groupingCovariate).map {
            PatientGrouping(name: plan.baseline.groupingCovariate, covariate: $0)
        } ?? PatientGrouping(name: "site", column: patients.site)
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
        var exclusions: [Exclusion] = []
        let identifiers = Set(patients.identifiers)
        let maximumLevels = plan.baseline.maximumLevels
        for covariate in patients.covariates {
            switch covariate.values {
            case .numeric(let numbers):
                characteristics.append(Characteristic(
                    name: covariate.name, summary: Self.numericSummary(numbers, arms: arms)))
            case .categorical(let column):
                if column.levels.count > maximumLevels {
                    exclusions.append(Exclusion(
                        name: covariate.name, reason: "more than \(maximumLevels) distinct values (\(column.levels.count))"))
                } else if column.levels.contains(where: identifiers.contains) {
                    exclusions.append(Exclusion(name: covariate.name, reason: "its values match patient identifiers"))
                } else {
                    characteristics.append(categorical(covariate.name, PatientGrouping(name: covariate.name, column: column)))
                }
            }
        }
        self.characteristics = characteristics
        self.exclusions = exclusions
        let chartedName = plan.baseline.chartedCovariate
        if let covariate = patients.covariate(named: chartedName), case .numeric(let numbers) = covariate.values,
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
