import Foundation

/// The shared part of reading an event file: resolving `patient_id` and the time column, and applying
/// `--drop-incomplete`.
struct EventFileReader {
    let lookup: PatientsFileLoader.Lookup
    let options: CohortLoadOptions

    /// How a record's time is written: whole days since the index day, or a calendar date.
    struct TimeField {
        let column: Int
        let isDate: Bool
    }

    /// A record that passed the common checks.
    struct Row {
        let record: CSVRecord
        let patient: Int32
        /// The columns named in `required` then `optional`, in that order.
        let columns: [Int]

        /// The day of `field` relative to the patient's index day.
        func day(_ field: TimeField, indexDates: [CivilDate]?) throws -> Int32 {
            guard field.isDate else { return try record.integer32(field.column) }
            let date = try record.date(field.column)
            return Int32(indexDates![Int(patient)].days(to: date))
        }
    }

    /// Reads `file`, calling `body` for every record kept.
    /// - Parameters:
    ///   - required: columns that must exist and be non-empty (besides `patient_id`).
    ///   - optional: columns that must exist but may be empty.
    ///   - timeColumns: the time column to resolve (`day`/`date` for most files); its field is passed to `body`.
    func read(
        url: URL, displayName: String, file: CohortFile, required: [String], optional: [String] = [],
        resolvesEventTime: Bool = true,
        _ body: (Row, TimeField?) throws -> Void
    ) throws -> LoadReport.File {
        let reader = try CSVReader(url: url, displayName: displayName)
        let idColumn = try reader.requireColumn("patient_id")
        let time = resolvesEventTime ? try timeField(reader) : nil
        let requiredColumns = try required.map { try reader.requireColumn($0) }
        let optionalColumns = try optional.map { try reader.requireColumn($0) }
        let mustBeFilled = [idColumn] + (time.map { [$0.column] } ?? []) + requiredColumns
        let columns = requiredColumns + optionalColumns
        var rows = 0
        var droppedIncomplete = 0
        var droppedOfDroppedPatients = 0
        try reader.forEachRecord { record in
            rows += 1
            if let empty = mustBeFilled.first(where: { record.isEmpty($0) }) {
                if options.dropIncomplete {
                    droppedIncomplete += 1
                    return
                }
                throw record.error(.emptyField, empty, "required value is empty (--drop-incomplete skips such rows)")
            }
            let idBytes = record.bytes(idColumn)
            guard let patient = lookup.identifiers.code(of: idBytes) else {
                if options.dropIncomplete && lookup.dropped.code(of: idBytes) != nil {
                    droppedOfDroppedPatients += 1
                    return
                }
                throw record.error(
                    .unknownPatient, idColumn, "patient \"\(record.string(idColumn))\" is not in patients.csv")
            }
            try body(Row(record: record, patient: patient, columns: columns), time)
        }
        return LoadReport.File(
            file: file, rows: rows, droppedIncomplete: droppedIncomplete,
            droppedOfDroppedPatients: droppedOfDroppedPatients, bytes: reader.bytesRead)
    }

    /// `day` or `date`, never both; `date` needs `index_date` in patients.csv.
    private func timeField(_ reader: CSVReader) throws -> TimeField {
        let day = reader.columnIndex("day")
        let date = reader.columnIndex("date")
        switch (day, date) {
        case (.some, .some):
            throw InputError(.conflictingColumns, file: reader.displayName, line: 1, column: "date",
                             message: "the header has both \"day\" and \"date\"; give one of them")
        case (.some(let column), nil):
            return TimeField(column: column, isDate: false)
        case (nil, .some(let column)):
            guard lookup.indexDates != nil else {
                throw InputError(.conflictingColumns, file: reader.displayName, line: 1, column: "date",
                                 message: "events are dated but patients.csv has no index_date column; "
                                    + "add index_date or give events as \"day\" since the index day")
            }
            return TimeField(column: column, isDate: true)
        case (nil, nil):
            throw InputError(.missingColumn, file: reader.displayName, line: 1, column: "day",
                             message: "required column is missing: give \"day\" (days since the index day) or \"date\" "
                                + "(the header has: \(reader.header.joined(separator: ", ")))")
        }
    }
}

/// The permutation that sorts event rows by patient, then day (stable), and the resulting patient ranges.
struct EventOrder {
    /// `nil` when the rows were already in order.
    let permutation: [Int]?
    let ranges: PatientRanges

    /// Counting sort by patient (O(n + patients)); within a patient, rows are re-sorted by day only when needed.
    init(patient: [Int32], day: [Int32], patientCount: Int) {
        var sorted = true
        for index in patient.indices.dropFirst() {
            let previous = patient[index - 1]
            if patient[index] < previous || (patient[index] == previous && day[index] < day[index - 1]) {
                sorted = false
                break
            }
        }
        var offsets = [Int](repeating: 0, count: patientCount + 1)
        for index in patient { offsets[Int(index) + 1] += 1 }
        for position in 0..<patientCount { offsets[position + 1] += offsets[position] }
        ranges = PatientRanges(offsets: offsets)
        guard !sorted else {
            permutation = nil
            return
        }
        var next = offsets
        var order = [Int](repeating: 0, count: patient.count)
        for (row, index) in patient.enumerated() {
            order[next[Int(index)]] = row
            next[Int(index)] += 1
        }
        for patientIndex in 0..<patientCount {
            let range = offsets[patientIndex]..<offsets[patientIndex + 1]
            guard range.count > 1 else { continue }
            let inOrder = zip(order[range], order[range].dropFirst()).allSatisfy { day[$0] <= day[$1] }
            if !inOrder {
                order[range].sort { day[$0] != day[$1] ? day[$0] < day[$1] : $0 < $1 }
            }
        }
        permutation = order
    }

    func apply<Element>(_ values: [Element]) -> [Element] {
        guard let permutation else { return values }
        return permutation.map { values[$0] }
    }

    func apply(_ column: CategoricalColumn) -> CategoricalColumn {
        guard permutation != nil else { return column }
        return CategoricalColumn(levels: column.levels, codes: apply(column.codes))
    }
}
