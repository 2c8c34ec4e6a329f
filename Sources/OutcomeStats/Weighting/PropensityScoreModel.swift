/// The logistic propensity-score model: the probability of the exposure (T = 1) given the covariates,
///
/// ```
/// e(x) = P(T = 1 | x) = 1 / (1 + exp(−(β₀ + xᵀβ)))
/// ```
/// fitted by maximum likelihood with ``LogisticRegression`` (R's `glm(T ~ x, family = binomial)`; an intercept is
/// put in front of the covariates). Rosenbaum & Rubin, "The central role of the propensity score in observational
/// studies for causal effects", Biometrika 70 (1983) 41, doi:10.1093/biomet/70.1.41.
///
/// Edge cases are the logistic fit's: aliased covariates get no coefficient; separation (scores numerically 0 or 1,
/// hence enormous weights) is a ``ConvergenceWarning/Code/fittedProbabilitiesAtBounds`` warning in
/// ``PropensityScoreFit/convergence``, never hidden.
public struct PropensityScoreModel: Sendable, Hashable {
    public let options: LogisticRegressionOptions

    public init(options: LogisticRegressionOptions = LogisticRegressionOptions()) {
        self.options = options
    }

    /// Fits e(x).
    /// - Parameters:
    ///   - covariates: n × p, column-major, without an intercept column.
    ///   - exposure: whether each row is exposed (T = 1).
    /// - Throws: ``LogisticRegressionError`` for non-finite covariates or no rows.
    /// - Precondition: `exposure.count == covariates.rows`.
    public func fit(covariates: Matrix, exposure: [Bool]) throws(LogisticRegressionError) -> PropensityScoreFit {
        precondition(exposure.count == covariates.rows, "A propensity model needs one exposure per row")
        let n = covariates.rows
        let design = Matrix(rows: n, columns: covariates.columns + 1,
                            columnMajor: [Double](repeating: 1, count: n) + covariates.storage)
        let logistic = try LogisticRegression(options: options).fit(design: design, outcome: exposure.map { $0 ? 1 : 0 })
        return PropensityScoreFit(logistic: logistic, exposure: exposure)
    }
}

/// A fitted propensity model: the logistic fit (intercept first, then the covariates in order) and each row's
/// score e(xᵢ).
public struct PropensityScoreFit: Sendable {
    public let logistic: LogisticFit
    /// e(xᵢ), in row order.
    public let scores: [Double]
    public let exposure: [Bool]

    init(logistic: LogisticFit, exposure: [Bool]) {
        self.logistic = logistic
        self.scores = logistic.fittedProbabilities
        self.exposure = exposure
    }

    /// The logistic fit's report (aliased columns, separation, non-convergence).
    public var convergence: ConvergenceReport { logistic.convergence }

    /// The inverse probability weights of these scores (see ``InverseProbabilityWeights``).
    public func weights(
        _ scheme: InverseProbabilityWeights.Scheme = .stabilised, truncation: InverseProbabilityWeights.Truncation? = nil
    ) -> InverseProbabilityWeights {
        InverseProbabilityWeights(exposure: exposure, propensityScores: scores, scheme: scheme, truncation: truncation)
    }
}
