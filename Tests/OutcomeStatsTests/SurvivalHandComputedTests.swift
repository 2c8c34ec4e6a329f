import Foundation
@testable import OutcomeStats
import Testing
import _OutcomeTestSupport

/// Small survival cases worked by hand, the test values of docs/Retention.md, "Definitions" (R survival 3.5.3 on
/// aml; the eight-subject Aalen–Johansen example), and invariants of the Cox fit.
@Suite("Survival: hand-computed cases and invariants")
struct SurvivalHandComputedTests {
    @Test("tied times: events before censorings; Greenwood by hand")
    func ties() {
        // t = 1: n 5, d 1, c 1 → S = 4/5; t = 2: n 3, d 2 → S = 4/15; t = 3: n 1, censored.
        let curve = KaplanMeierEstimate(times: [2, 1, 3, 1, 2], events: [true, true, false, false, true])
        #expect(curve.times == [1, 2, 3])
        #expect(curve.atRisk == [5, 3, 1])
        #expect(curve.events == [1, 2, 0])
        #expect(curve.censored == [1, 0, 1])
        #expect(isClose(curve.survival[1], 4.0 / 15, relative: 1e-15))
        let greenwood: Double = 1.0 / 20 + 2.0 / 3
        let expected: Double = 4.0 / 15 * greenwood.squareRoot()
        #expect(isClose(curve.standardErrors[1]!, expected, relative: 1e-14))
        #expect(curve.median().estimate == 2)
    }

    @Test("all censored: S = 1, no median, RMST = τ with zero error")
    func allCensored() {
        let curve = KaplanMeierEstimate(times: [3, 5, 8], events: [false, false, false])
        #expect(curve.survival == [1, 1, 1] && curve.standardErrors == [0, 0, 0])
        #expect(curve.median().estimate == nil && curve.quantile(0.25).estimate == nil)
        let restricted = curve.restrictedMean(upTo: 8)
        #expect(restricted.estimate == 8 && restricted.standardError == 0)
    }

    @Test("a single subject with the event: S = 0, undefined error and bands, median at its time")
    func singleSubject() {
        let curve = KaplanMeierEstimate(times: [5], events: [true])
        #expect(curve.survival == [0] && curve.standardErrors == [nil])
        #expect(curve.confidenceBounds(.log).lower == [nil])
        let median = curve.median()
        #expect(median.estimate == 5 && median.lower == nil && median.upper == nil)  // R: 5, NA, NA
        #expect(curve.restrictedMean(upTo: 10).estimate == 5)
    }

    @Test("the midpoint rule: events at 1, 2, 3, 4 give a median of 2.5 (R survival; docs/Retention.md)")
    func midpoint() {
        let curve = KaplanMeierEstimate(times: [1, 2, 3, 4], events: [true, true, true, true])
        #expect(curve.median().estimate == 2.5)
        #expect(curve.quantile(0.25).estimate == 1.5 && curve.quantile(0.75).estimate == 3.5)
        // R 4.2.2: summary(survfit(Surv(1:4, c(1,1,1,1)) ~ 1), rmean = 4)$table: rmean 2.5, se 0.559017
        let restricted = curve.restrictedMean(upTo: 4)
        #expect(restricted.estimate == 2.5 && isClose(restricted.standardError, 0.3125.squareRoot(), relative: 1e-14))
    }

    @Test("R survival 3.5.3 on aml without groups: KM, bands, median, RMST (docs/Retention.md)")
    func amlDomainValues() {
        let table = SurvivalReference.table("aml.csv")
        let curve = KaplanMeierEstimate(
            times: SurvivalReference.numbers(table, "time"), events: SurvivalReference.numbers(table, "status").map { $0 == 1 })
        #expect(curve.atRisk[0] == 23 && curve.events[0] == 2 && isClose(curve.survival[0], 0.9130, absolute: 5e-5))
        #expect(isClose(curve.standardErrors[0]!, 0.0588, absolute: 5e-5))
        let log = curve.confidenceBounds(.log), logLog = curve.confidenceBounds(.logLog)
        #expect(isClose(log.lower[0]!, 0.8049, absolute: 5e-5) && log.upper[0] == 1)
        #expect(isClose(logLog.lower[0]!, 0.6949, absolute: 5e-5) && isClose(logLog.upper[0]!, 0.9775, absolute: 5e-5))
        let median = curve.median()
        #expect(median.estimate == 27 && median.lower == 18 && median.upper == 45)
        let restricted = curve.restrictedMean(upTo: 161)
        #expect(isClose(restricted.estimate, 36.364, absolute: 5e-4) && isClose(restricted.standardError, 9.854, absolute: 5e-4))
    }

