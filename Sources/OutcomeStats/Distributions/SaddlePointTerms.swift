import Foundation

/// Loader's saddle-point building blocks for gamma and Poisson probabilities, written out from
/// C. Loader, "Fast and Accurate Computation of Binomial Probabilities" (2000, technical note,
/// https://www.r-project.org/doc/reports/CLoader-dbinom-2002.pdf).
///
/// They let x^a e^{−x}/Γ(a+1) be computed without cancelling large logarithms: a log x, x and log Γ(a+1)
/// are each about 3000 when a = x = 500, but their combination is about −4.
enum SaddlePointTerms {
    /// The error of Stirling's approximation to log Γ(n+1):
    /// ```
    /// δ(n) = log Γ(n+1) − (n + ½) log n + n − ½ log(2π)
    ///      = 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹) − 691/(360360n¹¹) + …   (n > 15)
    /// ```
    /// For n ≤ 15 (any real n > 0) it is evaluated from `lgamma` directly; its absolute error, which is what
    /// matters in an exponent, is then below 1e-14. The series is Stirling's, with Bernoulli-number
    /// coefficients B₂ₖ/(2k(2k−1)) (Abramowitz & Stegun 6.1.40); its truncation error at n = 15 is 2e-16.
    static func stirlingError(_ n: Double) -> Double {
        if n <= 15 {
            return lgamma(n + 1) - (n + 0.5) * log(n) + n - Normal.logSquareRootOfTwoPi
        }
        let inverse = 1 / n, inverseSquare = inverse * inverse
        var series = -691.0 / 360_360
        series = series * inverseSquare + 1.0 / 1188
        series = series * inverseSquare - 1.0 / 1680
        series = series * inverseSquare + 1.0 / 1260
        series = series * inverseSquare - 1.0 / 360
        series = series * inverseSquare + 1.0 / 12
        return series * inverse
    }

    /// The deviance term
    /// ```
    /// bd0(x, m) = x log(x/m) + m − x ≥ 0
    ///           = (x − m)·v + 2x Σ_{j≥1} v^{2j+1}/(2j+1),   v = (x − m)/(x + m)   when |x − m| < 0.1 (x + m)
    /// ```
    /// The series avoids the cancellation of the direct form when x ≈ m.
    /// - Precondition: x > 0, m > 0 (finite).
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            let v = (x - m) / (x + m)
            var sum = (x - m) * v
            let vSquare = v * v
            var power = 2 * x * v
            var j = 1.0
            while true {
                power *= vSquare
                let next = sum + power / (2 * j + 1)
                if next == sum { return sum }
                sum = next
                j += 1
            }
        }
        let ratio = x / m
        let logRatio = ratio.isNormal && ratio.isFinite ? log(ratio) : log(x) - log(m)
        return x * logRatio + m - x
    }

    /// log of the Poisson-type term D(a, x) = x^a e^{−x} / Γ(a+1), for real a > 0 and x ≥ 0:
    /// ```
    /// log D(a, x) = −δ(a) − bd0(a, x) − ½ log(2πa)
    /// ```
    /// −∞ at x = 0.
    static func logPoissonTerm(_ a: Double, _ x: Double) -> Double {
        if x == 0 { return -.infinity }
        if x == .infinity { return -.infinity }
        return -stirlingError(a) - deviance(a, x) - Normal.logSquareRootOfTwoPi - 0.5 * log(a)
    }
}
