import Foundation

/// A fitted Cox model: an immutable value with the estimates, their variance, the likelihoods, the tests,
/// Harrell's concordance (computed when asked) and the convergence report. Made by
/// ``CoxModel/fit(design:entryTimes:times:events:weights:strata:clusters:robust:)``.
///
/// Indices are the design's columns; an aliased column has `nil` estimates and zero rows and columns in the
/// variance matrices, as R reports `NA`. When the fit is robust (a cluster column, or `robust: true`), ``variance``
/// is the sandwich variance and z, p and confidence intervals use it, as R does; ``modelVariance`` is I(β̂)⁻¹.
public struct CoxFit: Sendable {
    /// The estimates, variances, tests and convergence report, without the data (what an analysis that keeps many
    /// fits of many rows should keep).
    public let estimates: CoxEstimates

    public var options: CoxOptions { estimates.options }
    /// ``CoxEstimates/coefficients``.
    public var coefficients: [Double?] { estimates.coefficients }
    /// ``CoxEstimates/modelVariance``.
    public var modelVariance: Matrix { estimates.modelVariance }
    /// ``CoxEstimates/robustVariance``.
    public var robustVariance: Matrix? { estimates.robustVariance }
    /// ``CoxEstimates/logLikelihoodNull``.
    public var logLikelihoodNull: Double { estimates.logLikelihoodNull }
    /// ``CoxEstimates/logLikelihood``.
    public var logLikelihood: Double { estimates.logLikelihood }
    /// ``CoxEstimates/scoreTest``.
    public var scoreTest: ChiSquaredTest { estimates.scoreTest }
    /// ``CoxEstimates/likelihoodRatioTest``.
    public var likelihoodRatioTest: ChiSquaredTest { estimates.likelihoodRatioTest }
    /// ``CoxEstimates/waldTest``.
    public var waldTest: ChiSquaredTest { estimates.waldTest }
    /// Harrell's C as R reports it (`concordance(riskSets:beta:)`), computed from the fit's rows when asked:
    /// O(n log n) each time, so an analysis that keeps only ``estimates`` never pays for it.
    public var concordance: Double { Self.concordance(riskSets: riskSets, beta: activeCoefficients) }
    /// ``CoxEstimates/subjectCount``.
    public var subjectCount: Int { estimates.subjectCount }
    /// ``CoxEstimates/eventCount``.
    public var eventCount: Int { estimates.eventCount }
    /// ``CoxEstimates/convergence``.
    public var convergence: ConvergenceReport { estimates.convergence }

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
        self.riskSets = riskSets
        self.activeCoefficients = beta
        self.final = final
        let columns = riskSets.columns
        var coefficients = [Double?](repeating: nil, count: designColumns)
        for (position, column) in columns.enumerated() { coefficients[column] = beta[position] }
        let activeVariance = (try? CholeskyFactorization(final.information))?.inverse()
        var allWarnings = warnings + convergence.warnings
        if activeVariance == nil && !columns.isEmpty {
            allWarnings.append(ConvergenceWarning(
                code: .hessianNotPositiveDefinite, message: "the information matrix at the estimate is not positive definite"))
        }
        let variance = activeVariance ?? Matrix(rows: columns.count, columns: columns.count)
        let modelVariance = Self.expand(variance, columns: columns, to: designColumns)
        var robust: Matrix? = nil
        if let clusters {
            let active = Self.sandwich(riskSets: riskSets, evaluation: final, beta: beta, variance: variance,
                                       clusters: clusters, ties: options.ties)
            robust = Self.expand(active, columns: columns, to: designColumns)
        }
        // Possibly infinite coefficients: the Newton step I⁻¹u still large at convergence (R's check).
        let step = variance.multiplied(by: final.score)
        for (position, column) in columns.enumerated() where options.maximumIterations > 1 && convergence.converged {
            let size = abs(step[position])
            if size > options.convergenceTolerance && size > options.infiniteCoefficientTolerance * abs(beta[position]) {
                allWarnings.append(.coefficientMayBeInfinite(index: column, estimate: beta[position]))
            }
        }
        let report = ConvergenceReport(
            converged: convergence.converged, iterations: convergence.iterations,
            maximumIterations: convergence.maximumIterations, tolerance: convergence.tolerance,
            finalChange: convergence.finalChange, warnings: allWarnings)
        let p = columns.count
        let scoreStatistic = (try? CholeskyFactorization(null.information)).map { factor in
            zip(factor.solve(null.score), null.score).reduce(0) { $0 + $1.0 * $1.1 }
        } ?? .nan
        let likelihoodRatio = 2 * (final.logLikelihood - null.logLikelihood)
        let inferenceVariance = robust.map { $0.submatrix(rows: columns, columns: columns) } ?? variance
        let waldStatistic = (try? CholeskyFactorization(inferenceVariance)).map { factor in
            zip(factor.solve(beta), beta).reduce(0) { $0 + $1.0 * $1.1 }
        } ?? .nan
        self.estimates = CoxEstimates(
            options: options, coefficients: coefficients, modelVariance: modelVariance, robustVariance: robust,
            logLikelihoodNull: null.logLikelihood, logLikelihood: final.logLikelihood,
            scoreTest: ChiSquaredTest(statistic: scoreStatistic, degreesOfFreedom: p),
            likelihoodRatioTest: ChiSquaredTest(statistic: likelihoodRatio, degreesOfFreedom: p),
            waldTest: ChiSquaredTest(statistic: waldStatistic, degreesOfFreedom: p),
            subjectCount: riskSets.count,
            eventCount: riskSets.events.reduce(0) { $0 + ($1 ? 1 : 0) }, convergence: report,
            hasEntryTimes: riskSets.entryTimes != nil, isWeighted: riskSets.isWeighted)
    }

    /// Whether the rows had entry times, (start, stop] intervals.
    public var hasEntryTimes: Bool { estimates.hasEntryTimes }
    /// Whether any row had a case weight other than 1.
    public var isWeighted: Bool { estimates.isWeighted }

    /// The variance used for inference: ``robustVariance`` when present, else ``modelVariance``.
    public var variance: Matrix { estimates.variance }

    /// ``CoxEstimates/standardErrors``.
    public var standardErrors: [Double?] { estimates.standardErrors }
    /// ``CoxEstimates/robustStandardErrors``.
    public var robustStandardErrors: [Double?]? { estimates.robustStandardErrors }

    /// A p_active × p_active matrix placed into the rows and columns `columns` of a `size × size` zero matrix.
    static func expand(_ active: Matrix, columns: [Int], to size: Int) -> Matrix {
        var result = Matrix(rows: size, columns: size)
        for (a, i) in columns.enumerated() {
            for (b, j) in columns.enumerated() { result[i, j] = active[a, b] }
        }
        return result
    }
}
