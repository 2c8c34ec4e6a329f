import TreatmentOutcomes

/// One characteristic summarised in the baseline table: a categorical grouping (n and % per level) or a numeric
/// column (mean, SD, median, quartiles).
struct BaselineVariable: Sendable {
    enum Values: Sendable {
        case categorical(PatientGrouping)
        /// `nil` marks a missing value.
        case numeric([Double?])
    }

    let name: String
    let values: Values
}

/// The baseline variables of a patient table, and the covariates left out with the reason.
///
/// Order: medication, psychosocial support, then every covariate in file order. A categorical covariate is
/// left out when it has more than `maximumLevels` distinct values or when one of its values equals a patient
/// identifier: its level labels would be printed and could identify a patient.
struct BaselineVariables: Sendable {
    struct Exclusion: Sendable, Equatable {
        let name: String
        let reason: String
    }

    let variables: [BaselineVariable]
    let exclusions: [Exclusion]

    /// The largest number of levels a categorical covariate may have to be summarised.
    static let defaultMaximumLevels = 20

    init(patients: PatientTable, maximumLevels: Int = BaselineVariables.defaultMaximumLevels) {
        var variables = [
            BaselineVariable(
                name: "medication",
                values: .categorical(
                    PatientGrouping(name: "medication", column: CategoricalColumn(labels: patients.medication.map(\.rawValue))))),
            BaselineVariable(
                name: "psychosocial support",
                values: .categorical(PatientGrouping(name: "psychosocial support", column: patients.psychosocial))),
        ]
        var exclusions: [Exclusion] = []
        let identifiers = Set(patients.identifiers)
        for covariate in patients.covariates {
            switch covariate.values {
            case .numeric(let numbers):
                variables.append(BaselineVariable(name: covariate.name, values: .numeric(numbers)))
            case .categorical(let column):
                if column.levels.count > maximumLevels {
                    exclusions.append(Exclusion(
                        name: covariate.name,
                        reason: "more than \(maximumLevels) distinct values (\(column.levels.count))"))
                } else if column.levels.contains(where: identifiers.contains) {
                    exclusions.append(Exclusion(name: covariate.name, reason: "its values match patient identifiers"))
                } else {
                    variables.append(BaselineVariable(
                        name: covariate.name, values: .categorical(PatientGrouping(name: covariate.name, column: column))))
                }
            }
        }
        self.variables = variables
        self.exclusions = exclusions
    }
}
