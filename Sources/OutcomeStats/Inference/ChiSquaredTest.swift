/// A test statistic referred to a χ² distribution: the statistic, its degrees of freedom and the upper-tail
/// p-value P(χ²_df > statistic) (R's `pchisq(q, df, lower.tail = FALSE)`).
public struct ChiSquaredTest: Sendable, Hashable {
    public let statistic: Double
    public let degreesOfFreedom: Int
    /// The p-value; 1 for zero degrees of freedom (there is nothing to test).
    public let pValue: Double

    /// - Precondition: `degreesOfFreedom ≥ 0`.
    public init(statistic: Double, degreesOfFreedom: Int) {
        precondition(degreesOfFreedom >= 0, "Degrees of freedom must be non-negative")
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = degreesOfFreedom == 0
            ? 1 : ChiSquared(degreesOfFreedom: Double(degreesOfFreedom)).upperTail(max(0, statistic))
    }
}
