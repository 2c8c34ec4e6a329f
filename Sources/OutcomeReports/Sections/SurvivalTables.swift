import TreatmentOutcomes

/// The tables of the generic survival commands (`km`, `logrank`, `cox`, `cif`), with R's short column names and
/// full-precision numbers (``Cell/exact(_:)``); an undefined value is an empty field.
public enum SurvivalTables {
    static func value(_ number: Double?) -> Cell { number.map(Cell.exact) ?? .notApplicable }

    /// `group,time,n_risk,n_event,n_censor,survival,std_err,lower,upper`: one row per distinct time per group.
    public static func kaplanMeier(
        _ curves: [(label: String, curve: KaplanMeierEstimate)], type: SurvivalIntervalType, level: ConfidenceLevel
    ) -> Table {
        let rows = curves.flatMap { label, curve in
            let bounds = curve.confidenceBounds(type, level: level), errors = curve.standardErrors
            return curve.times.indices.map { index in
                curveRow(label, curve.times[index],
                         [.count(curve.atRisk[index]), .count(curve.events[index]), .count(curve.censored[index])],
                         curve.survival[index], errors[index], bounds, index)
            }
        }
        return curveTable(title: "Kaplan–Meier estimates", rows: rows, footnote:
            "\(type.rawValue) confidence intervals at level \(level); std_err is the standard error of S (Greenwood).")
    }

    /// The same columns for weighted curves: n_risk, n_event and n_censor are sums of weights.
    public static func weightedKaplanMeier(
        _ curves: [(label: String, curve: WeightedKaplanMeierEstimate)], type: SurvivalIntervalType, level: ConfidenceLevel
    ) -> Table {
        var rows: [[Cell]] = []
        for (label, curve) in curves {
            let bounds = curve.confidenceBounds(type, level: level), errors = curve.standardErrors
            for index in curve.times.indices {
                let counts: [Cell] = [.exact(curve.atRisk[index]), .exact(curve.events[index]), .exact(curve.censored[index])]
                rows.append(curveRow(label, curve.times[index], counts, curve.survival[index], errors[index], bounds, index))
            }
        }
        let methods = Set(curves.map { $0.curve.varianceMethod == .greenwood ? "Greenwood" : "infinitesimal jackknife" })
        return curveTable(title: "Weighted Kaplan–Meier estimates", rows: rows, footnote:
            "\(type.rawValue) confidence intervals at level \(level); n_risk, n_event and n_censor are sums of case "
            + "weights; std_err is the standard error of S (\(methods.sorted().joined(separator: ", "))).")
    }

    /// group, time, the three counts, S, its standard error and the bounds at `index`.
    private static func curveRow(
        _ label: String, _ time: Double, _ counts: [Cell], _ survival: Double, _ error: Double?,
        _ bounds: (lower: [Double?], upper: [Double?]), _ index: Int
    ) -> [Cell] {
        [.text(label), .exact(time)] + counts
            + [.exact(survival), value(error), value(bounds.lower[index]), value(bounds.upper[index])]
    }

    private static func curveTable(title: String, rows: [[Cell]], footnote: String) -> Table {
        Table(
            title: title,
            columns: ["group", "time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"].map { Table.Column($0) },
            rows: rows, footnotes: [footnote])
    }

    /// `group,n,events,median,median_lower,median_upper,rmst,rmst_se`.
    public static func kaplanMeierSummary(
        _ curves: [(label: String, curve: KaplanMeierEstimate)], type: SurvivalIntervalType, level: ConfidenceLevel,
        horizon: Double
    ) -> Table {
        let rows = curves.map { label, curve -> [Cell] in
            let median = curve.median(type: type, level: level)
            let restricted = curve.restrictedMean(upTo: horizon)
            return [.text(label), .count(curve.subjectCount), .count(curve.eventCount), value(median.estimate),
                    value(median.lower), value(median.upper), .exact(restricted.estimate), .exact(restricted.standardError)]
        }
        return Table(
            title: "Kaplan–Meier summary",
            columns: ["group", "n", "events", "median", "median_lower", "median_upper", "rmst", "rmst_se"].map { Table.Column($0) },
            rows: rows, footnotes: ["Restricted mean survival time up to \(horizon)."])
    }

    /// `chisq,df,p`.
    public static func logRank(_ test: LogRankTest) -> Table {
        Table(title: "Log-rank test", columns: ["chisq", "df", "p"].map { Table.Column($0) },
              rows: [[.exact(test.test.statistic), .count(test.test.degreesOfFreedom), .exact(test.test.pValue)]])
    }

    /// `term,coef,exp_coef,se,robust_se,z,p,lower95,upper95`; an aliased term has only its name.
    public static func coxCoefficients(_ fit: CoxFit, terms: [String]) -> Table {
        let inference = fit.coefficientInference()
        let robust = fit.robustStandardErrors
        let rows = terms.indices.map { j -> [Cell] in
            guard let result = inference[j] else {
                return [.text(terms[j])] + [Cell](repeating: .notApplicable, count: 8)
            }
            return [.text(terms[j]), .exact(result.estimate), .exact(result.ratio), value(fit.standardErrors[j]),
                    value(robust?[j] ?? nil), .exact(result.z), .exact(result.pValue), .exact(result.ratioInterval.lower),
                    .exact(result.ratioInterval.upper)]
        }
        return Table(
            title: "Cox proportional hazards model",
            columns: ["term", "coef", "exp_coef", "se", "robust_se", "z", "p", "lower95", "upper95"].map { Table.Column($0) },
            rows: rows)
    }

    /// `term,chisq,df,p` with a final `GLOBAL` row.
    public static func proportionalHazards(_ test: ProportionalHazardsTest, terms: [String]) -> Table {
        let rows = test.terms.map { term -> [Cell] in
            [.text(terms[term.column]), .exact(term.test.statistic), .count(term.test.degreesOfFreedom), .exact(term.test.pValue)]
        } + [[.text("GLOBAL"), .exact(test.global.statistic), .count(test.global.degreesOfFreedom), .exact(test.global.pValue)]]
        return Table(title: "Test of proportional hazards", columns: ["term", "chisq", "df", "p"].map { Table.Column($0) },
                     rows: rows)
    }

    /// `time,cause,cif,std_err`: per time (all distinct times, or the requested ones) and cause.
    public static func cumulativeIncidence(_ estimate: CumulativeIncidence, times: [Double]?) -> Table {
        var rows: [[Cell]] = []
        for time in times ?? estimate.times {
            for (k, value) in estimate.values(at: time).enumerated() {
                rows.append([.exact(time), .text(String(estimate.causes[k])), .exact(value.incidence), .exact(value.standardError)])
            }
        }
        return Table(title: "Cumulative incidence (Aalen–Johansen)",
                     columns: ["time", "cause", "cif", "std_err"].map { Table.Column($0) }, rows: rows)
    }
}
