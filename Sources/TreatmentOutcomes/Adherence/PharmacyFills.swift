import OutcomeStats

/// Pharmacy fills (dispensings) of many patients in columnar form, sorted by patient then fill day: the input of
/// ``ProportionOfDaysCovered`` and ``PharmacotherapyContinuity``.
///
/// Patients are numbered in order of first appearance; a fill's `day` is on one scale for all patients (days since
/// 1970-01-01 for fills read with dates, days since the index day for a cohort's `dispensings.csv`). Rows of one
/// patient on the same day keep their input order.
public struct PharmacyFills: Sendable {
    /// One entry per patient, in order of first appearance.
    public let identifiers: [String]
    public let patient: [Int32]
    public let day: [Int32]
    /// Days' supply, ≥ 0.
    public let daysSupply: [Int32]
    /// An index into ``drugs`` (the drug or active ingredient); every fill is drug 0 when no drug was given.
    public let drug: [Int32]
    /// The distinct drugs, sorted; `[""]` when no drug was given.
    public let drugs: [String]
    public let byPatient: PatientRanges

    /// Fills from parallel arrays, in any order.
    /// - Precondition: equal counts; every supply ≥ 0; `drug` is `nil` or has one label per fill.
    public init(identifiers rowIdentifiers: [String], day: [Int32], daysSupply: [Int32], drug: [String]? = nil) {
        precondition(day.count == rowIdentifiers.count && daysSupply.count == rowIdentifiers.count
                     && (drug?.count ?? rowIdentifiers.count) == rowIdentifiers.count,
                     "PharmacyFills: columns must have one entry per fill")
        precondition(daysSupply.allSatisfy { $0 >= 0 }, "PharmacyFills: days' supply must be ≥ 0")
        var indexOf: [String: Int32] = [:]
        var identifiers: [String] = []
        let patient = rowIdentifiers.map { identifier in
            if let index = indexOf[identifier] { return index }
            let index = Int32(identifiers.count)
            indexOf[identifier] = index
            identifiers.append(identifier)
            return index
        }
        let drugColumn = drug.map { CategoricalColumn(labels: $0) }
        self.init(
            identifiers: identifiers, patient: patient, day: day, daysSupply: daysSupply,
            drug: drugColumn?.codes ?? [Int32](repeating: 0, count: patient.count),
            drugs: drugColumn?.levels ?? [""])
    }

    /// The fills of a cohort's `dispensings.csv`, on its day scale (days since each patient's index day). Patients
    /// keep their cohort positions, so ``identifiers`` is the cohort's list.
    public init(dispensings: DispensingTable, patients: PatientTable) {
        identifiers = patients.identifiers
        patient = dispensings.patient
        day = dispensings.day
        daysSupply = dispensings.daysSupply
        drugs = dispensings.drug.levels.isEmpty ? [""] : dispensings.drug.levels
        drug = dispensings.drug.codes.map { max($0, 0) }
        byPatient = dispensings.byPatient
    }

    private init(identifiers: [String], patient: [Int32], day: [Int32], daysSupply: [Int32], drug: [Int32], drugs: [String]) {
        let order = EventOrder(patient: patient, day: day, patientCount: identifiers.count)
        self.identifiers = identifiers
        self.patient = order.apply(patient)
        self.day = order.apply(day)
        self.daysSupply = order.apply(daysSupply)
        self.drug = order.apply(drug)
        self.drugs = drugs
        byPatient = order.ranges
    }

    /// Number of fills.
    public var count: Int { patient.count }
    /// Number of patients.
    public var patientCount: Int { identifiers.count }
}

extension PharmacyFills {
    /// Reads fills from an ``InputTable``: `id` (any non-empty text), `date` (`YYYY-MM-DD`), `daysSupply` (a whole
    /// number ≥ 0) and optionally `drug` (non-empty text). Days are days since 1970-01-01.
    /// - Throws: ``InputError`` naming the file, line and column of the first bad field.
    public init(table: InputTable, id: String, date: String, daysSupply: String, drug: String? = nil) throws {
        let identifiers = try table.nonEmptyText(id)
        let dates = try table.dates(date)
        let supplies = try table.numbers(daysSupply)
        var days = [Int32](repeating: 0, count: supplies.count)
        for (row, value) in supplies.enumerated() {
            func fail(_ kind: InputError.Kind, _ message: String) -> InputError {
                InputError(kind, file: table.file, line: table.line(ofRow: row), column: daysSupply, message: message)
            }
            guard value == value.rounded(), abs(value) <= Double(Int32.max) else {
                throw fail(.notAnInteger, "days supply \(value) is not a whole number of days")
            }
            guard value >= 0 else { throw fail(.negativeDaysSupply, "days supply \(Int(value)) is negative") }
            days[row] = Int32(value)
        }
        let drugs = try drug.map { try table.nonEmptyText($0) }
        self.init(identifiers: identifiers, day: dates.map(\.daysSinceEpoch), daysSupply: days, drug: drugs)
    }
}

extension InputTable {
    /// The column as text; an empty field is an error.
    public func nonEmptyText(_ name: String) throws -> [String] {
        let values = try text(name)
        if let row = values.firstIndex(where: \.isEmpty) {
            throw InputError(.emptyField, file: file, line: line(ofRow: row), column: name, message: "required value is empty")
        }
        return values
    }

    /// The column as calendar dates `YYYY-MM-DD`; an empty or invalid field is an error.
    public func dates(_ name: String) throws -> [CivilDate] {
        try nonEmptyText(name).enumerated().map { row, field in
            guard let date = CivilDate(iso8601: field) else {
                throw InputError(.invalidDate, file: file, line: line(ofRow: row), column: name,
                                 message: "\"\(field)\" is not a valid date (expected YYYY-MM-DD)")
            }
            return date
        }
    }
}
