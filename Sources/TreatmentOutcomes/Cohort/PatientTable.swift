/// `patients.csv` in columnar form: one entry per patient, in file order.
///
/// A patient's position in this table is its dense *patient index*, the integer every event table uses.
public struct PatientTable: Sendable {
    /// `patient_id`, unique. Never printed in aggregate reports.
    public let identifiers: [String]
    /// `site` (missing allowed).
    public let site: CategoricalColumn
    /// `arm`: the randomised or assigned treatment arm.
    public let arm: CategoricalColumn
    /// `medication`.
    public let medication: [Medication]
    /// `psychosocial`: the psychosocial support label (none, standard, counseling, CBT, …).
    public let psychosocial: CategoricalColumn
    /// `index_date`, the start of treatment; `nil` for a cohort recorded in days since each patient's index day.
    public let indexDate: [CivilDate]?
    /// Every further column, in file order.
    public let covariates: [Covariate]

    private let indexByIdentifier: ByteStringInterner

    public init(
        identifiers: [String], site: CategoricalColumn, arm: CategoricalColumn, medication: [Medication],
        psychosocial: CategoricalColumn, indexDate: [CivilDate]?, covariates: [Covariate]
    ) {
        self.init(
            identifiers: identifiers, interned: ByteStringInterner(identifiers), site: site, arm: arm,
            medication: medication, psychosocial: psychosocial, indexDate: indexDate, covariates: covariates)
    }

    /// The loader's path: `interned` already maps `identifiers` to their positions.
    init(
        identifiers: [String], interned: ByteStringInterner, site: CategoricalColumn, arm: CategoricalColumn, medication: [Medication],
        psychosocial: CategoricalColumn, indexDate: [CivilDate]?, covariates: [Covariate]
    ) {
        precondition(
            site.count == identifiers.count && arm.count == identifiers.count
                && medication.count == identifiers.count && psychosocial.count == identifiers.count
                && (indexDate?.count ?? identifiers.count) == identifiers.count
                && covariates.allSatisfy { $0.count == identifiers.count },
            "PatientTable columns must have one entry per patient")
        self.identifiers = identifiers
        self.site = site
        self.arm = arm
        self.medication = medication
        self.psychosocial = psychosocial
        self.indexDate = indexDate
        self.covariates = covariates
        precondition(interned.count == identifiers.count, "patient identifiers must be unique")
        self.indexByIdentifier = interned
    }

    /// Number of patients.
    public var count: Int { identifiers.count }

    /// The patient index of `identifier`, or `nil` when there is no such patient.
    public func index(of identifier: String) -> Int? { indexByIdentifier.code(of: identifier).map(Int.init) }

    /// The covariate named `name`, or `nil`.
    public func covariate(named name: String) -> Covariate? { covariates.first { $0.name == name } }

    /// The same patients with other covariates (as ``CovariatePolicy`` screens them).
    /// - Precondition: each covariate has one entry per patient.
    public func replacingCovariates(_ covariates: [Covariate]) -> PatientTable {
        PatientTable(
            identifiers: identifiers, interned: indexByIdentifier, site: site, arm: arm, medication: medication,
            psychosocial: psychosocial, indexDate: indexDate, covariates: covariates)
    }
}

/// A baseline covariate: any column of `patients.csv` beyond the fixed ones.
///
/// A column whose every non-empty field parses as a finite number is numeric; any other is categorical.
public struct Covariate: Sendable {
    public enum Values: Sendable {
        /// `nil` marks an empty field.
        case numeric([Double?])
        case categorical(CategoricalColumn)
    }

    public let name: String
    public let values: Values

    public init(name: String, values: Values) {
        self.name = name
        self.values = values
    }

    public var count: Int {
        switch values {
        case .numeric(let column): column.count
        case .categorical(let column): column.count
        }
    }

    public var isNumeric: Bool {
        if case .numeric = values { true } else { false }
    }
}
