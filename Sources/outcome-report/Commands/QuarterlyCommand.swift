import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report quarterly`: a program's quarter against the quarters before it (docs/QuarterlyMeasures.md).
struct QuarterlyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarterly",
        abstract: "Print the quarterly outcome report of a program's dated records.",
        discussion: """
            The report is as of the last day of --quarter: no record dated after it is used, and a treatment \
            episode still open then is ongoing. It shows --quarters quarters (default 8, the plan's \
            quarterly.quarters) ending with --quarter: a scorecard of each measure in its latest quarter against \
            the quarter before, then each measure by quarter for all patients, per medication, per psychosocial \
            support label, per arm and per site. Measures: admissions, active_patients, retained_90_days, \
            retained_180_days, continuity_180_days (NQF 3175; needs dispensings.csv), pdc_80 (PQA; dispensings.csv), \
            observed_dosing_80 (doses.csv), opioid_negative (screens.csv), craving_reliable_improvement \
            (assessments.csv), psychosocial_sessions_rate and psychosocial_engaged (visits.csv), discharges and \
            discharges by end reason. A measure that needs follow-up (retention, continuity, PDC, observed dosing, \
            craving at week 12) is shown only for quarters whose follow-up ended by the as-of date; the others are \
            named as pending. Each measure has a control chart (signals: beyond 3 sigma, a run of 6, a trend of 6) \
            and small multiples by medication, one line per psychosocial support. The last section compares \
            medication alone with medication and psychosocial support among the window's admissions, per \
            medication: Kaplan–Meier retention at 90 days, log-rank, and the Cox hazard ratio of dropout, \
            unadjusted and adjusted for site, age and sex, weighted by inverse probability of treatment, and the \
            hazard ratio of dropout per psychosocial session in the last 28 days (observational; docs/Balance.md). \
            Definitions: docs/QuarterlyMeasures.md.

            --format csv prints one long table: quarter,measure,group,numerator,denominator,value,lower,upper \
            (group all, medication=…, psychosocial=…, arm=…, site=…; a withheld count prints suppressed, and so do the value and \
            interval made from it; proportions as 0–1 with Wilson 95% intervals, the session rate per \
            patient-month with an exact Poisson interval, whose denominator column holds the patient-months). \
            --format html prints one self-contained page (inline charts and styles; prints to a clean PDF). --output DIR \
            writes quarterly.md, quarterly.csv, quarterly.html and charts/*.svg together.

            The cohort needs calendar dates (an index_date column in patients.csv); the bundled CTN-0094 cohort is \
            recorded in days since each patient's index day and gets an error. Privacy: only aggregates; counts from \
            1 to --min-cell − 1 (default 11 − 1) are withheld with further counts so that none can be worked out \
            from totals. Errors: `error: <message>` on standard error, exit 1, nothing on standard output.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown
        case csv
        case html
    }

    @Option(name: .customLong("cohort"), help: ArgumentHelp("The cohort folder.", valueName: "dir"))
    var cohortPath: String

    @Option(
        name: .customLong("quarter"),
        help: ArgumentHelp("The quarter reported, YYYY-Qn (its last day is the as-of date); default: the plan's.", valueName: "YYYY-Qn"))
    var quarter: String?

    @Option(name: .customLong("quarters"), help: ArgumentHelp("Quarters shown, ending with --quarter (1–40; default 8).", valueName: "k"))
    var quarterCount: Int?

    @OptionGroup var planOptions: PlanOptions

    @Option(help: "Output format: markdown, csv (one long table) or html (one self-contained page).")
    var format: Format = .markdown

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write quarterly.md, quarterly.csv, quarterly.html and the charts to a folder instead of standard output.",
            valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "With --output, replace the folder if it is not empty.")
    var force = false

    func validate() throws {
        if let quarter, CalendarQuarter(parsing: quarter) == nil {
            throw ValidationError("--quarter: \"\(quarter)\" is not a quarter; write it as YYYY-Qn, e.g. 2025-Q4")
        }
        if let quarterCount, !(1...40).contains(quarterCount) { throw ValidationError("--quarters must be 1 to 40 (got \(quarterCount))") }
        if output != nil && format != .markdown {
            throw ValidationError(
                "--output writes quarterly.md, quarterly.csv and quarterly.html; it cannot be combined with --format \(format)")
        }
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: cohortPath)
        if let output {
            let inputs = [folder] + [planOptions.planURL].compactMap { $0 }
            try reportingFailures { try OutputSafety.check(URL(fileURLWithPath: output), inputs: inputs, force: force, option: "--output") }
        }
        let text = try reportingFailures { () throws -> String in
            let cohort = try CohortLoader.load(from: folder)
            var plan = try planOptions.effectivePlan(for: cohort)
            if let quarter { plan.quarterly.quarter = quarter }
            if let quarterCount { plan.quarterly.quarters = quarterCount }
            guard plan.quarterly.quarter != nil else {
                throw ValidationError("no quarter given: pass --quarter YYYY-Qn (or set quarterly.quarter in the plan)")
            }
            let analysis = try QuarterlyAnalysis(cohort: consume cohort, plan: plan)
            let policy = SmallCellPolicy(minimumCount: plan.disclosure.minimumCellSize)
            let (report, table) = QuarterlyReport.reportAndTable(
                analysis, policy: policy, sourceDescription: "cohort folder \(folder.lastPathComponent)")
            let csv = CSVRenderer.render(table)
            if let output {
                try ReportWriter.write(
                    report, to: URL(fileURLWithPath: output), replaceExisting: force,
                    markdownFileName: "quarterly.md",
                    otherFiles: ["quarterly.csv": csv, "quarterly.html": HTMLRenderer.render(report)])
                return ""
            }
            return switch format {
            case .markdown: MarkdownRenderer.render(report)
            case .csv: csv
            case .html: HTMLRenderer.render(report)
            }
        }
        if let output {
            printToStandardError(
                "wrote \(output)/quarterly.md, \(output)/quarterly.csv, \(output)/quarterly.html and its charts in \(output)/charts\n")
        } else {
            try writeToStandardOutput(text)
        }
    }
}
