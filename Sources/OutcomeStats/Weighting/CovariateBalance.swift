/// Balance of each covariate between the exposed and unexposed rows, before and after weighting: group means,
/// standardised mean differences and variance ratios (cobalt's `bal.tab` for a binary exposure with
/// `s.d.denom = "pooled"`, the ATE default, and `binary = "std"`).
///
/// ```
/// weighted mean   x̄_w = Σ wᵢxᵢ / Σ wᵢ                                    (over the rows of a group)
/// weighted var    s²_w = Σw / ((Σw)² − Σw²) · Σ wᵢ(xᵢ − x̄_w)²            (the sample variance when w ≡ 1)
/// SMD             (x̄₁ − x̄₀) / s,   s = √((s₁² + s₀²)/2) from the UNWEIGHTED groups, the same s before and after
///                 weighting; for a 0/1 covariate s₁², s₀² are p₁(1 − p₁), p₀(1 − p₀)
/// variance ratio  s²_w(exposed) / s²_w(unexposed)                        (covariates that are not 0/1 only)
/// ```
/// Austin, "Balance diagnostics for comparing the distribution of baseline covariates between treatment groups in
/// propensity-score matched samples", Stat. Med. 28 (2009) 3083, doi:10.1002/sim.3697 (the SMD and its binary
/// form); Austin & Stuart, Stat. Med. 34 (2015) 3661, doi:10.1002/sim.6607 (weighted means and variances). Keeping the
/// unweighted denominator is cobalt's choice (its FAQ: the standardisation factor is the same before and after
/// weighting), so a change in the SMD is a change in the mean difference only; R's tableone (`svyCreateTableOne`)
/// instead uses the weighted variances after weighting, so its weighted SMDs differ. cobalt reports raw differences
/// in proportion for binary covariates by default; here they are standardised as in Austin (2009) and tableone.
///
/// A covariate is binary when every value is 0 or 1. A value that is undefined is `nil`: an SMD whose s is 0 (the
/// covariate is constant within both groups), a variance ratio of a binary covariate, of a group with one row or
/// whose unexposed variance is 0.
/// - Complexity: O(n·p).
public struct CovariateBalance: Sendable, Hashable {
    /// The balance of one covariate column.
    public struct Term: Sendable, Hashable {
        public let column: Int
        public let isBinary: Bool
        /// Unweighted group means (proportions for a binary covariate).
        public let meanExposed, meanUnexposed: Double
        /// Weighted group means.
        public let weightedMeanExposed, weightedMeanUnexposed: Double
        /// s, from the unweighted groups.
        public let standardisationFactor: Double
        public let standardisedDifference: Double?
        public let weightedStandardisedDifference: Double?
        public let varianceRatio: Double?
        public let weightedVarianceRatio: Double?
    }

    public let terms: [Term]

    /// - Parameters:
    ///   - covariates: n × p, column-major.
    ///   - exposure: whether each row is exposed.
    ///   - weights: the weight of each row (e.g. ``InverseProbabilityWeights/weights``).
    /// - Precondition: consistent lengths; at least one row in each group; finite values; weights > 0.
    public init(covariates: Matrix, exposure: [Bool], weights: [Double]) {
        let n = covariates.rows
        precondition(exposure.count == n && weights.count == n, "Balance needs one exposure and one weight per row")
        precondition(exposure.contains(true) && exposure.contains(false), "Balance needs rows in both groups")
        precondition(weights.allSatisfy { $0.isFinite && $0 > 0 }, "Balance weights must be finite and > 0")
        let exposedRows = exposure.indices.filter { exposure[$0] }, unexposedRows = exposure.indices.filter { !exposure[$0] }
        let unit = [Double](repeating: 1, count: n)
        terms = (0..<covariates.columns).map { column in
            let x = covariates.column(column)
            let isBinary = x.allSatisfy { $0 == 0 || $0 == 1 }
            let exposed = WeightedMoments(x, rows: exposedRows, weights: unit, binary: isBinary)
            let unexposed = WeightedMoments(x, rows: unexposedRows, weights: unit, binary: isBinary)
            let weightedExposed = WeightedMoments(x, rows: exposedRows, weights: weights, binary: isBinary)
            let weightedUnexposed = WeightedMoments(x, rows: unexposedRows, weights: weights, binary: isBinary)
            let s = ((exposed.variance + unexposed.variance) / 2).squareRoot()
            func defined(_ value: Double) -> Double? { value.isFinite ? value : nil }
            func ratio(_ a: WeightedMoments, _ b: WeightedMoments) -> Double? {
                isBinary || b.variance == 0 ? nil : defined(a.variance / b.variance)
            }
            return Term(
                column: column, isBinary: isBinary, meanExposed: exposed.mean, meanUnexposed: unexposed.mean,
                weightedMeanExposed: weightedExposed.mean, weightedMeanUnexposed: weightedUnexposed.mean,
                standardisationFactor: s,
                standardisedDifference: s > 0 ? defined((exposed.mean - unexposed.mean) / s) : nil,
                weightedStandardisedDifference: s > 0 ? defined((weightedExposed.mean - weightedUnexposed.mean) / s) : nil,
                varianceRatio: ratio(exposed, unexposed), weightedVarianceRatio: ratio(weightedExposed, weightedUnexposed))
        }
    }
}

/// The weighted mean and variance of `x` over `rows` (see ``CovariateBalance``): the reliability-weighted variance,
/// or p(1 − p) of the weighted proportion for a binary covariate. The variance is NaN for a single row (not binary).
struct WeightedMoments {
    let mean: Double
    let variance: Double

    init(_ x: [Double], rows: [Int], weights: [Double], binary: Bool) {
        var sum = 0.0, squares = 0.0, total = 0.0
        for row in rows {
            sum += weights[row]
            squares += weights[row] * weights[row]
            total += weights[row] * x[row]
        }
        let mean = total / sum
        self.mean = mean
        if binary {
            variance = mean * (1 - mean)
        } else {
            var deviations = 0.0
            for row in rows { deviations += weights[row] * (x[row] - mean) * (x[row] - mean) }
            variance = sum / (sum * sum - squares) * deviations
        }
    }
}
