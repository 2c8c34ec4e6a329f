import Foundation

/// A fitted Cox model: an immutable value with the estimates, their variance, the likelihoods, the tests,
/// Harrell's concordance and the convergence report. Made by
/// ``CoxModel/fit(design:entryTimes:times:events:weights:strata:clusters:robust:)``.
///
/// Indices are the design's columns; an aliased column has `nil` estimates and zero rows and columns in the
/// variance matrices, as R reports `NA`. When the fit is robust (a cluster column, or `robust: true`), ``variance``
/// is the sandwich variance and z, p and confidence intervals use it, as R does; ``modelVariance`` is I(β̂)⁻¹.
public struct CoxFit: Sendable {
    public let options: CoxOptions
    /// β̂ per design column; `nil` for an aliased column.
    public let coefficients: [Double?]
    /// I(β̂)⁻¹, p × p over all design columns (zeros for aliased ones).
    public let modelVariance: Matrix
    /// The robust (sandwich) variance, when asked for.
    public let robustVariance: Matrix?
    /// ℓ(0), the log partial likelihood of the null model.
    public let logLikelihoodNull: Double
    /// ℓ(β̂).
    public let logLikelihood: Double
    /// u(0)ᵀ I(0)⁻¹ u(0) on the estimable columns (R's "Score (logrank) test").
    public let scoreTest: ChiSquaredTest
    /// 2(ℓ(β̂) − ℓ(0)).
    public let likelihoodRatioTest: ChiSquaredTest
    /// β̂ᵀ V⁻¹ β̂ with V = ``variance``.
    public let waldTest: ChiSquaredTest
    /// Harrell's C as R reports it (see `concordance(riskSets:beta:)`).
    public let concordance: Double
    /// The number of rows (R's `n`; intervals, not subjects, for counting-process data).
    public let subjectCount: Int
    /// The number of rows ending in the event, unweighted (R's `nevent`).
    public let eventCount: Int
    /// Newton–Raphson's report, with aliased columns, possibly infinite coefficients and an information matrix
    /// that is not positive definite among its warnings.
    public let convergence: ConvergenceReport

    /// The sorted data, kept for residuals, the baseline hazard and the proportional-hazards test.
    let riskSets: CoxRiskSets
    /// β̂ on the active columns (the centred scale has the same slopes).
    let activeCoefficients: [Double]
    /// The final evaluation (score and information at β̂).
    let final: CoxEvaluation

    init(
        options: CoxOptions, designColumns: Int, riskSets: CoxRiskSets, centredCoefficients beta: [Double],
        final: CoxEvaluation, null: CoxEvaluation, convergence: ConvergenceReport, warnings: [ConvergenceWarning],
        clusters: [Int]?
    ) {
        self.options = options
        self.riskSets = riskSets
        self.activeCoefficients = beta
        self.final = final
        let columns = riskSets.columns
        var coefficients = [Double?](repeating: nil, count: designColumns)
        for (position, column) in columns.enumerated() { coefficients[column] = beta[position] }
        self.coefficients = coefficients
        let activeVariance = (try? CholeskyFactorization(final.information))?.inverse()
        var allWarnings = warnings + convergence.warnings
        if activeVariance == nil && !columns.isEmpty {
            allWarnings.append(ConvergenceWarning(
                code: .hessianNotPositiveDefinite, message: "the information matrix at the estimate is not positive definite"))
        }
        let variance = activeVariance ?? Matrix(rows: columns.count, columns: columns.count)
        self.modelVariance = Self.expand(variance, columns: columns, to: designColumns)
        var robust: Matrix? = nil
        if let clusters {
            let active = Self.sandwich(riskSets: riskSets, evaluation: final, beta: beta, variance: variance,
                                       clusters: clusters, ties: options.ties)
            robust = Self.expand(active, columns: columns, to: designColumns)
        }
        self.robustVariance = robust
        // Possibly infinite coefficients: the Newton step I⁻¹u still large at convergence (R's check).
        let step = variance.multiplied(by: final.score)
        for (position, column) in columns.enumerated() where options.maximumIterations > 1 && convergence.converged {
            let size = abs(step[position])
            if size > options.convergenceTolerance && size > options.infiniteCoefficientTolerance * abs(beta[position]) {
                allWarnings.append(.coefficientMayBeInfinite(index: column, estimate: beta[position]))
            }
        }
        self.convergence = ConvergenceReport(
            converged: convergence.converged, iterations: convergence.iterations,
            maximumIterations: convergence.maximumIterations, tolerance: convergence.tolerance,
            finalChange: convergence.finalChange, warnings: allWarnings)
        self.logLikelihoodNull = null.logLikelihood
        self.logLikelihood = final.logLikelihood
        let p = columns.count
        let scoreStatistic = (try? CholeskyFactorization(null.information)).map { factor in
            zip(factor.solve(null.score), null.score).reduce(0) { $0 + $1.0 * $1.1 }
        } ?? .nan
        self.scoreTest = ChiSquaredTest(statistic: scoreStatistic, degreesOfFreedom: p)
        self.likelihoodRatioTest = ChiSquaredTest(
            statistic: 2 * (final.logLikelihood - null.logLikelihood), degreesOfFreedom: p)
        let inferenceVariance = robust.map { $0.submatrix(rows: columns, columns: columns) } ?? variance
        let waldStatistic = (try? CholeskyFactorization(inferenceVariance)).map { factor in
            zip(factor.solve(beta), beta).reduce(0) { $0 + $1.0 * $1.1 }
        } ?? .nan
        self.waldTest = ChiSquaredTest(statistic: waldStatistic, degreesOfFreedom: p)
        self.concordance = Self.concordance(riskSets: riskSets, beta: beta)
        self.subjectCount = riskSets.count
        self.eventCount = riskSets.events.reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// Whether the rows had entry times, (start, stop] intervals.
    public var hasEntryTimes: Bool { riskSets.entryTimes != nil }
    /// Whether any row had a case weight other than 1.
    public var isWeighted: Bool { riskSets.isWeighted }

    /// The variance used for inference: ``robustVariance`` when present, else ``modelVariance``.
    public var variance: Matrix { robustVariance ?? modelVariance }

    /// √ of the diagonal of ``modelVariance``; `nil` for aliased columns.
    public var standardErrors: [Double?] { Self.roots(modelVariance, coefficients) }
    /// √ of the diagonal of ``robustVariance``; `nil` when the fit is not robust or the column aliased.
    public var robustStandardErrors: [Double?]? { robustVariance.map { Self.roots($0, coefficients) } }

    static func roots(_ matrix: Matrix, _ coefficients: [Double?]) -> [Double?] {
        coefficients.indices.map { coefficients[$0] == nil ? nil : matrix[$0, $0].squareRoot() }
    }

    /// A p_active × p_active matrix placed into the rows and columns `columns` of a `size × size` zero matrix.
    static func expand(_ active: Matrix, columns: [Int], to size: Int) -> Matrix {
        var result = Matrix(rows: size, columns: size)
        for (a, i) in columns.enumerated() {
            for (b, j) in columns.enumerated() { result[i, j] = active[a, b] }
        }
        return result
    }
}
