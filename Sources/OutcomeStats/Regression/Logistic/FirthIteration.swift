import Foundation

/// Firth's bias-reduced logistic regression: the root of the modified score, which is the maximum of the penalised
/// log-likelihood ℓ*(β) = ℓ(β) + ½ log det I(β).
///
/// ```
/// U*(β) = Xᵀ (y − p + h ∘ (½ − p)),   hᵢ = wᵢ xᵢᵀ I(β)⁻¹ xᵢ  (the hat diagonal),  I(β) = XᵀWX
/// β ← β + I(β)⁻¹ U*(β),  the step halved while ℓ* decreases (at most 25 halvings)
/// stop when maxⱼ |Δβⱼ| ≤ tolerance;  Var(β̂) = I(β̂)⁻¹ (Wald, as logistf reports)
/// ```
/// Heinze & Schemper (2002), doi:10.1002/sim.1047, section 2. Starts at β = 0; uses at least 100 iterations.
/// With one binary covariate the estimate equals the log odds ratio of the 2×2 table with ½ added to every cell.
struct FirthIteration {
    let design: Matrix
    let outcome: [Double]
    let options: LogisticRegressionOptions

    private struct State {
        var coefficients: [Double]
        var probabilities: [Double]
        var information: CholeskyFactorization
        var penalisedLogLikelihood: Double
    }

    func run() throws(LogisticRegressionError) -> LogisticEstimate {
        let p = design.columns
        let maximumIterations = max(options.maximumIterations, 100)
        guard var state = evaluate([Double](repeating: 0, count: p)) else {
            throw LogisticRegressionError("the Firth information matrix XᵀWX is singular at the start")
        }
        var warnings: [ConvergenceWarning] = []
        var iterations = 0, change = Double.infinity
        while iterations < maximumIterations && !(change <= options.convergenceTolerance) {
            iterations += 1
            let step = state.information.solve(modifiedScore(state))
            var scale = 1.0, accepted: State?
            for _ in 0...25 {
                let candidate = zip(state.coefficients, step).map { $0 + scale * $1 }
                if let next = evaluate(candidate), next.penalisedLogLikelihood >= state.penalisedLogLikelihood - 1e-12 * abs(state.penalisedLogLikelihood) {
                    accepted = next
                    break
                }
                scale /= 2
            }
            guard let next = accepted else {
                warnings.append(ConvergenceWarning(
                    code: .stepHalvingFailed,
                    message: "no step along the modified score raised the penalised likelihood at iteration \(iterations)"))
                break
            }
            change = zip(next.coefficients, state.coefficients).map { abs($0 - $1) }.max() ?? 0
            state = next
        }
        let report = ConvergenceReport.stopped(
            iterations: iterations, maximumIterations: maximumIterations, tolerance: options.convergenceTolerance,
            finalChange: change, warnings: warnings)
        return LogisticEstimate(
            coefficients: state.coefficients, covariance: state.information.inverse(), convergence: report,
            effectiveDegreesOfFreedom: Double(p))
    }

    private func evaluate(_ coefficients: [Double]) -> State? {
        let eta = design.multiplied(by: coefficients)
        var logLikelihood = 0.0
        var probabilities = [Double](repeating: 0, count: eta.count), weights = probabilities
        for (i, value) in eta.enumerated() {
            // log p = −log(1 + e^−η), log(1 − p) = −log(1 + e^η), both without overflow.
            let logP = -softplus(-value), logQ = -softplus(value)
            logLikelihood += outcome[i] == 1 ? logP : logQ
            probabilities[i] = exp(logP)
            weights[i] = exp(logP + logQ)
        }
        guard let information = try? CholeskyFactorization(design.weightedGram(weights)) else { return nil }
        return State(coefficients: coefficients, probabilities: probabilities, information: information,
                     penalisedLogLikelihood: logLikelihood + information.logDeterminant / 2)
    }

    /// U*(β) = Xᵀ(y − p + h(½ − p)); hᵢ = wᵢ xᵢᵀ I⁻¹ xᵢ from M = X I⁻¹ (one dgemm).
    private func modifiedScore(_ state: State) -> [Double] {
        let n = design.rows, p = design.columns
        let projected = design * state.information.inverse()
        var adjusted = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var quadratic = 0.0
            for j in 0..<p { quadratic += projected.storage[i + j * n] * design.storage[i + j * n] }
            let probability = state.probabilities[i]
            let leverage = probability * (1 - probability) * quadratic
            adjusted[i] = outcome[i] - probability + leverage * (0.5 - probability)
        }
        return design.multiplied(by: adjusted, transposingSelf: true)
    }

    private func softplus(_ x: Double) -> Double {
        x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
    }
}
