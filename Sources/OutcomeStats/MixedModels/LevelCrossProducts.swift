/// The sufficient statistics of a growth model with one group-level factor, y ~ t + level + t:level +
/// (1 + t | group): each group's fixed-effects rows are its random-effects rows times a 2 × p loading of its level,
/// X_g = Z_g K_ℓ(g), so nothing per group needs more than Z_gᵀZ_g and Z_gᵀy_g.
///
/// ```
/// columns (L levels, level 0 the reference):  (Intercept), t, 1{ℓ} for ℓ = 1…L−1, t·1{ℓ} for ℓ = 1…L−1
/// K_ℓ:  intercept row e₀ (+ e_{1+ℓ} if ℓ > 0),  time row e₁ (+ e_{L+ℓ} if ℓ > 0)
/// Z_gᵀX_g = M_g K_ℓ(g)  with M_g = Z_gᵀZ_g = [n_g Σt; Σt Σt²]
/// XᵀX = Σ_ℓ K_ℓᵀ (Σ_{g∈ℓ} M_g) K_ℓ,   Xᵀy = Σ_ℓ K_ℓᵀ Σ_{g∈ℓ} Z_gᵀy_g
/// ```
/// Kernel layout as ``GroupedCrossProducts``: `zTz` 3 numbers a group (n_g, Σt, Σt²), `zTy` 2. The loadings are
/// kept over ``columns``, the estimable columns after ``keeping(columns:)`` drops aliased ones (a level with no
/// group makes its two columns zero).
/// - Complexity: O(n) for the pass (against O(n·p²) for the general layout), 5 numbers and a level a group.
struct LevelCrossProducts: Sendable {
    let observationCount: Int
    let groupCount: Int
    let levelCount: Int
    let zTz: [Double]
    let zTy: [Double]
    /// Each group's level, 0..<levelCount.
    let level: [Int32]
    let yTy: Double
    /// The design columns represented (0..<2L before ``keeping(columns:)``).
    private(set) var columns: [Int]
    /// K_ℓ over ``columns``, per level: the intercept row then the time row (2 · columns.count numbers).
    private(set) var loadings: [[Double]]
    /// XᵀX and Xᵀy over ``columns``.
    private(set) var xTx: Matrix
    private(set) var xTy: [Double]

    static func columnCount(levels: Int) -> Int { 2 * levels }

    init(response: [Double], time: [Double], group: [Int], groupCount: Int, level: [Int32], levelCount: Int) {
        observationCount = response.count
        self.groupCount = groupCount
        self.levelCount = levelCount
        self.level = level
        (zTz, zTy, yTy) = GroupedCrossProducts.randomEffectsBlocks(
            response: response, time: time, group: group, groupCount: groupCount)
        let p = Self.columnCount(levels: levelCount)
        columns = Array(0..<p)
        loadings = (0..<levelCount).map { ell in
            var loading = [Double](repeating: 0, count: 2 * p)
            loading[0] = 1
            loading[p + 1] = 1
            if ell > 0 {
                loading[1 + ell] = 1
                loading[p + levelCount + ell] = 1
            }
            return loading
        }
        xTx = Matrix(rows: p, columns: p)
        xTy = []
        (xTx, xTy) = crossProducts()
    }

    /// XᵀX and Xᵀy from each level's sums of M_g and Z_gᵀy_g.
    private func crossProducts() -> (Matrix, [Double]) {
        var moments = [Double](repeating: 0, count: 5 * levelCount)
        for g in 0..<groupCount {
            let k = 5 * Int(level[g])
            moments[k] += zTz[3 * g]
            moments[k + 1] += zTz[3 * g + 1]
            moments[k + 2] += zTz[3 * g + 2]
            moments[k + 3] += zTy[2 * g]
            moments[k + 4] += zTy[2 * g + 1]
        }
        let p = columns.count
        var gram = [Double](repeating: 0, count: p * p), right = [Double](repeating: 0, count: p)
        for ell in 0..<levelCount {
            let k = 5 * ell
            addSandwich(level: ell, moments[k], moments[k + 1], moments[k + 2], to: &gram)
            addLoaded(level: ell, moments[k + 3], moments[k + 4], to: &right)
        }
        return (Matrix(rows: p, columns: p, columnMajor: gram).symmetricFromUpperTriangle, right)
    }

    /// K_ℓᵀ S K_ℓ added to the upper triangle of the column-major p × p `matrix`, for S = [s00 s01; s01 s11].
    func addSandwich(level ell: Int, _ s00: Double, _ s01: Double, _ s11: Double, to matrix: inout [Double]) {
        let p = columns.count, k = loadings[ell]
        for j in 0..<p where k[j] != 0 || k[p + j] != 0 {
            let u0 = k[j] * s00 + k[p + j] * s01, u1 = k[j] * s01 + k[p + j] * s11
            for i in 0...j { matrix[j * p + i] += k[i] * u0 + k[p + i] * u1 }
        }
    }

    /// K_ℓᵀ v added to `vector`, for v = (v0, v1).
    func addLoaded(level ell: Int, _ v0: Double, _ v1: Double, to vector: inout [Double]) {
        let p = columns.count, k = loadings[ell]
        for j in 0..<p { vector[j] += k[j] * v0 + k[p + j] * v1 }
    }

    /// K_ℓ v for a vector over ``columns``: the two numbers (intercept row, time row).
    func loaded(level ell: Int, _ vector: [Double]) -> (Double, Double) {
        let p = columns.count, k = loadings[ell]
        var first = 0.0, second = 0.0
        for j in 0..<p {
            first += k[j] * vector[j]
            second += k[p + j] * vector[j]
        }
        return (first, second)
    }

    /// The same statistics over the design columns `kept` (indices into ``columns``' current order).
    func keeping(columns kept: [Int]) -> LevelCrossProducts {
        var copy = self
        let p = columns.count
        copy.columns = kept.map { columns[$0] }
        copy.loadings = loadings.map { k in kept.map { k[$0] } + kept.map { k[p + $0] } }
        copy.xTx = xTx.submatrix(rows: kept, columns: kept)
        copy.xTy = kept.map { xTy[$0] }
        return copy
    }
}
