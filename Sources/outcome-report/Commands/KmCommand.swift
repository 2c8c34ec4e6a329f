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

            --weights COL gives case weights (finite, > 0), as R survfit(weights =): n_risk, n_event and \
            n_censor are then sums of weights, and std_err is, as R chooses by default, the infinitesimal \
            jackknife (robust) standard error when some weight is fractional and Greenwood's on the weighted counts \
            when all are whole numbers; with the jackknife std_err is 0 once S = 0 (plain bounds 0, log bounds \
            empty), as R. --weights does not combine with --summary.

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
    @Option(name: .long, help: ArgumentHelp("A case-weight column (> 0).", valueName: "column"))
    var weights: String?
    @Option(help: "csv (default) or markdown.")
    var format: TableFormat = .csv

    func validate() throws {
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw ValidationError("--conf-level must lie strictly between 0 and 1 (got \(confidenceLevel))")
        }
        if let tau, !(tau.isFinite && tau >= 0) { throw ValidationError("--tau must be a finite number ≥ 0 (got \(tau))") }
        if tau != nil && !summary { throw ValidationError("--tau needs --summary") }
        if weights != nil && summary { throw ValidationError("--weights does not combine with --summary") }
    }

    func run() throws {
        let text = try reportingFailures {
            let (table, data) = try columns.read()
            let groups: (codes: [Int], labels: [String]) = try group.map { try SurvivalInput.labels(table, $0) }
                ?? (Array(repeating: 0, count: data.times.count), ["all"])
            let groupRows = groups.labels.indices.map { code in (groups.labels[code], groups.codes.indices.filter { groups.codes[$0] == code }) }
            let level = ConfidenceLevel(confidenceLevel)
            if let weights {
                let caseWeights = try SurvivalInput.weights(table, weights)
                let weighted = groupRows.map { label, rows in
                    (label, WeightedKaplanMeierEstimate(times: rows.map { data.times[$0] }, events: rows.map { data.events[$0] },
                                                        weights: rows.map { caseWeights[$0] }))
                }
                return format.render(checkedForNonFiniteValues(
                    SurvivalTables.weightedKaplanMeier(weighted, type: confidenceType, level: level), command: "km"))
            }
            let curves = groupRows.map { label, rows in
                (label: label, curve: KaplanMeierEstimate(times: rows.map { data.times[$0] }, events: rows.map { data.events[$0] }))
            }
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
