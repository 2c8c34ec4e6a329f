import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Standard normal: hand-derived values and invariants")
struct NormalTests {
    @Test("exact values at 0 and the 1.96 rule")
    func handValues() {
        #expect(Normal.cdf(0) == 0.5 && Normal.upperTail(0) == 0.5)
        #expect(isClose(Normal.density(0), 1 / (2 * Double.pi).squareRoot(), relative: 1e-16))
        #expect(isClose(Normal.logDensity(3), -4.5 - 0.5 * log(2 * Double.pi), relative: 1e-15))
        #expect(Normal.quantile(0.5) == 0)
        // qnorm(0.975) = 1.959963984540054 (R), and its two-sided p-value is 0.05.
        #expect(isClose(Normal.quantile(0.975), 1.959963984540054, relative: 1e-15))
        #expect(isClose(Normal.quantile(0.025, tail: .upper), 1.959963984540054, relative: 1e-15))
        #expect(isClose(Normal.twoSidedPValue(1.959963984540054), 0.05, relative: 1e-14))
        #expect(isClose(Normal.twoSidedPValue(-1.959963984540054), 0.05, relative: 1e-14))
        #expect(isClose(Normal.logTwoSidedPValue(1.959963984540054), log(0.05), relative: 1e-14))
    }

    /// Asymptotic expansion Q(z) = φ(z)/z · (1 − 1/z² + 3/z⁴ − 15/z⁶ + 105/z⁸ − …) (Abramowitz & Stegun 26.2.12);
    /// at z = 50 the omitted term is 945/z¹⁰ ≈ 1e-14.
    @Test("far tail against the asymptotic series, beyond where Q underflows")
    func asymptoticTail() {
        for z in [50.0, 100, 1e4] {
            let series = 1 - 1 / (z * z) + 3 / pow(z, 4) - 15 / pow(z, 6) + 105 / pow(z, 8)
            let expected = -z * z / 2 - log(z) - 0.5 * log(2 * Double.pi) + log(series)
            #expect(isClose(Normal.logUpperTail(z), expected, relative: 1e-15), "z = \(z)")
            #expect(isClose(Normal.logCDF(-z), expected, relative: 1e-15), "z = \(z)")
            #expect(Normal.upperTail(z) == 0 || z < 38.5)
            #expect(isClose(Normal.quantile(logProbability: expected, tail: .upper), z, relative: 1e-13), "z = \(z)")
        }
        #expect(isClose(Normal.logCDF(8), -Normal.upperTail(8), relative: 1e-15), "log Φ(8) = log1p(−Q(8)) ≈ −Q(8)")
    }

    @Test("limits, NaN and probability 0 or 1")
    func edges() {
        #expect(Normal.cdf(.infinity) == 1 && Normal.cdf(-.infinity) == 0)
        #expect(Normal.upperTail(.infinity) == 0 && Normal.logUpperTail(.infinity) == -.infinity)
        #expect(Normal.logCDF(.infinity) == 0)
        // log p = −1e300: z ≈ −√(2·1e300) (the log-term correction is 1e-297 relative).
        #expect(isClose(Normal.quantile(logProbability: -1e300), -(2e300).squareRoot(), relative: 1e-14))
        #expect(Normal.cdf(.nan).isNaN && Normal.logUpperTail(.nan).isNaN && Normal.quantile(.nan).isNaN)
        #expect(Normal.twoSidedPValue(.nan).isNaN && Normal.density(.nan).isNaN)
        #expect(Normal.quantile(0) == -.infinity && Normal.quantile(1) == .infinity)
        #expect(Normal.quantile(0, tail: .upper) == .infinity)
        #expect(Normal.quantile(logProbability: -.infinity) == -.infinity)
        #expect(Normal.quantile(logProbability: 0) == .infinity)
        #expect(Normal.density(38) > 0 && Normal.density(38) < 1e-300, "subnormal, not flushed to 0")
    }

    @Test("near 0 the quantile keeps relative accuracy: Φ⁻¹(½ + δ) ≈ δ√(2π)")
    func nearZero() {
        let delta = 1e-12
        #expect(isClose(Normal.quantile(0.5 + delta), delta * (2 * Double.pi).squareRoot(), relative: 1e-3))
        #expect(Normal.quantile(0.5 - delta) == -Normal.quantile(0.5 + delta))
        let tiny = Normal.quantile(logProbability: -1e-20, tail: .upper)  // P(Z > z) = 1 − 1e-20
        #expect(isClose(tiny, Normal.quantile(1e-20), relative: 1e-14))
    }

    /// Inverting is only well conditioned in the smaller tail (Φ(6) rounds to 1 − 1e-9, which has lost
    /// half the digits of Q(6)), so the round trip uses the tail holding z; likewise log Q(z) is compared with
    /// log(Q(z)) for z > 0 and with log1p(−Φ(z)) for z < 0.
    @Test("seeded invariants: Φ(z) + Q(z) = 1, Φ(−z) = Q(z), quantile inverts the smaller tail, log forms agree")
    func randomInvariants() {
        withEverySeed(1...20) { generator, seed in
            for _ in 0..<50 {
                let z = Double.random(in: -8...8, using: &generator)
                #expect(isClose(Normal.cdf(z) + Normal.upperTail(z), 1, relative: 2e-16), "seed \(seed), z \(z)")
                #expect(Normal.cdf(-z) == Normal.upperTail(z), "seed \(seed), z \(z)")
                let tail: Tail = z < 0 ? .lower : .upper
                #expect(isClose(Normal.quantile(Normal.probability(z, tail: tail), tail: tail), z,
                                relative: 1e-13, absolute: 1e-15), "seed \(seed), z \(z)")
                let direct = z > 0 ? log(Normal.upperTail(z)) : log1p(-Normal.cdf(z))
                #expect(isClose(Normal.logUpperTail(z), direct, relative: 1e-14), "seed \(seed), z \(z)")
                #expect(isClose(Normal.twoSidedPValue(z), 2 * Normal.upperTail(abs(z)), relative: 1e-16),
                        "seed \(seed), z \(z)")
            }
        }
    }
}
