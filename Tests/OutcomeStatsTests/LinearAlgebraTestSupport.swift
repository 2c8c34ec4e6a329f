import OutcomeStats
import _OutcomeTestSupport

/// max |aᵢⱼ − bᵢⱼ|.
func maximumDifference(_ a: Matrix, _ b: Matrix) -> Double {
    (a - b).maximumAbsoluteElement
}

/// max |aᵢ − bᵢ|.
func maximumDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// A `rows × columns` matrix of independent uniform(−1, 1) entries.
func randomMatrix(rows: Int, columns: Int, using generator: inout SplitMix64) -> Matrix {
    Matrix(rows: rows, columns: columns,
           columnMajor: (0..<(rows * columns)).map { _ in Double.random(in: -1...1, using: &generator) })
}

/// A random symmetric positive-definite matrix BᵀB + n·I (condition number at most about 2).
func randomPositiveDefinite(order: Int, using generator: inout SplitMix64) -> Matrix {
    let b = randomMatrix(rows: order, columns: order, using: &generator)
    return Matrix.product(b, transposingLeft: true, b) + Double(order) * Matrix.identity(order)
}
