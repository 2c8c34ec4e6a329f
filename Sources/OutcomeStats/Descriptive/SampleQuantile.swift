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

    /// The type 7 quantile of the order statistics smoothed by a centred moving mean of `width` of them: every value
    /// it returns is a weighted mean of at least `min(width, n)` observations.
    ///
    /// ```
    /// M(i) = mean of x₍ₛ₎ … x₍ₛ₊w₋₁₎,   s = min(max(i − ⌊(w − 1)/2⌋, 0), n − w)     (0-based; w = min(width, n))
    /// h = (n − 1)·p,   j = ⌊h⌋
    /// Q̃(p) = M(j) + (h − j)·(M(j + 1) − M(j))                                     (M(n − 1) when j = n − 1)
    /// ```
    /// Width 1 is ``type7(_:_:)``; width ≥ n gives the mean for every p. Q̃ is non-decreasing in p (the windows
    /// slide right over sorted data), so a box plot drawn from it keeps its order. Near the ends the window is
    /// clamped, so Q̃(0) is the mean of the `w` smallest values and Q̃(1) of the `w` largest.
    /// - Precondition: `sorted` is non-empty and ascending (not checked), `0 ≤ probability ≤ 1`, `width ≥ 1`.
    /// - Complexity: O(width).
    public static func meanOfNeighbours(_ sorted: [Double], _ probability: Double, width: Int) -> Double {
        precondition(!sorted.isEmpty, "SampleQuantile.meanOfNeighbours needs at least one value")
        precondition(probability >= 0 && probability <= 1, "SampleQuantile.meanOfNeighbours needs 0 ≤ probability ≤ 1")
        precondition(width >= 1, "SampleQuantile.meanOfNeighbours needs a width of at least 1")
        let count = sorted.count
        let width = min(width, count)
        func windowMean(around index: Int) -> Double {
            let start = min(max(index - (width - 1) / 2, 0), count - width)
            var sum = 0.0
            for value in sorted[start..<(start + width)] { sum += value }
            return sum / Double(width)
        }
        let position = Double(count - 1) * probability
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, count - 1)
        let lowerMean = windowMean(around: lower)
        return lower == upper ? lowerMean : lowerMean + (position - Double(lower)) * (windowMean(around: upper) - lowerMean)
    }
}
