import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report km`: Kaplan–Meier curves, or their medians and restricted means, as R's `survfit`.
struct KmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "km",
        abstract: "Kaplan–Meier survival curves with Greenwood standard errors and confidence intervals (as R survfit).",
        discussion: """
            Prints group,time,n_risk,n_event,n_censor,survival,std_err,lower,upper: one row per distinct time \
            (event or censoring) per group, groups in sorted order (numeric order when every label is a number), \
            group = all without --group. At a tied time events come before censorings. std_err is the standard \
            error of the survival estimate, as R's summary(fit, censored = TRUE)$std.err. An undefined value (the \
            standard error and log or log-log limits once S = 0) is an empty field.

            --summary prints group,n,events,median,median_lower,median_upper,rmst,rmst_se instead: the median and \
            its interval as R prints them, and the restricted mean survival time up to --tau (default: the largest \
            time in the file, for every group) with R's standard error.

            Times must be finite and ≥ 0; events 0/1 or TRUE/FALSE. Errors name the file, line and column.
            """)

    @OptionGroup var columns: SurvivalColumnOptions
    @Option(name: .long, help: ArgumentHelp("The group column.", valueName: "column"))
    var group: String?
    @Option(name: .customLong("conf-type"), help: "log (R's default), log-log or plain.")
    var confidenceType: SurvivalIntervalType = .log
    @Option(name: .customLong("conf-level"), help: ArgumentHelp("Confidence level in (0, 1).", valueName: "level"))
    var confidenceLevel: Double = 0.95
    @Flag(help: "Print medians and restricted means per group instead of the curves.")
    var summary = false
    @Option(help: ArgumentHelp("RMST horizon (with --summary; default the largest time).", valueName: "T"))
    var tau: Double?
    @Option(help: "csv (default) or markdown.")
    var format: TableFormat = .csv

    func validate() throws {
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw ValidationError("--conf-level must lie strictly between 0 and 1 (got \(confidenceLevel))")
        }
        if let tau, !(tau.isFinite && tau >= 0) { throw ValidationError("--tau must be a finite number ≥ 0 (got \(tau))") }
        if tau != nil && !summary { throw ValidationError("--tau needs --summary") }
    }

    func run() throws {
        let text = try reportingFailures {
            let (table, data) = try columns.read()
            var curves: [(label: String, curve: KaplanMeierEstimate)] = []
            if let group {
                let (codes, labels) = try SurvivalInput.labels(table, group)
                for (code, label) in labels.enumerated() {
                    let rows = codes.indices.filter { codes[$0] == code }
                    curves.append((label, KaplanMeierEstimate(times: rows.map { data.times[$0] }, events: rows.map { data.events[$0] })))
                }
            } else {
                curves = [("all", KaplanMeierEstimate(times: data.times, events: data.events))]
            }
            let level = ConfidenceLevel(confidenceLevel)
            let output = summary
                ? SurvivalTables.kaplanMeierSummary(curves, type: confidenceType, level: level,
                                                    horizon: tau ?? data.times.max() ?? 0)
                : SurvivalTables.kaplanMeier(curves, type: confidenceType, level: level)
            return format.render(checkedForNonFiniteValues(output, command: "km"))
        }
        try writeToStandardOutput(text)
    }
}

extension SurvivalIntervalType: ExpressibleByArgument {}
