import Foundation

/// The inverse logit with R's `binomial()` guards (`logit_linkinv`, `logit_mu_eta` in R's family.c): beyond |η| > 30
/// the odds are clamped to ε or 1/ε and dμ/dη to ε, so IRLS weights stay positive under separation.
enum LogitLink {
    static let threshold = 30.0

    static func probability(_ eta: Double) -> Double {
        let odds = eta < -threshold ? Double.ulpOfOne : eta > threshold ? 1 / Double.ulpOfOne : exp(eta)
        return odds / (1 + odds)
    }

    static func derivative(_ eta: Double) -> Double {
        guard abs(eta) <= threshold else { return Double.ulpOfOne }
        let odds = exp(eta)
        return odds / ((1 + odds) * (1 + odds))
    }

    /// The binomial deviance 2 Σ [y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))] for 0/1 y (= −2ℓ).
    static func deviance(outcome: [Double], probabilities: [Double]) -> Double {
        var total = 0.0
        for (y, mu) in zip(outcome, probabilities) { total -= 2 * (y == 1 ? log(mu) : log(1 - mu)) }
        return total
    }
}

/// The estimate for the estimable (non-aliased) columns, before names and tests are attached.
struct LogisticEstimate {
    var coefficients: [Double]
    var covariance: Matrix
    var convergence: ConvergenceReport
    /// tr(H⁻¹ XᵀWX): the number of coefficients for ML and Firth, less for ridge.
    var effectiveDegreesOfFreedom: Double
}

/// IRLS for the logistic model with an optional ridge penalty Λ = λ·diag(1, …, 0 at the intercept, …, 1): the
/// iteration of R's `glm.fit` (start μ = (y + ½)/2, working response z = η + (y − μ)/μ′, weights μ′²/μ(1 − μ),
/// stop when |D − D_old|/(|D| + 0.1) < ε, halve the step while the deviance is not finite).
///
/// Each step solves (XᵀWX + Λ) β = XᵀWz by Cholesky. The covariance is taken from the weights of the last solve,
/// as `summary.glm` does (its QR is that of the last WLS fit): (XᵀWX)⁻¹ without a penalty, the sandwich
/// H⁻¹ XᵀWX H⁻¹ (H = XᵀWX + Λ) with one (le Cessie & van Houwelingen 1992).
struct LogisticIRLS {
    let outcome: [Double]
    let options: LogisticRegressionOptions
    let lambda: Double
    let interceptColumn: Int?
    /// The design row by row (the only copy kept), for XᵀWX, Xβ and Xᵀv; shared by the fits of a ridge path
    /// (``with(lambda:)``).
    private let rowMajor: RowMajorDesign

    init(design: Matrix, outcome: [Double], options: LogisticRegressionOptions, lambda: Double, interceptColumn: Int?) {
        self.init(rowMajor: RowMajorDesign(design), outcome: outcome, options: options, lambda: lambda,
                  interceptColumn: interceptColumn)
    }

    init(
        rowMajor: RowMajorDesign, outcome: [Double], options: LogisticRegressionOptions, lambda: Double,
        interceptColumn: Int?
    ) {
        self.rowMajor = rowMajor
        self.outcome = outcome
        self.options = options
        self.lambda = lambda
        self.interceptColumn = interceptColumn
    }

    /// The same fit with another penalty, sharing the row-major copy of the design.
    func with(lambda: Double) -> LogisticIRLS {
        LogisticIRLS(rowMajor: rowMajor, outcome: outcome, options: options, lambda: lambda,
                     interceptColumn: interceptColumn)
    }

    /// Where the iteration stopped: the coefficients, and XᵀWX and the factor of XᵀWX + Λ from the last solve.
    struct Iteration {
        var coefficients: [Double]
        var gram: Matrix
        var factor: CholeskyFactorization?
        var iterations: Int
        var change: Double
        var warnings: [ConvergenceWarning]
    }

