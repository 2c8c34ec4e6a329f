/// Minimises a smooth function of a few variables (the variance parameters of a mixed model) from its value and
/// exact gradient, by damped Newton steps with a Hessian from forward differences of the gradient.
///
/// ```
/// H[·, i] ≈ (∇f(x + hᵢeᵢ) − ∇f(x)) / hᵢ,   H ← (H + Hᵀ)/2,   hᵢ = 1e-6 · max(|xᵢ|, 0.1)
/// step:  (H + μI) s = −∇f  (μ = 0 when H is positive definite, else raised until it is; Levenberg 1944),
///        then halved until f decreases.
/// ```
/// Stops when an accepted step lowers f by at most `tolerance · (|f| + tolerance)` and moves no coordinate by more
/// than `√tolerance · max(|xᵢ|, 1)`, or when no halving of the step lowers f (a stationary point to rounding).
/// Nocedal & Wright, *Numerical Optimization*, 2nd ed. (2006), §3.4 and §8.1.
/// - Complexity: 1 + k value-and-gradient evaluations per iteration for k variables, plus the step halvings.
struct GradientNewton {
    var maximumIterations: Int
    var tolerance: Double

    struct Result {
        let minimizer: [Double]
        let minimum: Double
        let iterations: Int
        let converged: Bool
        let finalChange: Double
        let warnings: [ConvergenceWarning]
    }

    /// `f` returns the value and gradient at a point, or `nil` where the function is not defined (+∞).
    func minimize(_ f: ([Double]) -> (value: Double, gradient: [Double])?, from start: [Double]) -> Result {
        var x = start
        guard var current = f(x) else {
            return Result(minimizer: x, minimum: .infinity, iterations: 0, converged: false, finalChange: .nan,
                          warnings: [ConvergenceWarning(code: .iterationLimitReached, message: "the function is not defined at the start")])
        }
        let k = x.count
        var lastChange = Double.infinity, iterations = 0, converged = false
        while iterations < maximumIterations {
            iterations += 1
            let hessian = differencedHessian(f, at: x, gradient: current.gradient)
            let step = Self.dampedNewtonStep(gradient: current.gradient, hessian: hessian)
            var scale = 1.0, accepted = false
            for _ in 0..<40 {
                let trial = (0..<k).map { x[$0] + scale * step[$0] }
                if let candidate = f(trial), candidate.value.isFinite, candidate.value <= current.value {
                    lastChange = current.value - candidate.value
                    let moved = (0..<k).allSatisfy {
                        abs(trial[$0] - x[$0]) <= tolerance.squareRoot() * max(abs(x[$0]), 1)
                    }
                    x = trial
                    current = candidate
                    accepted = true
                    if lastChange <= tolerance * (abs(current.value) + tolerance) && moved { converged = true }
                    break
                }
                scale /= 2
            }
            if !accepted {
                // No descent along the Newton direction at any scale: x is stationary to rounding error.
                lastChange = 0
                converged = true
            }
            if converged { break }
        }
        var warnings: [ConvergenceWarning] = []
        if !converged {
            warnings.append(.iterationLimitReached(
                maximumIterations: maximumIterations, finalChange: lastChange, tolerance: tolerance))
        }
        return Result(minimizer: x, minimum: current.value, iterations: iterations,
                      converged: converged, finalChange: lastChange, warnings: warnings)
    }

    /// Forward differences of the gradient, symmetrised; a column whose shifted point is undefined is taken
    /// from the backward difference.
    private func differencedHessian(
        _ f: ([Double]) -> (value: Double, gradient: [Double])?, at x: [Double], gradient: [Double]
    ) -> Matrix {
        let k = x.count
        var hessian = Matrix(rows: k, columns: k)
        for i in 0..<k {
            let h = 1e-6 * max(abs(x[i]), 0.1)
            var point = x
            point[i] += h
            var shifted = f(point)?.gradient, sign = 1.0
            if shifted == nil {
                point[i] = x[i] - h
                shifted = f(point)?.gradient
                sign = -1
            }
            guard let shifted else { continue }
            for j in 0..<k { hessian[j, i] = sign * (shifted[j] - gradient[j]) / h }
        }
        return hessian.symmetrized
    }

    /// −(H + μI)⁻¹g with the smallest μ in {0, 1e-8·s, 1e-6·s, …} (s = max |Hᵢᵢ|, at least 1) that makes the
    /// matrix positive definite; the steepest-descent step −g/s when none does.
    static func dampedNewtonStep(gradient: [Double], hessian: Matrix) -> [Double] {
        let size = max(hessian.diagonal.map(abs).max() ?? 1, 1)
        for damping in [0, 1e-8, 1e-6, 1e-4, 1e-2, 1, 100].map({ $0 * size }) {
            var shifted = hessian
            for i in 0..<hessian.rows { shifted[i, i] += damping }
            if let factor = try? CholeskyFactorization(shifted) {
                let solution = factor.solve(gradient)
                if solution.allSatisfy(\.isFinite) { return solution.map { -$0 } }
            }
        }
        return gradient.map { -$0 / size }
    }
}
