/// The sufficient statistics of a linear mixed model with a random intercept and slope per group, gathered in
/// one pass over the rows: everything the profiled deviance needs, so each evaluation costs O(G·p²) for G groups
/// and p fixed effects, independent of the number of rows.
///
/// ```
/// per group g (Zᵍ = [1  t] its nᵍ × 2 random-effects design):
///   ZᵍᵀZᵍ = [nᵍ Σt; Σt Σt²],   ZᵍᵀXᵍ (2 × p),   Zᵍᵀyᵍ (2)
/// global:  XᵀX (p × p, BLAS dgemm),  Xᵀy,  yᵀy
/// ```
/// Kernel layout: `zTz` holds 3 numbers per group (nᵍ, Σt, Σt²); `zTx` holds 2·p per group, the intercept row
/// then the time row; `zTy` 2 per group. Rows may come in any order; `group[i]` is the 0-based group of row i.
/// - Complexity: O(n·p) for the pass plus O(n·p²) for XᵀX.
struct GroupedCrossProducts: Sendable {
    let observationCount: Int
    let groupCount: Int
    let fixedEffectCount: Int
    var zTz: [Double]
    var zTx: [Double]
    var zTy: [Double]
    let xTx: Matrix
    let xTy: [Double]
    let yTy: Double

    init(response: [Double], fixedEffects: Matrix, time: [Double], group: [Int], groupCount: Int) {
        let n = response.count, p = fixedEffects.columns
        observationCount = n
        self.groupCount = groupCount
        fixedEffectCount = p
        let (zTz, zTy, yTy) = Self.randomEffectsBlocks(response: response, time: time, group: group,
                                                        groupCount: groupCount)
        var zTx = [Double](repeating: 0, count: 2 * p * groupCount)
        time.withUnsafeBufferPointer { t in
            group.withUnsafeBufferPointer { g in
                fixedEffects.storage.withUnsafeBufferPointer { x in
                    zTx.withUnsafeMutableBufferPointer { zx in
                        for j in 0..<p {
                            let column = j * n
                            for i in 0..<n {
                                let base = 2 * p * g[i], value = x[column + i]
                                zx[base + j] += value
                                zx[base + p + j] += t[i] * value
                            }
                        }
                    }
                }
            }
        }
        self.zTz = zTz
        self.zTx = zTx
        self.zTy = zTy
        self.yTy = yTy
        xTx = Matrix.product(fixedEffects, transposingLeft: true, fixedEffects)
        xTy = fixedEffects.multiplied(by: response, transposingSelf: true)
    }

    /// Per group, in one pass over the rows: Z_gᵀZ_g as (n_g, Σt, Σt²) and Z_gᵀy_g as (Σy, Σty); and yᵀy.
    static func randomEffectsBlocks(response: [Double], time: [Double], group: [Int], groupCount: Int)
        -> (zTz: [Double], zTy: [Double], yTy: Double)
    {
        var zTz = [Double](repeating: 0, count: 3 * groupCount)
        var zTy = [Double](repeating: 0, count: 2 * groupCount)
        var yTy = 0.0
        response.withUnsafeBufferPointer { y in
            time.withUnsafeBufferPointer { t in
                group.withUnsafeBufferPointer { g in
                    zTz.withUnsafeMutableBufferPointer { zz in
                        zTy.withUnsafeMutableBufferPointer { zy in
                            for i in 0..<y.count {
                                let k = g[i], ti = t[i], yi = y[i]
                                zz[3 * k] += 1
                                zz[3 * k + 1] += ti
                                zz[3 * k + 2] += ti * ti
                                zy[2 * k] += yi
                                zy[2 * k + 1] += ti * yi
                                yTy += yi * yi
                            }
                        }
                    }
                }
            }
        }
        return (zTz, zTy, yTy)
    }
}
