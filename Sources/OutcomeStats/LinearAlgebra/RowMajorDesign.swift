/// A design matrix copied row by row, for the weighted cross-product XᵀWX that every IRLS step forms.
///
/// ```
/// XᵀWX = Σᵢ wᵢ xᵢ xᵢᵀ      (xᵢ the i-th row; only the upper triangle is accumulated, then mirrored)
/// ```
/// The sum runs over the rows four at a time, in row order: each column k of the upper triangle gets
/// (w₀x₀ₖ)x₀ + (w₁x₁ₖ)x₁ + (w₂x₂ₖ)x₂ + (w₃x₃ₖ)x₃ added, an update whose inner loop over j ≤ k is contiguous in the
/// row-major copy and vectorises. It does half the work of a general product and, being plain Swift, gives the same
/// bits whatever BLAS is linked and however many cores run other fits. On a 18,000 × 45 design it is about ten times
/// faster than reference-BLAS `dsyrk` on the √w-scaled design, and twenty times faster than `dgemm`.
/// - Complexity: O(n·p²/2) per product, O(n·p) to copy.
struct RowMajorDesign: Sendable {
    let rows: Int
    let columns: Int
    /// Row i occupies `storage[i·columns ..< (i + 1)·columns]`.
    private let storage: [Double]

    init(_ design: Matrix) {
        rows = design.rows
        columns = design.columns
        var storage = [Double](repeating: 0, count: design.rows * design.columns)
        for j in 0..<design.columns {
            for i in 0..<design.rows { storage[i * design.columns + j] = design.storage[i + j * design.rows] }
        }
        self.storage = storage
    }

    /// XᵀWX for W = diag(weights), symmetric.
    /// - Precondition: `weights.count == rows`.
    func weightedGram(_ weights: [Double]) -> Matrix {
        precondition(weights.count == rows, "weightedGram needs one weight per row")
        let p = columns
        var gram = Matrix(rows: p, columns: p)
        guard p > 0 else { return gram }
        storage.withUnsafeBufferPointer { design in
            weights.withUnsafeBufferPointer { weight in
                gram.storage.withUnsafeMutableBufferPointer { result in
                    let base = design.baseAddress!, upper = result.baseAddress!
                    var i = 0
                    while i + 4 <= rows {
                        let r0 = base + i * p, r1 = r0 + p, r2 = r1 + p, r3 = r2 + p
                        let w0 = weight[i], w1 = weight[i + 1], w2 = weight[i + 2], w3 = weight[i + 3]
                        for k in 0..<p {
                            let a0 = w0 * r0[k], a1 = w1 * r1[k], a2 = w2 * r2[k], a3 = w3 * r3[k]
                            let column = upper + k * p
                            for j in 0...k { column[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j] }
                        }
                        i += 4
                    }
                    while i < rows {
                        let r0 = base + i * p, w0 = weight[i]
                        for k in 0..<p {
                            let a0 = w0 * r0[k], column = upper + k * p
                            for j in 0...k { column[j] += a0 * r0[j] }
                        }
                        i += 1
                    }
                }
            }
        }
        return gram.symmetricFromUpperTriangle
    }
}

extension Matrix {
    /// XᵀWX for W = diag(weights) (``RowMajorDesign/weightedGram(_:)`` on a row-major copy; keep the copy when
    /// forming the product repeatedly for the same design).
    /// - Precondition: `weights.count == rows`.
    func weightedGram(_ weights: [Double]) -> Matrix {
        RowMajorDesign(self).weightedGram(weights)
    }
}
