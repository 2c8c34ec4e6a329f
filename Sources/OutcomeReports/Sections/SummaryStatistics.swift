import OutcomeStats

/// Mean, standard deviation and quartiles of the non-missing values of a numeric baseline covariate.
///
/// ```
/// mean = Σ xᵢ / n
/// SD   = sqrt( Σ (xᵢ − mean)² / (n − 1) )                     (nil when n < 2; two-pass for accuracy)
/// Q(p) = x₍ⱼ₎ + (h − j)·(x₍ⱼ₊₁₎ − x₍ⱼ₎),  h = (n − 1)·p + 1, j = ⌊h⌋   (Hyndman & Fan 1996 type 7)
/// ```
/// Quantiles come from `SampleQuantile.type7` (OutcomeStats). Type 7 is R's default `quantile()`, so median and
/// IQR match `quantile(x, c(.25, .5, .75))` and `sd(x)`.
/// Hyndman RJ, Fan Y. Sample quantiles in statistical packages. Am Stat 1996;50:361. doi:10.2307/2684934.
/// - Precondition: at least one value, all finite.
struct SummaryStatistics: Sendable, Equatable {
    let count: Int
    let mean: Double
    let standardDeviation: Double?
    let lowerQuartile: Double
    let median: Double
    let upperQuartile: Double

    init(_ values: [Double]) {
        precondition(!values.isEmpty && values.allSatisfy(\.isFinite), "SummaryStatistics needs finite values")
        let sorted = values.sorted()
        let count = sorted.count
        let mean = sorted.reduce(0, +) / Double(count)
        self.count = count
        self.mean = mean
        if count >= 2 {
            let sumOfSquares = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            standardDeviation = (sumOfSquares / Double(count - 1)).squareRoot()
        } else {
            standardDeviation = nil
        }
        lowerQuartile = SampleQuantile.type7(sorted, 0.25)
        median = SampleQuantile.type7(sorted, 0.5)
        upperQuartile = SampleQuantile.type7(sorted, 0.75)
    }
}
