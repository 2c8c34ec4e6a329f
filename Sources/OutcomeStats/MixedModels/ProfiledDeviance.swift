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
struct ProfiledDeviance: ProfiledCriterion {
    let data: GroupedCrossProducts
    let restricted: Bool
    let randomSlope: Bool
    var observationCount: Int { data.observationCount }
    var fixedEffectCount: Int { data.fixedEffectCount }

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

    func evaluate(_ theta: [Double]) throws(LinearAlgebraError) -> Evaluation {
        let p = data.fixedEffectCount
        let t1 = theta[0], t2 = randomSlope ? theta[1] : 0, t3 = randomSlope ? theta[2] : 0
        var downdate = [Double](repeating: 0, count: p * p)
        var projection = [Double](repeating: 0, count: p)
        var logDeterminantL = 0.0, squaredRandom = 0.0
        var r1 = [Double](repeating: 0, count: p), r2 = [Double](repeating: 0, count: p)
        data.zTz.withUnsafeBufferPointer { zz in
            data.zTx.withUnsafeBufferPointer { zx in
                data.zTy.withUnsafeBufferPointer { zy in
                    for g in 0..<data.groupCount {
                        // A = Λᵀ ZᵀZ Λ + I, then its Cholesky factor [l11 0; l21 l22].
                        let (l11, l21, l22, logDeterminant) = RandomEffectsBlock(
                            a: zz[3 * g], b: zz[3 * g + 1], c: zz[3 * g + 2], theta: t1, t2, t3).cholesky()
                        logDeterminantL += logDeterminant
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
        return try evaluation(
            crossProduct: data.xTx, crossProductResponse: data.xTy, responseSquares: data.yTy, downdate: downdate,
            projection: projection, logDeterminantL: logDeterminantL, squaredRandom: squaredRandom)
    }
}
