import Foundation

/// The manifest (`cohort.json`) the CTN-0094 importer writes beside the converted tables, with the published
/// words copied into the cohort folder (`use_patterns.csv`), so that the folder is a complete description of the
/// cohort wherever it is copied.
///
/// Plan overrides, and where each comes from:
/// ```
/// weekOneStartDay 0      the published CTNote words count the randomisation day in week 1 (docs/UrineScreenOutcomes.md)
/// protocols              from meta_study_length.csv, phase 1 of each trial: followUpDays = 7 × every stage's weeks,
///                        medicationPhaseDays = 7 × the weeks of every stage but post-medication follow-up
///                        (CTN-0027, CTN-0051: 168 and 168; CTN-0030: 84 and 28 — 2 weeks' stabilisation, 2 weeks'
///                        taper, 8 weeks' follow-up; its second randomisation is not used, docs/CTN0094.md)
/// retention.horizonDays  30, 90 and 168 (the 24-week protocols)
/// contrasts.pairs        the randomised comparison of each trial, the medication-alone or standard arm as reference
/// baseline.groupingCovariate  trial
/// ```
///
/// Covariates: every covariate column of `patients.csv` is declared, in file order: `trial` and each categorical
/// covariate with the levels it takes (sorted by their UTF-8 bytes, as the loader sorts them), and `age` numeric with
/// quantiles: ages are whole years of 2,492 participants, so its median and quartiles are each shared by many of them.
enum CTN0094Manifest {
    static let wordsFileName = "use_patterns.csv"
    static let sourceWordsFileName = "use_patterns_uds.csv"

    /// The trials: project number in meta_study_length.csv, name, the randomised pair (reference first), and the
    /// facts that change how the trial's results read.
    static let trials: [(project: String, name: String, reference: String, comparison: String, note: String)] = [
        ("27", "CTN-0027 (START): methadone or buprenorphine, 24 weeks", "Methadone", "Outpatient BUP",
         "START randomised patients entering opioid treatment programmes to methadone or buprenorphine for 24 weeks; "
            + "its completion of the 24 weeks was 74% with methadone and 46% with buprenorphine (Hser et al., "
            + "Addiction 2014)."),
        ("30", "CTN-0030 (POATS) phase 1: buprenorphine stabilisation and taper with standard or enhanced medical management",
         "Outpatient BUP + SMM", "Outpatient BUP + EMM",
         "POATS phase 1 is 2 weeks of buprenorphine, a 2-week taper and 8 weeks off medication, so its dosing ends "
            + "by protocol near day 28 and its retention and adherence describe the taper, not dropout. Patients who "
            + "relapsed could enter phase 2, a second course of buprenorphine with its own randomisation, which this report "
            + "does not follow. The trial found "
            + "no difference between counseling and standard management (Weiss et al., Arch Gen Psychiatry 2011)."),
        ("51", "CTN-0051 (X:BOT): buprenorphine or extended-release naltrexone after inpatient detoxification, 24 weeks",
         "Inpatient BUP", "Inpatient NR-NTX",
         "X:BOT randomised inpatients in detoxification; naltrexone can be started only after withdrawal is complete, "
            + "so fewer started it (204 of 283 against 270 of 287 for buprenorphine), and most who never started "
            + "relapsed early (Lee et al., Lancet 2018)."),
    ]

    /// The covariates `patients.csv` holds, declared as above.
    static func covariates(_ participants: CTN0094Participants) -> [CovariateDeclaration] {
        func levels(_ values: [String]) -> [String] {
            Set(values.filter { !$0.isEmpty }).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        return [CovariateDeclaration(categorical: "trial", levels: levels(participants.participants.map(\.trial)))]
            + CTN0094Participants.covariateSources.map { source in
                source.name == "age" ? CovariateDeclaration(numeric: "age", quantiles: true)
                    : CovariateDeclaration(categorical: source.name, levels: levels(participants.covariates[source.name]!))
            }
    }

    /// Writes `cohort.json` (and copies the words when the raw folder has them) into `folder`.
    /// - Throws: ``InputError`` for a malformed meta_study_length.csv; file-system errors.
    static func write(rawFolder: URL, participants: CTN0094Participants, to folder: URL) throws {
        var plan: [String: JSONValue] = [
            "weekOneStartDay": .number(0),
            "retention": .object(["horizonDays": .array([30, 90, 168].map { .number($0) })]),
            "baseline": .object(["groupingCovariate": .string("trial")]),
            "contrasts": .object(["pairs": .array(trials.map {
                .object(["reference": .string($0.reference), "comparison": .string($0.comparison)])
            })]),
        ]
        let lengths = rawFolder.appendingPathComponent("meta_study_length.csv")
        if FileManager.default.fileExists(atPath: lengths.path) {
            plan["protocols"] = .array(try protocols(InputTable(url: lengths, displayName: lengths.path)))
        }
        var usePatterns: CohortManifest.PublishedWords?
        let words = rawFolder.appendingPathComponent(sourceWordsFileName)
        if FileManager.default.fileExists(atPath: words.path) {
            try FileManager.default.copyItem(at: words, to: folder.appendingPathComponent(wordsFileName))
            usePatterns = CohortManifest.PublishedWords(
                file: wordsFileName, description: "the published CTNote words (\(wordsFileName))")
        }
        let manifest = CohortManifest(
            name: "CTN-0094",
            provenance: "Harmonised data of three NIDA Clinical Trials Network trials (CTN-0027, CTN-0030, CTN-0051) "
                + "from public.ctn0094data (MIT licence), converted by `outcome-report import ctn0094`; day 0 is each "
                + "participant's first randomisation.",
            usePatterns: usePatterns, covariates: covariates(participants), plan: .object(plan))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (encoder.encode(manifest) + Data("\n".utf8)).write(to: folder.appendingPathComponent(CohortManifest.fileName))
    }

    /// One protocol per trial from phase 1 of meta_study_length.csv.
    static func protocols(_ table: InputTable) throws -> [JSONValue] {
        let projects = try table.nonEmptyText("project"), arms = try table.nonEmptyText("treatment")
        let phases = try table.text("phase"), descriptions = try table.text("description")
        let weeks = try table.numbers("weeks")
        return trials.compactMap { trial -> JSONValue? in
            var trialArms: [String] = [], followUp: [String: Int] = [:], medication: [String: Int] = [:]
            for row in 0..<table.rowCount where projects[row] == trial.project && phases[row] == "1" {
                if !trialArms.contains(arms[row]) { trialArms.append(arms[row]) }
                let days = Int(weeks[row] * 7)
                followUp[arms[row], default: 0] += days
                if descriptions[row] != TreatmentPhases.followUpDescription { medication[arms[row], default: 0] += days }
            }
            guard let first = trialArms.first else { return nil }
            return .object([
                "arms": .array(trialArms.map { .string($0) }), "description": .string(trial.name),
                "followUpDays": .number(Double(followUp[first]!)), "medicationPhaseDays": .number(Double(medication[first] ?? 0)),
                "note": .string(trial.note),
            ])
        }
    }
}
