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
        // The previous row's patient_id, to skip the hash lookup for consecutive rows of one patient.
        let lastKey = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 1)
        defer { lastKey.deallocate() }
        var lastKeyLength = -1
        var lastPatient: Int32 = -1
        // Everything the loop needs, hoisted into locals: touching `self` or `opened` per row would copy
        // their arrays' references (retain/release) on every record.
        let idColumn = opened.idColumn
        let mustBeFilled = UnsafeMutableBufferPointer<Int>.allocate(capacity: opened.mustBeFilled.count)
        _ = mustBeFilled.initialize(from: opened.mustBeFilled)
        defer { mustBeFilled.deallocate() }
        let identifiers = lookup.identifiers
        let dropped = lookup.dropped
        let dropIncomplete = options.dropIncomplete
        let timeColumn = opened.time?.column ?? -1
        let timeIsDate = opened.time?.isDate ?? false
        let indexDates = lookup.indexDates ?? []
        var cursor = opened.reader.makeCursor()
        // The cursor owns the parser's buffers while it runs (it may grow them); hand them back on every path, an
        // error included, or the reader would later free buffers the cursor already replaced.
        do {
            records: while let record = try cursor.next() {
                rows += 1
                for position in 0..<mustBeFilled.count where record.isEmpty(mustBeFilled[position]) {
                    let column = mustBeFilled[position]
                    if dropIncomplete {
                        droppedIncomplete += 1
                        continue records
                    }
                    throw record.error(.emptyField, column, "required value is empty (--drop-incomplete skips such rows)")
                }
                let idBytes = record.bytes(idColumn)
                let patient: Int32
                if idBytes.count == lastKeyLength
                    && memcmp(lastKey.baseAddress!, idBytes.baseAddress!, idBytes.count) == 0 {
                    patient = lastPatient
                } else if let code = identifiers.code(of: idBytes) {
                    patient = code
                    lastPatient = code
                    if idBytes.count <= lastKey.count {
                        lastKey.copyMemory(from: idBytes)
                        lastKeyLength = idBytes.count
                    } else {
                        lastKeyLength = -1
                    }
                } else {
                    if dropIncomplete && dropped.code(of: idBytes) != nil {
                        droppedOfDroppedPatients += 1
                        continue
                    }
                    throw record.error(
                        .unknownPatient, idColumn, "patient \"\(record.string(idColumn))\" is not in patients.csv")
                }
                let day: Int32
                if timeColumn < 0 {
                    day = 0
                } else if timeIsDate {
                    day = try record.date(timeColumn).daysSinceEpoch - indexDates[Int(patient)].daysSinceEpoch
                } else {
                    day = try record.integer32(timeColumn)
                }
                try body(record, patient, day)
            }
        } catch {
            opened.reader.finish(cursor)
            throw error
        }
        opened.reader.finish(cursor)
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
