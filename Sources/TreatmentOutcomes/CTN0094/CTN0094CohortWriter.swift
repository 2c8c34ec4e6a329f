import Foundation

/// Writes the converted CTN-0094 tables as cohort CSV files.
enum CTN0094CohortWriter {
    /// Writes every cohort file into `folder` and returns the data rows of each.
    static func write(
        participants: CTN0094Participants, events: CTN0094Events, screens: CTN0094Screens, to folder: URL
    ) throws -> [CTN0094ImportSummary.Written] {
        var written: [CTN0094ImportSummary.Written] = []
        let identifiers = participants.participants.map { String($0.who) }

        var patients = try CSVWriter(url: folder.appendingPathComponent(CohortFile.patients.rawValue))
        let covariateNames = CTN0094Participants.covariateSources.map(\.name)
        patients.writeRow(["patient_id", "site", "arm", "medication", "psychosocial", "trial"] + covariateNames)
        for (index, participant) in participants.participants.enumerated() {
            let medication = CTN0094Mapping.medication(arm: participant.arm)!
            patients.writeRow(
                [identifiers[index], participant.site, participant.arm, medication.rawValue,
                 CTN0094Mapping.psychosocial(arm: participant.arm), participant.trial]
                    + covariateNames.map { participants.covariates[$0]![index] })
        }
        try patients.close()
        written.append(.init(file: .patients, rows: participants.participants.count))

        func writeEvents<Row>(
            _ file: CohortFile, _ header: [String], _ rows: [Row], patientAndDay: (Row) -> (Int32, Int32),
            rest: (inout CSVWriter, Row) -> Void
        ) throws {
            var writer = try CSVWriter(url: folder.appendingPathComponent(file.rawValue))
            writer.writeRow(["patient_id", "day"] + header)
            for row in rows {
                let (patient, day) = patientAndDay(row)
                writer.append(identifiers[Int(patient)])
                writer.append(Int(day))
                rest(&writer, row)
                writer.endRow()
            }
            try writer.close()
            written.append(.init(file: file, rows: rows.count))
        }
        try writeEvents(.doses, ["amount"], events.doses, patientAndDay: { ($0.patient, $0.day) }) {
            $0.appendNumber($1.payload)
        }
        try writeEvents(.screens, ["substance", "result"], screens.rows, patientAndDay: { ($0.patient, $0.day) }) {
            $0.append($1.substance)
            $0.append($1.result.rawValue)
        }
        try writeEvents(.visits, ["kind", "status"], events.visits, patientAndDay: { ($0.patient, $0.day) }) {
            $0.append(CTN0094Mapping.visitKind)
            $0.append($1.payload.rawValue)
        }
        let assessmentHeader = ["instrument", "item", "score"]
        try writeEvents(.assessments, assessmentHeader, events.assessments, patientAndDay: { ($0.patient, $0.day) }) {
            $0.append($1.payload.instrument)
            $0.append(CTN0094Mapping.withdrawalItem)
            $0.appendNumber($1.payload.score)
        }
        return written
    }
}

extension CSVWriter {
    /// Appends a whole number as an integer (`16`), any other number with 6 decimals (`2.500000`).
    mutating func appendNumber(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            append(Int(value))
        } else {
            append(value, fractionDigits: 6)
        }
    }
}
