extension CoxCovariates {
    /// Σᵢ ωᵢ xᵢ xᵢᵀ over the sorted positions i, p × p, column-major, upper triangle only (index k + j·p, k ≤ j; the
    /// rest left 0). `weight(i)` is called once per position, in order.
    ///
    /// With grouped columns the rows are not gathered: a row is its own columns v (varying within the group) and its
    /// combination's columns z (constant), and
    /// ```
    /// Σ ω x xᵀ = [ Σ_c Ω_c z_c z_cᵀ       Σ_c z_c (Σ_{i∈c} ω_i v_i)ᵀ ]      Ω_c = Σ_{i∈c} ω_i
    ///            [        ·                      Σ_i ω_i v_i v_iᵀ        ]
    /// ```
    /// so a row costs O(r²) for its r own columns instead of O(p²); the combinations (few) cost O(p²) each.
    /// - Complexity: O(n·r² + combinations·p²) with grouped columns, else O(n·p²).
    func weightedGram(count n: Int, _ weight: (Int) -> Double) -> [Double] {
        let p = columnCount
        var gram = [Double](repeating: 0, count: p * p)
        guard p > 0 else { return gram }
        guard groupColumnCount > 0 else {
            rowValues.withUnsafeBufferPointer { rows in
                gram.withUnsafeMutableBufferPointer { gram in
                    for i in 0..<n {
                        let omega = weight(i)
                        let x = rows.baseAddress! + i * p
                        for j in 0..<p {
                            let weighted = omega * x[j]
                            for k in 0...j { gram[k + j * p] += weighted * x[k] }
                        }
                    }
                }
            }
            return gram
        }
        let r = rowColumnCount, q = groupColumnCount
        let combinations = groupValues.count / q
        // per combination: Ω_c, then Σ ω v (r values); and Σ ω v vᵀ over all rows (r × r, upper)
        var combinationSums = [Double](repeating: 0, count: combinations * (1 + r))
        var own = [Double](repeating: 0, count: r * r)
        rowValues.withUnsafeBufferPointer { rows in
            (rowCodes ?? []).withUnsafeBufferPointer { rowCodes in
            groupOfPosition.withUnsafeBufferPointer { groupOf in
                combinationSums.withUnsafeMutableBufferPointer { sums in
                    own.withUnsafeMutableBufferPointer { own in
                        for i in 0..<n {
                            let omega = weight(i)
                            let sum = sums.baseAddress! + Int(groupOf[i]) * (1 + r)
                            sum[0] += omega
                            guard r > 0 else { continue }
                            let v = rows.baseAddress! + (rowCodes.isEmpty ? i : Int(rowCodes[i])) * r
                            for a in 0..<r {
                                let weighted = omega * v[a]
                                sum[1 + a] += weighted
                                for b in 0...a { own[b + a * r] += weighted * v[b] }
                            }
                        }
                    }
                }
            }
            }
        }
        // Assemble in the active columns' order (`slot`: ≥ 0 an own column, else −1 − a combination column).
        for j in 0..<p {
            for k in 0...j {
                let sj = slot[j], sk = slot[k]
                var value = 0.0
                if sj >= 0 && sk >= 0 {
                    value = own[min(sj, sk) + max(sj, sk) * r]
                } else if sj < 0 && sk < 0 {
                    for c in 0..<combinations {
                        let z = c * q
                        value += combinationSums[c * (1 + r)] * groupValues[z - 1 - sj] * groupValues[z - 1 - sk]
                    }
                } else {
                    let ownSlot = max(sj, sk), groupSlot = -1 - min(sj, sk)
                    for c in 0..<combinations {
                        value += groupValues[c * q + groupSlot] * combinationSums[c * (1 + r) + 1 + ownSlot]
                    }
                }
                gram[k + j * p] = value
            }
        }
        return gram
    }
}
