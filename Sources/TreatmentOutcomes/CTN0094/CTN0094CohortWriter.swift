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

        var doses = try CSVWriter(url: folder.appendingPathComponent(CohortFile.doses.rawValue))
        doses.writeRow(["patient_id", "day", "amount"])
        for row in events.doses {
            doses.append(identifiers[Int(row.patient)])
            doses.append(Int(row.day))
            doses.appendNumber(row.payload)
            doses.endRow()
        }
        try doses.close()
        written.append(.init(file: .doses, rows: events.doses.count))

        var screensFile = try CSVWriter(url: folder.appendingPathComponent(CohortFile.screens.rawValue))
        screensFile.writeRow(["patient_id", "day", "substance", "result"])
        for row in screens.rows {
            screensFile.append(identifiers[Int(row.patient)])
            screensFile.append(Int(row.day))
            screensFile.append(row.substance)
            screensFile.append(row.result.rawValue)
            screensFile.endRow()
        }
        try screensFile.close()
        written.append(.init(file: .screens, rows: screens.rows.count))

        var visits = try CSVWriter(url: folder.appendingPathComponent(CohortFile.visits.rawValue))
        visits.writeRow(["patient_id", "day", "kind", "status"])
        for row in events.visits {
            visits.append(identifiers[Int(row.patient)])
            visits.append(Int(row.day))
            visits.append(CTN0094Mapping.visitKind)
            visits.append(row.payload.rawValue)
            visits.endRow()
        }
        try visits.close()
        written.append(.init(file: .visits, rows: events.visits.count))

        var assessments = try CSVWriter(url: folder.appendingPathComponent(CohortFile.assessments.rawValue))
        assessments.writeRow(["patient_id", "day", "instrument", "item", "score"])
        for row in events.assessments {
            assessments.append(identifiers[Int(row.patient)])
            assessments.append(Int(row.day))
            assessments.append(row.payload.instrument)
            assessments.append(CTN0094Mapping.withdrawalItem)
            assessments.appendNumber(row.payload.score)
            assessments.endRow()
        }
        try assessments.close()
        written.append(.init(file: .assessments, rows: events.assessments.count))
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
