import _CLAPACK

extension Matrix {
    /// The product op(A)·op(B), where op transposes when asked, computed by BLAS `dgemm`.
    ///
    /// ```
    /// C = op(A) · op(B),   op(X) = X or Xᵀ
    /// ```
    /// Use the flags rather than ``transposed`` to form AᵀB or ABᵀ without a copy (e.g. the Gram matrix
    /// XᵀX of a design matrix).
    /// - Complexity: O(m·n·k) for an m×k times k×n product.
    /// - Precondition: the inner dimensions agree.
    public static func product(
        _ left: Matrix, transposingLeft: Bool = false, _ right: Matrix, transposingRight: Bool = false
    ) -> Matrix {
        let m = transposingLeft ? left.columns : left.rows
        let k = transposingLeft ? left.rows : left.columns
        let rightInner = transposingRight ? right.columns : right.rows
        let n = transposingRight ? right.rows : right.columns
        precondition(k == rightInner, "Matrix product needs matching inner dimensions, got \(k) and \(rightInner)")
        var result = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return result }
        var mm = lapack_int(m), nn = lapack_int(n), kk = lapack_int(k)
        var lda = lapack_int(max(1, left.rows)), ldb = lapack_int(max(1, right.rows)), ldc = lapack_int(m)
        var alpha = 1.0, beta = 0.0
        left.storage.withUnsafeBufferPointer { a in
            right.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    dgemm_(transposingLeft ? "T" : "N", transposingRight ? "T" : "N", &mm, &nn, &kk, &alpha,
                           a.baseAddress, &lda, b.baseAddress, &ldb, &beta, c.baseAddress, &ldc, 1, 1)
                }
            }
        }
        return result
    }

    /// The matrix product A·B (BLAS `dgemm`).
    /// - Precondition: `left.columns == right.rows`.
    public static func * (left: Matrix, right: Matrix) -> Matrix {
        product(left, right)
    }

    /// The matrix–vector product op(A)·x (BLAS `dgemv`).
    /// - Precondition: `vector.count` equals the number of columns of op(A).
    public func multiplied(by vector: [Double], transposingSelf: Bool = false) -> [Double] {
        let inner = transposingSelf ? rows : columns
        let outer = transposingSelf ? columns : rows
        precondition(vector.count == inner, "Matrix–vector product needs \(inner) elements, got \(vector.count)")
        var result = [Double](repeating: 0, count: outer)
        guard outer > 0, inner > 0 else { return result }
        var m = lapack_int(rows), n = lapack_int(columns), lda = lapack_int(max(1, rows))
        var increment = lapack_int(1), resultIncrement = lapack_int(1)
        var alpha = 1.0, beta = 0.0
        storage.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    dgemv_(transposingSelf ? "T" : "N", &m, &n, &alpha, a.baseAddress, &lda, x.baseAddress,
                           &increment, &beta, y.baseAddress, &resultIncrement, 1)
                }
            }
        }
        return result
    }

    /// The matrix–vector product A·x (BLAS `dgemv`).
    /// - Precondition: `vector.count == matrix.columns`.
    public static func * (matrix: Matrix, vector: [Double]) -> [Double] {
        matrix.multiplied(by: vector)
    }

    /// Element-wise sum.
    /// - Precondition: equal dimensions.
    public static func + (left: Matrix, right: Matrix) -> Matrix {
        precondition(left.rows == right.rows && left.columns == right.columns, "Matrix sum needs equal dimensions")
        return Matrix(rows: left.rows, columns: left.columns,
                      columnMajor: zip(left.storage, right.storage).map { $0 + $1 })
    }

    /// Element-wise difference.
    /// - Precondition: equal dimensions.
    public static func - (left: Matrix, right: Matrix) -> Matrix {
        precondition(left.rows == right.rows && left.columns == right.columns,
                     "Matrix difference needs equal dimensions")
        return Matrix(rows: left.rows, columns: left.columns,
                      columnMajor: zip(left.storage, right.storage).map { $0 - $1 })
    }

    /// Every element multiplied by `scalar`.
    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        Matrix(rows: matrix.rows, columns: matrix.columns, columnMajor: matrix.storage.map { scalar * $0 })
    }

    /// The largest absolute element, max |aᵢⱼ| (0 for an empty matrix); NaN if any element is NaN.
    public var maximumAbsoluteElement: Double {
        storage.reduce(0) { current, value in value.isNaN || current.isNaN ? .nan : max(current, abs(value)) }
    }
}
