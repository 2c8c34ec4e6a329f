import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report logrank`: the k-group log-rank test, optionally stratified, as R's `survdiff`.
struct LogrankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logrank",
        abstract: "Log-rank test that the groups share one survival curve (as R survdiff, with strata()).",
        discussion: """
            Prints chisq,df,p. df = the number of groups with a positive expected count, minus one; with --strata \
            the observed and expected counts and the variance are summed over strata.
            """)

    @OptionGroup var columns: SurvivalColumnOptions
    @Option(name: .long, help: ArgumentHelp("The group column.", valueName: "column"))
    var group: String
    @Option(name: .long, help: ArgumentHelp("A stratification column.", valueName: "column"))
    var strata: String?
    @Option(help: "csv (default) or markdown.")
    var format: TableFormat = .csv

    func run() throws {
        let text = try reportingFailures {
            let (table, data) = try columns.read()
            let groups = try SurvivalInput.labels(table, group)
            let strataCodes = try strata.map { try SurvivalInput.labels(table, $0).codes }
            let test = LogRankTest(times: data.times, events: data.events, groups: groups.codes,
                                   groupCount: groups.labels.count, strata: strataCodes)
            return format.render(checkedForNonFiniteValues(SurvivalTables.logRank(test), command: "logrank"))
        }
        try writeToStandardOutput(text)
    }
}
