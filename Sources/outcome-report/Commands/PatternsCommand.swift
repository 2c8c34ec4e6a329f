import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report patterns --cohort DIR`: weekly use-pattern words from a cohort's urine screens and visits.
struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Build each patient's weekly urine-screen word (+ - o *) from screens.csv and visits.csv.",
        discussion: """
            Prints CSV patient_id,pattern: one symbol per study week after the index day (week 1 starts on \
            the analysis plan's weekOneStartDay: day 1 by default, day 0 for the bundled CTN-0094 cohort, whose \
            cohort.json says so; --first-week-day or --plan FILE changes it): + a positive screen for a counted substance and no negative \
            day, - a negative day (a screen, or an attended visit, without a counted positive), * both, o a \
            scheduled week with neither. The word runs to the patient's last week with a screen or visit, and at \
            least --minimum-weeks.

            --substances opioids (default) counts non-study opioids for the patient's medication: opioid and \
            methadone on buprenorphine, opioid and buprenorphine on methadone, all three otherwise (the CTN-0094 \
            rule). Otherwise give substance names as in screens.csv, comma-separated (for example \
            cocaine,amphetamine).

            The words feed `outcome-report endpoints --input FILE --id-column patient_id --pattern-column \
            pattern`. docs/UrineScreenOutcomes.md compares them with the CTN-0094 words.
            """)

    @Option(help: ArgumentHelp("The cohort folder.", valueName: "dir"))
    var cohort: String

    @Option(help: ArgumentHelp("opioids, or substance names comma-separated.", valueName: "opioids|names"))
    var substances = "opioids"

    @Option(name: .customLong("first-week-day"),
            help: ArgumentHelp("The day since the index day on which week 1 starts (default: the plan's).",
                               valueName: "day"))
    var firstWeekDay: Int?

    @Option(name: .customLong("plan"), help: ArgumentHelp("An analysis plan laid over the cohort's.", valueName: "file"))
    var planPath: String?

    @Option(name: .customLong("minimum-weeks"), help: ArgumentHelp("Shortest word (weeks).", valueName: "n"))
    var minimumWeeks = 0

    func validate() throws {
        guard minimumWeeks >= 0 else { throw ValidationError("--minimum-weeks must not be negative") }
        guard !substanceNames.isEmpty || substances == "opioids" else {
            throw ValidationError("--substances names no substance")
        }
    }

    var substanceNames: Set<String> {
        Set(substances.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    func run() throws {
        let output = try reportingFailures { () throws -> String in
            let loaded = try CohortLoader.load(from: URL(fileURLWithPath: cohort))
            let selection: ScreenedSubstances = substances == "opioids" ? .nonStudyOpioids : .named(substanceNames)
            if case .named(let names) = selection, let screens = loaded.screens {
                let unknown = names.subtracting(screens.substance.levels).sorted()
                if !unknown.isEmpty {
                    throw ValidationError(
                        "--substances: \(unknown.joined(separator: ", ")) not in screens.csv (it has: "
                            + screens.substance.levels.joined(separator: ", ") + ")")
                }
            }
            let plan = try AnalysisPlan.effective(for: loaded, overrides: planPath.map { URL(fileURLWithPath: $0) })
            let options = WeeklyUsePatternOptions(
                substances: selection, firstDayOfWeekOne: firstWeekDay ?? plan.weekOneStartDay, minimumWeeks: minimumWeeks)
            let patterns = try WeeklyUsePatterns.make(from: loaded, options: options)
            return CSVRenderer.render(UrineScreenEndpointTables.patterns(
                identifiers: loaded.patients.identifiers, patterns: patterns))
        }
        try writeToStandardOutput(output)
    }
}
