/// Sample quantiles of sorted data.
public enum SampleQuantile {
    /// The type 7 sample quantile of `sorted` (Hyndman & Fan 1996), R's default `quantile(x, probability)`.
    ///
    /// ```
    /// h = (n − 1)·p,   j = ⌊h⌋
    /// Q(p) = x₍ⱼ₎ + (h − j)·(x₍ⱼ₊₁₎ − x₍ⱼ₎)          (0-based order statistics; x₍ₙ₋₁₎ when j = n − 1)
    /// ```
    /// Q(0) is the minimum, Q(1) the maximum; one value is its own quantile for every p.
    /// Hyndman RJ, Fan Y. Sample quantiles in statistical packages. Am Stat 1996;50:361. doi:10.2307/2684934.
    /// - Precondition: `sorted` is non-empty and ascending (not checked), `0 ≤ probability ≤ 1`.
    /// - Complexity: O(1).
    public static func type7(_ sorted: [Double], _ probability: Double) -> Double {
        precondition(!sorted.isEmpty, "SampleQuantile.type7 needs at least one value")
        precondition(probability >= 0 && probability <= 1, "SampleQuantile.type7 needs 0 ≤ probability ≤ 1")
        let position = Double(sorted.count - 1) * probability
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
