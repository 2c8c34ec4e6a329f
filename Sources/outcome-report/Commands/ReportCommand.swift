import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report report` (also the default command): the outcome report of a cohort folder.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the outcome report of a cohort: baseline, retention, urine screens, adherence, craving, relapse risk, support and engagement.",
        discussion: """
            The report's sections: (1) Data: where the cohort came from and, per file, the rows used and the \
            rows dropped as incomplete; (2) Methods: every definition used, written from the analysis plan; \
            (3) patients by arm and the plan's grouping covariate (site by default; trial for CTN-0094), with row and \
            column totals; (4) baseline characteristics by arm: one column per arm, ordered by label, plus Overall, \
            with N, each arm's medication and psychosocial support, n (%) for every level of categorical \
            covariates, and mean (SD) and the missing count for numeric ones (median [Q1, Q3] only for those \
            cohort.json declares with quantiles); then, where the \
            cohort has the records they need, (5) retention (Kaplan–Meier by arm, arm comparisons), (6) urine-screen \
            outcomes, (7) adherence (observed dosing, attendance, PDC by quarter), (8) craving and withdrawal trends \
            and (9) relapse risk (a landmark model of relapse: odds ratios, cross-validated AUC and calibration, \
            relapse by predicted-risk group and arm; fitted with at least relapseRisk.minimumPerOutcome (50) relapses \
            and as many non-relapses) and (10) balancing medication and psychosocial support (per medication: \
            support against medication alone weighted by inverse probability of treatment, with its balance; \
            sessions attended and days covered in the last 28 days against dropout and relapse, by session band; \
            on trial data, the trials' randomised support contrast beside it; docs/Balance.md).

            Analysis plan: every definition (week convention, naltrexone injection coverage, trial protocols, the \
            episode gap rule, retention horizons, adherence window and threshold, which arms are compared and what \
            "medication alone" means, the words, the landmark, the small-cell minimum) comes from one plan: the \
            library's defaults, then the cohort folder's cohort.json, then --plan FILE. `outcome-report plan \
            --cohort DIR` prints it as JSON; save it, edit it, and pass it back with --plan (docs/AnalysisPlan.md).

            Data: --cohort names a folder of CSV files (docs/InputFormat.md; patients.csv is required, cohort.json \
            optional). Without it the report reads the folder in $\(ReportCommand.cohortEnvironmentVariable) if \
            set, else datasets/ctn0094/cohort below the current directory (run from a checkout of this repository: \
            `make report` passes it explicitly).

            Privacy: only aggregates are printed, never a patient identifier or date. Small-cell suppression \
            follows the CMS cell-size policy: counts from 1 to N−1 (N = --min-cell, else the plan's \
            disclosure.minimumCellSize, default 11) are printed as "suppressed", and so are further cells chosen so \
            that no suppressed count can be worked out from row, column or overall totals; a percentage is \
            suppressed when its count or denominator is. Covariates are screened by the covariate policy \
            (docs/CovariatePolicy.md): only those cohort.json declares, when it declares any; otherwise none that \
            identifies patients (identifier values, distinct values for most patients, record numbers, contact \
            details), holds dates or free text, is named like one, or has more than baseline.maximumLevels (20) \
            levels. Levels with fewer patients than the small-cell minimum are merged into Other. The Data section \
            lists what was left out and why.

            Errors are printed to standard error as `error: <message>` with exit code 1; nothing is printed to \
            standard output then.
            """
    )

    static let cohortEnvironmentVariable = "TREATMENT_OUTCOMES_COHORT"
    /// The bundled cohort, relative to a checkout of the repository.
    static let bundledCohortPath = "datasets/ctn0094/cohort"

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown
        case csv
        case html
    }

    @Option(
        name: .customLong("cohort"),
        help: ArgumentHelp(
            "The cohort folder (default: $\(cohortEnvironmentVariable), else ./\(bundledCohortPath)).", valueName: "dir"))
    var cohortPath: String?

    @OptionGroup var planOptions: PlanOptions

    @Flag(
        name: .customLong("drop-incomplete"),
        help: "Skip rows with an empty required field instead of failing; the report gives the count per file.")
    var dropIncomplete = false

    @Option(
        name: .customLong("use-patterns"),
        help: ArgumentHelp(
            "Published weekly use-pattern words for the urine-screen section (columns who, usePatternUDS), instead of "
                + "the words the cohort's cohort.json names; a cohort without either gets words built from screens.csv "
                + "and visits.csv.",
            valueName: "file"))
    var usePatternsPath: String?

    @Option(help: """
        Output format: markdown (the whole report), csv (each table after a line with its title) or html (one \
        self-contained page: inline charts and styles, a table of contents, prints to a clean PDF).
        """)
    var format: Format = .markdown

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the report to a folder instead of standard output: report.md with its charts as SVG files in "
                + "charts/, and the same report as one self-contained page, report.html.",
            valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "With --output, replace the folder if it is not empty.")
    var force = false

    @Flag(
        name: .long,
        help: """
            Report progress on standard error: the cohort loaded, each part of the analysis as it finishes with its \
            time, and the rendering (default: only when standard error is a terminal). A million patients take \
            minutes (docs/Performance.md).
            """)
    var progress = false

    func validate() throws {
        if output != nil && format != .markdown {
            throw ValidationError(
                "--output writes report.md, report.html and charts/ together; it cannot be combined with --format \(format)")
        }
    }

    func run() async throws {
        let (folder, description) = try reportingFailures { try Self.resolvedCohort(cohortPath) }
        if let output {
            // before anything is read: the output must not replace an input, or a folder that holds one
            let inputs = [folder] + [planOptions.planURL, usePatternsPath.map { URL(fileURLWithPath: $0) }].compactMap { $0 }
            try reportingFailures {
                try OutputSafety.check(URL(fileURLWithPath: output), inputs: inputs, force: force, option: "--output")
            }
        }
        let showProgress = progress || isatty(STDERR_FILENO) == 1
        let clock = ContinuousClock(), started = clock.now
        func elapsed(since start: ContinuousClock.Instant) -> String { Self.seconds(clock.now - start) }
        let cohort = try reportingFailures { () throws -> Cohort in
            var cohort = try CohortLoader.load(from: folder, options: CohortLoadOptions(dropIncomplete: dropIncomplete))
            if let usePatternsPath {
                let url = URL(fileURLWithPath: usePatternsPath)
                cohort = cohort.replacingPublishedUsePatterns(PublishedUsePatterns(
                    file: try UsePatternFile(url: url), description: "the words in \(url.lastPathComponent)"))
            }
            return cohort
        }
        let plan = try reportingFailures { try planOptions.effectivePlan(for: cohort) }
        if showProgress {
            printToStandardError("report: loaded \(cohort.patients.count) patients in \(elapsed(since: started))\n")
        }
        var partDone: (@Sendable (CohortAnalysis.Part, Duration) -> Void)? = nil
        if showProgress {
            partDone = { part, duration in
                printToStandardError("report: \(Self.name(of: part)) done in \(Self.seconds(duration))\n")
            }
        }
        let analysisStarted = clock.now
        let analysis = await CohortAnalysis(cohort: cohort, plan: plan, progress: partDone)
        if showProgress {
            printToStandardError("report: analysis done in \(elapsed(since: analysisStarted)); rendering\n")
        }
        let text = try reportingFailures {
            // published words that name a patient twice are an error, not a note
            if let words = cohort.publishedUsePatterns, plan.urineScreens.words == .publishedWhenAvailable {
                _ = try UsePatternProvider.published(words.file, description: words.description).patterns(for: cohort)
            }
            let report = CohortReport.make(
                from: analysis,
                options: CohortReportOptions(sourceDescription: description, droppedIncompleteRows: dropIncomplete))
            if let output {
                try ReportWriter.write(
                    report, to: URL(fileURLWithPath: output), replaceExisting: force,
                    otherFiles: [ReportWriter.htmlFileName: HTMLRenderer.render(report)])
                return ""
            }
            return switch format {
            case .markdown: MarkdownRenderer.render(report)
            case .csv: CSVRenderer.render(report)
            case .html: HTMLRenderer.render(report)
            }
        }
        if let output {
            printToStandardError(
                "wrote \(output)/\(ReportWriter.markdownFileName), \(output)/\(ReportWriter.htmlFileName) and its charts\n")
        } else {
            try writeToStandardOutput(text)
        }
        if showProgress { printToStandardError("report: done in \(elapsed(since: started))\n") }
    }

    /// A part of the analysis as the progress lines name it.
    static func name(of part: CohortAnalysis.Part) -> String {
        switch part {
        case .retention: "retention"
        case .urineScreens: "urine screens"
        case .adherence: "adherence"
        case .craving: "craving"
        case .relapseRisk: "relapse risk"
        case .balance: "balance of medication and support"
        }
    }

    /// A duration in seconds with one decimal, "12.3 s".
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        return String(format: "%.1f s", Double(whole) + Double(fraction) / 1e18)
    }

    /// The folder to read and how the report names it: `--cohort`, else the environment variable, else the
    /// bundled cohort below the current directory.
    static func resolvedCohort(_ cohortPath: String?) throws -> (URL, String) {
        if let cohortPath {
            let url = URL(fileURLWithPath: cohortPath)
            return (url, "cohort folder \(url.lastPathComponent)")
        }
        if let path = ProcessInfo.processInfo.environment[cohortEnvironmentVariable], !path.isEmpty {
            let url = URL(fileURLWithPath: path)
            return (url, "cohort folder \(url.lastPathComponent) (from \(cohortEnvironmentVariable))")
        }
        let bundled = URL(fileURLWithPath: bundledCohortPath)
        guard FileManager.default.fileExists(atPath: bundled.appendingPathComponent("patients.csv").path) else {
            throw ValidationError(
                "no cohort given: pass --cohort DIR, set \(cohortEnvironmentVariable), or run from a checkout of the "
                    + "repository (which has \(bundledCohortPath))")
        }
        return (bundled, "cohort folder \(bundled.lastPathComponent)")
    }
}
