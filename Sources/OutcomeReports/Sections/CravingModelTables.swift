import TreatmentOutcomes

/// Tables of the `lmm` and `trend` commands (CSV and Markdown forms; the `lmm` JSON form is built by the CLI).
public enum CravingModelTables {
    /// `term,estimate,se` for every fixed effect (`estimate` and `se` empty for an aliased column), then one row
    /// per variance component and fit statistic with its value in `estimate`: `sd_intercept`, `sd_slope`,
    /// `correlation` (empty when undefined), `sd_residual`, `loglik`, `reml_criterion` (REML only), `n_obs`,
    /// `n_groups`, `converged` (1 or 0), `iterations`.
    public static func mixedModel(_ fit: LinearMixedModelFit, terms: [String]) -> Table {
        precondition(terms.count == fit.coefficients.count, "one term name per fixed effect")
        func value(_ number: Double?) -> Cell { number.map(Cell.exact) ?? .notApplicable }
        var rows = zip(terms, zip(fit.coefficients, fit.standardErrors)).map { term, estimate in
            [Cell.text(term), value(estimate.0), value(estimate.1)]
        }
        var statistics: [(String, Cell)] = [
            ("sd_intercept", .exact(fit.interceptStandardDeviation)),
            ("sd_slope", value(fit.slopeStandardDeviation)),
            ("correlation", value(fit.interceptSlopeCorrelation)),
            ("sd_residual", .exact(fit.residualStandardDeviation)),
            ("loglik", .exact(fit.logLikelihood)),
        ]
        if let criterion = fit.remlCriterion { statistics.append(("reml_criterion", .exact(criterion))) }
        statistics += [
            ("n_obs", .count(fit.observationCount)), ("n_groups", .count(fit.groupCount)),
            ("converged", .count(fit.convergence.converged ? 1 : 0)),
            ("iterations", .count(fit.convergence.iterations)),
        ]
        rows += statistics.map { [.text($0.0), $0.1, .notApplicable] }
        let method = fit.options.criterion == .restrictedMaximumLikelihood ? "REML" : "ML"
        return Table(
            title: "Linear mixed model (\(method))",
            columns: [.init("term"), .init("estimate", alignment: .right), .init("se", alignment: .right)],
            rows: rows,
            footnotes: fit.convergence.warnings.map { "Warning: \($0)" })
    }

    /// `group,n,slope,slope_se,intercept`, one row per group; the last three empty when the trend is undefined
    /// (fewer than 3 rows or a single time).
    public static func trends(_ trends: [PatientTrend]) -> Table {
        let rows = trends.map { trend -> [Cell] in
            let line = trend.regression
            return [.text(trend.group), .count(trend.count), line.map { .exact($0.slope) } ?? .notApplicable,
                    line?.slopeStandardError.map(Cell.exact) ?? .notApplicable,
                    line.map { .exact($0.intercept) } ?? .notApplicable]
        }
        return Table(
            title: "Per-group linear trends",
            columns: [.init("group"), .init("n", alignment: .right), .init("slope", alignment: .right),
                      .init("slope_se", alignment: .right), .init("intercept", alignment: .right)],
            rows: rows,
            footnotes: ["Slope per unit of the time column by ordinary least squares; at least 3 rows needed."])
    }
}
