import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report import <source>`: converts an external data set into a cohort folder. Each source is a
/// subcommand, so new ones can be added beside `ctn0094`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert an external data set into a cohort folder.",
        discussion: "A cohort folder holds patients.csv and event tables in the format of docs/InputFormat.md.",
        subcommands: [CTN0094ImportCommand.self]
    )
}

/// `outcome-report import ctn0094 --from DIR --to DIR [--force]`.
struct CTN0094ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctn0094",
        abstract: "Convert the harmonized CTN-0094 tables (public.ctn0094data) into a cohort folder.",
        discussion: """
            Reads everybody.csv, randomization.csv, site_masked.csv, demographics.csv, psychiatric.csv, asi.csv, \
            qol.csv, treatment.csv, uds.csv, uds_temp.csv, meta_substance_groups_uds.csv, visit.csv and \
            withdrawal.csv, and writes patients.csv, doses.csv, screens.csv, visits.csv, assessments.csv and IMPORT.md.

            Only participants with a first randomization become patients; day 0 is that randomization day. Every \
            source row left out is counted, by file and reason, in the summary printed to standard error and in \
            IMPORT.md. The output is written to a temporary folder beside the destination and renamed at the end, \
            so a failed import leaves nothing behind. The rules are in docs/CTN0094.md.

            Example (rebuild the bundled cohort):
              outcome-report import ctn0094 --force \\
                --from datasets/ctn0094 --to datasets/ctn0094/cohort
            """
    )

    @Option(name: .long, help: ArgumentHelp("Folder with the CTN-0094 CSV tables.", valueName: "dir"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("Cohort folder to create.", valueName: "dir"))
    var to: String

    @Flag(name: .long, help: "Replace the destination folder if it exists.")
    var force = false

    func run() async throws {
        let summary = try reportingFailures {
            try OutputSafety.check(
                URL(fileURLWithPath: to), inputs: [URL(fileURLWithPath: from)], force: force, option: "--to",
                contentsAreInputs: false, checkExisting: false)
            return try CTN0094Importer.importCohort(
                from: URL(fileURLWithPath: from), to: URL(fileURLWithPath: to), replacingExisting: force)
        }
        printToStandardError(summary.description + "\n")
    }
}