    func run() -> LogisticEstimate {
        let iteration = iterate(from: nil)
        let p = rowMajor.columns
        var covariance = Matrix(rows: p, columns: p, repeating: .nan)
        var degrees = Double(p)
        if let factor = iteration.factor {
            let inverse = factor.inverse()
            if lambda == 0 {
                covariance = inverse
            } else {
                let half = inverse * iteration.gram
                covariance = (half * inverse).symmetrized
                degrees = half.diagonal.reduce(0, +)
            }
        }
        let report = ConvergenceReport.stopped(
            iterations: iteration.iterations, maximumIterations: options.maximumIterations,
            tolerance: options.convergenceTolerance, finalChange: iteration.change, warnings: iteration.warnings)
        // glm's test is "<", stopped() uses "≤"; the difference only matters for an exactly equal change.
        return LogisticEstimate(
            coefficients: iteration.coefficients, covariance: covariance, convergence: report,
            effectiveDegreesOfFreedom: degrees)
    }

    /// The IRLS steps from glm's starting values (`start` nil: μ = (y + ½)/2, β = 0) or from the coefficients `start`
    /// (a warm start: η = Xβ, the criterion D(β) + λ‖β‖² of that point, and step halving back towards it). The
    /// stopping rule is the same either way, so a warm start changes only how many steps are taken.
    /// - Precondition: `start`, when given, has one value per design column.
    func iterate(from start: [Double]?) -> Iteration {
        let n = rowMajor.rows, p = rowMajor.columns
        var coefficients = start ?? [Double](repeating: 0, count: p)
        precondition(coefficients.count == p, "IRLS needs one starting value per design column")
        var eta: [Double]
        if let start {
            eta = rowMajor.product(start)
        } else {
            eta = outcome.map { y in log(((y + 0.5) / 2) / (1 - (y + 0.5) / 2)) }
        }
        var mu = eta.map(LogitLink.probability)
        var previousCriterion = LogitLink.deviance(outcome: outcome, probabilities: mu) + penaltyTerm(coefficients)
        var result = Iteration(
            coefficients: coefficients, gram: Matrix.identity(p), factor: nil, iterations: 0, change: .infinity,
            warnings: [])
        while result.iterations < options.maximumIterations {
            result.iterations += 1
            var weights = [Double](repeating: 0, count: n), working = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let slope = LogitLink.derivative(eta[i])
                working[i] = eta[i] + (outcome[i] - mu[i]) / slope
                weights[i] = slope * slope / (mu[i] * (1 - mu[i]))
            }
            let gram = rowMajor.weightedGram(weights)
            var penalised = gram
            for j in 0..<p where j != interceptColumn { penalised[j, j] += lambda }
            guard let factor = try? CholeskyFactorization(penalised) else {
                result.warnings.append(ConvergenceWarning(
                    code: .hessianNotPositiveDefinite,
                    message: "the weighted information matrix stopped being positive definite at iteration "
                        + "\(result.iterations)"))
                break
            }
            result.gram = gram
            result.factor = factor
            let right = rowMajor.transposedProduct(zip(weights, working).map(*))
            var proposal = factor.solve(right)
            var criterion = Double.nan
            for _ in 0..<30 {
                eta = rowMajor.product(proposal)
                mu = eta.map(LogitLink.probability)
                criterion = LogitLink.deviance(outcome: outcome, probabilities: mu) + penaltyTerm(proposal)
                if criterion.isFinite { break }
                proposal = zip(proposal, coefficients).map { ($0 + $1) / 2 }
            }
            coefficients = proposal
            result.change = abs(criterion - previousCriterion) / (abs(criterion) + 0.1)
            previousCriterion = criterion
            if result.change < options.convergenceTolerance { break }
        }
        result.coefficients = coefficients
        return result
    }

    private func penaltyTerm(_ coefficients: [Double]) -> Double {
        guard lambda > 0 else { return 0 }
        var sum = 0.0
        for (j, value) in coefficients.enumerated() where j != interceptColumn { sum += value * value }
        return lambda * sum
    }
}
