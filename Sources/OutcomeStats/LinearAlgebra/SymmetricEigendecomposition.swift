import _CLAPACK

/// The eigen-decomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix by divide and conquer
/// (LAPACK `dsyevd`).
///
/// ```
/// A vᵢ = λᵢ vᵢ,   λ₁ ≤ λ₂ ≤ … ≤ λₙ,   VᵀV = I
/// ```
/// Golub & Van Loan, *Matrix Computations*, 4th ed. (2013), §8.4; Gu & Eisenstat, SIAM J. Matrix Anal. Appl.
/// 16 (1995) 172–191, doi:10.1137/S0895479892241287.
///
/// Only the upper triangle is read. Each eigenvector is determined up to sign (and, for a repeated
/// eigenvalue, up to a rotation within its eigenspace); compare reconstructions, not vectors.
/// - Complexity: O(n³).
public struct SymmetricEigendecomposition: Sendable {
    /// The eigenvalues in ascending order.
    public let eigenvalues: [Double]
    /// The orthonormal eigenvectors, column k belonging to `eigenvalues[k]`.
    public let eigenvectors: Matrix

    /// Decomposes `matrix`.
    /// - Throws: ``LinearAlgebraError/Kind/nonFiniteValue`` or ``LinearAlgebraError/Kind/noConvergence``.
    /// - Precondition: `matrix` is square.
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        let upper = try matrix.finiteUpperTriangle(for: "dsyevd")
        let n = matrix.rows
        guard n > 0 else {
            eigenvalues = []
            eigenvectors = upper
            return
        }
        var vectors = upper.storage
        var values = [Double](repeating: 0, count: n)
        var order = lapack_int(n), lda = lapack_int(n), info = lapack_int(0)
        var workQuery = 0.0, integerWorkQuery = lapack_int(0)
        var lwork = lapack_int(-1), liwork = lapack_int(-1)
        dsyevd_("V", "U", &order, &vectors, &lda, &values, &workQuery, &lwork, &integerWorkQuery, &liwork, &info, 1, 1)
        lwork = lapack_int(max(1, Int(workQuery)))
        liwork = max(1, integerWorkQuery)
        var work = [Double](repeating: 0, count: Int(lwork))
        var integerWork = [lapack_int](repeating: 0, count: Int(liwork))
        dsyevd_("V", "U", &order, &vectors, &lda, &values, &work, &lwork, &integerWork, &liwork, &info, 1, 1)
        precondition(info >= 0, "dsyevd: illegal argument \(-info)")
        if info > 0 {
            throw LinearAlgebraError(kind: .noConvergence, routine: "dsyevd", index: Int(info))
        }
        eigenvalues = values
        eigenvectors = Matrix(rows: n, columns: n, columnMajor: vectors)
    }

    /// V·diag(λ)·Vᵀ, the matrix rebuilt from its decomposition.
    public var reconstructed: Matrix {
        var scaled = eigenvectors
        for (k, value) in eigenvalues.enumerated() {
            for i in 0..<scaled.rows { scaled[i, k] *= value }
        }
        return Matrix.product(scaled, eigenvectors, transposingRight: true)
    }
}
