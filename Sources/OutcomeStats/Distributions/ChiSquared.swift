import Foundation

/// The chi-square distribution with ν > 0 degrees of freedom (ν need not be an integer): the distribution of
/// 2·G with G ~ Gamma(ν/2, 1).
///
/// ```
/// F(x) = P(ν/2, x/2),   1 − F(x) = Q(ν/2, x/2)          (regularised incomplete gamma, IncompleteGamma)
/// f(x) = x^{ν/2−1} e^{−x/2} / (2^{ν/2} Γ(ν/2))
/// ```
/// Abramowitz & Stegun (1964) 26.4.19. Both tails and their logarithms are computed directly, accurate to a
/// relative 1e-13 or so, so a likelihood-ratio p-value of 1e-300 (or its logarithm far beyond) is right.
/// Arguments x ≤ 0 give F = 0; NaN gives NaN.
public struct ChiSquared: Sendable, Hashable {
    /// ν, the degrees of freedom.
    public let degreesOfFreedom: Double

    /// - Precondition: `degreesOfFreedom` is finite and > 0.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
                     "A chi-square distribution needs finite degrees of freedom > 0, got \(degreesOfFreedom)")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The gamma shape a = ν/2.
    var shape: Double { degreesOfFreedom / 2 }

    /// F(x) = P(X ≤ x).
    public func cdf(_ x: Double) -> Double { IncompleteGamma.values(shape, x / 2).lower }

    /// P(X > x), the p-value of a chi-square statistic x, computed directly (not as 1 − F).
    public func upperTail(_ x: Double) -> Double { IncompleteGamma.values(shape, x / 2).upper }

    /// log F(x).
    public func logCDF(_ x: Double) -> Double { IncompleteGamma.values(shape, x / 2).logLower }

    /// log P(X > x), finite even when the p-value underflows (e.g. x = 3000 on 1 degree of freedom).
    public func logUpperTail(_ x: Double) -> Double { IncompleteGamma.values(shape, x / 2).logUpper }

    /// The probability in the chosen tail.
    public func probability(_ x: Double, tail: Tail) -> Double {
        tail == .lower ? cdf(x) : upperTail(x)
    }

    /// The logarithm of the probability in the chosen tail.
    public func logProbability(_ x: Double, tail: Tail) -> Double {
        tail == .lower ? logCDF(x) : logUpperTail(x)
    }

    /// The density f(x); at x = 0 it is +∞ for ν < 2, ½ for ν = 2 and 0 for ν > 2; 0 for x < 0.
    public func density(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        if x == 0 { return degreesOfFreedom < 2 ? .infinity : (degreesOfFreedom == 2 ? 0.5 : 0) }
        return exp(logDensity(x))
    }

    /// log f(x) = log a + log D(a, x/2) − log(x/2) − log 2 with a = ν/2 and D(a, y) = y^a e^{−y}/Γ(a+1)
    /// (Loader's saddle-point form, so it stays accurate for large ν). −∞ for x < 0.
    public func logDensity(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        if x < 0 { return -.infinity }
        if x == 0 { return log(density(0)) }
        let y = x / 2
        return log(shape) + SaddlePointTerms.logPoissonTerm(shape, y) - log(y) - M_LN2
    }
}
