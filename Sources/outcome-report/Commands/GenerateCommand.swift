import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report generate`: writes a synthetic cohort with known true parameters.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic cohort folder with known true parameters (truth.json).",
        discussion: """
            Writes patients.csv, doses.csv, dispensings.csv, screens.csv, visits.csv, assessments.csv and \
            episodes.csv in the cohort input format, plus truth.json with every true parameter of the generative \
            model and its formula (docs/SyntheticCohort.md). Six sites, index dates 2024-01-01 to 2025-12-31, \
            data cut-off 2026-03-31, arms = medication (methadone, buprenorphine, naltrexone) × psychosocial \
            support (none, standard, counseling, CBT, contingency-management).

            Retention: Weibull proportional-hazards dropout with competing transfer, incarceration, death and \
            administrative discharge; completion at day 365; ongoing at the cut-off. Adherence: observed methadone \
            doses, buprenorphine fills, naltrexone injections. Craving: BSCS items or a craving VAS from a mixed \
            model with random intercept and slope; COWS at induction. Urine screens at attended weekly medical \
            visits: logistic model with a patient random intercept and a latent relapse. Psychosocial visits by arm.

            --generator-version 2 (generator 2.0.0) assigns support (counseling, CBT, contingency management) \
            rather than medication alone (none, standard) more often to younger, injecting, homeless patients with \
            more prior episodes, who also drop out sooner (confounding), and multiplies each day's dropout hazard \
            by exp(-0.15) per psychosocial session attended in the previous 28 days; truth.json then also holds \
            the true session hazard ratio and, per medication, the true marginal hazard ratio of support against \
            medication alone and the value the crude contrast tends to. Version 1 (1.0.0) is the default.

            The same --patients, --seed and --generator-version give byte-identical files, and patient i's rows do \
            not depend on --patients. Files are written into a hidden sibling folder renamed into place at the end.
            """)

    @Option(name: .long, help: "Number of patients (1–99,999,999).")
    var patients: Int

    @Option(name: .long, help: "Seed of the random streams (an unsigned 64-bit integer).")
    var seed: UInt64

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The generative model: 1 (1.0.0, independent assignment) or 2 (2.0.0, confounded assignment to support "
                + "and a time-varying session effect on dropout)."))
    var generatorVersion = 1

    @Option(name: .long, help: "The cohort folder to create. It must not exist or be empty, unless --force.")
    var out: String

    @Flag(name: .long, help: "Replace --out when it exists and is not empty.")
    var force = false

    @Flag(name: .long, help: "Report progress on standard error every 5% (default: only when it is a terminal).")
    var progress = false

    func validate() throws {
        guard (1...SyntheticCohortGenerator.maximumPatientCount).contains(patients) else {
            throw ValidationError(
                "--patients must be between 1 and \(SyntheticCohortGenerator.maximumPatientCount); got \(patients)")
        }
        guard SyntheticGeneratorVersion(rawValue: generatorVersion) != nil else {
            let versions = SyntheticGeneratorVersion.allCases.map { String($0.rawValue) }.joined(separator: " or ")
            throw ValidationError("--generator-version must be \(versions); got \(generatorVersion)")
        }
    }

    func run() throws {
        let showProgress = progress || isatty(STDERR_FILENO) == 1
        let summary = try reportingFailures {
            let generator = try SyntheticCohortGenerator(
                patientCount: patients, seed: seed, version: SyntheticGeneratorVersion(rawValue: generatorVersion)!)
            return try generator.write(
                to: URL(fileURLWithPath: out), replaceExisting: force,
                progress: showProgress ? { written, total in
                    printToStandardError("generate: \(written * 100 / total)% (\(written) of \(total) patients)\n")
                } : nil)
        }
        let version = SyntheticGeneratorVersion(rawValue: generatorVersion)!.semanticVersion
        var lines = ["Wrote \(summary.patientCount) synthetic patients to \(out) (seed \(seed), generator \(version)):"]
        lines += summary.files.map { "  \($0.file.rawValue): \($0.rows) rows, \($0.bytes) bytes" }
        lines.append("  total: \(summary.totalRows) rows, \(summary.totalBytes) bytes; true parameters in truth.json")
        try writeToStandardOutput(lines.joined(separator: "\n") + "\n")
    }
}
