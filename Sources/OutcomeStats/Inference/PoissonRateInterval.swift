/// The exact (Garwood) confidence interval for a Poisson rate: `events` in `exposure` units of person-time
/// (Garwood F, Biometrika 1936;28:437, doi:10.1093/biomet/28.3-4.437).
///
/// ```
/// rate = k / E
/// lower = χ²_{α/2}(2k) / (2E)        (0 when k = 0)
/// upper = χ²_{1−α/2}(2k + 2) / (2E)
/// ```
/// with α = 1 − level: the interval R's `poisson.test(k, E)$conf.int` gives. 10 events in 1 unit:
/// [4.795389, 18.390356]; 0 events: [0, 3.688879] (−ln 0.025).
/// - Precondition: `events ≥ 0`, `exposure > 0` and finite, `0 < level < 1`.
public struct PoissonRateInterval: Sendable, Hashable {
    public let events: Int
    public let exposure: Double
    public let level: Double
    public let lower: Double
    public let upper: Double

    public init(events: Int, exposure: Double, level: Double = 0.95) {
        precondition(events >= 0, "PoissonRateInterval: events must be ≥ 0")
        precondition(exposure > 0 && exposure.isFinite, "PoissonRateInterval: exposure must be positive and finite")
        precondition(level > 0 && level < 1, "PoissonRateInterval: level must be in (0, 1)")
        self.events = events
        self.exposure = exposure
        self.level = level
        let alpha = 1 - level
        lower = events == 0
            ? 0
            : ChiSquared(degreesOfFreedom: Double(2 * events)).quantile(alpha / 2) / (2 * exposure)
        upper = ChiSquared(degreesOfFreedom: Double(2 * events + 2)).quantile(1 - alpha / 2) / (2 * exposure)
    }

    /// events / exposure.
    public var estimate: Double { Double(events) / exposure }
}
