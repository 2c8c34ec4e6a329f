import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report cif`: Aalen–Johansen cumulative incidence of competing causes.
struct CifCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cif",
        abstract: "Cumulative incidence of competing causes (Aalen–Johansen, as R survfit with a factor status).",
        discussion: """
            Prints time,cause,cif,std_err: one row per cause at every distinct time, or at the --times given. \
            Status 0 = censored; any other whole number is a cause. std_err is the infinitesimal-jackknife \
            standard error R reports for multi-state curves.
            """)

    @Option(name: .long, help: ArgumentHelp("The CSV file.", valueName: "file"))
    var input: String
    @Option(name: .long, help: ArgumentHelp("The time column.", valueName: "column"))
    var time: String
    @Option(name: .long, help: ArgumentHelp("The status column (0 = censored, other = cause).", valueName: "column"))
    var status: String
    @Option(name: .long, help: ArgumentHelp("Comma-separated times at which to report.", valueName: "T1,T2,..."))
    var times: String?
    @Option(help: "csv (default) or markdown.")
    var format: TableFormat = .csv

    func parsedTimes() throws -> [Double]? {
        try times.map { list in
            try list.split(separator: ",").map { field in
                guard let value = Double(field.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                    throw ValidationError("--times: \"\(field)\" is not a finite number")
                }
                return value
            }
        }
    }

    func validate() throws { _ = try parsedTimes() }

    func run() throws {
        let text = try reportingFailures {
            let table = try InputTable(url: URL(fileURLWithPath: input), displayName: input)
            try table.requireRows(for: "a cumulative-incidence estimate")
            let data = try SurvivalInput.status(table, time: time, status: status)
            let estimate = CumulativeIncidence(times: data.times, status: data.status)
            return format.render(checkedForNonFiniteValues(
                SurvivalTables.cumulativeIncidence(estimate, times: try parsedTimes()), command: "cif"))
        }
        try writeToStandardOutput(text)
    }
}