    @Test("Aalen–Johansen on eight subjects, never 1 − KM of one cause (docs/Retention.md)")
    func competingRisks() {
        let estimate = CumulativeIncidence(times: [5, 8, 8, 12, 15, 20, 22, 30], status: [1, 2, 0, 1, 2, 1, 0, 2])
        let at30 = estimate.values(at: 30), at12 = estimate.values(at: 12)
        #expect(isClose(at30[0].incidence, 0.425, relative: 1e-14) && isClose(at30[1].incidence, 0.575, relative: 1e-14))
        #expect(isClose(at12[0].incidence, 0.275, relative: 1e-14) && isClose(at12[1].incidence, 0.125, relative: 1e-14))
        #expect(estimate.eventFree.last == 0)
        // The first event: one of eight, cause 1; the infinitesimal jackknife gives √(7² + 7)/64.
        #expect(isClose(estimate.standardErrors[0][0], (56.0).squareRoot() / 64, relative: 1e-14))
        #expect(estimate.values(at: 1).allSatisfy { $0.incidence == 0 && $0.standardError == 0 })
    }

    @Test("log-rank: a group with no events still counts; a group that empties before any event drops out")
    func logRankEdges() {
        // Group 1 has no events but is at risk at the event times.
        let noEvents = LogRankTest(times: [1, 2, 3, 4], events: [true, true, false, false], groups: [0, 0, 1, 1], groupCount: 2)
        #expect(noEvents.test.degreesOfFreedom == 1 && noEvents.observed == [2, 0])
        // By hand: t=1: n 4, n₀ 2 → E₀ 1/2, V 1/4·… ; t=2: n 3, n₀ 1 → E₀ 1/3.
        #expect(isClose(noEvents.expected[0], 0.5 + 1.0 / 3, relative: 1e-14))
        let variance: Double = 0.25 + 2.0 / 9
        let difference: Double = 2 - 5.0 / 6
        #expect(isClose(noEvents.test.statistic, difference * difference / variance, relative: 1e-12))
        // Group 1 is censored before the first event: E₁ = 0, nothing to test.
        let empties = LogRankTest(times: [5, 6, 1, 2], events: [true, true, false, false], groups: [0, 0, 1, 1], groupCount: 2)
        #expect(empties.test.degreesOfFreedom == 0 && empties.test.statistic == 0 && empties.test.pValue == 1)
    }

    /// A seeded data set: n rows, p covariates, exponential times with log hazard 0.5·x₀ − 0.3·x₁, some censoring,
    /// times rounded to make ties.
    static func simulated(_ generator: inout SplitMix64, n: Int, p: Int, rounding: Double)
        -> (design: Matrix, times: [Double], events: [Bool])
    {
        var columns = [Double](repeating: 0, count: n * p)
        var times: [Double] = [], events: [Bool] = []
        for i in 0..<n {
            for j in 0..<p { columns[i + j * n] = Double.random(in: -1...1, using: &generator) }
            let rate = exp(0.5 * columns[i] - 0.3 * (p > 1 ? columns[i + n] : 0))
            let time = -log(Double.random(in: 0.001...1, using: &generator)) / rate
            let censor = -log(Double.random(in: 0.001...1, using: &generator)) * 2
            times.append(((min(time, censor)) / rounding).rounded(.up) * rounding)
            events.append(time <= censor)
        }
        return (Matrix(rows: n, columns: p, columnMajor: columns), times, events)
    }

