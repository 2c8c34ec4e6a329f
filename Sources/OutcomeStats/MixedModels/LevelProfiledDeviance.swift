/// The profiled deviance of ``ProfiledDeviance`` for the growth-model design of ``LevelCrossProducts``
/// (X_g = Z_g K_ℓ(g)), at O(G) per evaluation instead of O(G·p²).
///
/// With R_ZX,g = L_g⁻¹ΛᵀZ_gᵀX_g = H_g K_ℓ for the 2 × 2 H_g = L_g⁻¹ΛᵀM_g, the sums over groups collapse to sums
/// over each level of 2 × 2 blocks:
/// ```
/// Σ_g R_ZX,gᵀ R_ZX,g  = Σ_ℓ K_ℓᵀ (Σ_{g∈ℓ} H_gᵀH_g) K_ℓ
/// Σ_g R_ZX,gᵀ c_u,g   = Σ_ℓ K_ℓᵀ  Σ_{g∈ℓ} H_gᵀ c_u,g
/// gradient:  C_g β̂ = M_g (K_ℓ β̂),   Q_g = C_g W C_gᵀ = M_g (K_ℓ W K_ℓᵀ) M_g
/// ```
/// The same quantities as the general layout in exact arithmetic; in floating point they agree to rounding
/// (tested against it and against lme4).
struct LevelProfiledDeviance: ProfiledCriterion {
    let data: LevelCrossProducts
    let restricted: Bool
    let randomSlope: Bool
    var observationCount: Int { data.observationCount }
    var fixedEffectCount: Int { data.columns.count }

    func evaluate(_ theta: [Double]) throws(LinearAlgebraError) -> ProfiledDeviance.Evaluation {
        let p = data.columns.count, levels = data.levelCount
        let t1 = theta[0], t2 = randomSlope ? theta[1] : 0, t3 = randomSlope ? theta[2] : 0
        // Per level: Σ HᵀH (3 numbers, symmetric) and Σ Hᵀc_u (2).
        var sums = [Double](repeating: 0, count: 5 * levels)
        var logDeterminantL = 0.0, squaredRandom = 0.0
        data.zTz.withUnsafeBufferPointer { zz in
            data.zTy.withUnsafeBufferPointer { zy in
                data.level.withUnsafeBufferPointer { level in
                    sums.withUnsafeMutableBufferPointer { sums in
                        for g in 0..<data.groupCount {
                            let b = zz[3 * g + 1], c = zz[3 * g + 2]
                            let block = RandomEffectsBlock(a: zz[3 * g], b: b, c: c, theta: t1, t2, t3)
                            let (l11, l21, l22, logDeterminant) = block.cholesky()
                            logDeterminantL += logDeterminant
                            let y0 = zy[2 * g], y1 = zy[2 * g + 1]
                            let cu1 = (t1 * y0 + t2 * y1) / l11
                            let cu2 = (t3 * y1 - l21 * cu1) / l22
                            squaredRandom += cu1 * cu1 + cu2 * cu2
                            // H = L⁻¹ΛᵀM: ΛᵀM = [m11 m21; θ₃b θ₃c].
                            let h00 = block.m11 / l11, h01 = block.m21 / l11
                            let h10 = (t3 * b - l21 * h00) / l22, h11 = (t3 * c - l21 * h01) / l22
                            let k = 5 * Int(level[g])
                            sums[k] += h00 * h00 + h10 * h10
                            sums[k + 1] += h00 * h01 + h10 * h11
                            sums[k + 2] += h01 * h01 + h11 * h11
                            sums[k + 3] += h00 * cu1 + h10 * cu2
                            sums[k + 4] += h01 * cu1 + h11 * cu2
                        }
                    }
                }
            }
        }
        var downdate = [Double](repeating: 0, count: p * p), projection = [Double](repeating: 0, count: p)
        for ell in 0..<levels {
            let k = 5 * ell
            data.addSandwich(level: ell, sums[k], sums[k + 1], sums[k + 2], to: &downdate)
            data.addLoaded(level: ell, sums[k + 3], sums[k + 4], to: &projection)
        }
        return try evaluation(
            crossProduct: data.xTx, crossProductResponse: data.xTy, responseSquares: data.yTy, downdate: downdate,
            projection: projection, logDeterminantL: logDeterminantL, squaredRandom: squaredRandom)
    }

