import Foundation

/// Converts the dosing, visit and withdrawal tables of CTN-0094 (docs/CTN0094.md gives the rules).
struct CTN0094Events {
    /// Rows of `doses.csv`: the amount given (mg, or 1 for an injection).
    let doses: [CTN0094EventRow<Double>]
    /// Rows of `visits.csv`.
    let visits: [CTN0094EventRow<VisitStatus>]
    /// Rows of `assessments.csv`: instrument and severity band.
    let assessments: [CTN0094EventRow<(instrument: String, score: Double)>]

    init(
        folder: URL, participants: CTN0094Participants, reading: inout CTN0094SourceLog,
        tally: inout CTN0094LeftOutTally
    ) throws {
        doses = try Self.readDoses(folder: folder, participants: participants, reading: &reading, tally: &tally)
        visits = try Self.readVisits(folder: folder, participants: participants, reading: &reading, tally: &tally)
        assessments = try Self.readWithdrawal(
            folder: folder, participants: participants, reading: &reading, tally: &tally)
    }

    /// `treatment.csv` → doses: every dated row of a randomized participant, amount unchanged.
    private static func readDoses(
        folder: URL, participants: CTN0094Participants, reading: inout CTN0094SourceLog,
        tally: inout CTN0094LeftOutTally
    ) throws -> [CTN0094EventRow<Double>] {
        var rows: [CTN0094EventRow<Double>] = []
        let file = "treatment.csv"
        try reading.read(file, in: folder, columns: ["who", "amount", "when"]) { record, column, displayName in
            guard let (patient, day) = try participants.patientAndDay(
                record, column: column, whenPosition: 2, file: file, displayName: displayName, tally: &tally)
            else { return }
            let amount = try record.double(column[1])
            guard amount >= 0 else {
                throw InputError(
                    .outOfRange, file: displayName, line: record.line, column: "amount",
                    message: "dose amount \(amount) is negative")
            }
            rows.append(.init(patient: patient, day: day, sequence: rows.count, payload: amount))
        }
        return CTN0094EventRow.sorted(rows)
    }

    /// `visit.csv` → visits: kind `study`; status by ``CTN0094Mapping/visitStatus(what:inJail:inHospital:ill:)``.
    /// Rows without a day or without a disposition are left out and counted.
    private static func readVisits(
        folder: URL, participants: CTN0094Participants, reading: inout CTN0094SourceLog,
        tally: inout CTN0094LeftOutTally
    ) throws -> [CTN0094EventRow<VisitStatus>] {
        var rows: [CTN0094EventRow<VisitStatus>] = []
        let file = "visit.csv"
        let columns = ["who", "what", "when", "is_in_jail", "is_in_hospital", "is_illness"]
        try reading.read(file, in: folder, columns: columns) { record, column, displayName in
            guard let (patient, day) = try participants.patientAndDay(
                record, column: column, whenPosition: 2, file: file, displayName: displayName, tally: &tally)
            else { return }
            let what = record.string(column[1])
            guard !what.isEmpty else { return tally.add(file, .noDisposition) }
            func flag(_ position: Int) throws -> Bool {
                switch record.string(column[position]) {
                case "": return false
                case "1": return true
                case let other:
                    throw InputError(
                        .invalidValue, file: displayName, line: record.line, column: columns[position],
                        message: "\"\(other)\" is not 1 or empty")
                }
            }
            guard let status = CTN0094Mapping.visitStatus(
                what: what, inJail: try flag(3), inHospital: try flag(4), ill: try flag(5))
            else {
                throw InputError(
                    .invalidValue, file: displayName, line: record.line, column: "what",
                    message: "unknown visit disposition \"\(what)\" (known: visit, final, no visit, MISSING)")
            }
            rows.append(.init(patient: patient, day: day, sequence: rows.count, payload: status))
        }
        return CTN0094EventRow.sorted(rows)
    }

    /// `withdrawal.csv` → assessments: instrument COWS (CTN-0027, CTN-0030) or SOWS (CTN-0051), item `severity`,
    /// score = the harmonized 0–3 severity band. Rows without a day or a value are left out and counted.
    private static func readWithdrawal(
        folder: URL, participants: CTN0094Participants, reading: inout CTN0094SourceLog,
        tally: inout CTN0094LeftOutTally
    ) throws -> [CTN0094EventRow<(instrument: String, score: Double)>] {
        var rows: [CTN0094EventRow<(instrument: String, score: Double)>] = []
        let file = "withdrawal.csv"
        try reading.read(file, in: folder, columns: ["who", "withdrawal", "when"]) { record, column, displayName in
            guard let (patient, day) = try participants.patientAndDay(
                record, column: column, whenPosition: 2, file: file, displayName: displayName, tally: &tally)
            else { return }
            guard !record.isEmpty(column[1]) else { return tally.add(file, .missingValue) }
            let band = try record.integer(column[1])
            guard (0...3).contains(band) else {
                throw InputError(
                    .outOfRange, file: displayName, line: record.line, column: "withdrawal",
                    message: "severity band \(band) is not 0, 1, 2 or 3")
            }
            let instrument = CTN0094Mapping.withdrawalInstrument(trial: participants.participants[Int(patient)].trial)
            rows.append(
                .init(patient: patient, day: day, sequence: rows.count, payload: (instrument, Double(band))))
        }
        return CTN0094EventRow.sorted(rows)
    }
}
