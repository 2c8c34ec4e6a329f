import Foundation

/// One group's 2 × 2 random-effects algebra at θ, shared by the two layouts of the profiled deviance
/// (``ProfiledDeviance``, ``LevelProfiledDeviance``). With M = ZᵀZ = [a b; b c] and Λ = [θ₁ 0; θ₂ θ₃]:
///
/// ```
/// A = ΛᵀMΛ + I = L Lᵀ,  L = [l11 0; l21 l22]          (closed-form Cholesky)
/// B = A⁻¹Λᵀ,  E = I − MΛB,  BM
/// ```
/// The gradient's per-group terms (``ProfiledDeviance/valueAndGradient(_:)`` derives them) are added to running
/// sums at the positions (1,1), (2,1), (2,2) of Λ. With a random intercept only, θ₂ = θ₃ = 0.
struct RandomEffectsBlock {
    let a: Double, b: Double, c: Double
    let t1: Double, t2: Double, t3: Double
    /// (ΛᵀM)'s first row: m11 = a θ₁ + b θ₂, m21 = b θ₁ + c θ₂.
    let m11: Double, m21: Double
    /// A's entries.
    let a11: Double, a21: Double, a22: Double

    @inline(__always)
    init(a: Double, b: Double, c: Double, theta t1: Double, _ t2: Double, _ t3: Double) {
        (self.a, self.b, self.c, self.t1, self.t2, self.t3) = (a, b, c, t1, t2, t3)
        m11 = a * t1 + b * t2
        m21 = b * t1 + c * t2
        a11 = t1 * m11 + t2 * m21 + 1
        a21 = t3 * m21
        a22 = c * t3 * t3 + 1
    }

    /// L, the Cholesky factor of A, and log|A| = 2 log l11 + 2 log l22.
    @inline(__always)
    func cholesky() -> (l11: Double, l21: Double, l22: Double, logDeterminant: Double) {
        let l11 = a11.squareRoot(), l21 = a21 / l11
        let l22 = (a22 - l21 * l21).squareRoot()
        return (l11, l21, l22, 2 * log(l11) + 2 * log(l22))
    }

    /// B = A⁻¹Λᵀ and E = I − MΛB (MΛ = [m11, b·θ₃; m21, c·θ₃]).
    struct Inverse {
        let b11: Double, b12: Double, b21: Double, b22: Double
        let e11: Double, e12: Double, e21: Double, e22: Double
    }

    /// B and E, with the log-determinant's gradient terms (BM)₁₁, (BM)₁₂, (BM)₂₂ added to `logDeterminant`.
    @inline(__always)
    func inverse(addingTo logDeterminant: inout (Double, Double, Double)) -> Inverse {
        let det = a11 * a22 - a21 * a21
        let b11 = a22 * t1 / det, b12 = (a22 * t2 - a21 * t3) / det
        let b21 = -a21 * t1 / det, b22 = (a11 * t3 - a21 * t2) / det
        let bm11 = b11 * a + b12 * b, bm12 = b11 * b + b12 * c
        let bm22 = b21 * b + b22 * c
        logDeterminant.0 += bm11
        logDeterminant.1 += bm12
        logDeterminant.2 += bm22
        let e11 = 1 - (m11 * b11 + b * t3 * b21), e12 = -(m11 * b12 + b * t3 * b22)
        let e21 = -(m21 * b11 + c * t3 * b21), e22 = 1 - (m21 * b12 + c * t3 * b22)
        return Inverse(b11: b11, b12: b12, b21: b21, b22: b22, e11: e11, e12: e12, e21: e21, e22: e22)
    }
}

extension RandomEffectsBlock.Inverse {
    /// With v = Zᵀy − Cβ̂: û = Bv, w = Ev, and w_i û_j added to `residual`.
    @inline(__always)
    func addResidualTerms(v1: Double, v2: Double, to residual: inout (Double, Double, Double)) {
        let u1 = b11 * v1 + b12 * v2, u2 = b21 * v1 + b22 * v2
        let r1 = e11 * v1 + e12 * v2, r2 = e21 * v1 + e22 * v2
        residual.0 += r1 * u1
        residual.1 += r2 * u1
        residual.2 += r2 * u2
    }

    /// With Q = C W Cᵀ = [q11 q12; q12 q22]: (B Q Eᵀ)_ji added to `projection`.
    @inline(__always)
    func addProjectionTerms(q11: Double, q12: Double, q22: Double, to projection: inout (Double, Double, Double)) {
        let bq11 = b11 * q11 + b12 * q12, bq12 = b11 * q12 + b12 * q22
        let bq21 = b21 * q11 + b22 * q12, bq22 = b21 * q12 + b22 * q22
        projection.0 += bq11 * e11 + bq12 * e12
        projection.1 += bq11 * e21 + bq12 * e22
        projection.2 += bq21 * e21 + bq22 * e22
    }
}
