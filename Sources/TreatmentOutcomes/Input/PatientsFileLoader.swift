import Foundation

/// Reads `patients.csv` (docs/InputFormat.md).
///
/// Required columns: `patient_id`, `site`, `arm`, `medication`, `psychosocial`; optional `index_date`. Every
/// other column is a covariate: numeric when each non-empty field is a finite number, categorical otherwise. A
/// numeric-looking column that also holds `NA`, `NaN` or `Inf` is an error, so R's missing-value markers are never
/// mistaken for labels. A covariate the cohort manifest declares (``CovariateDeclaration``) has the declared type and
/// must exist, and hold only numbers (numeric) or its declared levels (categorical). `site`, `arm` and `psychosocial`
/// labels may not hold a date, contact details or a patient identifier (``PublishedLabelCheck``).
struct PatientsFileLoader {
    /// What the event loaders need to resolve `patient_id`.
    struct Lookup: Sendable {
        var identifiers: ByteStringInterner
        /// Identifiers of patients dropped under `--drop-incomplete`.
        var dropped: ByteStringInterner
        var indexDates: [CivilDate]?
    }

    static let fixedColumns = ["patient_id", "site", "arm", "medication", "psychosocial", "index_date"]

    static func load(
        url: URL, displayName: String, options: CohortLoadOptions, declarations: [CovariateDeclaration]? = nil
    ) throws -> (PatientTable, Lookup, LoadReport.File) {
        let reader = try CSVReader(url: url, displayName: displayName)
        let idColumn = try reader.requireColumn("patient_id")
        let siteColumn = try reader.requireColumn("site")
        let armColumn = try reader.requireColumn("arm")
        let medicationColumn = try reader.requireColumn("medication")
        let psychosocialColumn = try reader.requireColumn("psychosocial")
        let indexDateColumn = reader.columnIndex("index_date")
        let required = [idColumn, siteColumn, armColumn, medicationColumn, psychosocialColumn] + (indexDateColumn.map { [$0] } ?? [])
        let covariateColumns = reader.header.indices.filter { !fixedColumns.contains(reader.header[$0]) }
        let declared = Dictionary(uniqueKeysWithValues: (declarations ?? []).map { ($0.name, $0) })
        if let missing = declarations?.first(where: { reader.columnIndex($0.name) == nil }) {
            throw InputError(
                .missingColumn, file: displayName, line: 1, column: missing.name,
                message: "declared in \(CohortManifest.fileName) but not in the header (the header has: "
                    + "\(reader.header.joined(separator: ", ")))")
        }

        var identifiers = ByteStringInterner(expectedCount: max(1024, reader.fileSize / 24))
        var dropped = ByteStringInterner()
        var firstLines: [Int] = []
        var site = CategoricalBuilder()
        var arm = CategoricalBuilder()
        var psychosocial = CategoricalBuilder()
        var medication: [Medication] = []
        var indexDates: [CivilDate] = []
        var covariates = covariateColumns.map {
            CovariateBuilder(column: $0, name: reader.header[$0], declared: declared[reader.header[$0]]?.type)
        }
        var rows = 0
        var droppedRows = 0

        try reader.forEachRecord { record in
            rows += 1
            if let empty = required.first(where: { record.isEmpty($0) }) {
                if options.dropIncomplete {
                    droppedRows += 1
                    if !record.isEmpty(idColumn) { _ = dropped.intern(record.bytes(idColumn)) }
                    return
                }
                throw record.error(.emptyField, empty, "required value is empty (--drop-incomplete skips such rows)")
            }
            let (code, inserted) = identifiers.intern(record.bytes(idColumn))
            guard inserted else {
                throw record.error(
                    .duplicatePatient, idColumn,
                    "patient \"\(record.string(idColumn))\" appears more than once (first on line \(firstLines[Int(code)]))")
            }
            firstLines.append(record.line)
            medication.append(try record.vocabulary(medicationColumn))
            if let indexDateColumn { indexDates.append(try record.date(indexDateColumn)) }
            site.append(record.bytes(siteColumn))
            arm.append(record.bytes(armColumn))
            psychosocial.append(record.bytes(psychosocialColumn))
            for index in covariates.indices { try covariates[index].append(record) }
        }
        guard identifiers.count > 0 else {
            throw InputError(.emptyFile, file: displayName, message: "no patients: the file has a header but no rows")
        }
        let table = PatientTable(
            identifiers: identifiers.strings, interned: identifiers, site: site.build(), arm: arm.build(), medication: medication,
            psychosocial: psychosocial.build(), indexDate: indexDateColumn == nil ? nil : indexDates,
            covariates: try covariates.map { try $0.build(file: displayName) })
        try CovariateDeclaration.checkLevels(of: table.covariates, declared: declared, lines: firstLines, file: displayName)
        for (name, column) in [("site", table.site), ("arm", table.arm), ("psychosocial", table.psychosocial)] {
            try PublishedLabelCheck.check(
                column, name: name, isIdentifier: { table.index(of: $0) != nil }, firstLines: firstLines,
                file: displayName)
        }
        let lookup = Lookup(identifiers: identifiers, dropped: dropped, indexDates: table.indexDate)
        let report = LoadReport.File(file: .patients, rows: rows, droppedIncomplete: droppedRows, bytes: reader.bytesRead)
        return (table, lookup, report)
    }
}

