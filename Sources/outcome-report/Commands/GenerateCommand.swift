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

            The same --patients and --seed give byte-identical files, and patient i's rows do not depend on \
            --patients. Files are written into a hidden sibling folder renamed into place at the end.
            """)

    @Option(name: .long, help: "Number of patients (1–99,999,999).")
    var patients: Int

    @Option(name: .long, help: "Seed of the random streams (an unsigned 64-bit integer).")
    var seed: UInt64

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
    }

    func run() throws {
        let showProgress = progress || isatty(STDERR_FILENO) == 1
        let summary = try reportingFailures {
            let generator = try SyntheticCohortGenerator(patientCount: patients, seed: seed)
            return try generator.write(
                to: URL(fileURLWithPath: out), replaceExisting: force,
                progress: showProgress ? { written, total in
                    printToStandardError("generate: \(written * 100 / total)% (\(written) of \(total) patients)\n")
                } : nil)
        }
        var lines = ["Wrote \(summary.patientCount) synthetic patients to \(out) (seed \(seed)):"]
        lines += summary.files.map { "  \($0.file.rawValue): \($0.rows) rows, \($0.bytes) bytes" }
        lines.append("  total: \(summary.totalRows) rows, \(summary.totalBytes) bytes; true parameters in truth.json")
        try writeToStandardOutput(lines.joined(separator: "\n") + "\n")
    }
}
