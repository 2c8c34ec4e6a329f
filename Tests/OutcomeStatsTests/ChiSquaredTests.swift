import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Chi-square and incomplete gamma: closed forms and invariants")
struct ChiSquaredTests {
    /// ν = 2: F(x) = 1 − e^{−x/2}; ν = 4: 1 − F(x) = e^{−x/2}(1 + x/2) (Abramowitz & Stegun 26.4.21).
    @Test("closed forms for 2 and 4 degrees of freedom, out to p ≈ 1e-304")
    func closedForms() {
        let two = ChiSquared(degreesOfFreedom: 2), four = ChiSquared(degreesOfFreedom: 4)
        for x in [1e-8, 0.3, 2, 10, 100, 700, 1400] {
            #expect(isClose(two.upperTail(x), exp(-x / 2), relative: 1e-13), "x = \(x)")
            #expect(isClose(two.cdf(x), -expm1(-x / 2), relative: 1e-13), "x = \(x)")
            #expect(isClose(two.logUpperTail(x), -x / 2, relative: 1e-13), "x = \(x)")
            #expect(isClose(four.upperTail(x), exp(-x / 2) * (1 + x / 2), relative: 1e-13), "x = \(x)")
            #expect(isClose(two.density(x), exp(-x / 2) / 2, relative: 1e-13), "x = \(x)")
        }
        #expect(isClose(two.quantile(0.05, tail: .upper), -2 * log(0.05), relative: 1e-15))
        #expect(isClose(two.quantile(logProbability: -3000, tail: .upper), 6000, relative: 1e-15))
    }

    @Test("1 degree of freedom is the square of a standard normal: Q(x) = 2·Q_N(√x)")
    func oneDegree() {
        let one = ChiSquared(degreesOfFreedom: 1)
        for x in [1e-6, 0.5, 3.841458820694124, 25, 400, 1300] {
            #expect(isClose(one.upperTail(x), Normal.twoSidedPValue(x.squareRoot()), relative: 1e-13), "x = \(x)")
        }
        #expect(isClose(one.quantile(0.95), 3.841458820694124, relative: 1e-15))
        #expect(isClose(one.logUpperTail(3000), Normal.logTwoSidedPValue(3000.0.squareRoot()), relative: 1e-13))
    }

    @Test("edges: x ≤ 0, ∞, NaN, probability 0 and 1, density at 0")
    func edges() {
        let chi = ChiSquared(degreesOfFreedom: 3)
        #expect(chi.cdf(0) == 0 && chi.cdf(-1) == 0 && chi.upperTail(-1) == 1 && chi.logUpperTail(0) == 0)
        #expect(chi.cdf(.infinity) == 1 && chi.upperTail(.infinity) == 0 && chi.logUpperTail(.infinity) == -.infinity)
        #expect(chi.cdf(.nan).isNaN && chi.quantile(.nan).isNaN && chi.density(.nan).isNaN)
        #expect(chi.quantile(0) == 0 && chi.quantile(1) == .infinity && chi.quantile(0, tail: .upper) == .infinity)
        #expect(chi.density(0) == 0 && chi.density(-1) == 0)
        #expect(ChiSquared(degreesOfFreedom: 1).density(0) == .infinity)
        #expect(ChiSquared(degreesOfFreedom: 2).density(0) == 0.5)
        #expect(ChiSquared(degreesOfFreedom: 1).quantile(1e-300) == 0, "x ≈ 1e-600 underflows")
    }

    @Test("incomplete gamma: P(1, x) = 1 − e^{−x}, recurrence Q(a+1, x) = Q(a, x) + xᵃe^{−x}/Γ(a+1)")
    func incompleteGamma() {
        for x in [1e-3, 0.7, 4, 30, 600] {
            #expect(isClose(IncompleteGamma.regularizedLower(1, x), -expm1(-x), relative: 1e-14), "x = \(x)")
            for a in [0.3, 2.5, 40.2] {
                let term = exp(a * log(x) - x - lgamma(a + 1))
                let recurrence = IncompleteGamma.regularizedUpper(a, x) + term
                #expect(isClose(IncompleteGamma.regularizedUpper(a + 1, x), recurrence, relative: 1e-12),
                        "a = \(a), x = \(x)")
            }
        }
        #expect(IncompleteGamma.regularizedLower(2, 0) == 0 && IncompleteGamma.logRegularizedUpper(2, 0) == 0)
        #expect(IncompleteGamma.regularizedUpper(2, .nan).isNaN)
    }

    /// As for the normal, only the smaller tail carries the digits needed to invert (an upper tail of
    /// 1 − 1e-30 rounds to 1), so the round trip and the log comparison use the tail holding the smaller
    /// probability, and the larger tail's log is compared with log1p of minus the smaller.
    @Test("seeded invariants: F + (1 − F) = 1, quantile inverts the smaller tail, log forms agree")
    func randomInvariants() {
        withEverySeed(1...20) { generator, seed in
            let nu = [0.5, 1, 2, 3, 7.5, 10, 100, 1000].randomElement(using: &generator)!
            let chi = ChiSquared(degreesOfFreedom: nu)
            for _ in 0..<25 {
                let x = nu * exp(Double.random(in: -3...1.5, using: &generator))
                let label = "seed \(seed), ν \(nu), x \(x)"
                let lower = chi.cdf(x), upper = chi.upperTail(x)
                #expect(isClose(lower + upper, 1, relative: 4e-16), "\(label)")
                let smaller: Tail = lower <= upper ? .lower : .upper
                let probability = chi.probability(x, tail: smaller)
                #expect(isClose(chi.quantile(probability, tail: smaller), x, relative: 1e-12), "\(label)")
                #expect(isClose(chi.quantile(logProbability: chi.logProbability(x, tail: smaller), tail: smaller), x,
                                relative: 1e-12), "\(label)")
                #expect(isClose(chi.logProbability(x, tail: smaller), log(probability), relative: 1e-14), "\(label)")
                #expect(isClose(chi.logProbability(x, tail: smaller.opposite), log1p(-probability), relative: 1e-13),
                        "\(label)")
            }
        }
    }
}
