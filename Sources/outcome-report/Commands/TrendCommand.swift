import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report trend`: each group's least-squares slope of the outcome on time.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Per-patient linear trend: OLS slope of the outcome on time, its standard error and intercept.",
        discussion: """
            Prints group,n,slope,slope_se,intercept, one row per group in order of first appearance. The slope is \
            per unit of the time column (give time in weeks for a slope per week). slope, slope_se and intercept \
            are empty for a group with fewer than 3 rows or a single time. Rows with an empty outcome are left \
            out and counted on standard error.
            """)

    @Option(name: .long, help: ArgumentHelp("The CSV file.", valueName: "file"))
    var input: String
    @Option(name: .long, help: ArgumentHelp("The outcome column.", valueName: "column"))
    var outcome: String
    @Option(name: .long, help: ArgumentHelp("The time column.", valueName: "column"))
    var time: String
    @Option(name: .long, help: ArgumentHelp("The grouping column (patient).", valueName: "column"))
    var group: String
    @Option(name: .long, help: "csv (default) or markdown.")
    var format: TableFormat = .csv

    func run() throws {
        let text = try reportingFailures {
            let table = try InputTable(url: URL(fileURLWithPath: input), displayName: input)
            try table.requireRows(for: "a trend")
            let design = try GroupedDesign(table: table, outcome: outcome, time: time, group: group)
            if design.droppedMissingOutcome > 0 {
                printToStandardError("trend: left out \(design.droppedMissingOutcome) rows with an empty \(outcome)\n")
            }
            return format.render(checkedForNonFiniteValues(
                CravingModelTables.trends(PatientTrend.trends(of: design)), command: "trend"))
        }
        try writeToStandardOutput(text)
    }
}
