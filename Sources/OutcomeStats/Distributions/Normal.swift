import Foundation

/// The standard normal distribution N(0, 1): density, both tails and their logarithms, the quantile
/// function and two-sided p-values, accurate to a relative 1e-13 or better in the body and in the far tails.
///
/// ```
/// φ(z) = exp(−z²/2) / √(2π)
/// Φ(z) = ½ erfc(−z/√2),   Q(z) = 1 − Φ(z) = Φ(−z) = ½ erfc(z/√2)
/// Q(z) = φ(z) · R(z),  R(z) = 1/(z+ 1/(z+ 2/(z+ 3/(z+ …))))   (Mills ratio, Laplace's continued fraction)
/// ```
/// For |z| ≤ 5 the tails use the C library's `erfc`, which is accurate to about one ulp (Sun fdlibm; Cody,
/// "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–637,
/// doi:10.1090/S0025-5718-1969-0247736-4). Beyond 5, the tail is φ(z)·R(z) with R evaluated by the modified
/// Lentz algorithm (Lentz, Appl. Opt. 15 (1976) 668, doi:10.1364/AO.15.000668; Thompson & Barnett, J. Comput.
/// Phys. 64 (1986) 490, doi:10.1016/0021-9991(86)90046-X) and z² split exactly with a fused multiply–add,
/// so the tail keeps full relative accuracy until it underflows (Q(37) ≈ 5.7e-300; Q(38.5) is subnormal),
/// and the log tails never underflow: log Q(z) = −z²/2 − ½ log(2π) + log R(z).
///
/// NaN arguments give NaN; ±∞ give the limits.
public enum Normal {
    /// ½ log(2π).
    static let logSquareRootOfTwoPi = 0.918_938_533_204_672_741_780_329_736_406
    /// 1/√(2π).
    static let inverseSquareRootOfTwoPi = 0.398_942_280_401_432_677_939_946_059_934
    /// Beyond this |z| the tail comes from the Mills-ratio continued fraction instead of `erfc`.
    static let continuedFractionThreshold = 5.0

    /// The density φ(z) = exp(−z²/2)/√(2π).
    public static func density(_ z: Double) -> Double {
        guard !z.isNaN else { return .nan }
        let (square, squareError) = exactSquare(z)
        return inverseSquareRootOfTwoPi * exp(-square / 2) * exp(-squareError / 2)
    }

    /// log φ(z) = −z²/2 − ½ log(2π).
    public static func logDensity(_ z: Double) -> Double {
        guard !z.isNaN else { return .nan }
        let (square, squareError) = exactSquare(z)
        return -square / 2 - squareError / 2 - logSquareRootOfTwoPi
    }

    /// Φ(z) = P(Z ≤ z).
    public static func cdf(_ z: Double) -> Double { upperTail(-z) }

    /// Q(z) = P(Z > z) = 1 − Φ(z), computed directly so that it keeps its relative accuracy for large z.
    public static func upperTail(_ z: Double) -> Double {
        guard !z.isNaN else { return .nan }
        return z >= 0 ? positiveUpperTail(z).value : 1 - positiveUpperTail(-z).value
    }

    /// log Φ(z), finite for every finite z (e.g. log Φ(−1e5) ≈ −5e9).
    public static func logCDF(_ z: Double) -> Double { logUpperTail(-z) }

    /// log Q(z), finite for every finite z.
    public static func logUpperTail(_ z: Double) -> Double {
        guard !z.isNaN else { return .nan }
        return z >= 0 ? positiveUpperTail(z).logarithm : log1p(-positiveUpperTail(-z).value)
    }

    /// The probability in the chosen tail: ``cdf(_:)`` or ``upperTail(_:)``.
    public static func probability(_ z: Double, tail: Tail) -> Double {
        tail == .lower ? cdf(z) : upperTail(z)
    }

    /// The logarithm of the probability in the chosen tail: ``logCDF(_:)`` or ``logUpperTail(_:)``.
    public static func logProbability(_ z: Double, tail: Tail) -> Double {
        tail == .lower ? logCDF(z) : logUpperTail(z)
    }

    /// The two-sided p-value of a z (Wald) statistic: 2·Q(|z|) = P(|Z| ≥ |z|).
    public static func twoSidedPValue(_ z: Double) -> Double {
        guard !z.isNaN else { return .nan }
        return 2 * positiveUpperTail(abs(z)).value
    }

    /// log of ``twoSidedPValue(_:)``: log 2 + log Q(|z|), finite however large |z| is.
    public static func logTwoSidedPValue(_ z: Double) -> Double {
        guard !z.isNaN else { return .nan }
        return M_LN2 + positiveUpperTail(abs(z)).logarithm
    }

    /// Q(z) and log Q(z) for z ≥ 0.
    static func positiveUpperTail(_ z: Double) -> (value: Double, logarithm: Double) {
        if z <= continuedFractionThreshold {
            let value = erfc(z * 0.5.squareRoot()) / 2
            return (value, log(value))
        }
        if z == .infinity { return (0, -.infinity) }
        let logarithm = logDensity(z) + log(millsRatio(z))
        return (exp(logarithm), logarithm)
    }

    /// R(z) = Q(z)/φ(z) for z ≥ 5 by Laplace's continued fraction z+ 1/(z+ 2/(z+ …)), modified Lentz.
    /// About 60 terms at z = 5, a handful at z = 40.
    static func millsRatio(_ z: Double) -> Double {
        let tiny = 1e-300
        var f = z, c = z, d = 0.0
        for j in 1...500 {
            let a = Double(j)
            d = z + a * d
            if d == 0 { d = tiny }
            c = z + a / c
            if c == 0 { c = tiny }
            d = 1 / d
            let delta = c * d
            f *= delta
            if abs(delta - 1) <= Double.ulpOfOne / 2 { break }
        }
        return 1 / f
    }

    /// z² as an unevaluated sum `square + error`, exact (Dekker's product via a fused multiply–add), so that
    /// exp(−z²/2) keeps full relative accuracy for large |z|.
    static func exactSquare(_ z: Double) -> (square: Double, error: Double) {
        let square = z * z
        guard square.isFinite else { return (square, 0) }
        return (square, (-square).addingProduct(z, z))
    }
}
