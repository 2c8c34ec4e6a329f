import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report cox`: the Cox proportional hazards model, as R's `coxph`.
struct CoxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cox",
        abstract: "Cox proportional hazards model (as R coxph): coefficients, hazard ratios, tests, PH test.",
        discussion: """
            Prints term,coef,exp_coef,se,robust_se,z,p,lower95,upper95. robust_se is empty unless --robust or \
            --cluster is given; then z, p and the 95% interval use it, as R does. A text covariate becomes \
            indicators of its levels after the first in sorted order (named column+level). An aliased (collinear) \
            term is printed with empty values and reported on standard error.

            --format json: {coefficients: [...same fields...], loglik_null, loglik, concordance, n, events, \
            iterations, converged, tests {wald, score, likelihood_ratio: {chisq, df, p}}, warnings}.

            --ph-test prints term,chisq,df,p and a final GLOBAL row instead: the score test of proportional \
            hazards against x·g(t), g = 1 − KM(t−) (R cox.zph(fit, transform = "km")). It does not combine with \
            --start or --weights.

            --start COL gives counting-process data, as R coxph(Surv(start, stop, event) ~ ...): each row is an \
            interval (start, time] and is at risk at an event time t when start < t ≤ time, so a subject's \
            follow-up can be split into rows whose covariates change over time (give --cluster with the subject \
            column for a robust variance by subject). Each start must be a finite number below its row's time. \
            n counts rows, not subjects.

            --weights COL gives case weights, as R's weights = (finite, > 0; a zero weight is an error: remove \
            the row instead). With Efron ties each tied event sub-step carries the mean weight of the tied events, \
            as R. As R does, a weight other than 1 turns the robust variance on (rows as clusters, or --cluster), \
            summing the weighted score residuals; se stays the model-based standard error. The concordance \
            weights each compared pair by the product of its weights.

            Newton–Raphson from 0 with step halving; converged when |1 − loglik_prev/loglik| ≤ 1e-9 within 20 \
            iterations (R's defaults). Non-convergence, possibly infinite coefficients and aliased columns are \
            warnings on standard error (and in the JSON), never hidden.
            """)

    @OptionGroup var columns: SurvivalColumnOptions
    @Option(name: .long, help: ArgumentHelp("Comma-separated covariate columns.", valueName: "A,B,C"))
    var covariates: String
    @Option(name: .long, help: ArgumentHelp("A stratification column (separate baseline hazards).", valueName: "column"))
    var strata: String?
    @Option(help: "efron (R's default) or breslow.")
    var ties: CoxTies = .efron
    @Flag(help: "Robust (sandwich) variance with each row as its own cluster.")
    var robust = false
    @Option(name: .long, help: ArgumentHelp("A cluster column for the robust variance.", valueName: "column"))
    var cluster: String?
    @Option(name: .long, help: ArgumentHelp("The entry-time column: rows are (start, time] intervals.", valueName: "column"))
    var start: String?
    @Option(name: .long, help: ArgumentHelp("A case-weight column (> 0).", valueName: "column"))
    var weights: String?
    @Flag(name: .customLong("ph-test"), help: "Print the proportional-hazards test instead of the coefficients.")
    var proportionalHazardsTest = false
    @Option(help: "csv (default), json or markdown.")
    var format: OutputFormat = .csv

    var covariateNames: [String] {
        covariates.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        if proportionalHazardsTest && format == .json {
            throw ValidationError("--ph-test prints a table: use --format csv or markdown")
        }
        if proportionalHazardsTest && (start != nil || weights != nil) {
            throw ValidationError("--ph-test supports right-censored, unweighted data only: drop --start and --weights")
        }
        guard !covariateNames.isEmpty, covariateNames.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("--covariates needs one or more column names separated by commas")
        }
    }

    func run() throws {
        let text = try reportingFailures {
            let (table, data) = try columns.read()
            let design = try SurvivalInput.design(table, covariates: covariateNames)
            let caseWeights = try weights.map { try SurvivalInput.weights(table, $0) }
            let fit = CoxModel(options: CoxOptions(ties: ties)).fit(
                design: design.matrix,
                entryTimes: try start.map { try SurvivalInput.entryTimes(table, $0, before: data.times, timeColumn: columns.time) },
                times: data.times, events: data.events, weights: caseWeights,
                strata: try strata.map { try SurvivalInput.labels(table, $0).codes },
                clusters: try cluster.map { try SurvivalInput.labels(table, $0).codes },
                robust: robust || (caseWeights?.contains { $0 != 1 } ?? false))
            let warnings = fit.convergence.warnings.map { warning in
                warning.index.map { warning.naming(design.terms[$0]) } ?? warning
            }
            for warning in warnings { printToStandardError("cox: warning: \(warning)\n") }
            if proportionalHazardsTest {
                return format.render(checkedForNonFiniteValues(
                    SurvivalTables.proportionalHazards(fit.proportionalHazardsTest(), terms: design.terms), command: "cox"))
            }
            if format == .json { return try jsonText(CoxFitJSON(fit, terms: design.terms, warnings: warnings)) }
            return format.render(checkedForNonFiniteValues(SurvivalTables.coxCoefficients(fit, terms: design.terms), command: "cox"))
        }
        try writeToStandardOutput(text)
    }
}

extension CoxTies: ExpressibleByArgument {}
