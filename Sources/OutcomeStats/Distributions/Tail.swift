/// Which tail of a distribution a probability refers to: `lower` is P(X ≤ x) (R's `lower.tail = TRUE`),
/// `upper` is P(X > x).
public enum Tail: Sendable, Hashable {
    /// P(X ≤ x), the cumulative distribution function.
    case lower
    /// P(X > x), the survival function (complement of the CDF), computed directly, never as 1 − CDF.
    case upper

    /// The other tail.
    public var opposite: Tail { self == .lower ? .upper : .lower }
}
