import Foundation

/// Converts the urine drug screens of CTN-0094 into one row per specimen day and substance.
///
/// A *specimen day* is a (patient, day) with a row in `uds.csv` (a positive result) or `uds_temp.csv` (a specimen
/// temperature check, so a specimen was taken). For each specimen day the rows are, in substance order:
///
/// ```
/// positive  for each substance positive that day in uds.csv
/// negative  for each substance of the trial's panel (meta_substance_groups_uds.csv, "NO" = not tested)
///           that is not positive that day
/// ```
///
/// Substance names are ``CTN0094Mapping/substance(_:)`` of the harmonized names. A positive outside the trial's
/// panel (CTN-0051's `Mdma/Hallucinogen`) is kept; a substance outside the panel never gets a negative row.
/// `was_temp_ok` is not used: an out-of-range temperature still marks a specimen taken.
struct CTN0094Screens {
    struct Row {
        let patient: Int32
        let day: Int32
        let substance: String
        let result: ScreenResult
    }

    /// Sorted by patient, day, then substance.
    let rows: [Row]
    let specimenDays: Int
    let positives: Int
    let negatives: Int

    init(
        folder: URL, participants: CTN0094Participants, reading: inout CTN0094SourceLog,
        tally: inout CTN0094LeftOutTally
    ) throws {
        let panels = try Self.readPanels(folder: folder, reading: &reading)
        // Positive substances by (patient, day); an empty set marks a specimen day without positives.
        var specimens: [SpecimenKey: Set<String>] = [:]
        let udsFile = "uds.csv"
        try reading.read(udsFile, in: folder, columns: ["who", "what", "when"]) { record, column, displayName in
            guard let key = try Self.specimenKey(
                record, column: column, file: udsFile, displayName: displayName, participants: participants,
                tally: &tally)
            else { return }
            let substance = CTN0094Mapping.substance(record.string(column[1]))
            guard !substance.isEmpty else {
                throw InputError(
                    .emptyField, file: displayName, line: record.line, column: "what", message: "no substance named")
            }
            guard specimens[key, default: []].insert(substance).inserted else {
                return tally.add(udsFile, .repeatedPositive)
            }
        }
        let temperatureFile = "uds_temp.csv"
        try reading.read(temperatureFile, in: folder, columns: ["who", "when"]) { record, column, displayName in
            guard let key = try Self.specimenKey(
                record, column: column, file: temperatureFile, displayName: displayName, participants: participants,
                tally: &tally)
            else { return }
            if specimens[key] == nil { specimens[key] = [] }
        }

        var rows: [Row] = []
        var positives = 0
        for key in specimens.keys.sorted(by: { ($0.patient, $0.day) < ($1.patient, $1.day) }) {
            let positive = specimens[key]!
            let panel = panels[participants.participants[Int(key.patient)].trial] ?? []
            for substance in positive.union(panel).sorted() {
                let result: ScreenResult = positive.contains(substance) ? .positive : .negative
                if result == .positive { positives += 1 }
                rows.append(Row(patient: key.patient, day: key.day, substance: substance, result: result))
            }
        }
        self.rows = rows
        self.specimenDays = specimens.count
        self.positives = positives
        self.negatives = rows.count - positives
    }

    private struct SpecimenKey: Hashable {
        let patient: Int32
        let day: Int32
    }

    /// The specimen day of a `uds.csv` or `uds_temp.csv` row; `nil` (counted) when the participant was never
    /// randomized or the day is empty.
    private static func specimenKey(
        _ record: CSVRecord, column: [Int], file: String, displayName: String, participants: CTN0094Participants,
        tally: inout CTN0094LeftOutTally
    ) throws -> SpecimenKey? {
        guard let (patient, day) = try participants.patientAndDay(
            record, column: column, whenPosition: column.count - 1, file: file, displayName: displayName, tally: &tally)
        else { return nil }
        return SpecimenKey(patient: patient, day: day)
    }

    /// The substances each trial tested, from `meta_substance_groups_uds.csv` (columns `CTN-0027`, `CTN-0030`,
    /// `CTN-0051`; `NO` in any letter case = not tested).
    private static func readPanels(folder: URL, reading: inout CTN0094SourceLog) throws -> [String: Set<String>] {
        let trials = ["CTN-0027", "CTN-0030", "CTN-0051"]
        var panels: [String: Set<String>] = [:]
        try reading.read("meta_substance_groups_uds.csv", in: folder, columns: trials) { record, column, _ in
            for (position, trial) in trials.enumerated() {
                let group = record.string(column[position])
                guard !group.isEmpty, group.uppercased() != "NO" else { continue }
                panels[trial, default: []].insert(CTN0094Mapping.substance(group))
            }
        }
        return panels
    }
}
