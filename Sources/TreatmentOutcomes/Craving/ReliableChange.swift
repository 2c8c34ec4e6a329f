/// Jacobson–Truax reliable change and clinically significant change (Jacobson & Truax, "Clinical
/// significance", J. Consult. Clin. Psychol. 59(1) (1991) 12–19, doi:10.1037/0022-006X.59.1.12).
///
/// ```
/// SE = s₁ √(1 − r_xx),   S_diff = √(2 SE²),   RCI = (x_post − x_pre) / S_diff
/// reliable change: |RCI| > 1.96 (p < .05); improvement is a fall when higher is worse
/// cut-offs (higher = worse):  a = M_dys − 2 SD_dys,  b = M_func + 2 SD_func,
///                             c = (SD_func M_dys + SD_dys M_func) / (SD_func + SD_dys)
/// recovered:    reliable improvement and x_post past the cut-off (on the functional side)
/// improved:     reliable improvement only;  deteriorated: reliable worsening;  unchanged: otherwise
/// ```
/// When lower is worse the signs of the cut-off offsets and of improvement flip.
public struct ReliableChange: Sendable, Hashable {
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case recovered, improved, unchanged, deteriorated
    }

    /// Which clinical-significance cut-off to use.
    public enum CutOff: String, Sendable, Hashable {
        /// 2 SD beyond the dysfunctional mean, toward functional (no normative data needed).
        case a
        /// Within 2 SD of the functional mean.
        case b
        /// Weighted midpoint between the two distributions (use when normative data exist).
        case c
    }

    /// s₁: the SD of the pre-treatment (or normative) sample.
    public let baselineStandardDeviation: Double
    /// r_xx: test–retest reliability, in [0, 1).
    public let reliability: Double
    public let higherIsWorse: Bool
    /// The cut-off score, `nil` when none is used (then nobody is "recovered", only "improved").
    public let cutOffScore: Double?
    /// |RCI| above this is reliable: 1.96 for p < .05.
    public let criticalValue: Double

    /// - Precondition: `baselineStandardDeviation > 0`, `0 ≤ reliability < 1`.
    public init(baselineStandardDeviation: Double, reliability: Double, higherIsWorse: Bool = true,
                cutOffScore: Double? = nil, criticalValue: Double = 1.96) {
        precondition(baselineStandardDeviation > 0 && reliability >= 0 && reliability < 1,
                     "ReliableChange needs a positive SD and a reliability in [0, 1)")
        self.baselineStandardDeviation = baselineStandardDeviation
        self.reliability = reliability
        self.higherIsWorse = higherIsWorse
        self.cutOffScore = cutOffScore
        self.criticalValue = criticalValue
    }

    /// The cut-off of the given kind. `.b` and `.c` need the functional (normative) mean and SD.
    public static func cutOff(_ kind: CutOff, dysfunctionalMean: Double, dysfunctionalStandardDeviation: Double,
                              functionalMean: Double? = nil, functionalStandardDeviation: Double? = nil,
                              higherIsWorse: Bool = true) -> Double? {
        let toward = higherIsWorse ? -1.0 : 1.0
        switch kind {
        case .a: return dysfunctionalMean + toward * 2 * dysfunctionalStandardDeviation
        case .b:
            guard let functionalMean, let functionalStandardDeviation else { return nil }
            return functionalMean - toward * 2 * functionalStandardDeviation
        case .c:
            guard let functionalMean, let functionalStandardDeviation else { return nil }
            return (functionalStandardDeviation * dysfunctionalMean + dysfunctionalStandardDeviation * functionalMean)
                / (functionalStandardDeviation + dysfunctionalStandardDeviation)
        }
    }

    /// S_diff = √2 · s₁ √(1 − r_xx).
    public var standardErrorOfDifference: Double {
        (2 * baselineStandardDeviation * baselineStandardDeviation * (1 - reliability)).squareRoot()
    }

    /// RCI = (post − pre) / S_diff.
    public func index(pre: Double, post: Double) -> Double { (post - pre) / standardErrorOfDifference }

    public func category(pre: Double, post: Double) -> Category {
        let rci = index(pre: pre, post: post)
        let improvement = higherIsWorse ? -rci : rci
        if improvement > criticalValue {
            guard let cutOffScore else { return .improved }
            let crossed = higherIsWorse ? post < cutOffScore : post > cutOffScore
            return crossed ? .recovered : .improved
        }
        return improvement < -criticalValue ? .deteriorated : .unchanged
    }
}
