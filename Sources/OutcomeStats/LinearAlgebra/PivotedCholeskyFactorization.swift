import _CLAPACK

/// The rank-revealing Cholesky factorisation with complete pivoting PᵀAP = UᵀU of a symmetric positive
/// semidefinite matrix (LAPACK `dpstrf`). It finds the numerical rank r and which columns are aliased:
/// linearly dependent on other columns.
///
/// ```
/// Pᵀ A P = Uᵀ U,   U = [ U₁₁ U₁₂ ; 0 0 ],  U₁₁ r×r upper triangular
/// stop at step k when the largest remaining diagonal pivot ≤ τ = relativeTolerance · maxᵢ aᵢᵢ
/// ```
/// Higham, "Cholesky factorization", WIREs Comp. Stat. 1 (2009), doi:10.1002/wics.18; Lucas, "LAPACK-style
/// codes for level 2 and 3 pivoted Cholesky factorizations", LAPACK Working Note 161 (2004).
///
/// Which columns of a dependent set are called aliased follows R's convention, not the pivot order: after
/// `dpstrf` has fixed the rank r, columns are taken greedily in their original order, each kept when its
/// pivot in the in-order Cholesky of the kept columns exceeds τ, until r are kept. So for columns x₁, x₂,
/// x₃ = x₁ + x₂ the aliased column is x₃, as in `lm` and `coxph` (whose `cholesky2` works in column order).
/// The pivot order is still available as ``pivot``. A model fit sets aliased coefficients to `nil` and flags
/// them instead of failing. An indefinite matrix is reported as rank deficient at the step where its
/// remaining pivots stop being positive. Only the upper triangle is read.
/// - Complexity: O(n³).
public struct PivotedCholeskyFactorization: Sendable {
    /// The order n of the factorised matrix.
    public let order: Int
    /// The numerical rank r: the number of pivots greater than the tolerance.
    public let rank: Int
    /// The pivot order: `pivot[k]` is the 0-based original column placed at position k, so the first
    /// `rank` entries are the independent columns in the order they were chosen.
    public let pivot: [Int]
    /// The relative tolerance used; the absolute threshold was this times the largest diagonal element.
    public let relativeTolerance: Double
    /// The upper-triangular factor U of PᵀAP; only its leading `rank × rank` block is meaningful.
    public let upperFactor: Matrix
    /// The independent columns in the order of ``independentFactor``.
    let factoredColumns: [Int]
    /// The Cholesky factor R (upper, `rank × rank`) of A restricted to `factoredColumns`, in that order.
    let independentFactor: Matrix

    /// Factorises `matrix`.
    /// - Parameters:
    ///   - relativeTolerance: a pivot is negligible when it is at most this times the largest diagonal
    ///     element of `matrix`. `nil` uses LAPACK's default, n·ε (ε = 2.2e-16 the unit roundoff).
    /// - Throws: ``LinearAlgebraError/Kind/nonFiniteValue`` for NaN or infinite entries.
    /// - Precondition: `matrix` is square; `relativeTolerance`, if given, is ≥ 0.
    public init(_ matrix: Matrix, relativeTolerance: Double? = nil) throws(LinearAlgebraError) {
        precondition(relativeTolerance.map { $0 >= 0 } ?? true, "relativeTolerance must be non-negative")
        let upper = try matrix.finiteUpperTriangle(for: "dpstrf")
        let n = matrix.rows
        let tolerance = relativeTolerance ?? Double(n) * Double.ulpOfOne
        order = n
        self.relativeTolerance = tolerance
        guard n > 0 else {
            rank = 0
            pivot = []
            upperFactor = upper
            factoredColumns = []
            independentFactor = upper
            return
        }
        let largestDiagonal = matrix.diagonal.max() ?? 0
        guard largestDiagonal > 0 else {
            // dpstrf returns rank 0 here too; answering directly avoids a zero absolute tolerance.
            rank = 0
            pivot = Array(0..<n)
            upperFactor = Matrix(rows: n, columns: n)
            factoredColumns = []
            independentFactor = Matrix(rows: 0, columns: 0)
            return
        }
        var factor = upper.storage
        var size = lapack_int(n), lda = lapack_int(n), computedRank = lapack_int(0), info = lapack_int(0)
        var pivots = [lapack_int](repeating: 0, count: n)
        var absoluteTolerance = tolerance * largestDiagonal
        var work = [Double](repeating: 0, count: 2 * n)
        dpstrf_("U", &size, &factor, &lda, &pivots, &computedRank, &absoluteTolerance, &work, &info, 1)
        precondition(info >= 0, "dpstrf: illegal argument \(-info)")
        rank = Int(computedRank)
        pivot = pivots.map { Int($0) - 1 }
        // dpstrf leaves the trailing (n−r)×(n−r) block as a partly updated Schur complement; clear it.
        var cleaned = Matrix(rows: n, columns: n, columnMajor: factor).upperTriangle
        for j in rank..<n {
            for i in rank...j { cleaned[i, j] = 0 }
        }
        upperFactor = cleaned
        if let inOrder = Self.inColumnOrder(upper, threshold: absoluteTolerance, rank: rank) {
            factoredColumns = inOrder.columns
            independentFactor = inOrder.factor
        } else {
            factoredColumns = Array(pivot.prefix(rank))
            independentFactor = cleaned.submatrix(rows: Array(0..<rank), columns: Array(0..<rank))
        }
    }

