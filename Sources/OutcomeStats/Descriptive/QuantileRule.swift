/// How a summary computes the sample quantiles it publishes.
///
/// - ``type7``: R's default quantile (Hyndman & Fan type 7), an order statistic or a weighted mean of two adjacent
///   ones. In a small sample it is often exactly one observation's value.
/// - ``meanOfNeighbours(_:)``: type 7 applied to the order statistics smoothed by a moving mean of `width`
///   neighbours, so that every quantile is a weighted mean of at least `width` observations and none is a single
///   observation's value unless `width` observations share it (``SampleQuantile/meanOfNeighbours(_:_:width:)``).
///   Output-checking guidance treats percentiles, minima and maxima as unsafe when they are single observations
///   (Griffiths E, et al. Handbook on Statistical Disclosure Control for Outputs. Safe Data Access Professionals
///   Working Group; 2019); averaging the observations around the percentile is one way to publish one.
public enum QuantileRule: Sendable, Hashable {
    case type7
    /// - Precondition: `width ≥ 1` (checked when a quantile is computed); width 1 is ``type7``.
    case meanOfNeighbours(Int)

    /// The quantile of `sorted` at `probability` under this rule.
    /// - Precondition: `sorted` is non-empty and ascending (not checked), `0 ≤ probability ≤ 1`.
    public func quantile(_ sorted: [Double], _ probability: Double) -> Double {
        switch self {
        case .type7: SampleQuantile.type7(sorted, probability)
        case .meanOfNeighbours(let width): SampleQuantile.meanOfNeighbours(sorted, probability, width: width)
        }
    }
}
