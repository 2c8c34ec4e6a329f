import ArgumentParser
import Foundation
import TreatmentOutcomes

/// `outcome-report generate`: writes a synthetic cohort with known true parameters.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic cohort folder with known true parameters (truth.json).",
        discussion: """
            Writes patients.csv, doses.csv, dispensings.csv, screens.csv, visits.csv, assessments.csv and \
            episodes.csv in the cohort input format, plus truth.json with every true parameter of the generative \
            model (see docs/SyntheticCohort.md):
              • retention: Weibull proportional-hazards dropout (log hazard ratios by arm, age, sex, injection use, \
            homelessness, prior episodes, site), competing transfer, incarceration, death and administrative \
            discharge, completion at day 365, censoring (ongoing) at the data cut-off 2026-03-31;
              • adherence: observed methadone doses, buprenorphine fills, naltrexone injections;
              • craving: BSCS items and a craving VAS from a mixed model with random intercept and slope; COWS at induction;
              • urine screens at attended weekly visits: logistic model with a patient random intercept and relapse;
              • visits: weekly medical visits and psychosocial visits by arm.
            Index dates run from 2024-01-01 to 2025-12-31 over six sites and 15 arms (medication × psychosocial).
            The same --patients and --seed give byte-identical files; patient i's rows do not depend on --patients.
            Files are written into a hidden sibling folder and renamed into place at the end.
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
        let generator = try SyntheticCohortGenerator(patientCount: patients, seed: seed)
        let showProgress = progress || isatty(STDERR_FILENO) == 1
        let summary: SyntheticCohortSummary
        do {
            summary = try generator.write(
                to: URL(fileURLWithPath: out), replaceExisting: force,
                progress: showProgress ? { written, total in
                    FileHandle.standardError.write(Data(
                        "generate: \(written * 100 / total)% (\(written) of \(total) patients)\n".utf8))
                } : nil)
        } catch let error as SyntheticCohortError {
            throw ValidationError(error.description)
        }
        print("Wrote \(summary.patientCount) synthetic patients to \(out) (seed \(seed)):")
        for file in summary.files {
            print("  \(file.file.rawValue): \(file.rows) rows, \(file.bytes) bytes")
        }
        print("  total: \(summary.totalRows) rows, \(summary.totalBytes) bytes; true parameters in truth.json")
    }
}
