import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// OutcomeStats' distributions against R 4.2.2 (datasets/reference/stats/distributions.R → distributions.csv):
/// pnorm, dnorm, qnorm, pchisq, qchisq and pgamma in both tails, on the probability and log scale, from the
/// body out to p-values of 1e-300 (and log-probabilities far below).
@Suite("Distributions against R reference values")
struct DistributionReferenceTests {
    /// Relative tolerance for every CDF, tail and density value.
    static let tolerance = 1e-12

    @Test("fixture is present and names its R version")
    func fixture() {
        #expect(DistributionReference.header.contains("R version 4.2.2"))
        #expect(DistributionReference.all.count > 7000)
    }

    @Test("pnorm and dnorm, both tails, probability and log scale")
    func normal() {
        let rows = DistributionReference.rows("pnorm") + DistributionReference.rows("dnorm")
        expectAgreement(rows, name: "pnorm/dnorm", tolerance: Self.tolerance) { row in
            switch (row.function, row.logScale) {
            case ("dnorm", false): Normal.density(row.argument)
            case ("dnorm", true): Normal.logDensity(row.argument)
            case (_, false): Normal.probability(row.argument, tail: row.tail)
            default: Normal.logProbability(row.argument, tail: row.tail)
            }
        }
    }

    @Test("pchisq, both tails, probability and log scale, df 0.5 to 1000")
    func chiSquared() {
        let rows = DistributionReference.rows("pchisq")
        expectAgreement(rows, name: "pchisq", tolerance: Self.tolerance) { row in
            let distribution = ChiSquared(degreesOfFreedom: row.parameter!)
            return row.logScale
                ? distribution.logProbability(row.argument, tail: row.tail)
                : distribution.probability(row.argument, tail: row.tail)
        }
    }

    @Test("pgamma as the regularised incomplete gamma P(a, x) and Q(a, x)")
    func incompleteGamma() {
        let rows = DistributionReference.rows("pgamma")
        expectAgreement(rows, name: "pgamma", tolerance: Self.tolerance) { row in
            let a = row.parameter!, x = row.argument
            switch (row.tail, row.logScale) {
            case (.lower, false): return IncompleteGamma.regularizedLower(a, x)
            case (.upper, false): return IncompleteGamma.regularizedUpper(a, x)
            case (.lower, true): return IncompleteGamma.logRegularizedLower(a, x)
            case (.upper, true): return IncompleteGamma.logRegularizedUpper(a, x)
            }
        }
    }

    @Test("qnorm, both tails, probability and log scale")
    func normalQuantile() {
        checkQuantiles(DistributionReference.rows("qnorm")) { row, smallerTail in
            let quantile = row.logScale
                ? Normal.quantile(logProbability: row.argument, tail: row.tail)
                : Normal.quantile(row.argument, tail: row.tail)
            let logTail = Normal.logProbability(quantile, tail: smallerTail)
            let elasticity = abs(quantile) * exp(Normal.logDensity(quantile) - logTail)
            return (quantile, logTail, elasticity)
        }
    }

    @Test("qchisq, both tails, probability and log scale, df 0.5 to 1000")
    func chiSquaredQuantile() {
        checkQuantiles(DistributionReference.rows("qchisq")) { row, smallerTail in
            let distribution = ChiSquared(degreesOfFreedom: row.parameter!)
            let quantile = row.logScale
                ? distribution.quantile(logProbability: row.argument, tail: row.tail)
                : distribution.quantile(row.argument, tail: row.tail)
            let logTail = distribution.logProbability(quantile, tail: smallerTail)
            let elasticity = quantile * exp(distribution.logDensity(quantile) - logTail)
            return (quantile, logTail, elasticity)
        }
    }

    /// Quantiles are compared with R at 1e-12 where R's own inverse is accurate. R's `qchisq` is not, in the
    /// far tails: its round trip (column `roundTrip`: log p_s(q) − log p_s in the smaller tail, the relative
    /// error of that probability) reaches ~1e-7 there and ~1e-3 for log p near 0. That implies an error in q
    /// of |roundTrip|/e, e = |d log p_s/d log q| the elasticity of the smaller tail at q. Where the implied
    /// error exceeds 1e-13, the row instead requires that our quantile inverts our tail (checked against R
    /// above at 1e-12) to 1e-12 + 4ε·e, the unavoidable effect of rounding q to a double, and that it is at
    /// least as close to R as R's implied error (plus 1e-12). (R 4.2.2's `qnorm` is likewise inaccurate for
    /// log p ≤ −1e4, fixed in R 4.3.0.) Subnormal quantiles (below 2.2e-308) carry fewer digits and are
    /// allowed 4 extra steps of the smallest subnormal.
    private func checkQuantiles(
        _ rows: [DistributionReference],
        evaluate: (DistributionReference, Tail) -> (quantile: Double, logTail: Double, elasticity: Double)
    ) {
        var failures: [String] = []
        var largestTrusted = 0.0, loosened = 0
        for row in rows {
            let probability = row.logScale ? exp(row.argument) : row.argument
            let smallerTail = probability <= 0.5 ? row.tail : row.tail.opposite
            let logTarget = switch (probability <= 0.5, row.logScale) {
            case (true, true): row.argument
            case (true, false): log(row.argument)
            case (false, true): log(-expm1(row.argument))
            case (false, false): log1p(-row.argument)
            }
            let (quantile, logTail, elasticity) = evaluate(row, smallerTail)
            let error = relativeError(quantile, row.value)
            if abs(row.value) < Double.leastNormalMagnitude {
                if !(abs(quantile - row.value) <= Self.tolerance * abs(row.value) + 4 * Double.leastNonzeroMagnitude) {
                    failures.append("\(row): got \(quantile), expected the subnormal or underflowed \(row.value)")
                }
                continue
            }
            let impliedErrorOfR = abs(row.roundTrip ?? 0) / max(elasticity, 1e-300)
            if impliedErrorOfR <= 1e-13 {
                largestTrusted = max(largestTrusted, error)
                if !(error <= Self.tolerance) { failures.append("\(row): got \(quantile), relative error \(error)") }
                continue
            }
            loosened += 1
            let ownRoundTrip = abs(logTail - logTarget)
            let ownTolerance = Self.tolerance + 4 * Double.ulpOfOne * elasticity
            if !(error <= 2 * impliedErrorOfR + Self.tolerance) || !(ownRoundTrip <= ownTolerance) {
                failures.append("\(row): got \(quantile), relative error \(error), R's implied error "
                    + "\(impliedErrorOfR), our round trip \(ownRoundTrip) (tolerance \(ownTolerance))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(rows.count):\n\(failures.prefix(20).joined(separator: "\n"))")
        print("\(rows.first?.function ?? ""): \(rows.count) values, largest relative error where R is accurate "
            + "\(largestTrusted); \(loosened) far-tail rows checked by round trip instead")
    }
}
