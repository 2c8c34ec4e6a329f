import Foundation

extension ProfiledDeviance {
    /// The profiled deviance and its exact gradient in θ, from a second pass over the per-group 2 × 2 blocks.
    ///
    /// With M_g = Z_gᵀZ_g, C_g = Z_gᵀX_g, A_g = ΛᵀM_gΛ + I, B_g = A_g⁻¹Λᵀ, E_g = I − M_gΛB_g,
    /// v_g = Z_gᵀy_g − C_g β̂, û_g = B_g v_g (the conditional modes), w_g = Z_gᵀ(y_g − X_gβ̂ − Z_gΛû_g) = E_g v_g,
    /// W = (RXᵀRX)⁻¹ and Q_g = C_g W C_gᵀ; for the parameter θ_k at position (i, j) of Λ (θ₁ → (1,1),
    /// θ₂ → (2,1), θ₃ → (2,2)), so that ∂Λ/∂θ_k = e_i e_jᵀ:
    /// ```
    /// ∂ log|L|² / ∂θ_k   = Σ_g 2 (B_g M_g)_ji                       (Jacobi: tr(A⁻¹ ∂A))
    /// ∂ r² / ∂θ_k        = −2 Σ_g (w_g)_i (û_g)_j                   (envelope: r² is a minimum over β, u)
    /// ∂ log|RX|² / ∂θ_k  = −2 Σ_g (B_g Q_g E_gᵀ)_ji                 (RXᵀRX = XᵀX − Σ_g C_gᵀ Λ B_g C_g)
    /// ML:    ∂d = ∂log|L|² + (n / r²) ∂r²
    /// REML:  ∂d = ∂log|L|² + ∂log|RX|² + ((n − p) / r²) ∂r²
    /// ```
    /// (∂(ΛB) = E_gᵀ e_i e_jᵀ B_g + its transpose, which gives the RX term.) With a random intercept only the same
    /// formulas hold with θ₂ = θ₃ = 0 and only the θ₁ component is returned.
    /// - Complexity: one ``evaluate(_:)`` plus O(G·p²) (REML) or O(G·p) (ML), one p × p inverse for REML.
    /// - Throws: ``LinearAlgebraError`` when RXᵀRX is not positive definite (a rank-deficient design).
    func valueAndGradient(_ theta: [Double]) throws(LinearAlgebraError) -> (value: Double, gradient: [Double]) {
        let evaluation = try evaluate(theta)
        let p = data.fixedEffectCount, n = Double(data.observationCount)
        let t1 = theta[0], t2 = randomSlope ? theta[1] : 0, t3 = randomSlope ? theta[2] : 0
        let inverse: [Double] = restricted
            ? try CholeskyFactorization(evaluation.fixedEffectPrecision).inverse().storage : []
        let beta = evaluation.coefficients
        // Accumulated per parameter position: Σ (BM)_ji, Σ w_i û_j, Σ (BQEᵀ)_ji for (i, j) = (0,0), (1,0), (1,1).
        var logDeterminant = (0.0, 0.0, 0.0), residual = (0.0, 0.0, 0.0), projection = (0.0, 0.0, 0.0)
        var w1 = [Double](repeating: 0, count: p), w2 = [Double](repeating: 0, count: p)
        data.zTz.withUnsafeBufferPointer { zz in
            data.zTx.withUnsafeBufferPointer { zx in
                data.zTy.withUnsafeBufferPointer { zy in
                    inverse.withUnsafeBufferPointer { winv in
                        for g in 0..<data.groupCount {
                            let a = zz[3 * g], b = zz[3 * g + 1], c = zz[3 * g + 2]
                            // A = ΛᵀMΛ + I (symmetric) and B = A⁻¹Λᵀ.
                            let m11 = a * t1 + b * t2, m21 = b * t1 + c * t2
                            let a11 = t1 * m11 + t2 * m21 + 1, a21 = t3 * m21, a22 = c * t3 * t3 + 1
                            let det = a11 * a22 - a21 * a21
                            let b11 = a22 * t1 / det, b12 = (a22 * t2 - a21 * t3) / det
                            let b21 = -a21 * t1 / det, b22 = (a11 * t3 - a21 * t2) / det
                            // BM and MΛB (MΛ = [m11, b·t3; m21, c·t3]).
                            let bm11 = b11 * a + b12 * b, bm12 = b11 * b + b12 * c
                            let bm22 = b21 * b + b22 * c
                            logDeterminant.0 += bm11
                            logDeterminant.1 += bm12
                            logDeterminant.2 += bm22
                            let e11 = 1 - (m11 * b11 + b * t3 * b21), e12 = -(m11 * b12 + b * t3 * b22)
                            let e21 = -(m21 * b11 + c * t3 * b21), e22 = 1 - (m21 * b12 + c * t3 * b22)
                            // v = Zᵀy − Cβ̂, û = Bv, w = Ev.
                            let base = 2 * p * g
                            var v1 = zy[2 * g], v2 = zy[2 * g + 1]
                            for j in 0..<p {
                                v1 -= zx[base + j] * beta[j]
                                v2 -= zx[base + p + j] * beta[j]
                            }
                            let u1 = b11 * v1 + b12 * v2, u2 = b21 * v1 + b22 * v2
                            let r1 = e11 * v1 + e12 * v2, r2 = e21 * v1 + e22 * v2
                            residual.0 += r1 * u1
                            residual.1 += r2 * u1
                            residual.2 += r2 * u2
                            guard restricted else { continue }
                            // Q = C W Cᵀ from Wc₁, Wc₂ (W symmetric, column-major).
                            for i in 0..<p {
                                var s1 = 0.0, s2 = 0.0
                                for j in 0..<p {
                                    let wij = winv[j * p + i]
                                    s1 += wij * zx[base + j]
                                    s2 += wij * zx[base + p + j]
                                }
                                w1[i] = s1
                                w2[i] = s2
                            }
                            var q11 = 0.0, q12 = 0.0, q22 = 0.0
                            for i in 0..<p {
                                q11 += zx[base + i] * w1[i]
                                q12 += zx[base + i] * w2[i]
                                q22 += zx[base + p + i] * w2[i]
                            }
                            // N = B Q Eᵀ; entries (j, i) = (0,0), (0,1), (1,1).
                            let bq11 = b11 * q11 + b12 * q12, bq12 = b11 * q12 + b12 * q22
                            let bq21 = b21 * q11 + b22 * q12, bq22 = b21 * q12 + b22 * q22
                            projection.0 += bq11 * e11 + bq12 * e12
                            projection.1 += bq11 * e21 + bq12 * e22
                            projection.2 += bq21 * e21 + bq22 * e22
                        }
                    }
                }
            }
        }
        let squares = evaluation.penalizedResidualSumOfSquares
        let scale = (restricted ? n - Double(p) : n) / squares
        let rxWeight = restricted ? 1.0 : 0.0
        func component(_ l: Double, _ r: Double, _ x: Double) -> Double { 2 * l - 2 * scale * r - 2 * rxWeight * x }
        let full = [
            component(logDeterminant.0, residual.0, projection.0),
            component(logDeterminant.1, residual.1, projection.1),
            component(logDeterminant.2, residual.2, projection.2),
        ]
        return (evaluation.deviance, randomSlope ? full : [full[0]])
    }
}
