import Foundation

/// The Cox proportional hazards model fitted by Newton–Raphson on the log partial likelihood, matching R's
/// `coxph` (survival 3.5): Efron or Breslow ties, strata, step halving, R's convergence rule, aliased columns
/// dropped and reported, and the robust (sandwich) variance with each row or a cluster as the unit.
///
/// ```
/// h(t | x, stratum s) = h₀ₛ(t) exp(xᵀβ)
/// βₖ₊₁ = βₖ + I(βₖ)⁻¹ u(βₖ);  stop when |1 − ℓₖ/ℓₖ₊₁| ≤ ε (ε = 1e-9); a step that lowers ℓ is halved
/// ```
/// Cox, JRSS B 34 (1972) 187, doi:10.1111/j.2517-6161.1972.tb00899.x; Therneau & Grambsch, *Modeling Survival
/// Data* (2000), ch. 3.
///
/// Counting-process data, R's `coxph(Surv(start, stop, event) ~ …)`: a row with an entry time is at risk at t when
/// start < t ≤ stop, so a subject's follow-up can be split into intervals with its covariates changing between them
/// (Andersen & Gill, Ann. Statist. 10 (1982) 1100, doi:10.1214/aos/1176345976). Case weights, R's `weights =`, are
/// replication weights in the likelihood: a weighted row counts w times in every risk set and its event w times,
/// each Efron sub-step weighted by the mean weight of the tied events (Therneau & Grambsch 2000, §7.2), so integer
/// weights equal replicated rows exactly for Breslow ties and up to the tie correction for Efron. With weights the
/// robust variance sums wᵢUᵢ (R's weighted dfbeta). R turns the robust variance on by itself when a weight is other
/// than 0 or 1; here the caller asks for it (`robust` or `clusters`). Start β = 0. Aliased columns are found by the pivoted Cholesky factorisation of I(0) at
/// R's tolerance (`toler.chol`) in column order (so the later of two collinear columns is aliased, as in R);
/// they get no coefficient and a ``ConvergenceWarning/Code/aliasedColumns`` warning.
///
/// Edge cases: no events gives ℓ = 0, no estimable coefficient and every column flagged; a coefficient whose
/// Newton step stays large relative to its size at convergence (monotone likelihood) is flagged
/// ``ConvergenceWarning/Code/coefficientMayBeInfinite``, as R warns.
/// - Complexity: O(n log n) to sort once, then O(n·p²) per iteration (one pass over the risk sets) plus O(p³).
public struct CoxModel: Sendable {
    public let options: CoxOptions

    public init(options: CoxOptions = CoxOptions()) {
        self.options = options
    }

    /// Fits the model.
    /// - Parameters:
    ///   - design: n × p covariates (no intercept column), column-major.
    ///   - entryTimes: the start of each row's interval (start, stop], or `nil` for rows at risk from time 0 on
    ///     (R's `Surv(start, stop, event)`).
    ///   - times: follow-up (exit) time of each row; `events[i]` whether row i ended in the event.
    ///   - weights: a case weight per row (R's `weights =`), or `nil` for 1 each.
    ///   - strata: any integer code per row (separate baseline hazards), or `nil`.
    ///   - clusters: any integer code per row; when given, the robust variance sums score residuals within clusters.
    ///   - robust: the robust variance with each row its own cluster (implied by `clusters`).
    /// - Precondition: consistent lengths; finite times and covariates; each entry time before its exit time;
    ///   weights finite and > 0 (R rejects weights ≤ 0 too).
    public func fit(
        design: Matrix, entryTimes: [Double]? = nil, times: [Double], events: [Bool], weights: [Double]? = nil,
        strata: [Int]? = nil, clusters: [Int]? = nil, robust: Bool = false
    ) -> CoxFit {
        precondition(design.rows == times.count, "Cox inputs need one row per observation")
        let n = design.rows
        return design.storage.withUnsafeBufferPointer { storage in
            fit(rowCount: n, columnCount: design.columns, covariate: { row, column in storage[row + column * n] },
                entryTimes: entryTimes, times: times, events: events, weights: weights, strata: strata,
                clusters: clusters, robust: robust)
        }
    }

