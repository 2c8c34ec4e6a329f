import Foundation

/// The profiled deviance of a linear mixed model with one grouping factor and a random intercept (and slope),
/// as a function of the relative covariance factor θ alone: β and σ² are profiled out in closed form.
/// Bates, Mächler, Bolker & Walker, "Fitting linear mixed-effects models using lme4", J. Stat. Softw. 67(1)
/// (2015), doi:10.18637/jss.v067.i01, §3.
///
/// ```
/// b_g ~ N(0, σ² Λ Λᵀ),  Λ = [θ₁ 0; θ₂ θ₃]  (random intercept only: Λ = [θ₁])
/// per group:  L_g L_gᵀ = Λᵀ Z_gᵀZ_g Λ + I        (2 × 2 Cholesky, closed form)
///             R_ZX,g = L_g⁻¹ Λᵀ Z_gᵀX_g,   c_u,g = L_g⁻¹ Λᵀ Z_gᵀy_g
/// RXᵀRX = XᵀX − Σ_g R_ZX,gᵀ R_ZX,g,   RXᵀ c_β = Xᵀy − Σ_g R_ZX,gᵀ c_u,g,   RX β = c_β
/// r² = yᵀy − Σ_g ‖c_u,g‖² − ‖c_β‖²                    (penalised residual sum of squares)
/// ML:    d(θ) = log|L|² + n (1 + log(2π r²/n))
/// REML:  d(θ) = log|L|² + log|RX|² + (n − p)(1 + log(2π r²/(n − p)))
/// ```
/// The deviance is smooth in θ over all of ℝ³ and even in θ₃ (and in θ₁ jointly with θ₂), so it can be
/// minimised without bounds and the optimum brought to the canonical form θ₁, θ₃ ≥ 0 afterwards.
/// - Complexity: O(G·p²) per evaluation plus one p × p Cholesky.
struct ProfiledDeviance: Sendable {
    let data: GroupedCrossProducts
    let restricted: Bool
    let randomSlope: Bool

    /// Everything the fit reports at one θ.
    struct Evaluation {
        let deviance: Double
        let coefficients: [Double]
        /// RXᵀRX, whose inverse times σ² is the covariance of β̂.
        let fixedEffectPrecision: Matrix
        let penalizedResidualSumOfSquares: Double
        let logDeterminantL: Double
        let logDeterminantRX: Double
    }

    /// The deviance at `theta` (NaN or +∞ when RXᵀRX is not positive definite, which only happens for a
    /// rank-deficient fixed-effects design).
    func deviance(_ theta: [Double]) -> Double {
        (try? evaluate(theta).deviance) ?? .infinity
    }

    func evaluate(_ theta: [Double]) throws(LinearAlgebraError) -> Evaluation {
        let p = data.fixedEffectCount, n = Double(data.observationCount)
        let t1 = theta[0], t2 = randomSlope ? theta[1] : 0, t3 = randomSlope ? theta[2] : 0
        var downdate = [Double](repeating: 0, count: p * p)
        var projection = [Double](repeating: 0, count: p)
        var logDeterminantL = 0.0, squaredRandom = 0.0
        var r1 = [Double](repeating: 0, count: p), r2 = [Double](repeating: 0, count: p)
        data.zTz.withUnsafeBufferPointer { zz in
            data.zTx.withUnsafeBufferPointer { zx in
                data.zTy.withUnsafeBufferPointer { zy in
                    for g in 0..<data.groupCount {
                        let a = zz[3 * g], b = zz[3 * g + 1], c = zz[3 * g + 2]
                        // A = Λᵀ ZᵀZ Λ + I, then its Cholesky factor [l11 0; l21 l22].
                        let m11 = a * t1 + b * t2, m21 = b * t1 + c * t2
                        let a11 = t1 * m11 + t2 * m21 + 1, a21 = t3 * m21, a22 = c * t3 * t3 + 1
                        let l11 = a11.squareRoot(), l21 = a21 / l11
                        let l22 = (a22 - l21 * l21).squareRoot()
                        logDeterminantL += 2 * log(l11) + 2 * log(l22)
                        let y0 = zy[2 * g], y1 = zy[2 * g + 1]
                        let cu1 = (t1 * y0 + t2 * y1) / l11
                        let cu2 = (t3 * y1 - l21 * cu1) / l22
                        squaredRandom += cu1 * cu1 + cu2 * cu2
                        let base = 2 * p * g
                        for j in 0..<p {
                            let w1 = (t1 * zx[base + j] + t2 * zx[base + p + j]) / l11
                            r1[j] = w1
                            r2[j] = (t3 * zx[base + p + j] - l21 * w1) / l22
                            projection[j] += w1 * cu1 + r2[j] * cu2
                        }
                        for j in 0..<p {
                            let r1j = r1[j], r2j = r2[j], column = j * p
                            for i in 0...j { downdate[column + i] += r1[i] * r1j + r2[i] * r2j }
                        }
                    }
                }
            }
        }
        var precision = data.xTx
        for j in 0..<p { for i in 0...j { precision[i, j] -= downdate[j * p + i] } }
        let factor = try CholeskyFactorization(precision)
        let right = (0..<p).map { data.xTy[$0] - projection[$0] }
        let coefficients = factor.solve(right)
        // ‖c_β‖² = cᵀ (RXᵀRX)⁻¹ c with c = Xᵀy − Σ R_ZXᵀ c_u.
        let squaredFixed = zip(right, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
        let residual = max(data.yTy - squaredRandom - squaredFixed, 0)
        let logDeterminantRX = factor.logDeterminant
        let deviance: Double
        if restricted {
            let degrees = n - Double(p)
            deviance = logDeterminantL + logDeterminantRX + degrees * (1 + log(2 * Double.pi * residual / degrees))
        } else {
            deviance = logDeterminantL + n * (1 + log(2 * Double.pi * residual / n))
        }
        return Evaluation(
            deviance: deviance, coefficients: coefficients, fixedEffectPrecision: precision.symmetricFromUpperTriangle,
            penalizedResidualSumOfSquares: residual, logDeterminantL: logDeterminantL,
            logDeterminantRX: logDeterminantRX)
    }
}
