import Foundation

/// The Wilson score confidence interval for a binomial proportion (Wilson EB, JASA 1927;22:209,
/// doi:10.1080/01621459.1927.10502953), optionally with a continuity correction.
///
/// ```
/// p̂ = x / n,   z = Φ⁻¹(1 − (1 − level)/2)
/// bound(p) = (p + z²/2n ± z·sqrt(p(1 − p)/n + z²/4n²)) / (1 + z²/n)
/// uncorrected:  [bound₋(p̂), bound₊(p̂)]
/// corrected:    c = min(½, |x − n/2|)/n;  lower = 0 if p̂ − c ≤ 0 else bound₋(p̂ − c);
///               upper = 1 if p̂ + c ≥ 1 else bound₊(p̂ + c)
/// ```
/// The corrected form is the interval R's `prop.test(x, n)` prints with its default `correct = TRUE` (the
/// correction shrinks to |x − n/2| when that is below ½, so x = n/2 is uncorrected). Uncorrected is the default
/// here, as docs/ReportingConventions.md ("Wilson score interval"; Wilson 1927) asks: 7/20 gives [0.1812, 0.5671],
/// corrected (R prop.test) [0.1631, 0.5905]; 0/10 gives [0, 0.2775].
/// - Precondition: `0 ≤ successes ≤ trials`, `trials ≥ 1`, `0 < level < 1`.
public struct WilsonScoreInterval: Sendable, Hashable {
    public let successes: Int
    public let trials: Int
    public let level: Double
    public let continuityCorrected: Bool
    public let lower: Double
    public let upper: Double

    public init(successes: Int, trials: Int, level: Double = 0.95, continuityCorrected: Bool = false) {
        precondition(trials >= 1 && successes >= 0 && successes <= trials,
                     "WilsonScoreInterval needs 0 ≤ successes ≤ trials and trials ≥ 1")
        precondition(level > 0 && level < 1, "WilsonScoreInterval needs 0 < level < 1")
        self.successes = successes
        self.trials = trials
        self.level = level
        self.continuityCorrected = continuityCorrected
        let n = Double(trials)
        let estimate = Double(successes) / n
        let z = Normal.quantile((1 + level) / 2)
        let halfZSquaredOverN = z * z / (2 * n)
        func bound(_ p: Double, _ sign: Double) -> Double {
            let spread = z * (p * (1 - p) / n + halfZSquaredOverN / (2 * n)).squareRoot()
            return (p + halfZSquaredOverN + sign * spread) / (1 + 2 * halfZSquaredOverN)
        }
        let correction = continuityCorrected ? min(0.5, abs(Double(successes) - n / 2)) / n : 0
        let lowerCentre = estimate - correction
        let upperCentre = estimate + correction
        lower = lowerCentre <= 0 ? 0 : max(0, bound(lowerCentre, -1))
        upper = upperCentre >= 1 ? 1 : min(1, bound(upperCentre, 1))
    }

    /// `successes / trials`.
    public var estimate: Double { Double(successes) / Double(trials) }
}
