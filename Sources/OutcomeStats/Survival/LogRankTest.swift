/// The log-rank test that k groups share one survival distribution, optionally stratified (R `survdiff`,
/// `rho = 0`, with `strata()`).
///
/// At each distinct event time tⱼ of a stratum, with nⱼ at risk, dⱼ events, n_gj at risk in group g:
/// ```
/// O_g = Σ d_gj        E_g = Σ n_gj dⱼ / nⱼ
/// V_gh = Σ dⱼ (nⱼ − dⱼ)/(nⱼ − 1) · (n_gj/nⱼ) (δ_gh − n_hj/nⱼ)      (terms with nⱼ = 1 are 0)
/// χ² = (O − E)ᵀ V⁻ (O − E) over the groups with E_g > 0 but the first, df = #{g : E_g > 0} − 1
/// ```
/// O, E and V are summed over strata. Mantel, Cancer Chemother. Rep. 50 (1966) 163; Peto & Peto, JRSS A 135
/// (1972) 185, doi:10.2307/2344317. A singular V (a group with no information) is solved on its independent
/// columns (a generalised inverse). Fewer than two groups with E > 0 give χ² = 0 on 0 df.
/// - Complexity: O(n log n) for the sort, then O(n + m·k²) for m event times.
public struct LogRankTest: Sendable, Hashable {
    public let observed: [Double]
    public let expected: [Double]
    /// V, k × k.
    public let variance: Matrix
    public let test: ChiSquaredTest

    /// - Parameters:
    ///   - groups: dense group codes `0..<groupCount`, one per observation.
    ///   - strata: any integer codes, one per observation, or `nil` for one stratum.
    /// - Precondition: equal lengths; group codes in range; times finite.
    public init(times: [Double], events: [Bool], groups: [Int], groupCount: Int, strata: [Int]? = nil) {
        precondition(times.count == events.count && times.count == groups.count
                     && (strata?.count ?? times.count) == times.count, "log-rank inputs need equal lengths")
        precondition(groups.allSatisfy { $0 >= 0 && $0 < groupCount }, "group codes must lie in 0..<groupCount")
        let k = groupCount
        let order = StableOrder.rows(byTime: times, descending: false, strata: strata)
        var observed = [Double](repeating: 0, count: k), expected = observed
        var variance = Matrix(rows: k, columns: k)
        var position = 0
        while position < order.count {
            // One stratum: order[position..<stratumEnd].
            let stratum = strata?[order[position]] ?? 0
            var stratumEnd = position
            var atRisk = [Double](repeating: 0, count: k)
            while stratumEnd < order.count && (strata?[order[stratumEnd]] ?? 0) == stratum {
                atRisk[groups[order[stratumEnd]]] += 1
                stratumEnd += 1
            }
            var total = Double(stratumEnd - position)
            var blockStart = position
            while blockStart < stratumEnd {
                let time = times[order[blockStart]]
                var blockEnd = blockStart
                var deaths = [Double](repeating: 0, count: k), leaving = [Double](repeating: 0, count: k)
                while blockEnd < stratumEnd && times[order[blockEnd]] == time {
                    let row = order[blockEnd]
                    leaving[groups[row]] += 1
                    if events[row] { deaths[groups[row]] += 1 }
                    blockEnd += 1
                }
                let d = deaths.reduce(0, +)
                if d > 0 {
                    let n = total
                    let factor = n > 1 ? d * (n - d) / (n - 1) : 0
                    for g in 0..<k {
                        observed[g] += deaths[g]
                        expected[g] += atRisk[g] * d / n
                        for h in 0..<k {
                            let indicator: Double = g == h ? 1 : 0
                            variance[g, h] += factor * (atRisk[g] / n) * (indicator - atRisk[h] / n)
                        }
                    }
                }
                for g in 0..<k { atRisk[g] -= leaving[g] }
                total -= Double(blockEnd - blockStart)
                blockStart = blockEnd
            }
            position = stratumEnd
        }
        self.observed = observed
        self.expected = expected
        self.variance = variance
        self.test = Self.statistic(observed: observed, expected: expected, variance: variance)
    }

    static func statistic(observed: [Double], expected: [Double], variance: Matrix) -> ChiSquaredTest {
        let informative = expected.indices.filter { expected[$0] > 0 }
        guard informative.count >= 2 else { return ChiSquaredTest(statistic: 0, degreesOfFreedom: 0) }
        let kept = Array(informative.dropFirst())
        let difference = kept.map { observed[$0] - expected[$0] }
        let reduced = variance.submatrix(rows: kept, columns: kept)
        guard let factor = try? PivotedCholeskyFactorization(reduced, relativeTolerance: 1e-9) else {
            return ChiSquaredTest(statistic: .nan, degreesOfFreedom: informative.count - 1)
        }
        let solution = factor.solveIndependent(difference)
        var statistic = 0.0
        for (index, value) in solution.enumerated() { statistic += (value ?? 0) * difference[index] }
        return ChiSquaredTest(statistic: statistic, degreesOfFreedom: informative.count - 1)
    }
}
