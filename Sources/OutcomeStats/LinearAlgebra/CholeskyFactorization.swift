import Foundation
import _CLAPACK

/// The Cholesky factorisation A = UᵀU of a symmetric positive-definite matrix (LAPACK `dpotrf`), with
/// solves (`dpotrs`), the inverse (`dpotri`) and the log-determinant.
///
/// ```
/// A = Uᵀ U,  U upper triangular with positive diagonal
/// log det A = 2 Σᵢ log uᵢᵢ
/// ```
/// Golub & Van Loan, *Matrix Computations*, 4th ed. (2013), §4.2; LAPACK Users' Guide, 3rd ed. (1999).
///
/// Only the upper triangle of the input is read; the strict lower triangle is ignored, so an input that is
/// not symmetric is silently treated as its upper triangle reflected. A matrix that is not positive
/// definite (including a singular positive-semidefinite one) throws ``LinearAlgebraError/Kind/notPositiveDefinite``
/// with the order of the first leading minor that is not positive; use ``PivotedCholeskyFactorization`` to
/// find which columns are linearly dependent.
/// - Complexity: n³/3 flops to factorise, 2n² per right-hand side to solve.
public struct CholeskyFactorization: Sendable {
    /// The order n of the factorised matrix.
    public let order: Int
    /// The upper-triangular factor U (zeros below the diagonal).
    public let upperFactor: Matrix

    /// Factorises `matrix`.
    /// - Throws: ``LinearAlgebraError`` of kind ``LinearAlgebraError/Kind/notPositiveDefinite`` (index: the
    ///   order of the leading minor LAPACK found not positive) or ``LinearAlgebraError/Kind/nonFiniteValue``.
    /// - Precondition: `matrix` is square.
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        let upper = try matrix.finiteUpperTriangle(for: "dpotrf")
        var factor = upper.storage
        var n = lapack_int(matrix.rows), lda = lapack_int(max(1, matrix.rows)), info = lapack_int(0)
        if n > 0 { dpotrf_("U", &n, &factor, &lda, &info, 1) }
        precondition(info >= 0, "dpotrf: illegal argument \(-info)")
        if info > 0 {
            throw LinearAlgebraError(kind: .notPositiveDefinite, routine: "dpotrf", index: Int(info))
        }
        order = matrix.rows
        upperFactor = Matrix(rows: order, columns: order, columnMajor: factor)
    }

    /// log det A = 2 Σ log uᵢᵢ (0 for the empty matrix). Never overflows, unlike det A itself.
    public var logDeterminant: Double {
        2 * upperFactor.diagonal.reduce(0) { $0 + log($1) }
    }

    /// The solution x of A x = b (`dpotrs`).
    /// - Precondition: `b.count == order`.
    public func solve(_ b: [Double]) -> [Double] {
        solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// The solution X of A X = B for every column of B at once (`dpotrs`).
    /// - Precondition: `B.rows == order`.
    public func solve(_ B: Matrix) -> Matrix {
        precondition(B.rows == order, "Cholesky solve needs \(order) rows, got \(B.rows)")
        guard order > 0, B.columns > 0 else { return B }
        var solution = B.storage
        var n = lapack_int(order), rightHandSides = lapack_int(B.columns)
        var lda = lapack_int(order), ldb = lapack_int(order), info = lapack_int(0)
        upperFactor.storage.withUnsafeBufferPointer { factor in
            dpotrs_("U", &n, &rightHandSides, factor.baseAddress, &lda, &solution, &ldb, &info, 1)
        }
        precondition(info == 0, "dpotrs: illegal argument \(-info)")
        return Matrix(rows: B.rows, columns: B.columns, columnMajor: solution)
    }

    /// The full symmetric inverse A⁻¹ (`dpotri`, then the lower triangle mirrored from the upper).
    ///
    /// The factor has a positive diagonal, so `dpotri` cannot fail; the inverse of a nearly singular
    /// matrix is returned as computed (check its condition separately if that matters).
    public func inverse() -> Matrix {
        guard order > 0 else { return upperFactor }
        var inverse = upperFactor.storage
        var n = lapack_int(order), lda = lapack_int(order), info = lapack_int(0)
        dpotri_("U", &n, &inverse, &lda, &info, 1)
        precondition(info == 0, "dpotri failed with info \(info) on a valid Cholesky factor")
        return Matrix(rows: order, columns: order, columnMajor: inverse).symmetricFromUpperTriangle
    }
}
