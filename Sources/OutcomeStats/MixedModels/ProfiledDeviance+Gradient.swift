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
        let p = data.fixedEffectCount
        let t1 = theta[0], t2 = randomSlope ? theta[1] : 0, t3 = randomSlope ? theta[2] : 0
        let covarianceFactor: [Double] = restricted
            ? try CholeskyFactorization(evaluation.fixedEffectPrecision).inverse().storage : []
        let beta = evaluation.coefficients
        // Accumulated per parameter position: Σ (BM)_ji, Σ w_i û_j, Σ (BQEᵀ)_ji for (i, j) = (0,0), (1,0), (1,1).
        var logDeterminant = (0.0, 0.0, 0.0), residual = (0.0, 0.0, 0.0), projection = (0.0, 0.0, 0.0)
        var w1 = [Double](repeating: 0, count: p), w2 = [Double](repeating: 0, count: p)
        data.zTz.withUnsafeBufferPointer { zz in
            data.zTx.withUnsafeBufferPointer { zx in
                data.zTy.withUnsafeBufferPointer { zy in
                    covarianceFactor.withUnsafeBufferPointer { winv in
                        for g in 0..<data.groupCount {
                            let block = RandomEffectsBlock(
                                a: zz[3 * g], b: zz[3 * g + 1], c: zz[3 * g + 2], theta: t1, t2, t3)
                            let inverse = block.inverse(addingTo: &logDeterminant)
                            // v = Zᵀy − Cβ̂, û = Bv, w = Ev.
                            let base = 2 * p * g
                            var v1 = zy[2 * g], v2 = zy[2 * g + 1]
                            for j in 0..<p {
                                v1 -= zx[base + j] * beta[j]
                                v2 -= zx[base + p + j] * beta[j]
                            }
                            inverse.addResidualTerms(v1: v1, v2: v2, to: &residual)
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
                            inverse.addProjectionTerms(q11: q11, q12: q12, q22: q22, to: &projection)
                        }
                    }
                }
            }
        }
        return (evaluation.deviance, gradient(at: evaluation, logDeterminant: logDeterminant, residual: residual,
                                              projection: projection))
    }
}