    @Test("Cox invariants: I·V = identity, Σ score residuals = u(β̂) ≈ 0, score = finite-difference gradient")
    func coxInvariants() {
        withEverySeed([1, 2, 3]) { generator, seed in
            let data = Self.simulated(&generator, n: 300, p: 3, rounding: 0.1)
            for ties in CoxTies.allCases {
                let fit = CoxModel(options: CoxOptions(ties: ties)).fit(design: data.design, times: data.times, events: data.events)
                #expect(fit.convergence.isClean, "seed \(seed)")
                let product = fit.final.information * fit.modelVariance
                #expect((product - Matrix.identity(3)).maximumAbsoluteElement < 1e-10, "seed \(seed)")
                let residuals = fit.scoreResiduals()
                for j in 0..<3 {
                    let sum = (0..<300).reduce(0) { $0 + residuals[$1, j] }
                    #expect(abs(sum) < 1e-8, "seed \(seed) \(ties): Σ U = \(sum)")
                }
                // Gradient check at a point away from β̂.
                let beta = [0.2, -0.1, 0.05], step = 1e-6
                let at = fit.riskSets.evaluate(beta, ties: ties)
                Self.expectScoreIsGradient(fit.riskSets, at: beta, ties: ties, "seed \(seed) \(ties)")
                for j in 0..<3 {
                    var plusInfo = beta
                    plusInfo[j] += step
                    let scorePlus = fit.riskSets.evaluate(plusInfo, ties: ties).score
                    var minusInfo = beta
                    minusInfo[j] -= step
                    let scoreMinus = fit.riskSets.evaluate(minusInfo, ties: ties).score
                    for k in 0..<3 {
                        let numericInformation = -(scorePlus[k] - scoreMinus[k]) / (2 * step)
                        #expect(isClose(at.information[k, j], numericInformation, relative: 1e-5, absolute: 1e-6),
                                "seed \(seed) \(ties) I[\(k),\(j)]")
                    }
                }
            }
        }
    }

    /// The score at `beta` against the central difference of the log partial likelihood (step 1e-6).
    static func expectScoreIsGradient(_ riskSets: CoxRiskSets, at beta: [Double], ties: CoxTies, _ label: String) {
        let step = 1e-6
        let score = riskSets.evaluate(beta, ties: ties).score
        for j in beta.indices {
            var plus = beta, minus = beta
            plus[j] += step
            minus[j] -= step
            let numeric = (riskSets.evaluate(plus, ties: ties).logLikelihood
                - riskSets.evaluate(minus, ties: ties).logLikelihood) / (2 * step)
            #expect(isClose(score[j], numeric, relative: 1e-6, absolute: 1e-6), "\(label) ∂ℓ/∂β\(j)")
        }
    }

    @Test("without ties Efron equals Breslow; row order does not matter")
    func noTies() {
        var generator = SplitMix64(seed: 7)
        let data = Self.simulated(&generator, n: 200, p: 2, rounding: 1e-12)
        #expect(Set(data.times).count == 200)
        let efron = CoxModel().fit(design: data.design, times: data.times, events: data.events)
        let breslow = CoxModel(options: CoxOptions(ties: .breslow)).fit(design: data.design, times: data.times, events: data.events)
        for j in 0..<2 { #expect(isClose(efron.coefficients[j]!, breslow.coefficients[j]!, relative: 1e-12)) }
        let reversed = Array((0..<200).reversed())
        let permuted = CoxModel().fit(
            design: data.design.submatrix(rows: reversed, columns: [0, 1]), times: reversed.map { data.times[$0] },
            events: reversed.map { data.events[$0] })
        for j in 0..<2 { #expect(isClose(efron.coefficients[j]!, permuted.coefficients[j]!, relative: 1e-10)) }
    }

    @Test("numerical trouble is flagged, not crashed on: no events, separation, collinearity")
    func trouble() {
        let design = Matrix(rowMajor: [[0], [0], [1], [1]])
        let none = CoxModel().fit(design: design, times: [1, 2, 3, 4], events: [false, false, false, false])
        #expect(none.coefficients == [nil] && none.convergence.hasWarning(.aliasedColumns))
        // Every event in the x = 1 group before any x = 0 time: the likelihood rises without bound.
        let separated = CoxModel().fit(design: design, times: [3, 4, 1, 2], events: [true, true, true, true])
        // R 4.2.2: coxph(Surv(c(3,4,1,2), rep(1,4)) ~ c(0,0,1,1)) "Ran out of iterations and did not converge", β ≈ 21.7.
        #expect(!separated.convergence.converged && separated.convergence.hasWarning(.iterationLimitReached))
        #expect(separated.coefficients[0]! > 15)
        let collinear = Matrix(rowMajor: [[1, 2, 3], [2, 1, 3], [0, 1, 1], [3, 3, 6], [1, 0, 1]])
        let aliased = CoxModel().fit(design: collinear, times: [1, 2, 3, 4, 5], events: [true, false, true, true, true])
        #expect(aliased.coefficients[2] == nil && aliased.coefficients[0] != nil)
        #expect(aliased.convergence.warnings(.aliasedColumns).map(\.index) == [2])
    }
}
