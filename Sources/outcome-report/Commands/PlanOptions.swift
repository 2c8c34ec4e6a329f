import ArgumentParser
import Foundation
import OutcomeReports

/// `--plan FILE --min-cell N`, shared by `report` and `quarterly`: the plan a command runs under is the cohort's
/// (cohort.json), then the file given, then the small-cell minimum given.
struct PlanOptions: ParsableArguments {
    @Option(
        name: .customLong("plan"),
        help: ArgumentHelp("An analysis plan (JSON) laid over the defaults and the cohort's cohort.json.", valueName: "file"))
    var planPath: String?

    @Option(
        name: .customLong("min-cell"),
        help: ArgumentHelp(
            "Smallest count shown; counts from 1 to this minus 1 are suppressed (≥ 1; 1 = off). Overrides the plan.",
            valueName: "n"))
    var minimumCellSize: Int?

    func validate() throws {
        if let minimumCellSize, minimumCellSize < 1 {
            throw ValidationError("--min-cell must be at least 1 (got \(minimumCellSize))")
        }
    }

    /// The plan file, as an input the output must not overwrite.
    var planURL: URL? { planPath.map { URL(fileURLWithPath: $0) } }

    /// The cohort's plan, then --plan, then --min-cell.
    func effectivePlan(for cohort: Cohort) throws -> AnalysisPlan {
        var plan = try AnalysisPlan.effective(for: cohort, overrides: planURL)
        if let minimumCellSize { plan.disclosure.minimumCellSize = minimumCellSize }
        return plan
    }
}
