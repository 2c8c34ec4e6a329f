import Foundation

/// The randomized participants of CTN-0094, sorted by `who`, with their arm, index day and baseline covariates.
///
/// A participant's position here is its patient index in the converted cohort. Participants of `everybody.csv`
/// without a first randomization have no arm and no index day; they are counted and left out.
struct CTN0094Participants {
    struct Participant {
        let who: Int
        let trial: String
        let arm: String
        let site: String
        /// `randomization.csv` `when` of the first randomization (study day since consent).
        let indexDay: Int
    }

    /// A covariate column written to `patients.csv`: the source file and column, and the output name.
    struct CovariateSource {
        let file: String
        let column: String
        let name: String
    }

    /// The baseline covariates, in output order. Values are copied as text, except `sex` (from `is_male`).
    static let covariateSources: [CovariateSource] = [
        .init(file: "demographics.csv", column: "age", name: "age"),
        .init(file: "demographics.csv", column: "is_male", name: "sex"),
        .init(file: "demographics.csv", column: "race", name: "race"),
        .init(file: "demographics.csv", column: "is_hispanic", name: "hispanic"),
        .init(file: "demographics.csv", column: "job", name: "job"),
        .init(file: "demographics.csv", column: "is_living_stable", name: "living_stable"),
        .init(file: "demographics.csv", column: "education", name: "education"),
        .init(file: "demographics.csv", column: "marital", name: "marital"),
        .init(file: "psychiatric.csv", column: "has_major_dep", name: "major_depression"),
        .init(file: "psychiatric.csv", column: "has_bipolar", name: "bipolar"),
        .init(file: "psychiatric.csv", column: "has_schizophrenia", name: "schizophrenia"),
        .init(file: "psychiatric.csv", column: "has_anx_pan", name: "anxiety_panic"),
        .init(file: "asi.csv", column: "used_iv", name: "iv_use"),
        .init(file: "qol.csv", column: "is_homeless", name: "homeless"),
    ]

    let participants: [Participant]
    /// Every `who` of `everybody.csv`.
    let everybody: Set<Int>
    /// Covariate values by name, one per participant ("" = missing).
    private(set) var covariates: [String: [String]] = [:]
    private let indexByWho: [Int: Int32]

    /// The patient index of `who`; `nil` (and a tally entry) for a participant never randomized.
    /// - Throws: ``InputError`` `.unknownPatient` when `who` is not in `everybody.csv`.
    func patientIndex(
        who: Int, file: String, displayName: String, line: Int, tally: inout CTN0094LeftOutTally
    ) throws -> Int32? {
        if let index = indexByWho[who] { return index }
        guard everybody.contains(who) else {
            throw InputError(
                .unknownPatient, file: displayName, line: line, column: "who",
                message: "participant \(who) is not in everybody.csv")
        }
        tally.add(file, .neverRandomized)
        return nil
    }

