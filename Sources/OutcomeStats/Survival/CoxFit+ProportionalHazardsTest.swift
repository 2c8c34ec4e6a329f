/// The test of proportional hazards from the scaled Schoenfeld residuals (R `cox.zph(fit, transform = "km")`).
public struct ProportionalHazardsTest: Sendable, Hashable {
    /// One test per estimable design column, in column order.
    public let terms: [(column: Int, test: ChiSquaredTest)]
    /// The joint test over all of them.
    public let global: ChiSquaredTest

    public static func == (left: Self, right: Self) -> Bool {
        left.global == right.global && left.terms.map(\.column) == right.terms.map(\.column)
            && left.terms.map(\.test) == right.terms.map(\.test)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(global)
        for term in terms { hasher.combine(term.column); hasher.combine(term.test) }
    }
}

extension CoxFit {
    /// The score test for adding x·g(t) to the model, term by term and jointly, with g(t) = 1 − Ŝ(t−), Ŝ the
    /// Kaplan–Meier estimate of all rows ignoring strata (R's `transform = "km"`).
    ///
    /// ```
    /// U = (0, U₂),  U₂ = Σ_t g(t) u(t);   I = [ I₁₁  I₁₂ ; I₂₁  I₂₂ ],  I₁₂ = Σ_t g(t) V(t),  I₂₂ = Σ_t g(t)² V(t)
    /// term j:  Uⱼᵀ I_jj⁻¹ Uⱼ  on the rows {1…p, p + j}, 1 df;      global: Uᵀ I⁻¹ U, p df
    /// ```
    /// with u(t) and V(t) the score and information contributions of event time t at β̂ (Efron or Breslow as
    /// fitted). Grambsch & Therneau, Biometrika 81 (1994) 515, doi:10.1093/biomet/81.3.515; survival 3.0's
    /// score-test form. Aliased columns are left out.
    /// - Complexity: one O(n·p²) pass plus O(p³) per term.
    /// - Precondition: the fit has neither entry times nor case weights (the g(t) above is the Kaplan–Meier curve
    ///   of right-censored, unweighted rows; counting-process and weighted fits are not supported here).
    public func proportionalHazardsTest() -> ProportionalHazardsTest {
        precondition(!hasEntryTimes && !isWeighted,
                     "the proportional-hazards test supports right-censored, unweighted Cox fits only")
        let p = riskSets.columnCount
        let curve = KaplanMeierEstimate(times: riskSets.times, events: riskSets.events)
        let weights = (0..<riskSets.blockCount).map { b -> Double in
            let time = riskSets.times[riskSets.blockStarts[b]]
            guard let index = curve.lastIndex(atOrBefore: time) else { return 0 }
            return 1 - (index > 0 ? curve.survival[index - 1] : 1)
        }
        let interaction = riskSets.evaluate(activeCoefficients, ties: options.ties, phWeights: weights).interaction!
        var full = Matrix(rows: 2 * p, columns: 2 * p)
        for i in 0..<p {
            for j in 0..<p {
                full[i, j] = final.information[i, j]
                full[i, p + j] = interaction.cross[i, j]
                full[p + i, j] = interaction.cross[j, i]
                full[p + i, p + j] = interaction.squared[i, j]
            }
        }
        let score = [Double](repeating: 0, count: p) + interaction.score
        func statistic(_ indices: [Int]) -> Double {
            let sub = full.submatrix(rows: indices, columns: indices)
            let u = indices.map { score[$0] }
            guard let factor = try? CholeskyFactorization(sub) else { return .nan }
            return zip(factor.solve(u), u).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let terms = (0..<p).map { j in
            (column: riskSets.columns[j],
             test: ChiSquaredTest(statistic: statistic(Array(0..<p) + [p + j]), degreesOfFreedom: 1))
        }
        return ProportionalHazardsTest(
            terms: terms, global: ChiSquaredTest(statistic: statistic(Array(0..<(2 * p))), degreesOfFreedom: p))
    }
}
