/// The sample mean and variance, in two passes (the second around the mean, for accuracy):
///
/// ```
/// mean = Σ xᵢ / n,   variance = Σ (xᵢ − mean)² / (n − 1)      (R's mean and var)
/// ```
/// The one implementation every mean and SD of the library uses (``SampleSummary`` for the quantiles too).
public struct SampleMoments: Sendable, Hashable {
    public let count: Int
    public let mean: Double
    /// `nil` for fewer than two values.
    public let variance: Double?

    /// - Precondition: at least one value.
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "SampleMoments needs at least one value")
        count = values.count
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        variance = values.count < 2 ? nil
            : values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }

    /// √variance; `nil` for fewer than two values.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }
}