    /// Fits the model to a design given by its entries instead of a matrix: `covariate(row, column)` for rows
    /// 0..<`rowCount` and columns 0..<`columnCount`, read once per sort (once, or twice when a column is aliased).
    /// The same fit as ``fit(design:entryTimes:times:events:weights:strata:clusters:robust:)`` on the matrix of
    /// these entries, without holding that n × p matrix beside the fit's sorted copy: for designs of many rows
    /// whose columns are computed from other data (time-varying exposures, indicators, interactions).
    /// `groupedColumns` names columns constant within groups of rows (a patient's baseline covariates over the
    /// patient's intervals), which the fit then keeps once per group.
    /// - Precondition: as for the matrix form; every entry finite; each grouped column constant within its groups.
    public func fit(
        rowCount: Int, columnCount: Int, covariate: (_ row: Int, _ column: Int) -> Double,
        groupedColumns: CoxGroupedColumns? = nil, entryTimes: [Double]? = nil, times: [Double], events: [Bool],
        weights: [Double]? = nil, strata: [Int]? = nil, clusters: [Int]? = nil, robust: Bool = false
    ) -> CoxFit {
        let n = times.count
        precondition(rowCount == n && events.count == n && (entryTimes?.count ?? n) == n,
                     "Cox inputs need one row per observation")
        return fit(
            rowCount: n, columnCount: columnCount, covariate: covariate, groupedColumns: groupedColumns,
            entryTime: entryTimes.map { entries in { entries[$0] } }, time: { times[$0] }, event: { events[$0] },
            weights: weights, strata: strata, clusters: clusters, robust: robust)
    }

    /// The fit of ``fit(rowCount:columnCount:covariate:groupedColumns:entryTimes:times:events:weights:strata:clusters:robust:)``
    /// with each row's entry time, exit time and event also given by functions of the row, read once per sort
    /// (the fit keeps its own copies in sorted order): a caller whose rows are a selection of stored intervals
    /// then holds no array of them beside the fit's (17 bytes a row; docs/Performance.md). The same numbers, bit
    /// for bit.
    /// - Precondition: as for the array form.
    public func fit(
        rowCount n: Int, columnCount: Int, covariate: (_ row: Int, _ column: Int) -> Double,
        groupedColumns: CoxGroupedColumns? = nil, entryTime: ((_ row: Int) -> Double)? = nil,
        time: (_ row: Int) -> Double, event: (_ row: Int) -> Bool,
        weights: [Double]? = nil, strata: [Int]? = nil, clusters: [Int]? = nil, robust: Bool = false
    ) -> CoxFit {
        precondition(n >= 0 && (strata?.count ?? n) == n && (groupedColumns?.group.count ?? n) == n
                     && (clusters?.count ?? n) == n && (weights?.count ?? n) == n,
                     "Cox inputs need one row per observation")
        precondition((0..<n).allSatisfy { time($0).isFinite }, "Cox times must be finite")
        if let entryTime {
            precondition((0..<n).allSatisfy { entryTime($0).isFinite && entryTime($0) < time($0) },
                         "Cox entry times must be finite and before their exit times")
        }
        if let weights {
            precondition(weights.allSatisfy { $0.isFinite && $0 > 0 }, "Cox case weights must be finite and > 0")
        }
        let allColumns = Array(0..<columnCount)
        func sorted(_ columns: [Int]) -> CoxRiskSets {
            CoxRiskSets(entries: covariate, grouped: groupedColumns, entryTime: entryTime, rowCount: n, time: time,
                        event: event, weights: weights, strata: strata, columns: columns)
        }
        var riskSets = sorted(allColumns)
        var evaluation = riskSets.evaluate([Double](repeating: 0, count: columnCount), ties: options.ties)
        var warnings: [ConvergenceWarning] = []
        // Aliased columns: rank-revealing factorisation of I(0).
        let pivoted = try? PivotedCholeskyFactorization(evaluation.information, relativeTolerance: options.choleskyTolerance)
        let aliased = pivoted.map { $0.aliasedColumns } ?? allColumns
        if !aliased.isEmpty {
            warnings += aliased.map { ConvergenceWarning.aliasedColumn(index: $0) }
            let kept = allColumns.filter { !aliased.contains($0) }
            riskSets = sorted(kept)
            evaluation = riskSets.evaluate([Double](repeating: 0, count: kept.count), ties: options.ties)
        }
        let nullEvaluation = evaluation
        let newton = newtonRaphson(riskSets: riskSets, start: evaluation, warnings: &warnings)
        return CoxFit(
            options: options, designColumns: columnCount, riskSets: riskSets, centredCoefficients: newton.beta,
            final: newton.final, null: nullEvaluation, convergence: newton.report, warnings: warnings,
            clusters: (clusters != nil || robust) ? (clusters ?? Array(0..<n)) : nil)
    }

