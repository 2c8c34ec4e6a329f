import Foundation

/// Reads the raw CTN-0094 tables through ``CSVReader`` and records how many data rows each had.
struct CTN0094SourceLog {
    private(set) var files: [CTN0094ImportSummary.SourceFile] = []

    /// Calls `body` for each record of `folder/file` with the indices of `columns` (same order) and the file's
    /// display name for error messages.
    /// - Throws: ``InputError`` for a missing file or column, or a malformed record; whatever `body` throws.
    mutating func read(
        _ file: String, in folder: URL, columns: [String],
        _ body: (CSVRecord, [Int], String) throws -> Void
    ) throws {
        let url = folder.appendingPathComponent(file)
        let reader = try CSVReader(url: url, displayName: url.path)
        let indices = try columns.map { try reader.requireColumn($0) }
        let displayName = reader.displayName
        var rows = 0
        try reader.forEachRecord { record in
            rows += 1
            try body(record, indices, displayName)
        }
        files.append(.init(name: file, rows: rows))
    }
}

/// One converted event row, sortable by patient, then day, then source order.
struct CTN0094EventRow<Payload> {
    let patient: Int32
    let day: Int32
    /// Position in the source file, so rows on the same day keep file order.
    let sequence: Int
    let payload: Payload

    /// Sorts `rows` by patient, day and source order (a total order, so the result is deterministic).
    static func sorted(_ rows: [CTN0094EventRow]) -> [CTN0094EventRow] {
        rows.sorted { ($0.patient, $0.day, $0.sequence) < ($1.patient, $1.day, $1.sequence) }
    }
}

extension CTN0094Participants {
    /// The day of a study-day `when` relative to the patient's index (first randomization) day.
    func day(of when: Int, patient: Int32) -> Int32 {
        Int32(when - participants[Int(patient)].indexDay)
    }

    /// The patient index and day of an event row with `who` in `column[0]` and `when` in `column[whenPosition]`;
    /// `nil`, counted in `tally`, when the participant was never randomized or `when` is empty (checked in that order).
    /// - Throws: ``InputError`` for a `who` not in `everybody.csv` or a malformed number.
    func patientAndDay(
        _ record: CSVRecord, column: [Int], whenPosition: Int, file: String, displayName: String,
        tally: inout CTN0094LeftOutTally
    ) throws -> (patient: Int32, day: Int32)? {
        guard let patient = try patientIndex(
            who: record.integer(column[0]), file: file, displayName: displayName, line: record.line, tally: &tally)
        else { return nil }
        guard !record.isEmpty(column[whenPosition]) else {
            tally.add(file, .missingDay)
            return nil
        }
        return (patient, day(of: try record.integer(column[whenPosition]), patient: patient))
    }
}
