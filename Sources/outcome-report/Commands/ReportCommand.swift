import ArgumentParser
import Foundation
import OutcomeReports
import TreatmentOutcomes

/// `outcome-report report` (also the default command): the baseline report of a cohort folder.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the outcome report of a cohort: baseline, retention, urine screens, adherence, craving, relapse risk.",
        discussion: """
            The report's sections: (1) Data: where the cohort came from and, per file, the rows used and the \
            rows dropped as incomplete; (2) patients by arm and trial (the `trial` covariate; `site` when the \
            cohort has no `trial` column), with row and column totals; (3) baseline characteristics by arm: one \
            column per arm, ordered by label, plus Overall, with N, each arm's medication and psychosocial \
            support, n (%) for every level of categorical covariates, and mean (SD), median [Q1, Q3] and the \
            missing count for numeric ones; then, where the cohort has the records they need, (4) retention \
            (Kaplan–Meier by arm, arm comparisons), (5) urine-screen outcomes, (6) adherence (observed dosing, \
            attendance, PDC by quarter), (7) craving and withdrawal trends and (8) relapse risk (a week-3 landmark \
            model of relapse by week 12: odds ratios, cross-validated AUC and calibration, relapse by predicted-risk \
            group and arm; fitted with at least 50 relapses and 50 non-relapses). Each section says which records \
            it used. Every arm comparison puts medication with psychosocial support next to medication alone \
            where the cohort has both.

            Urine-screen outcomes (CTN-0094 relapse, dropout and abstinence, negative weeks, by arm) use the \
            published CTNote words for the bundled CTN-0094 cohort, the words in --use-patterns when given, and \
            otherwise words built from screens.csv and visits.csv (week 1 = days 1–7 after the index day).

            Data: --cohort names a folder of CSV files (docs/InputFormat.md; patients.csv is required). Without \
            it the report reads the folder in the environment variable \(ReportCommand.cohortEnvironmentVariable) \
            if set, else the bundled CTN-0094 cohort at datasets/ctn0094/cohort in the source checkout this tool \
            was built from (\(ReportCommand.bundledCohortURL.path)).

            Privacy: only aggregates are printed, never a patient identifier or date. Small-cell suppression \
            follows the CMS cell-size policy: counts from 1 to N−1 (N = --min-cell, default 11) are printed as \
            "suppressed", and so are further cells chosen so that no suppressed count can be worked out from \
            row, column or overall totals; a percentage is suppressed when its count or denominator is. \
            Categorical covariates with more than 20 levels or with values equal to patient identifiers are \
            left out and listed.

            Errors are printed to standard error as `error: <message>` with exit code 1; nothing is printed to \
            standard output then.
            """
    )

    static let cohortEnvironmentVariable = "TREATMENT_OUTCOMES_COHORT"

    /// <repository>/datasets/ctn0094/cohort, found from this source file (…/Sources/outcome-report/Commands/).
    static let bundledCohortURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/ctn0094/cohort")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown
        case csv
    }

    @Option(
        name: .customLong("cohort"),
        help: ArgumentHelp(
            "The cohort folder (default: $\(cohortEnvironmentVariable), else the bundled CTN-0094 cohort).",
            valueName: "dir"))
    var cohortPath: String?

    @Option(
        name: .customLong("min-cell"),
        help: ArgumentHelp("Smallest count shown; counts from 1 to this minus 1 are suppressed (≥ 1; 1 = off).",
                           valueName: "n"))
    var minimumCellSize: Int = 11

    @Flag(
        name: .customLong("drop-incomplete"),
        help: "Skip rows with an empty required field instead of failing; the report gives the count per file.")
    var dropIncomplete = false

    @Option(
        name: .customLong("use-patterns"),
        help: ArgumentHelp(
            "Published weekly use-pattern words for the urine-screen section (columns who, usePatternUDS). Default: "
                + "the CTNote words datasets/ctn0094/use_patterns_uds.csv for the bundled CTN-0094 cohort; for any "
                + "other cohort words are built from screens.csv and visits.csv.",
            valueName: "file"))
    var usePatternsPath: String?

    @Option(help: "Output format: markdown (the whole report) or csv (each table after a line with its title).")
    var format: Format = .markdown

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the report to a folder instead of standard output: report.md with its charts as SVG files in "
                + "charts/ (Markdown only).",
            valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "With --output, replace the folder if it is not empty.")
    var force = false

    func validate() throws {
        guard minimumCellSize >= 1 else {
            throw ValidationError("--min-cell must be at least 1 (got \(minimumCellSize))")
        }
        if output != nil && format != .markdown {
            throw ValidationError("--output writes Markdown with SVG charts; it cannot be combined with --format csv")
        }
    }

    func run() async throws {
        let (folder, description) = resolvedCohort()
        let text = try reportingFailures {
            let cohort = try CohortLoader.load(from: folder, options: CohortLoadOptions(dropIncomplete: dropIncomplete))
            var options = CohortReportOptions(
                policy: SmallCellPolicy(minimumCount: minimumCellSize), sourceDescription: description,
                droppedIncompleteRows: dropIncomplete)
            if let words = try publishedUsePatterns(cohortFolder: folder) {
                _ = try words.patterns(for: cohort)  // a file that names a patient twice is an error, not a note
                options.usePatterns = words
            }
            let report = CohortReport.make(from: cohort, options: options)
            if let output {
                try ReportWriter.write(report, to: URL(fileURLWithPath: output), replaceExisting: force)
                return ""
            }
            return switch format {
            case .markdown: MarkdownRenderer.render(report)
            case .csv: CSVRenderer.render(report)
            }
        }
        if let output {
            printToStandardError("wrote \(output)/\(ReportWriter.markdownFileName) and its charts\n")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// The CTNote words of the bundled cohort.
    static let bundledUsePatternsURL = bundledCohortURL.deletingLastPathComponent()
        .appendingPathComponent("use_patterns_uds.csv")

    /// The published words to use: `--use-patterns`, else the CTNote words when `cohortFolder` is the bundled cohort.
    func publishedUsePatterns(cohortFolder: URL) throws -> UsePatternProvider? {
        if let usePatternsPath {
            let file = try UsePatternFile(url: URL(fileURLWithPath: usePatternsPath))
            return .published(file, description: URL(fileURLWithPath: usePatternsPath).lastPathComponent)
        }
        let bundled = Self.bundledCohortURL.standardizedFileURL.resolvingSymlinksInPath()
        guard cohortFolder.standardizedFileURL.resolvingSymlinksInPath() == bundled else { return nil }
        let file = try UsePatternFile(url: Self.bundledUsePatternsURL)
        return .published(file, description: "datasets/ctn0094/use_patterns_uds.csv")
    }

    /// The folder to read and how the report names it.
    func resolvedCohort() -> (URL, String) {
        if let cohortPath {
            let url = URL(fileURLWithPath: cohortPath)
            return (url, "cohort folder \(url.lastPathComponent)")
        }
        if let path = ProcessInfo.processInfo.environment[Self.cohortEnvironmentVariable], !path.isEmpty {
            let url = URL(fileURLWithPath: path)
            return (url, "cohort folder \(url.lastPathComponent) (from \(Self.cohortEnvironmentVariable))")
        }
        return (Self.bundledCohortURL, "the bundled CTN-0094 cohort (datasets/ctn0094/cohort)")
    }
}
