/// Binary logistic regression, logit P(yᵢ = 1) = xᵢᵀβ, fitted by maximum likelihood (IRLS, as R's
/// `glm(family = binomial)`), by ridge-penalised likelihood, or by Firth's bias-reduced likelihood.
///
/// ```
/// ℓ(β) = Σ yᵢ ηᵢ − log(1 + e^ηᵢ),  ηᵢ = xᵢᵀβ
/// none:   maximise ℓ(β)                                    (IRLS, R's glm.fit iteration and stopping rule)
/// ridge:  maximise ℓ(γ) − λ/2 Σ_{j≠intercept} γⱼ²,  γ on covariates standardised by mean and sd (n − 1)
/// firth:  maximise ℓ(β) + ½ log det I(β),  I(β) = XᵀWX,  W = diag pᵢ(1 − pᵢ)
/// ```
/// Firth D., "Bias reduction of maximum likelihood estimates", Biometrika 80 (1993) 27–38, doi:10.1093/biomet/80.1.27;
/// Heinze G. & Schemper M., "A solution to the problem of separation in logistic regression", Stat. Med. 21 (2002)
/// 2409–2419, doi:10.1002/sim.1047; le Cessie S. & van Houwelingen J.C., "Ridge estimators in logistic regression",
/// Appl. Stat. 41 (1992) 191–201, doi:10.2307/2347628.
///
/// The design is the full model matrix: include a column of ones for the intercept. Aliased (linearly dependent)
/// columns are found once on the design, in R's order (the later column of a dependent set), get `nil` coefficients
/// and an ``ConvergenceWarning/Code/aliasedColumns`` warning. Fitted probabilities numerically 0 or 1 (separation) give
/// a ``ConvergenceWarning/Code/fittedProbabilitiesAtBounds`` warning and ``ConvergenceWarning/Code/coefficientMayBeInfinite``
/// for the coefficients that diverge; the Firth penalty gives finite estimates in that case.
/// - Complexity: O(n·p²) per iteration.
public struct LogisticRegression: Sendable, Hashable {
    /// The penalty on the likelihood.
    public enum Penalty: Sendable, Hashable, CustomStringConvertible {
        /// Plain maximum likelihood (R's `glm`).
        case none
        /// L2 penalty λ/2 Σ γⱼ² on standardised covariates (the intercept is not penalised).
        case ridge(lambda: Double)
        /// Firth's Jeffreys-prior penalty ½ log det I(β).
        case firth

        public var description: String {
            switch self {
            case .none: "none"
            case .ridge(let lambda): "ridge(lambda: \(lambda))"
            case .firth: "firth"
            }
        }
    }

    public let penalty: Penalty
    public let options: LogisticRegressionOptions

    public init(penalty: Penalty = .none, options: LogisticRegressionOptions = LogisticRegressionOptions()) {
        if case .ridge(let lambda) = penalty {
            precondition(lambda >= 0 && lambda.isFinite, "A ridge penalty must be finite and non-negative")
        }
        self.penalty = penalty
        self.options = options
    }

    /// Fits the model to the rows of `design` (n × p, with an intercept column if wanted) and the 0/1 `outcome`.
    /// - Throws: ``LogisticRegressionError`` for an outcome that is not 0/1, non-finite design values, no rows, or
    ///   a Firth information matrix that cannot be factorised.
    /// - Precondition: `outcome.count == design.rows`.
    public func fit(design: Matrix, outcome: [Double]) throws(LogisticRegressionError) -> LogisticFit {
        precondition(outcome.count == design.rows, "Logistic regression needs one outcome per design row")
        try LogisticRegressionError.validate(design: design, outcome: outcome)
        let columns = LogisticColumns(design: design, aliasTolerance: options.aliasTolerance)
        // The independent columns as a temporary: for ridge only the standardised row-major copy outlives its making.
        let estimate: LogisticEstimate
        switch penalty {
        case .none:
            estimate = LogisticIRLS(design: columns.independentPart(of: design), outcome: outcome, options: options,
                                    lambda: 0, interceptColumn: nil).run()
        case .ridge(let lambda):
            let standardised = StandardisedDesign(columns.independentPart(of: design))
            estimate = standardised.toOriginalScale(
                LogisticIRLS(rowMajor: standardised.rowMajor, outcome: outcome, options: options, lambda: lambda,
                             interceptColumn: standardised.interceptColumn).run())
        case .firth:
            estimate = try FirthIteration(design: columns.independentPart(of: design), outcome: outcome, options: options)
                .run()
        }
        return LogisticFit(
            penalty: penalty, estimate: estimate, columns: columns, design: design, outcome: outcome,
            options: options)
    }
}

/// Options for ``LogisticRegression``; the defaults are R's `glm.control()`.
public struct LogisticRegressionOptions: Sendable, Hashable {
    /// IRLS stops when |D − D_old| / (|D| + 0.1) < this (D the deviance, penalised for ridge), as `glm.control(epsilon)`.
    /// Firth iterations stop when the largest step |Δβⱼ| is at most this.
    public var convergenceTolerance: Double
    /// The most iterations (R: `maxit = 25`; Firth uses at least 100).
    public var maximumIterations: Int
    /// A column is aliased when 1 − R² of it on the earlier kept columns (uncentred, on the unit-weight Gram matrix
    /// scaled to unit diagonal) is at most this. R's QR uses ‖residual‖ < 1e-7‖x‖, i.e. 1e-14 here; Gram-matrix
    /// rounding makes 1e-10 the safe equivalent.
    public var aliasTolerance: Double

    public init(convergenceTolerance: Double = 1e-8, maximumIterations: Int = 25, aliasTolerance: Double = 1e-10) {
        precondition(convergenceTolerance > 0 && maximumIterations > 0 && aliasTolerance > 0,
                     "Logistic regression options must be positive")
        self.convergenceTolerance = convergenceTolerance
        self.maximumIterations = maximumIterations
        self.aliasTolerance = aliasTolerance
    }
}

/// Bad input to ``LogisticRegression/fit(design:outcome:)``.
public struct LogisticRegressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func validate(design: Matrix, outcome: [Double]) throws(LogisticRegressionError) {
        guard design.rows > 0 else { throw LogisticRegressionError("logistic regression needs at least one row") }
        if let row = outcome.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw LogisticRegressionError("the outcome must be 0 or 1; row \(row + 1) has \(outcome[row])")
        }
        if let position = design.storage.firstIndex(where: { !$0.isFinite }) {
            throw LogisticRegressionError(
                "design row \(position % design.rows + 1), column \(position / design.rows + 1) is not finite")
        }
    }
}