    /// Reads `everybody.csv`, `randomization.csv` and `site_masked.csv`.
    init(folder: URL, reading: inout CTN0094SourceLog, tally: inout CTN0094LeftOutTally) throws {
        var trialByWho: [Int: String] = [:]
        try reading.read("everybody.csv", in: folder, columns: ["who", "project"]) { record, column, displayName in
            let identifier = try record.integer(column[0])
            guard let trial = CTN0094Mapping.trial(project: record.string(column[1])) else {
                throw InputError(
                    .invalidValue, file: displayName, line: record.line, column: "project",
                    message: "\"\(record.string(column[1]))\" is not a CTN-0094 trial (27, 30 or 51)")
            }
            guard trialByWho.updateValue(trial, forKey: identifier) == nil else {
                throw InputError(
                    .duplicatePatient, file: displayName, line: record.line, column: "who",
                    message: "participant \(identifier) appears twice")
            }
        }
        everybody = Set(trialByWho.keys)

        var firstRandomization: [Int: (arm: String, day: Int)] = [:]
        let randomizationColumns = ["who", "treatment", "which", "when"]
        try reading.read("randomization.csv", in: folder, columns: randomizationColumns) { record, column, displayName in
            let identifier = try record.integer(column[0])
            guard trialByWho[identifier] != nil else {
                throw InputError(
                    .unknownPatient, file: displayName, line: record.line, column: "who",
                    message: "participant \(identifier) is not in everybody.csv")
            }
            guard try record.integer(column[2]) == 1 else {
                tally.add("randomization.csv", .secondRandomization)
                return
            }
            let arm = record.string(column[1])
            guard CTN0094Mapping.medication(arm: arm) != nil else {
                throw InputError(
                    .invalidValue, file: displayName, line: record.line, column: "treatment",
                    message: "unknown arm \"\(arm)\" (known: Methadone, Outpatient BUP, Outpatient BUP + EMM, "
                        + "Outpatient BUP + SMM, Inpatient BUP, Inpatient NR-NTX)")
            }
            let day = try record.integer(column[3])
            guard firstRandomization.updateValue((arm, day), forKey: identifier) == nil else {
                throw InputError(
                    .inconsistentRecord, file: displayName, line: record.line, column: "which",
                    message: "participant \(identifier) has two first randomizations")
            }
        }
        tally.add("everybody.csv", .neverRandomized, count: trialByWho.count - firstRandomization.count)

        var siteByWho: [Int: String] = [:]
        try reading.read("site_masked.csv", in: folder, columns: ["who", "site_masked"]) { record, column, _ in
            siteByWho[try record.integer(column[0])] = record.string(column[1])
        }

        participants = firstRandomization.keys.sorted().map { who in
            let randomization = firstRandomization[who]!
            return Participant(
                who: who, trial: trialByWho[who]!, arm: randomization.arm, site: siteByWho[who] ?? "",
                indexDay: randomization.day)
        }
        var lookup: [Int: Int32] = [:]
        for (index, participant) in participants.enumerated() { lookup[participant.who] = Int32(index) }
        indexByWho = lookup
        tally.add("site_masked.csv", .neverRandomized, count: siteByWho.keys.count { lookup[$0] == nil })
    }

    /// Reads the covariate files of ``covariateSources``.
    mutating func readCovariates(
        folder: URL, reading: inout CTN0094SourceLog, tally: inout CTN0094LeftOutTally
    ) throws {
        var files: [String] = []
        for source in Self.covariateSources where !files.contains(source.file) { files.append(source.file) }
        for file in files {
            let sources = Self.covariateSources.filter { $0.file == file }
            var values = sources.map { _ in [String](repeating: "", count: participants.count) }
            var seen = Set<Int>()
            let columnNames = ["who"] + sources.map(\.column)
            try reading.read(file, in: folder, columns: columnNames) { record, column, displayName in
                let identifier = try record.integer(column[0])
                guard seen.insert(identifier).inserted else {
                    throw InputError(
                        .duplicatePatient, file: displayName, line: record.line, column: "who",
                        message: "participant \(identifier) appears twice")
                }
                guard let patient = try patientIndex(
                    who: identifier, file: file, displayName: displayName, line: record.line, tally: &tally)
                else { return }
                for position in sources.indices {
                    values[position][Int(patient)] = try Self.covariateValue(
                        record.string(column[position + 1]), source: sources[position], file: displayName,
                        line: record.line)
                }
            }
            for (position, source) in sources.enumerated() { covariates[source.name] = values[position] }
        }
    }

    /// The written value of a covariate field: the text itself, except `is_male` Yes/No → `male`/`female`.
    static func covariateValue(_ text: String, source: CovariateSource, file: String, line: Int) throws -> String {
        guard source.name == "sex" else { return text }
        switch text {
        case "Yes": return "male"
        case "No": return "female"
        case "": return ""
        default:
            throw InputError(
                .invalidValue, file: file, line: line, column: source.column,
                message: "\"\(text)\" is not Yes or No")
        }
    }
}
