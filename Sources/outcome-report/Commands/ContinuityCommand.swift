import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report continuity`: 180-day continuity of pharmacotherapy (NQF #3175 / HEDIS POD) per treatment start.
struct ContinuityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "continuity",
        abstract: "Continuity of pharmacotherapy for OUD (NQF 3175 / HEDIS POD) per treatment start, from pharmacy fills.",
        discussion: """
            A treatment start is a fill with a negative medication history: no fill and no supply in hand during \
            the --history-days (31) days before it. Its treatment period is --days (180) days from the start; it is \
            continuous when no run of more than --max-gap (7) consecutive days without supply falls inside it (a \
            gap of 8 or more days breaks continuity). Supplies of the same drug on the same day or overlapping are \
            summed; different drugs (--drug) are not, and a day covered by several counts once. A patient can have \
            several starts. --intake-start/--intake-end limit which fills can be starts (HEDIS: 1 July of the prior \
            year to 30 June), so that every period lies inside the data. Age, enrolment, inpatient-stay and hospice \
            rules need data this input does not have and are not applied.

            Output (CSV): the id column (named as in the input), treatment_start, period_end, days_covered, \
            longest_gap, continuous (TRUE/FALSE).
            """)

    @Option(help: ArgumentHelp("The CSV of fills.", valueName: "file")) var input: String
    @Option(help: ArgumentHelp("Patient identifier column.", valueName: "column")) var id: String
    @Option(help: ArgumentHelp("Fill date column (YYYY-MM-DD).", valueName: "column")) var date: String
    @Option(name: .customLong("days-supply"), help: ArgumentHelp("Days' supply column (whole days ≥ 0).", valueName: "column"))
    var daysSupply: String
    @Option(help: ArgumentHelp("Drug column; without it all fills are one drug.", valueName: "column")) var drug: String?
    @Option(help: ArgumentHelp("Length of the treatment period in days.", valueName: "n")) var days = 180
    @Option(name: .customLong("max-gap"), help: ArgumentHelp("Longest allowed run of uncovered days.", valueName: "n"))
    var maximumGap = 7
    @Option(name: .customLong("history-days"), help: ArgumentHelp("Days without medication before a start.", valueName: "n"))
    var historyDays = 31
    @Option(name: .customLong("intake-start"), help: ArgumentHelp("First day a start may have.", valueName: "YYYY-MM-DD"))
    var intakeStart: String?
    @Option(name: .customLong("intake-end"), help: ArgumentHelp("Last day a start may have.", valueName: "YYYY-MM-DD"))
    var intakeEnd: String?

    func validate() throws {
        guard days >= 1 else { throw ValidationError("--days must be at least 1 (got \(days))") }
        guard maximumGap >= 0 else { throw ValidationError("--max-gap must be 0 or more (got \(maximumGap))") }
        guard historyDays >= 0 else { throw ValidationError("--history-days must be 0 or more (got \(historyDays))") }
        _ = try intake()
    }

    func intake() throws -> DayInterval? {
        switch (intakeStart, intakeEnd) {
        case (nil, nil): return nil
        case (let start?, let end?):
            return try period(start: start, end: end, startOption: "--intake-start", endOption: "--intake-end")
        default: throw ValidationError("--intake-start and --intake-end go together")
        }
    }

    func run() throws {
        let output = try reportingFailures {
            let table = try InputTable(url: URL(fileURLWithPath: input), displayName: input)
            let fills = try PharmacyFills(table: table, id: id, date: date, daysSupply: daysSupply, drug: drug)
            let options = ContinuityOptions(
                treatmentDays: days, maximumGap: maximumGap, negativeHistoryDays: historyDays, intake: try intake())
            return CSVRenderer.render(AdherenceTables.continuity(
                PharmacotherapyContinuity.compute(fills, options: options), fills: fills, idColumn: id))
        }
        try writeToStandardOutput(output)
    }
}
