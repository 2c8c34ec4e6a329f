import Foundation

/// The seven CSV files of a synthetic cohort, open for writing, with their row counts.
struct SyntheticCohortFiles: ~Copyable {
    /// The header of each file, in ``CohortFile`` order; docs/SyntheticCohort.md lists the same.
    static let headers: [CohortFile: [String]] = [
        .patients: ["patient_id", "site", "arm", "medication", "psychosocial", "index_date", "age", "sex", "iv_use",
                    "homeless", "prior_episodes"],
        .doses: ["patient_id", "date", "amount"],
        .dispensings: ["patient_id", "date", "days_supply", "drug"],
        .screens: ["patient_id", "date", "substance", "result"],
        .visits: ["patient_id", "date", "kind", "status"],
        .assessments: ["patient_id", "date", "instrument", "item", "score"],
        .episodes: ["patient_id", "start", "end", "end_reason"],
    ]

    private var patients: CSVWriter
    private var doses: CSVWriter
    private var dispensings: CSVWriter
    private var screens: CSVWriter
    private var visits: CSVWriter
    private var assessments: CSVWriter
    private var episodes: CSVWriter
    /// Data rows written per file (headers excluded), in ``CohortFile`` order.
    private(set) var rows = [Int](repeating: 0, count: CohortFile.allCases.count)

    init(folder: URL) throws {
        func open(_ file: CohortFile) throws -> CSVWriter {
            var writer = try CSVWriter(url: folder.appendingPathComponent(file.rawValue))
            writer.writeRow(Self.headers[file]!)
            return writer
        }
        // Opened into locals first: a noncopyable stored property cannot be left half-initialised by a throw.
        let patients = try open(.patients)
        let doses = try open(.doses)
        let dispensings = try open(.dispensings)
        let screens = try open(.screens)
        let visits = try open(.visits)
        let assessments = try open(.assessments)
        let episodes = try open(.episodes)
        self.patients = patients
        self.doses = doses
        self.dispensings = dispensings
        self.screens = screens
        self.visits = visits
        self.assessments = assessments
        self.episodes = episodes
    }

    /// Appends one patient's rows to every file.
    mutating func write(_ patient: SyntheticBaseline, _ records: SyntheticRecords, model: SyntheticModel) {
        let identifier = patient.identifier
        let start = patient.indexDate
        writePatient(patient, identifier: identifier, model: model)
        Self.append(records.doses, to: &doses, identifier, start, day: \.day) { writer, dose in
            writer.append(dose.amount)
        }
        Self.append(records.dispensings, to: &dispensings, identifier, start, day: \.day) { writer, fill in
            writer.append(fill.daysSupply)
            writer.append(model.parameters.adherence.buprenorphineDrug)
        }
        Self.append(records.screens, to: &screens, identifier, start, day: \.day) { writer, screen in
            writer.append(screen.substance)
            writer.append(screen.result.rawValue)
        }
        Self.append(records.visits, to: &visits, identifier, start, day: \.day) { writer, visit in
            writer.append(visit.kind)
            writer.append(visit.status.rawValue)
        }
        Self.append(records.assessments, to: &assessments, identifier, start, day: \.day) { writer, assessment in
            writer.append(assessment.instrument)
            writer.append(assessment.item)
            writer.append(assessment.score)
        }
        episodes.append(identifier)
        episodes.append(start)
        episodes.append(start.adding(days: patient.endDay))
        episodes.append(patient.endReason.rawValue)
        episodes.endRow()
        rows[0] += 1
        rows[1] += records.doses.count
        rows[2] += records.dispensings.count
        rows[3] += records.screens.count
        rows[4] += records.visits.count
        rows[5] += records.assessments.count
        rows[6] += 1
    }

    /// Writes `patient_id,date,…` rows: the identifier, the row's calendar date, then `fields`.
    private static func append<Row>(
        _ rows: [Row], to writer: inout CSVWriter, _ identifier: String, _ start: CivilDate, day: (Row) -> Int,
        fields: (inout CSVWriter, Row) -> Void
    ) {
        for row in rows {
            writer.append(identifier)
            writer.append(start.adding(days: day(row)))
            fields(&writer, row)
            writer.endRow()
        }
    }

    private mutating func writePatient(_ patient: SyntheticBaseline, identifier: String, model: SyntheticModel) {
        patients.append(identifier)
        patients.append(model.siteNames[patient.site])
        patients.append(model.armNames[patient.medication][patient.psychosocial])
        patients.append(model.medications[patient.medication].rawValue)
        patients.append(model.psychosocialNames[patient.psychosocial])
        patients.append(patient.indexDate)
        patients.append(patient.age)
        patients.append(patient.female ? "female" : "male")
        patients.append(patient.injectionUse ? "yes" : "no")
        patients.append(patient.homeless ? "yes" : "no")
        if patient.priorEpisodesRecorded {
            patients.append(patient.priorEpisodes)
        } else {
            patients.appendEmpty()
        }
        patients.endRow()
    }

    /// Flushes and closes every file; returns rows and bytes per file in ``CohortFile`` order.
    consuming func close() throws -> [SyntheticCohortSummary.File] {
        let counts = rows
        let bytes = [patients.bytesWritten, doses.bytesWritten, dispensings.bytesWritten, screens.bytesWritten,
                     visits.bytesWritten, assessments.bytesWritten, episodes.bytesWritten]
        try patients.close()
        try doses.close()
        try dispensings.close()
        try screens.close()
        try visits.close()
        try assessments.close()
        try episodes.close()
        return CohortFile.allCases.enumerated().map { position, file in
            SyntheticCohortSummary.File(file: file, rows: counts[position], bytes: bytes[position])
        }
    }
}
