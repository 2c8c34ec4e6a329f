import Foundation

/// A fitted logistic model: coefficients for every design column (`nil` for aliased ones), Wald standard errors, the
/// deviances and AIC, the fitted probabilities and how the iteration ended.
///
/// ```
/// D = −2 ℓ(β̂) (unpenalised, also for ridge and Firth);  D₀ = the deviance of the intercept-only model
/// (constant ȳ with an intercept column, p = ½ without one, as glm);  AIC = D + 2·df
/// z = β̂ⱼ / SEⱼ,  p-value = 2 Φ(−|z|),  Wald CI β̂ⱼ ± z_{1−α/2} SEⱼ (R's confint.default)
/// ```
/// df is the rank for ML and Firth and the effective degrees of freedom tr(H⁻¹XᵀWX) for ridge.
public struct LogisticFit: Sendable {
    public let penalty: LogisticRegression.Penalty
    /// One per design column; `nil` for an aliased column.
    public let coefficients: [Double?]
    /// One per design column; `nil` for an aliased column.
    public let standardErrors: [Double?]
    /// The covariance of the estimable coefficients, in the order of ``independentColumns``.
    public let covariance: Matrix
    public let independentColumns: [Int]
    public let aliasedColumns: [Int]
    /// The design column of ones, if any.
    public let interceptColumn: Int?
    public let deviance: Double
    public let nullDeviance: Double
    public let degreesOfFreedom: Double
    public let aic: Double
    public let observationCount: Int
    /// P̂(yᵢ = 1) for the fitted rows.
    public let fittedProbabilities: [Double]
    public let convergence: ConvergenceReport

    init(
        penalty: LogisticRegression.Penalty, estimate: LogisticEstimate, columns: LogisticColumns, design: Matrix,
        outcome: [Double], options: LogisticRegressionOptions
    ) {
        self.penalty = penalty
        independentColumns = columns.independent
        aliasedColumns = columns.aliased
        interceptColumn = columns.intercept
        var coefficients = [Double?](repeating: nil, count: columns.count)
        var errors = [Double?](repeating: nil, count: columns.count)
        for (position, column) in columns.independent.enumerated() {
            coefficients[column] = estimate.coefficients[position]
            errors[column] = estimate.covariance[position, position].squareRoot()
        }
        self.coefficients = coefficients
        standardErrors = errors
        covariance = estimate.covariance
        observationCount = design.rows
        let eta = design.multiplied(by: coefficients.map { $0 ?? 0 })
        fittedProbabilities = eta.map(LogitLink.probability)
        deviance = LogitLink.deviance(outcome: outcome, probabilities: fittedProbabilities)
        let mean = outcome.reduce(0, +) / Double(outcome.count)
        nullDeviance = LogitLink.deviance(
            outcome: outcome, probabilities: Array(repeating: columns.intercept == nil ? 0.5 : mean, count: outcome.count))
        degreesOfFreedom = estimate.effectiveDegreesOfFreedom
        aic = deviance + 2 * degreesOfFreedom
        var warnings = columns.aliased.map { ConvergenceWarning.aliasedColumn(index: $0) }
        warnings += Self.separationWarnings(
            probabilities: fittedProbabilities, coefficients: coefficients, standardErrors: errors, penalty: penalty)
        if mean == 0 || mean == 1 {
            warnings.append(ConvergenceWarning(
                code: .constantResponse,
                message: "every outcome is \(Int(mean)): the intercept diverges and no coefficient can be estimated"))
        }
        let nonFinite = coefficients.compactMap { $0 }.contains { !$0.isFinite }
            || errors.compactMap { $0 }.contains { !$0.isFinite } || !deviance.isFinite
        if nonFinite {
            warnings.append(ConvergenceWarning(
                code: .nonFiniteValues,
                message: "the fit produced values that are not finite numbers: a covariate may be too large in "
                    + "magnitude (rescale it) or perfectly predict the outcome"))
        }
        convergence = estimate.convergence.adding(warnings)
    }

    /// R's glm check: a fitted probability within 10ε of 0 or 1. The coefficients flagged as possibly infinite are
    /// those whose standard error exceeds 100·max(1, |β̂ⱼ|): under separation the likelihood is flat along the
    /// diverging direction, so their information collapses.
    private static func separationWarnings(
        probabilities: [Double], coefficients: [Double?], standardErrors: [Double?], penalty: LogisticRegression.Penalty
    ) -> [ConvergenceWarning] {
        let bound = 10 * Double.ulpOfOne
        let atBounds = probabilities.filter { $0 < bound || $0 > 1 - bound }.count
        guard atBounds > 0 else { return [] }
        var warnings = [ConvergenceWarning(
            code: .fittedProbabilitiesAtBounds,
            message: "\(atBounds) fitted probabilities are numerically 0 or 1: the outcome is (quasi-)separated by the "
                + "covariates; use the Firth penalty for finite estimates")]
        for (index, (coefficient, error)) in zip(coefficients, standardErrors).enumerated() {
            guard let coefficient, let error, error > 100 * max(1, abs(coefficient)) || !error.isFinite else { continue }
            warnings.append(.coefficientMayBeInfinite(index: index, estimate: coefficient))
        }
        return warnings
    }

    /// βⱼ/SEⱼ; `nil` for aliased columns.
    public var zStatistics: [Double?] {
        zip(coefficients, standardErrors).map { coefficient, error in
            guard let coefficient, let error else { return nil }
            return coefficient / error
        }
    }

    /// Two-sided Wald p-values 2Φ(−|z|); `nil` for aliased columns.
    public var pValues: [Double?] { zStatistics.map { $0.map(Normal.twoSidedPValue) } }

    /// P̂(y = 1 | x) = 1/(1 + e^−xᵀβ̂) for a design row (aliased coefficients count as 0).
    /// - Precondition: `row.count` is the number of design columns.
    public func probability(_ row: [Double]) -> Double {
        precondition(row.count == coefficients.count, "A design row needs \(coefficients.count) values")
        var eta = 0.0
        for (value, coefficient) in zip(row, coefficients) { eta += value * (coefficient ?? 0) }
        return 1 / (1 + exp(-eta))
    }
}

extension ConvergenceWarning.Code {
    /// Fitted probabilities numerically 0 or 1 (R: "fitted probabilities numerically 0 or 1 occurred").
    public static let fittedProbabilitiesAtBounds = ConvergenceWarning.Code(rawValue: "fitted-probabilities-at-bounds")
}
