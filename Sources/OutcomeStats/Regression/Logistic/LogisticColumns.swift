/// Which design columns are estimable: the aliased ones are found on the unit-weight Gram matrix XᵀX scaled to unit
/// diagonal (so the tolerance reads as 1 − R²), taking the later column of a dependent set as R does.
struct LogisticColumns: Sendable, Hashable {
    let count: Int
    let independent: [Int]
    let aliased: [Int]
    /// The column of ones, if the design has one (it decides the null model and which column ridge leaves unpenalised).
    let intercept: Int?

    init(design: Matrix, aliasTolerance: Double) {
        count = design.columns
        intercept = (0..<design.columns).first { j in design.column(j).allSatisfy { $0 == 1 } }
        let gram = design.weightedGram([Double](repeating: 1, count: design.rows))
        let scale = gram.diagonal.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        var scaled = gram
        for j in 0..<gram.columns {
            for i in 0..<gram.rows { scaled[i, j] = gram[i, j] * scale[i] * scale[j] }
        }
        if let factorization = try? PivotedCholeskyFactorization(scaled, relativeTolerance: aliasTolerance) {
            independent = factorization.independentColumns
            aliased = factorization.aliasedColumns
        } else {
            independent = Array(0..<design.columns)
            aliased = []
        }
    }

    /// The design restricted to the independent columns: the design itself (no copy) when none is aliased.
    func independentPart(of design: Matrix) -> Matrix {
        independent.count == design.columns ? design : design.submatrix(rows: Array(0..<design.rows), columns: independent)
    }
}

/// The design with every non-intercept column standardised, zⱼ = (xⱼ − x̄ⱼ)/sⱼ (sd with n − 1), for ridge. Without an
/// intercept column the columns are only scaled (centring needs an intercept to absorb it). Written row by row
/// straight away, the layout the IRLS steps read (``RowMajorDesign``): no column-major copy of it is kept.
struct StandardisedDesign {
    let rowMajor: RowMajorDesign
    let interceptColumn: Int?
    let means: [Double]
    let scales: [Double]

    init(_ design: Matrix) {
        let n = design.rows
        interceptColumn = (0..<design.columns).first { j in design.column(j).allSatisfy { $0 == 1 } }
        var means = [Double](repeating: 0, count: design.columns)
        var scales = [Double](repeating: 1, count: design.columns)
        let p = design.columns
        var result = [Double](repeating: 0, count: n * p)
        for j in 0..<p {
            let column = design.column(j)
            guard j != interceptColumn else {
                for i in 0..<n { result[i * p + j] = column[i] }
                continue
            }
            let mean = interceptColumn == nil ? 0 : column.reduce(0, +) / Double(n)
            let squares = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let sd = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
            means[j] = mean
            scales[j] = sd > 0 ? sd : 1
            for i in 0..<n { result[i * p + j] = (column[i] - mean) / scales[j] }
        }
        rowMajor = RowMajorDesign(rows: n, columns: p, rowMajor: result)
        self.means = means
        self.scales = scales
    }

    /// The linear map T with β = Tγ: βⱼ = γⱼ/sⱼ, β₀ = γ₀ − Σ γⱼ x̄ⱼ/sⱼ.
    var transform: Matrix {
        var t = Matrix(rows: means.count, columns: means.count)
        for j in 0..<means.count {
            t[j, j] = j == interceptColumn ? 1 : 1 / scales[j]
            if let intercept = interceptColumn, j != intercept { t[intercept, j] = -means[j] / scales[j] }
        }
        return t
    }

    /// The estimate expressed for the original columns (coefficients Tγ, covariance TΣTᵀ).
    func toOriginalScale(_ estimate: LogisticEstimate) -> LogisticEstimate {
        let t = transform
        var result = estimate
        result.coefficients = t.multiplied(by: estimate.coefficients)
        result.covariance = Matrix.product(t * estimate.covariance, t, transposingRight: true)
        return result
    }
}
