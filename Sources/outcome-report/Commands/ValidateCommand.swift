import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report validate --cohort DIR`: loads a cohort folder and reports what it holds, or the first problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a cohort folder against the input format and summarise what it holds.",
        discussion: """
            Reads patients.csv and every other cohort file present (doses, dispensings, screens, visits, \
            assessments, episodes), exactly as the report does. On success prints one line per file with its rows \
            and size; on the first problem prints the file, line, column and what was expected, and exits with \
            code 1. The input format is described in docs/InputFormat.md.
            """)

    @Option(name: .long, help: ArgumentHelp("The cohort folder.", valueName: "dir"))
    var cohort: String

    @Flag(name: .long, help: "Skip rows with an empty required field (and events of patients skipped that way), and report how many per file.")
    var dropIncomplete = false

    func run() throws {
        let start = Date()
        let loaded = try reportingFailures {
            try CohortLoader.load(
                from: URL(fileURLWithPath: cohort), options: CohortLoadOptions(dropIncomplete: dropIncomplete))
        }
        let seconds = Date().timeIntervalSince(start)
        var lines = ["file,rows,dropped,bytes"]
        for file in loaded.loadReport.files {
            lines.append("\(file.file.rawValue),\(file.rows),\(file.dropped),\(file.bytes)")
        }
        try writeToStandardOutput(lines.joined(separator: "\n") + "\n")
        let megabytes = Double(loaded.loadReport.totalBytes) / 1_048_576
        printToStandardError((
            "loaded \(loaded.patients.count) patients, \(String(format: "%.1f", megabytes)) MB in "
            + "\(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", megabytes / max(seconds, 1e-9))) MB/s)"
            + (loaded.loadReport.totalDropped > 0 ? "; dropped \(loaded.loadReport.totalDropped) incomplete rows" : "")
            + "\n"))
    }
}
