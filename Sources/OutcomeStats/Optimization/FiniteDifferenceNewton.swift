/// Minimises a smooth function of a few variables (the variance parameters of a mixed model) by damped Newton
/// steps with a gradient and Hessian from central finite differences.
///
/// ```
/// gᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ
/// Hᵢᵢ ≈ (f(x + hᵢeᵢ) − 2f(x) + f(x − hᵢeᵢ)) / hᵢ²
/// Hᵢⱼ ≈ (f(x + hᵢeᵢ + hⱼeⱼ) − f(x + hᵢeᵢ − hⱼeⱼ) − f(x − hᵢeᵢ + hⱼeⱼ) + f(x − hᵢeᵢ − hⱼeⱼ)) / 4hᵢhⱼ
/// step:  (H + μI) s = −g  (μ = 0 when H is positive definite, else raised until it is; Levenberg 1944),
///        then halved until f decreases.
/// hᵢ = 1e-4 · max(|xᵢ|, 0.01)
/// ```
/// Stops when an accepted step lowers f by at most `tolerance · (|f| + tolerance)` and moves no coordinate by more
/// than `√tolerance · max(|xᵢ|, 1)`, or when no halving of the step lowers f (a stationary point to rounding).
/// Nocedal & Wright, *Numerical Optimization*, 2nd ed. (2006), §3.4 and §8.1.
/// - Complexity: 1 + 2k² function evaluations per iteration for k variables, plus the step halvings.
struct FiniteDifferenceNewton {
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

    func minimize(_ f: ([Double]) -> Double, from start: [Double]) -> Result {
        var x = start, value = f(x)
        let k = x.count
        var lastChange = Double.infinity, iterations = 0, converged = false
        var warnings: [ConvergenceWarning] = []
        while iterations < maximumIterations {
            iterations += 1
            let (gradient, hessian) = derivatives(f, at: x, value: value)
            let step = dampedNewtonStep(gradient: gradient, hessian: hessian)
            var scale = 1.0, accepted = false
            for _ in 0..<40 {
                let trial = (0..<k).map { x[$0] + scale * step[$0] }
                let trialValue = f(trial)
                if trialValue.isFinite && trialValue <= value {
                    lastChange = value - trialValue
                    let moved = (0..<k).allSatisfy {
                        abs(trial[$0] - x[$0]) <= tolerance.squareRoot() * max(abs(x[$0]), 1)
                    }
                    x = trial
                    value = trialValue
                    accepted = true
                    if lastChange <= tolerance * (abs(value) + tolerance) && moved { converged = true }
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
        if !converged {
            warnings.append(.iterationLimitReached(
                maximumIterations: maximumIterations, finalChange: lastChange, tolerance: tolerance))
        }
        return Result(minimizer: x, minimum: value, iterations: iterations,
                      converged: converged, finalChange: lastChange, warnings: warnings)
    }

    /// Central-difference gradient and Hessian at `x`.
    private func derivatives(_ f: ([Double]) -> Double, at x: [Double], value: Double) -> ([Double], Matrix) {
        let k = x.count
        let h = x.map { 1e-4 * max(abs($0), 0.01) }
        var gradient = [Double](repeating: 0, count: k)
        var hessian = Matrix(rows: k, columns: k)
        func shifted(_ moves: [(Int, Double)]) -> [Double] {
            var point = x
            for (index, amount) in moves { point[index] += amount }
            return point
        }
        for i in 0..<k {
            let up = f(shifted([(i, h[i])])), down = f(shifted([(i, -h[i])]))
            gradient[i] = (up - down) / (2 * h[i])
            hessian[i, i] = (up - 2 * value + down) / (h[i] * h[i])
        }
        for i in 0..<k {
            for j in 0..<i {
                let pp = f(shifted([(i, h[i]), (j, h[j])])), pm = f(shifted([(i, h[i]), (j, -h[j])]))
                let mp = f(shifted([(i, -h[i]), (j, h[j])])), mm = f(shifted([(i, -h[i]), (j, -h[j])]))
                let mixed = (pp - pm - mp + mm) / (4 * h[i] * h[j])
                hessian[i, j] = mixed
                hessian[j, i] = mixed
            }
        }
        return (gradient, hessian)
    }

    /// −(H + μI)⁻¹g with the smallest μ in {0, 1e-8·s, 1e-6·s, …} (s = max |Hᵢᵢ|, at least 1) that makes the
    /// matrix positive definite; the steepest-descent step −g when none does.
    private func dampedNewtonStep(gradient: [Double], hessian: Matrix) -> [Double] {
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
