import Foundation

/// The regularised incomplete gamma functions
/// ```
/// P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫₀ˣ t^{a−1} e^{−t} dt,     Q(a, x) = 1 − P(a, x)
/// ```
/// for real a > 0 and x ≥ 0, with their logarithms; P is the CDF of a Gamma(a, 1) variable, and the
/// chi-square CDF is P(ν/2, x/2). Accurate to a relative 1e-13 or so in both tails until the value underflows;
/// the log forms never underflow.
///
/// Method (Numerical Recipes, 3rd ed., §6.2; Press et al. 2007), with D(a, x) = x^a e^{−x}/Γ(a+1) computed by
/// Loader's saddle-point form so that it stays accurate for large a and x (see `SaddlePointTerms`):
/// ```
/// x < a + 1:  P = D(a, x) · Σ_{n≥0} xⁿ / ((a+1)(a+2)…(a+n))                       (series)
/// x ≥ a + 1:  Q = a·D(a, x) · 1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …)))   (Legendre's continued fraction)
/// ```
/// the continued fraction being evaluated by the modified Lentz algorithm (Lentz 1976, doi:10.1364/AO.15.000668).
/// The other function is the complement (log1p for the logarithm); in the series region that complement is
/// Q = 1 − P, which loses relative accuracy only for small a with x just below a + 1 (Q ≥ 0.02 there when
/// a ≥ 0.05, so the loss is below 1e-14).
/// - Complexity: O(√a) terms near the mode x ≈ a, fewer in the tails.
public enum IncompleteGamma {
    /// The four values at one point.
    struct Values {
        var lower: Double
        var upper: Double
        var logLower: Double
        var logUpper: Double
    }

    /// P(a, x), the regularised lower incomplete gamma function.
    /// - Precondition: a > 0 and finite.
    public static func regularizedLower(_ a: Double, _ x: Double) -> Double { values(a, x).lower }

    /// Q(a, x) = 1 − P(a, x), computed directly (not as 1 − P).
    /// - Precondition: a > 0 and finite.
    public static func regularizedUpper(_ a: Double, _ x: Double) -> Double { values(a, x).upper }

    /// log P(a, x), finite wherever P > 0 mathematically, even when P underflows.
    /// - Precondition: a > 0 and finite.
    public static func logRegularizedLower(_ a: Double, _ x: Double) -> Double { values(a, x).logLower }

    /// log Q(a, x), finite wherever Q > 0 mathematically, even when Q underflows.
    /// - Precondition: a > 0 and finite.
    public static func logRegularizedUpper(_ a: Double, _ x: Double) -> Double { values(a, x).logUpper }

    static func values(_ a: Double, _ x: Double) -> Values {
        precondition(a > 0 && a.isFinite, "The incomplete gamma function needs a finite shape a > 0, got \(a)")
        if x.isNaN { return Values(lower: .nan, upper: .nan, logLower: .nan, logUpper: .nan) }
        if x <= 0 { return Values(lower: 0, upper: 1, logLower: -.infinity, logUpper: 0) }
        if x == .infinity { return Values(lower: 1, upper: 0, logLower: 0, logUpper: -.infinity) }
        let logTerm = SaddlePointTerms.logPoissonTerm(a, x)
        if x < a + 1 {
            let logLower = logTerm + log(lowerSeries(a, x))
            let lower = exp(logLower)
            return Values(lower: lower, upper: 1 - lower, logLower: logLower, logUpper: log1p(-lower))
        }
        let logUpper = log(a) + logTerm + log(upperContinuedFraction(a, x))
        let upper = exp(logUpper)
        return Values(lower: 1 - upper, upper: upper, logLower: log1p(-upper), logUpper: logUpper)
    }

    /// Σ_{n≥0} xⁿ / ((a+1)…(a+n)), all terms positive; stops when a term no longer changes the sum.
    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1.0, sum = 1.0, denominator = a
        while true {
            denominator += 1
            term *= x / denominator
            let next = sum + term
            if next == sum { return sum }
            sum = next
        }
    }

    /// 1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …))) by modified Lentz; for x ≥ a + 1.
    private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var result = d
        for i in 1...100_000 {
            let coefficient = -Double(i) * (Double(i) - a)
            b += 2
            d = coefficient * d + b
            if abs(d) < tiny { d = tiny }
            c = b + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) <= Double.ulpOfOne / 2 { break }
        }
        return result
    }
}
