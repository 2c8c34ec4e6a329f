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

    /// An event file whose header has been checked.
    struct OpenedFile {
        let reader: CSVReader
        let file: CohortFile
        let idColumn: Int
        let time: TimeField?
        /// The columns named in `required` then `optional`, in that order.
        let columns: [Int]
        /// Columns that must be non-empty: patient_id, the time column and `required`.
        let mustBeFilled: [Int]
    }

    /// Opens `file` and resolves its columns.
    /// - Parameters:
    ///   - required: columns that must exist and be non-empty (besides `patient_id`).
    ///   - optional: columns that must exist but may be empty.
    ///   - resolvesEventTime: whether the file has a `day`/`date` column.
    func open(
        url: URL, displayName: String, file: CohortFile, required: [String], optional: [String] = [],
        resolvesEventTime: Bool = true
    ) throws -> OpenedFile {
        let reader = try CSVReader(url: url, displayName: displayName)
        let idColumn = try reader.requireColumn("patient_id")
        let time = resolvesEventTime ? try timeField(reader) : nil
        let requiredColumns = try required.map { try reader.requireColumn($0) }
        let optionalColumns = try optional.map { try reader.requireColumn($0) }
        return OpenedFile(
            reader: reader, file: file, idColumn: idColumn, time: time, columns: requiredColumns + optionalColumns,
            mustBeFilled: [idColumn] + (time.map { [$0.column] } ?? []) + requiredColumns)
    }

    /// The day of the date or day in `column`, relative to `patient`'s index day.
    func day(_ record: CSVRecord, column: Int, isDate: Bool, patient: Int32) throws -> Int32 {
        guard isDate else { return try record.integer32(column) }
        let date = try record.date(column)
        return date.daysSinceEpoch - lookup.indexDates![Int(patient)].daysSinceEpoch
    }

    /// Calls `body` with every record kept, its patient index and its day (0 when the file has no time column).
    ///
    /// Consecutive rows of the same patient, the usual layout, resolve `patient_id` by one byte comparison.
    func forEach(_ opened: OpenedFile, _ body: (CSVRecord, Int32, Int32) throws -> Void) throws -> LoadReport.File {
        var rows = 0
        var droppedIncomplete = 0
        var droppedOfDroppedPatients = 0
        var lastKey: [UInt8] = []
        var lastPatient: Int32 = -1
        let idColumn = opened.idColumn
        let mustBeFilled = opened.mustBeFilled
        let identifiers = lookup.identifiers
        try opened.reader.forEachRecord { record in
            rows += 1
            for column in mustBeFilled where record.isEmpty(column) {
                if options.dropIncomplete {
                    droppedIncomplete += 1
                    return
                }
                throw record.error(.emptyField, column, "required value is empty (--drop-incomplete skips such rows)")
            }
            let idBytes = record.bytes(idColumn)
            let patient: Int32
            if lastPatient >= 0 && idBytes.count == lastKey.count
                && lastKey.withUnsafeBytes({ memcmp($0.baseAddress!, idBytes.baseAddress!, idBytes.count) == 0 }) {
                patient = lastPatient
            } else if let code = identifiers.code(of: idBytes) {
                patient = code
                lastPatient = code
                lastKey.removeAll(keepingCapacity: true)
                lastKey.append(contentsOf: idBytes)
            } else {
                if options.dropIncomplete && lookup.dropped.code(of: idBytes) != nil {
                    droppedOfDroppedPatients += 1
                    return
                }
                throw record.error(
                    .unknownPatient, idColumn, "patient \"\(record.string(idColumn))\" is not in patients.csv")
            }
            let day: Int32
            if let time = opened.time {
                day = try self.day(record, column: time.column, isDate: time.isDate, patient: patient)
            } else {
                day = 0
            }
            try body(record, patient, day)
        }
        return LoadReport.File(
            file: opened.file, rows: rows, droppedIncomplete: droppedIncomplete,
            droppedOfDroppedPatients: droppedOfDroppedPatients, bytes: opened.reader.bytesRead)
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
