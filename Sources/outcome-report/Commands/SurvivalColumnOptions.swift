import ArgumentParser
import Foundation
import OutcomeReports

/// `--input FILE --time COL --event COL`, shared by `km`, `logrank` and `cox`.
struct SurvivalColumnOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The CSV file.", valueName: "file"))
    var input: String
    @Option(name: .long, help: ArgumentHelp("The time column.", valueName: "column"))
    var time: String
    @Option(name: .long, help: ArgumentHelp("The event column (1 = event, 0 = censored).", valueName: "column"))
    var event: String

    /// The file and its time and event columns.
    func read() throws -> (table: InputTable, data: SurvivalInput) {
        let table = try InputTable(url: URL(fileURLWithPath: input), displayName: input)
        try table.requireRows(for: "a survival analysis")
        return (table, try SurvivalInput(table: table, time: time, event: event))
    }
}
