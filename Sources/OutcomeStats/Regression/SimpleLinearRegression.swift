/// The ordinary least-squares line y = a + b·x through n points, with the standard error of the slope.
///
/// ```
/// x̄, ȳ the means;  Sxx = Σ(x − x̄)²,  Sxy = Σ(x − x̄)(y − ȳ)
/// b = Sxy / Sxx,   a = ȳ − b x̄
/// s² = Σ(y − a − b x)² / (n − 2),   SE(b) = s / √Sxx
/// ```
/// Centred sums (two passes) so that large x (days since an index date) lose no precision.
/// Edge cases: fewer than 2 points or constant x → `nil` (no line); exactly 2 points → `slopeStandardError`
/// `nil` (no residual degrees of freedom); a perfect fit → standard error 0.
public struct SimpleLinearRegression: Sendable, Hashable {
    public let count: Int
    public let intercept: Double
    public let slope: Double
    /// SE(b), `nil` with fewer than 3 points.
    public let slopeStandardError: Double?

    /// Fits the line to the pairs (x[i], y[i]); `nil` when it is not defined.
    /// - Precondition: `x.count == y.count`.
    public init?(x: some Collection<Double>, y: some Collection<Double>) {
        precondition(x.count == y.count, "SimpleLinearRegression needs as many x as y")
        let n = x.count
        guard n >= 2 else { return nil }
        let meanX = x.reduce(0, +) / Double(n), meanY = y.reduce(0, +) / Double(n)
        var sxx = 0.0, sxy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
        }
        guard sxx > 0 else { return nil }
        count = n
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        if n >= 3 {
            var residualSquares = 0.0
            for (xi, yi) in zip(x, y) {
                let residual = yi - intercept - slope * xi
                residualSquares += residual * residual
            }
            slopeStandardError = (residualSquares / Double(n - 2) / sxx).squareRoot()
        } else {
            slopeStandardError = nil
        }
    }
}