    /// Greedy selection in column order: a candidate column j joins the kept set S when its pivot
    /// d = aⱼⱼ − ‖R⁻ᵀ a_{S j}‖² (R the Cholesky factor of A_SS) exceeds `threshold`; stops at `rank` columns.
    /// Returns nil when fewer than `rank` columns pass (a borderline disagreement with `dpstrf`, in which case
    /// the caller falls back to the pivoted choice).
    private static func inColumnOrder(
        _ a: Matrix, threshold: Double, rank: Int
    ) -> (columns: [Int], factor: Matrix)? {
        var kept: [Int] = []
        var factorColumns: [[Double]] = []  // factorColumns[k][i] = R[i, k], i ≤ k
        for j in 0..<a.columns where kept.count < rank {
            var projection: [Double] = []
            for (k, column) in kept.enumerated() {
                var sum = a[column, j]
                for i in 0..<k { sum -= factorColumns[k][i] * projection[i] }
                projection.append(sum / factorColumns[k][k])
            }
            let pivotValue = a[j, j] - projection.reduce(0) { $0 + $1 * $1 }
            if pivotValue > threshold {
                kept.append(j)
                factorColumns.append(projection + [pivotValue.squareRoot()])
            }
        }
        guard kept.count == rank else { return nil }
        var factor = Matrix(rows: rank, columns: rank)
        for (k, column) in factorColumns.enumerated() {
            for (i, value) in column.enumerated() { factor[i, k] = value }
        }
        return (kept, factor)
    }

    /// Whether the matrix has full numerical rank.
    public var isFullRank: Bool { rank == order }

    /// The original columns (0-based, ascending) that are linearly independent at the tolerance, chosen in
    /// column order (see the type's discussion); `rank` of them.
    public var independentColumns: [Int] { factoredColumns.sorted() }

    /// The original columns (0-based, ascending) that are aliased: numerically linear combinations of the
    /// ``independentColumns``. A model fit sets their coefficients to `nil` and flags them.
    public var aliasedColumns: [Int] {
        let independent = Set(factoredColumns)
        return (0..<order).filter { !independent.contains($0) }
    }

    /// Solves A x = b restricted to the independent columns: the aliased unknowns are fixed at zero and
    /// returned as `nil`, and the equations of the aliased rows are dropped (R's `lm` and `coxph` likewise report
    /// an aliased coefficient as `NA`).
    ///
    /// ```
    /// x_I = (A_II)⁻¹ b_I,  I = independent columns;  x_j = nil for j aliased
    /// ```
    /// - Precondition: `b.count == order`.
    public func solveIndependent(_ b: [Double]) -> [Double?] {
        precondition(b.count == order, "Pivoted Cholesky solve needs \(order) elements, got \(b.count)")
        var result = [Double?](repeating: nil, count: order)
        guard rank > 0 else { return result }
        var restricted = factoredColumns.map { b[$0] }
        var n = lapack_int(rank), rightHandSides = lapack_int(1), lda = lapack_int(rank)
        var ldb = lapack_int(rank), info = lapack_int(0)
        independentFactor.storage.withUnsafeBufferPointer { factor in
            dpotrs_("U", &n, &rightHandSides, factor.baseAddress, &lda, &restricted, &ldb, &info, 1)
        }
        precondition(info == 0, "dpotrs: illegal argument \(-info)")
        for (position, column) in factoredColumns.enumerated() { result[column] = restricted[position] }
        return result
    }
}