    /// R's `coxfit6` iteration: Newton steps from the null evaluation, halving a step that lowers ℓ.
    private func newtonRaphson(
        riskSets: CoxRiskSets, start: CoxEvaluation, warnings: inout [ConvergenceWarning]
    ) -> (beta: [Double], final: CoxEvaluation, report: ConvergenceReport) {
        let p = riskSets.columnCount
        var beta = [Double](repeating: 0, count: p)
        var accepted = start
        var current = start
        var change = 0.0
        guard p > 0, options.maximumIterations > 0 else {
            return (beta, start, .stopped(iterations: 0, maximumIterations: options.maximumIterations,
                                          tolerance: options.convergenceTolerance, finalChange: 0, warnings: []))
        }
        var newBeta = zip(beta, solve(start.information, start.score, warnings: &warnings)).map { $0 + $1 }
        var halving = false
        var iterations = 0
        var converged = false
        for iteration in 1...options.maximumIterations {
            iterations = iteration
            current = riskSets.evaluate(newBeta, ties: options.ties)
            change = abs(1 - accepted.logLikelihood / current.logLikelihood)
            if accepted.logLikelihood == current.logLikelihood { change = 0 }
            if !halving && change <= options.convergenceTolerance {
                converged = true
                beta = newBeta
                break
            }
            if iteration == options.maximumIterations { break }
            if current.logLikelihood < accepted.logLikelihood || !current.logLikelihood.isFinite {
                halving = true
                newBeta = zip(newBeta, beta).map { ($0 + $1) / 2 }
            } else {
                halving = false
                accepted = current
                beta = newBeta
                newBeta = zip(beta, solve(current.information, current.score, warnings: &warnings)).map { $0 + $1 }
            }
        }
        if !converged {
            // R returns the last coefficients tried; keep the best accepted evaluation instead when the last
            // step was being halved (its log-likelihood is lower).
            if halving { current = accepted } else { beta = newBeta }
        }
        let report = ConvergenceReport(
            converged: converged, iterations: iterations, maximumIterations: options.maximumIterations,
            tolerance: options.convergenceTolerance, finalChange: change,
            warnings: converged ? [] : [.iterationLimitReached(
                maximumIterations: options.maximumIterations, finalChange: change,
                tolerance: options.convergenceTolerance)])
        return (beta, current, report)
    }

    /// I⁻¹u, by Cholesky; an information that is not positive definite is solved on its independent columns
    /// and flagged.
    private func solve(_ information: Matrix, _ score: [Double], warnings: inout [ConvergenceWarning]) -> [Double] {
        if let factor = try? CholeskyFactorization(information) { return factor.solve(score) }
        if !warnings.contains(where: { $0.code == .hessianNotPositiveDefinite }) {
            warnings.append(ConvergenceWarning(
                code: .hessianNotPositiveDefinite,
                message: "the information matrix was not positive definite during the iteration"))
        }
        guard let pivoted = try? PivotedCholeskyFactorization(information, relativeTolerance: options.choleskyTolerance)
        else { return [Double](repeating: 0, count: score.count) }
        return pivoted.solveIndependent(score).map { $0 ?? 0 }
    }
}
