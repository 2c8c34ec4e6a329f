import ArgumentParser
import OutcomeReports

/// `outcome-report`: outcome reports for medication-for-OUD programs. With no arguments it prints the
/// Markdown report on the bundled CTN-0094 cohort.
@main
struct OutcomeReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome-report",
        abstract: "Outcomes of addiction-treatment programs: retention, adherence, craving, urine screens, relapse risk.",
        discussion: """
            With no arguments, prints the Markdown report on the bundled CTN-0094 cohort (real, de-identified \
            data from three NIDA CTN trials) when run from a checkout of the repository. A cohort is a folder of \
            CSV files described in docs/InputFormat.md, with an optional cohort.json; every definition the report \
            uses is in its analysis plan (`outcome-report plan`).
            """,
        subcommands: [
            ReportCommand.self,
            QuarterlyCommand.self,
            PlanCommand.self,
            ImportCommand.self,
            GenerateCommand.self,
            ValidateCommand.self,
            KmCommand.self, LogrankCommand.self, CoxCommand.self, CifCommand.self,
            LmmCommand.self,
            LogisticCommand.self,
            RiskCommand.self,
            TrendCommand.self,
            EndpointsCommand.self,
            PatternsCommand.self,
            PDCCommand.self,
            ContinuityCommand.self,
            AdherenceCommand.self,
        ],
        defaultSubcommand: ReportCommand.self
    )

    /// Sets the allocator's policy (``AllocatorPolicy``), then parses and runs the command.
    static func main() async {
        AllocatorPolicy.apply()
        await main(nil)
    }
}