    /// The deviance and its exact gradient (``ProfiledDeviance/valueAndGradient(_:)``'s formulas, with C_g β̂ and
    /// Q_g from each level's K_ℓβ̂ and K_ℓWK_ℓᵀ).
    func valueAndGradient(_ theta: [Double]) throws(LinearAlgebraError) -> (value: Double, gradient: [Double]) {
        let evaluation = try evaluate(theta)
        let p = data.columns.count, levels = data.levelCount
        let t1 = theta[0], t2 = randomSlope ? theta[1] : 0, t3 = randomSlope ? theta[2] : 0
        let covariance: Matrix? = restricted ? try CholeskyFactorization(evaluation.fixedEffectPrecision).inverse() : nil
        // Per level: K_ℓβ̂ (2) and K_ℓWK_ℓᵀ (3, symmetric).
        var perLevel = [Double](repeating: 0, count: 5 * levels)
        for ell in 0..<levels {
            let (k0, k1) = data.loaded(level: ell, evaluation.coefficients)
            perLevel[5 * ell] = k0
            perLevel[5 * ell + 1] = k1
            guard let covariance else { continue }
            // W times K_ℓ's intercept row (offset 0) or time row (offset p), then K_ℓ times that.
            let rows = data.loadings[ell]
            func covarianceTimesRow(at offset: Int) -> [Double] {
                (0..<p).map { j in (0..<p).reduce(0) { $0 + covariance[j, $1] * rows[offset + $1] } }
            }
            let first = data.loaded(level: ell, covarianceTimesRow(at: 0))
            let second = data.loaded(level: ell, covarianceTimesRow(at: p))
            perLevel[5 * ell + 2] = first.0
            perLevel[5 * ell + 3] = first.1
            perLevel[5 * ell + 4] = second.1
        }
        var logDeterminant = (0.0, 0.0, 0.0), residual = (0.0, 0.0, 0.0), projection = (0.0, 0.0, 0.0)
        data.zTz.withUnsafeBufferPointer { zz in
            data.zTy.withUnsafeBufferPointer { zy in
                data.level.withUnsafeBufferPointer { level in
                    for g in 0..<data.groupCount {
                        let a = zz[3 * g], b = zz[3 * g + 1], c = zz[3 * g + 2]
                        let inverse = RandomEffectsBlock(a: a, b: b, c: c, theta: t1, t2, t3)
                            .inverse(addingTo: &logDeterminant)
                        let k = 5 * Int(level[g])
                        let kappa0 = perLevel[k], kappa1 = perLevel[k + 1]
                        // v = Zᵀy − M (K_ℓβ̂).
                        let v1 = zy[2 * g] - (a * kappa0 + b * kappa1), v2 = zy[2 * g + 1] - (b * kappa0 + c * kappa1)
                        inverse.addResidualTerms(v1: v1, v2: v2, to: &residual)
                        guard restricted else { continue }
                        // Q = M Ω M with Ω = K_ℓWK_ℓᵀ = [o00 o01; o01 o11].
                        let o00 = perLevel[k + 2], o01 = perLevel[k + 3], o11 = perLevel[k + 4]
                        let f00 = a * o00 + b * o01, f01 = a * o01 + b * o11
                        let f10 = b * o00 + c * o01, f11 = b * o01 + c * o11
                        inverse.addProjectionTerms(q11: f00 * a + f01 * b, q12: f00 * b + f01 * c,
                                                   q22: f10 * b + f11 * c, to: &projection)
                    }
                }
            }
        }
        return (evaluation.deviance, gradient(at: evaluation, logDeterminant: logDeterminant, residual: residual,
                                              projection: projection))
    }
}
