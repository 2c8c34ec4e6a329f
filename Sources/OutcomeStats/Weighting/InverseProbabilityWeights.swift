/// Inverse probability of treatment weights for the average effect over the whole sample (ATE), optionally
/// stabilised and truncated, with Kish's effective sample size per group.
///
/// ```
/// unstabilised:  wᵢ = Tᵢ / e(xᵢ) + (1 − Tᵢ) / (1 − e(xᵢ))
/// stabilised:    wᵢ = Tᵢ p / e(xᵢ) + (1 − Tᵢ)(1 − p) / (1 − e(xᵢ)),   p = (1/n) Σ Tᵢ   (P(T = t) / P(T = t | x))
/// truncated at (a, b):  wᵢ ← min(max(wᵢ, q_a), q_b),  q the type-7 sample quantiles (R's default `quantile`) of
///                       all n weights together, before truncation
/// ESS (Kish) of a group:  (Σ wᵢ)² / Σ wᵢ²   over its rows
/// ```
/// Austin & Stuart, "Moving towards best practice when using inverse probability of treatment weighting (IPTW)
/// using the propensity score…", Stat. Med. 34 (2015) 3661, doi:10.1002/sim.6607 (weights, stabilisation,
/// truncation at percentiles); Robins, Hernán & Brumback, Epidemiology 11 (2000) 550,
/// doi:10.1097/00001648-200009000-00011 (stabilised weights); Kish, *Survey Sampling* (1965) (effective size).
/// Stabilised weights have mean about 1 in each group and leave the weighted group sizes near the observed ones;
/// the truncation rule pools both groups, as Austin & Stuart's percentiles do.
/// - Complexity: O(n log n) with truncation (a sort), else O(n).
public struct InverseProbabilityWeights: Sendable, Hashable {
    public let scheme: Scheme
    public let truncation: Truncation?
    /// The weights q_a and q_b applied, when truncated.
    public let truncationBounds: ClosedRange<Double>?
    /// The number of weights changed by the truncation.
    public let truncatedCount: Int
    /// wᵢ, in row order.
    public let weights: [Double]
    public let exposure: [Bool]

    /// - Precondition: equal lengths; each score strictly between 0 and 1.
    public init(exposure: [Bool], propensityScores: [Double], scheme: Scheme = .stabilised, truncation: Truncation? = nil) {
        precondition(exposure.count == propensityScores.count, "One propensity score per row is needed")
        precondition(propensityScores.allSatisfy { $0 > 0 && $0 < 1 }, "Propensity scores must lie strictly between 0 and 1")
        let n = Double(exposure.count)
        let exposed = Double(exposure.filter { $0 }.count) / n
        var weights = zip(exposure, propensityScores).map { treated, score in
            switch scheme {
            case .unstabilised: treated ? 1 / score : 1 / (1 - score)
            case .stabilised: treated ? exposed / score : (1 - exposed) / (1 - score)
            }
        }
        var bounds: ClosedRange<Double>? = nil
        var changed = 0
        if let truncation, !weights.isEmpty {
            let sorted = weights.sorted()
            let range = SampleQuantile.type7(sorted, truncation.lower)...SampleQuantile.type7(sorted, truncation.upper)
            for index in weights.indices where !range.contains(weights[index]) {
                weights[index] = min(max(weights[index], range.lowerBound), range.upperBound)
                changed += 1
            }
            bounds = range
        }
        self.scheme = scheme
        self.truncation = truncation
        self.truncationBounds = bounds
        self.truncatedCount = changed
        self.weights = weights
        self.exposure = exposure
    }

    /// Kish's effective sample size (Σw)²/Σw² of the exposed and unexposed rows; 0 for a group without rows.
    public var effectiveSampleSize: (exposed: Double, unexposed: Double) {
        (Self.kishEffectiveSampleSize(zip(weights, exposure).filter { $0.1 }.map(\.0)),
         Self.kishEffectiveSampleSize(zip(weights, exposure).filter { !$0.1 }.map(\.0)))
    }

    /// (Σw)²/Σw²: n for equal weights, less the more unequal they are; 0 for no weights.
    public static func kishEffectiveSampleSize(_ weights: [Double]) -> Double {
        let sum = weights.reduce(0, +), squares = weights.reduce(0) { $0 + $1 * $1 }
        return squares > 0 ? sum * sum / squares : 0
    }
}

extension InverseProbabilityWeights {
    /// Quantile levels in [0, 1] below and above which weights are set to the quantile (e.g. 0.01 and 0.99).
    public struct Truncation: Sendable, Hashable {
        public let lower: Double
        public let upper: Double

        /// - Precondition: 0 ≤ lower < upper ≤ 1.
        public init(lower: Double, upper: Double) {
            precondition(lower >= 0 && lower < upper && upper <= 1, "Truncation needs 0 ≤ lower < upper ≤ 1")
            self.lower = lower
            self.upper = upper
        }
    }

    /// Whether the marginal probability of the observed group is in the numerator.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        /// 1/P(T = t | x): the weighted sample is a pseudo-population of about 2n rows.
        case unstabilised
        /// P(T = t)/P(T = t | x): weighted group sizes near the observed ones.
        case stabilised
    }
}
