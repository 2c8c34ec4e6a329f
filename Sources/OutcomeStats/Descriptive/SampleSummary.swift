/// The usual summaries of a sample: size, mean, standard deviation, and the 10th, 25th, 50th, 75th and 90th
/// percentiles.
///
/// ```
/// mean = Σ xᵢ / n
/// SD   = sqrt( Σ (xᵢ − mean)² / (n − 1) )      (nil when n < 2; two passes, for accuracy)
/// SE   = SD / √n;  normal interval of the mean: mean ± z·SE
/// Q(p) = R's quantile(x, p) type 7 (``SampleQuantile/type7(_:_:)``), or the rule given (``QuantileRule``)
/// ```
/// Hyndman RJ, Fan Y. Sample quantiles in statistical packages. Am Stat 1996;50:361. doi:10.2307/2684934.
/// With ``QuantileRule/type7`` (the default) it matches R's `mean`, `sd` and
/// `quantile(x, c(.1, .25, .5, .75, .9))`.
public struct SampleSummary: Sendable, Hashable {
    public let count: Int
    public let mean: Double
    /// `nil` for a single value.
    public let standardDeviation: Double?
    public let tenthPercentile: Double
    public let lowerQuartile: Double
    public let median: Double
    public let upperQuartile: Double
    public let ninetiethPercentile: Double

    /// - Precondition: at least one value, all finite.
    public init(_ values: [Double], quantiles rule: QuantileRule = .type7) {
        precondition(!values.isEmpty && values.allSatisfy(\.isFinite), "SampleSummary needs finite values")
        let sorted = values.sorted()
        let moments = SampleMoments(sorted)
        count = moments.count
        mean = moments.mean
        standardDeviation = moments.standardDeviation
        tenthPercentile = rule.quantile(sorted, 0.10)
        lowerQuartile = rule.quantile(sorted, 0.25)
        median = rule.quantile(sorted, 0.5)
        upperQuartile = rule.quantile(sorted, 0.75)
        ninetiethPercentile = rule.quantile(sorted, 0.90)
    }

    /// SD / √n; `nil` for a single value.
    public var standardErrorOfMean: Double? { standardDeviation.map { $0 / Double(count).squareRoot() } }

    /// The normal-theory interval of the mean, mean ± z·SE (z = qnorm(0.975) ≈ 1.96 for 95%); `nil` for a single value.
    public func meanInterval(level: ConfidenceLevel = .ninetyFive) -> ConfidenceInterval? {
        guard let standardError = standardErrorOfMean else { return nil }
        let z = level.normalQuantile
        return ConfidenceInterval(lower: mean - z * standardError, upper: mean + z * standardError, level: level)
    }
}
