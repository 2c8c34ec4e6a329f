import _CLAPACK

/// The linear least-squares solution of an overdetermined full-column-rank system, by Householder QR
/// (LAPACK `dgels`).
///
/// ```
/// β̂ = argmin_β ‖y − Xβ‖²,   X = QR,  R β̂ = Qᵀy
/// residual sum of squares = ‖y − Xβ̂‖² = Σ_{i>p} (Qᵀy)ᵢ²
/// ```
/// Golub & Van Loan, *Matrix Computations*, 4th ed. (2013), §5.3.
///
/// A rank-deficient design throws rather than returning meaningless coefficients: when `dgels` meets an
/// exactly zero diagonal element of R, and also when some |rₖₖ| ≤ `rankTolerance`·maxⱼ|rⱼⱼ|, which catches
/// columns that are collinear up to rounding (a design with fewer rows than columns is rank deficient too).
/// Without column pivoting this diagonal check is a sufficient, not a necessary, sign of near-singularity;
/// it reliably catches exact collinearity. The default tolerance 1e-7 is the one R's `lm.fit` passes to its
/// QR (`tol = 1e-07`).
/// - Complexity: 2mn² − 2n³/3 flops for an m×n design.
public struct LeastSquares: Sendable, Hashable {
    /// The fitted coefficients β̂, one per column of the design.
    public let coefficients: [Double]
    /// ‖y − Xβ̂‖².
    public let residualSumOfSquares: Double
    /// m − n, the residual degrees of freedom.
    public let residualDegreesOfFreedom: Int

    /// Solves min ‖design·β − response‖.
    /// - Throws: ``LinearAlgebraError/Kind/rankDeficient`` (index: the 1-based column whose R diagonal is
    ///   negligible) or ``LinearAlgebraError/Kind/nonFiniteValue``.
    /// - Precondition: `response.count == design.rows`, `design.columns ≥ 1`, `rankTolerance ≥ 0`.
    public init(design: Matrix, response: [Double], rankTolerance: Double = 1e-7) throws(LinearAlgebraError) {
        precondition(response.count == design.rows,
                     "Least squares needs one response per design row: \(design.rows) rows, \(response.count) responses")
        precondition(design.columns >= 1, "Least squares needs at least one column")
        precondition(rankTolerance >= 0, "rankTolerance must be non-negative")
        try LinearAlgebraError.checkFinite(design.storage, routine: "dgels")
        try LinearAlgebraError.checkFinite(response, routine: "dgels")
        let m = design.rows, n = design.columns
        guard m >= n else {
            throw LinearAlgebraError(kind: .rankDeficient, routine: "dgels", index: m + 1)
        }
        var factor = design.storage
        var rightHandSide = response
        var rows = lapack_int(m), columns = lapack_int(n), rightHandSides = lapack_int(1)
        var lda = lapack_int(m), ldb = lapack_int(m), info = lapack_int(0)
        var workspaceQuery = 0.0, lwork = lapack_int(-1)
        dgels_("N", &rows, &columns, &rightHandSides, &factor, &lda, &rightHandSide, &ldb, &workspaceQuery,
               &lwork, &info, 1)
        lwork = lapack_int(max(1, Int(workspaceQuery)))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgels_("N", &rows, &columns, &rightHandSides, &factor, &lda, &rightHandSide, &ldb, &work, &lwork, &info, 1)
        precondition(info >= 0, "dgels: illegal argument \(-info)")
        if info > 0 {
            throw LinearAlgebraError(kind: .rankDeficient, routine: "dgels", index: Int(info))
        }
        let r = Matrix(rows: m, columns: n, columnMajor: factor)
        let largest = r.diagonal.map(abs).max() ?? 0
        if let negligible = r.diagonal.firstIndex(where: { abs($0) <= rankTolerance * largest }) {
            throw LinearAlgebraError(kind: .rankDeficient, routine: "dgels", index: negligible + 1)
        }
        coefficients = Array(rightHandSide.prefix(n))
        residualSumOfSquares = rightHandSide.dropFirst(n).reduce(0) { $0 + $1 * $1 }
        residualDegreesOfFreedom = m - n
    }
}
