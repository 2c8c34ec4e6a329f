import Foundation

/// A profiled deviance d(θ) of a linear mixed model with a random intercept (and slope) per group, in either of
/// its two data layouts: ``ProfiledDeviance`` (any fixed-effects design, per-group cross-products with it) and
/// ``LevelProfiledDeviance`` (the design of a growth model with one group-level factor, per-group blocks only).
/// ``LinearMixedModel`` minimises either the same way.
protocol ProfiledCriterion: Sendable {
    var restricted: Bool { get }
    var randomSlope: Bool { get }
    var observationCount: Int { get }
    /// p, the number of (estimable) fixed effects.
    var fixedEffectCount: Int { get }
    func evaluate(_ theta: [Double]) throws(LinearAlgebraError) -> ProfiledDeviance.Evaluation
    func valueAndGradient(_ theta: [Double]) throws(LinearAlgebraError) -> (value: Double, gradient: [Double])
}

extension ProfiledCriterion {
    /// The deviance at `theta` (NaN or +∞ when RXᵀRX is not positive definite, which only happens for a
    /// rank-deficient fixed-effects design).
    func deviance(_ theta: [Double]) -> Double {
        (try? evaluate(theta).deviance) ?? .infinity
    }

    /// The gradient from its three sums over the groups, each at the parameter positions (1,1), (2,1), (2,2) of Λ:
    /// Σ (BM)_ji, Σ w_i û_j and Σ (BQEᵀ)_ji (``ProfiledDeviance/valueAndGradient(_:)`` defines them):
    /// ∂d/∂θ_k = 2 Σ(BM) − 2 s Σ w û − 2 [REML] Σ(BQEᵀ) with s = (n or n − p) / r².
    func gradient(at evaluation: ProfiledDeviance.Evaluation, logDeterminant: (Double, Double, Double),
                  residual: (Double, Double, Double), projection: (Double, Double, Double)) -> [Double] {
        let n = Double(observationCount), p = fixedEffectCount
        let squares = evaluation.penalizedResidualSumOfSquares
        let scale = (restricted ? n - Double(p) : n) / squares
        let rxWeight = restricted ? 1.0 : 0.0
        func component(_ l: Double, _ r: Double, _ x: Double) -> Double { 2 * l - 2 * scale * r - 2 * rxWeight * x }
        let full = [
            component(logDeterminant.0, residual.0, projection.0),
            component(logDeterminant.1, residual.1, projection.1),
            component(logDeterminant.2, residual.2, projection.2),
        ]
        return randomSlope ? full : [full[0]]
    }

    /// The deviance from its parts: log|L|², log|RX|² (REML only) and r², over n observations and p fixed effects.
    /// ML: log|L|² + n (1 + log(2π r²/n));  REML: log|L|² + log|RX|² + (n − p)(1 + log(2π r²/(n − p))).
    func deviance(logDeterminantL: Double, logDeterminantRX: Double, residual: Double) -> Double {
        let n = Double(observationCount)
        if restricted {
            let degrees = n - Double(fixedEffectCount)
            return logDeterminantL + logDeterminantRX + degrees * (1 + log(2 * Double.pi * residual / degrees))
        }
        return logDeterminantL + n * (1 + log(2 * Double.pi * residual / n))
    }
}

extension ProfiledCriterion {
    /// The evaluation at θ from the sums over the groups (both layouts gather the same ones):
    /// ```
    /// RXᵀRX = XᵀX − Σ_g R_ZX,gᵀ R_ZX,g   (`downdate`, upper triangle, column-major p × p)
    /// RXᵀ c_β = Xᵀy − Σ_g R_ZX,gᵀ c_u,g   (`projection`),   RX β = c_β
    /// r² = yᵀy − Σ_g ‖c_u,g‖² − ‖c_β‖²     (`squaredRandom`; floored at 0 against rounding)
    /// ```
    /// - Throws: ``LinearAlgebraError`` when RXᵀRX is not positive definite (a rank-deficient design).
    func evaluation(crossProduct: Matrix, crossProductResponse: [Double], responseSquares: Double,
                    downdate: [Double], projection: [Double], logDeterminantL: Double,
                    squaredRandom: Double) throws(LinearAlgebraError) -> ProfiledDeviance.Evaluation {
        let p = crossProduct.columns
        var precision = crossProduct
        for j in 0..<p { for i in 0...j { precision[i, j] -= downdate[j * p + i] } }
        let factor = try CholeskyFactorization(precision)
        let right = (0..<p).map { crossProductResponse[$0] - projection[$0] }
        let coefficients = factor.solve(right)
        // ‖c_β‖² = cᵀ (RXᵀRX)⁻¹ c with c = Xᵀy − Σ R_ZXᵀ c_u.
        let squaredFixed = zip(right, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
        let residual = max(responseSquares - squaredRandom - squaredFixed, 0)
        let logDeterminantRX = factor.logDeterminant
        return ProfiledDeviance.Evaluation(
            deviance: deviance(logDeterminantL: logDeterminantL, logDeterminantRX: logDeterminantRX, residual: residual),
            coefficients: coefficients, fixedEffectPrecision: precision.symmetricFromUpperTriangle,
            penalizedResidualSumOfSquares: residual, logDeterminantL: logDeterminantL,
            logDeterminantRX: logDeterminantRX)
    }
}
