import Foundation

/// A fitted ``LinearMixedModel``: an immutable value with the estimates, their standard errors, the variance
/// components, the likelihood and the convergence report. Quantities are defined as `lme4` reports them.
///
/// ```
/// σ̂² = r² / n (ML) or r² / (n − p) (REML)
/// Cov(β̂) = σ̂² (RXᵀRX)⁻¹                                (vcov.merMod)
/// Var(b) = σ̂² Λ Λᵀ:  sd_intercept = σ̂ θ₁,  sd_slope = σ̂ √(θ₂² + θ₃²),  ρ = θ₂ / √(θ₂² + θ₃²)
/// ML:   log L = −d_ML(θ̂)/2;   REML: log L_R = −d_REML(θ̂)/2 and the REML criterion is d_REML(θ̂)
/// ```
public struct LinearMixedModelFit: Sendable {
    public let options: LinearMixedModelOptions
    /// β̂ per column of the design given to ``LinearMixedModel/fit(response:fixedEffects:time:group:)``; `nil`
    /// for an aliased column.
    public let coefficients: [Double?]
    /// Standard errors of ``coefficients`` (`nil` where the coefficient is).
    public let standardErrors: [Double?]
    /// Cov(β̂) over the estimable columns, in the order of ``estimableColumns``.
    public let coefficientCovariance: Matrix
    /// The design columns that were estimated (the others were aliased).
    public let estimableColumns: [Int]
    /// The relative covariance factor θ (lme4's `getME(fit, "theta")`): (θ₁, θ₂, θ₃), or (θ₁) with a random
    /// intercept only; θ₁, θ₃ ≥ 0.
    public let theta: [Double]
    /// σ̂, the residual standard deviation.
    public let residualStandardDeviation: Double
    /// The standard deviation of the random intercepts.
    public let interceptStandardDeviation: Double
    /// The standard deviation of the random slopes (`nil` with a random intercept only).
    public let slopeStandardDeviation: Double?
    /// The correlation of random intercept and slope (`nil` without a slope or when either SD is zero).
    public let interceptSlopeCorrelation: Double?
    /// The maximised log-likelihood (the restricted log-likelihood for a REML fit, as `logLik` in lme4).
    public let logLikelihood: Double
    /// The REML criterion −2 log L_R at the optimum (`nil` for an ML fit).
    public let remlCriterion: Double?
    public let observationCount: Int
    /// The number of groups with at least one row.
    public let groupCount: Int
    /// The optimisation's report; a singular fit carries ``ConvergenceWarning/Code/varianceOnBoundary``
    /// and aliased design columns ``ConvergenceWarning/Code/aliasedColumns``.
    public private(set) var convergence: ConvergenceReport

    /// Whether a variance parameter is on its boundary (`lme4::isSingular`).
    public var isSingular: Bool { convergence.hasWarning(.varianceOnBoundary) }

    init(
        options: LinearMixedModelOptions, evaluation: ProfiledDeviance.Evaluation, theta: [Double],
        keptColumns: [Int], columnCount: Int, observationCount: Int, groupCount: Int,
        convergence: ConvergenceReport
    ) {
        self.options = options
        self.theta = theta
        self.estimableColumns = keptColumns
        self.observationCount = observationCount
        self.groupCount = groupCount
        let p = keptColumns.count
        let restricted = options.criterion == .restrictedMaximumLikelihood
        let degrees = Double(restricted ? observationCount - p : observationCount)
        let sigma = (evaluation.penalizedResidualSumOfSquares / degrees).squareRoot()
        residualStandardDeviation = sigma
        let precisionInverse = (try? CholeskyFactorization(evaluation.fixedEffectPrecision).inverse())
            ?? Matrix(rows: p, columns: p, repeating: .nan)
        let covariance = (sigma * sigma) * precisionInverse
        coefficientCovariance = covariance
        var coefficients = [Double?](repeating: nil, count: columnCount)
        var standardErrors = [Double?](repeating: nil, count: columnCount)
        for (position, column) in keptColumns.enumerated() {
            coefficients[column] = evaluation.coefficients[position]
            standardErrors[column] = covariance[position, position].squareRoot()
        }
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        interceptStandardDeviation = sigma * theta[0]
        if theta.count == 3 {
            let slopeFactor = (theta[1] * theta[1] + theta[2] * theta[2]).squareRoot()
            slopeStandardDeviation = sigma * slopeFactor
            interceptSlopeCorrelation = theta[0] > 0 && slopeFactor > 0 ? theta[1] / slopeFactor : nil
        } else {
            slopeStandardDeviation = nil
            interceptSlopeCorrelation = nil
        }
        logLikelihood = -evaluation.deviance / 2
        remlCriterion = restricted ? evaluation.deviance : nil
        let aliased = (0..<columnCount).filter { !keptColumns.contains($0) }
        self.convergence = convergence.adding(aliased.map { ConvergenceWarning.aliasedColumn(index: $0) })
    }

    /// The same fit with `warnings` added to its convergence report.
    func adding(_ warnings: [ConvergenceWarning]) -> LinearMixedModelFit {
        var copy = self
        copy.convergence = convergence.adding(warnings)
        return copy
    }
}