/// Accumulates one covariate column, deciding numeric or categorical at the end (or taking the declared type).
private struct CovariateBuilder {
    let column: Int
    let name: String
    let declared: CovariateDeclaration.Kind?
    private var numbers: [Double?] = []
    /// The raw fields back to back, kept in case the column turns out categorical.
    private var fieldBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var numericCount = 0
    /// The first field that is not a finite number, with its line and whether it looks like a missing-value marker.
    private var firstNonNumeric: (line: Int, text: String, isMarker: Bool)?

    init(column: Int, name: String, declared: CovariateDeclaration.Kind?) {
        self.column = column
        self.name = name
        self.declared = declared
    }

    mutating func append(_ record: CSVRecord) throws {
        let field = record.bytes(column)
        fieldBytes.append(contentsOf: field)
        fieldEnds.append(fieldBytes.count)
        if field.isEmpty {
            numbers.append(nil)
            return
        }
        switch NumberParsing.parseDouble(field) {
        case .value(let value):
            numbers.append(value)
            numericCount += 1
        case .notFinite, .invalid:
            numbers.append(nil)
            if firstNonNumeric == nil {
                let isMarker = !NumberParsing.hint(field).isEmpty
                    || ["inf", "-inf", "+inf", "infinity"].contains { NumberParsing.equalsIgnoringASCIICase(field, $0) }
                    || { if case .notFinite = NumberParsing.parseDouble(field) { true } else { false } }()
                firstNonNumeric = (record.line, record.string(column), isMarker)
            }
        }
    }

    func build(file: String) throws -> Covariate {
        if declared != .categorical, firstNonNumeric == nil { return Covariate(name: name, values: .numeric(numbers)) }
        if declared == .numeric, let firstNonNumeric {
            throw InputError(
                .notANumber, file: file, line: firstNonNumeric.line, column: name,
                message: "\"\(firstNonNumeric.text)\" is not a number, and \(CohortManifest.fileName) declares this "
                    + "covariate numeric; write a missing value as an empty field")
        }
        if declared == nil, let firstNonNumeric, numericCount > 0 && firstNonNumeric.isMarker {
            throw InputError(
                .notANumber, file: file, line: firstNonNumeric.line, column: name,
                message: "\"\(firstNonNumeric.text)\" in a numeric column; write a missing value as an empty field")
        }
        var labels = CategoricalBuilder(reservingCapacity: fieldEnds.count)
        fieldBytes.withUnsafeBytes { bytes in
            var start = 0
            for end in fieldEnds {
                labels.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
        return Covariate(name: name, values: .categorical(labels.build()))
    }
}
