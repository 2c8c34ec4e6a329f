import Foundation
import Testing
import _OutcomeTestSupport

@testable import OutcomeStats

/// Hand-derived identities of Cox fits on (start, stop] data and with case weights.
@Suite("Cox on counting-process data with weights: invariants")
struct SurvivalCountingProcessInvariantTests {
    typealias Data = (design: Matrix, times: [Double], events: [Bool])

    static func data(seed: UInt64, n: Int = 200, rounding: Double = 0.1) -> Data {
        var generator = SplitMix64(seed: seed)
        return SurvivalHandComputedTests.simulated(&generator, n: n, p: 2, rounding: rounding)
    }

    static func expectSame(_ a: CoxFit, _ b: CoxFit, relative: Double, _ label: String) {
        for j in a.coefficients.indices {
            #expect(isClose(a.coefficients[j]!, b.coefficients[j]!, relative: relative), "\(label) coef \(j)")
            for k in a.coefficients.indices {
                #expect(isClose(a.modelVariance[j, k], b.modelVariance[j, k], relative: relative), "\(label) V[\(j),\(k)]")
            }
        }
        #expect(isClose(a.logLikelihood, b.logLikelihood, relative: relative), "\(label) loglik")
        #expect(isClose(a.logLikelihoodNull, b.logLikelihoodNull, relative: relative), "\(label) loglik null")
        #expect(isClose(a.scoreTest.statistic, b.scoreTest.statistic, relative: relative), "\(label) score test")
    }

    @Test("CoxEstimates carries a fit's estimates, variances, tests and inference unchanged, robust or not")
    func estimatesOfAFit() {
        let data = Self.data(seed: 19)
        let clusters = (0..<data.times.count).map { $0 / 3 }
        for fit in [CoxModel().fit(design: data.design, times: data.times, events: data.events),
                    CoxModel().fit(design: data.design, times: data.times, events: data.events, clusters: clusters)] {
            let estimates = fit.estimates
            #expect(estimates.coefficients == fit.coefficients && estimates.modelVariance == fit.modelVariance)
            #expect(estimates.robustVariance == fit.robustVariance && estimates.variance == fit.variance)
            #expect(estimates.standardErrors == fit.standardErrors && estimates.robustStandardErrors == fit.robustStandardErrors)
            #expect(estimates.coefficientInference() == fit.coefficientInference())
            #expect(estimates.logLikelihood == fit.logLikelihood && estimates.logLikelihoodNull == fit.logLikelihoodNull)
            #expect(estimates.scoreTest == fit.scoreTest && estimates.waldTest == fit.waldTest)
            #expect(estimates.likelihoodRatioTest == fit.likelihoodRatioTest)
            #expect(estimates.subjectCount == fit.subjectCount && estimates.eventCount == fit.eventCount)
            #expect(estimates.convergence == fit.convergence && estimates.options == fit.options)
        }
    }

    @Test("(0, t] intervals equal the ordinary fit, concordance and robust variance included")
    func entryAtZero() {
        let data = Self.data(seed: 11)
        for ties in CoxTies.allCases {
            let model = CoxModel(options: CoxOptions(ties: ties))
            let ordinary = model.fit(design: data.design, times: data.times, events: data.events, robust: true)
            let counting = model.fit(design: data.design, entryTimes: [Double](repeating: 0, count: data.times.count),
                                     times: data.times, events: data.events, robust: true)
            Self.expectSame(ordinary, counting, relative: 1e-12, "\(ties)")
            #expect(isClose(ordinary.concordance, counting.concordance, relative: 1e-14))
            for j in 0..<2 {
                #expect(isClose(ordinary.robustVariance![j, j], counting.robustVariance![j, j], relative: 1e-10))
            }
            #expect(counting.hasEntryTimes && !ordinary.hasEntryTimes)
        }
    }

    @Test("splitting every row at a time that is not an event time changes nothing (clusters = subjects)")
    func splitRows() {
        let data = Self.data(seed: 12)
        let n = data.times.count
        var entries: [Double] = [], times: [Double] = [], events: [Bool] = [], rows: [Int] = []
        for i in 0..<n {
            // Split at 0.37 of the follow-up (times are multiples of 0.1, so never an event time) when it lies inside.
            let cut = 0.37 * data.times[i] - 0.013
            if cut > 0 && (cut / 0.1).rounded() * 0.1 != cut {
                entries += [0, cut]; times += [cut, data.times[i]]; events += [false, data.events[i]]; rows += [i, i]
            } else {
                entries.append(0); times.append(data.times[i]); events.append(data.events[i]); rows.append(i)
            }
        }
        #expect(rows.count > n + n / 2)
        let design = data.design.submatrix(rows: rows, columns: [0, 1])
        for ties in CoxTies.allCases {
            let model = CoxModel(options: CoxOptions(ties: ties))
            let whole = model.fit(design: data.design, times: data.times, events: data.events, clusters: Array(0..<n))
            let split = model.fit(design: design, entryTimes: entries, times: times, events: events, clusters: rows)
            Self.expectSame(whole, split, relative: 1e-10, "\(ties)")
            for j in 0..<2 {
                for k in 0..<2 {
                    #expect(isClose(whole.robustVariance![j, k], split.robustVariance![j, k], relative: 1e-9),
                            "\(ties) robust V[\(j),\(k)]")
                }
            }
            let baseline = whole.baselineCumulativeHazard(), splitBaseline = split.baselineCumulativeHazard()
            for time in [0.5, 1.0, 2.0, 4.0] {
                #expect(isClose(baseline.cumulativeHazard(at: time)!, splitBaseline.cumulativeHazard(at: time)!,
                                relative: 1e-10), "\(ties) H0(\(time))")
            }
        }
    }

    /// Replicating a row with an event ties its copies, which Efron corrects for and a weight does not (R's
    /// documentation says the same); so Efron is checked with weights on censored rows only and untied times.
    @Test("whole-number weights equal replicated rows: Breslow; Efron when no replicated event ties")
    func weightsAsReplicates() {
        for (ties, rounding) in [(CoxTies.breslow, 0.1), (.efron, 1e-12)] {
            let data = Self.data(seed: 13, rounding: rounding)
            let n = data.times.count
            let weights = (0..<n).map { ties == .efron && data.events[$0] ? 1 : Double($0 % 3 + 1) }
            let rows = (0..<n).flatMap { i in [Int](repeating: i, count: Int(weights[i])) }
            let model = CoxModel(options: CoxOptions(ties: ties))
            let weighted = model.fit(design: data.design, times: data.times, events: data.events, weights: weights)
            let replicated = model.fit(design: data.design.submatrix(rows: rows, columns: [0, 1]),
                                       times: rows.map { data.times[$0] }, events: rows.map { data.events[$0] })
            Self.expectSame(weighted, replicated, relative: 1e-10, "\(ties)")
            #expect(isClose(weighted.concordance, replicated.concordance, relative: 1e-12) || ties == .breslow,
                    "\(ties) concordance")
            #expect(weighted.isWeighted)
        }
    }

    @Test("weighted (start, stop] fits: Σ wᵢUᵢ = u(β̂) ≈ 0 and the score is the gradient of ℓ")
    func weightedScore() {
        let data = Self.data(seed: 14, n: 150)
        let n = data.times.count
        let entries = (0..<n).map { i in i % 4 == 0 ? data.times[i] * 0.5 : 0 }
        let weights = (0..<n).map { 0.5 + Double($0 % 7) / 3 }
        let strata = (0..<n).map { $0 % 2 }
        for ties in CoxTies.allCases {
            let fit = CoxModel(options: CoxOptions(ties: ties)).fit(
                design: data.design, entryTimes: entries, times: data.times, events: data.events, weights: weights,
                strata: strata)
            let residuals = fit.scoreResiduals()
            for j in 0..<2 {
                let sum = (0..<n).reduce(0) { $0 + weights[$1] * residuals[$1, j] }
                #expect(isClose(sum, fit.final.score[j], relative: 1e-9, absolute: 1e-11), "\(ties): Σ wU = \(sum)")
                #expect(abs(sum) < 1e-6, "\(ties): Σ wU = \(sum)")
            }
            SurvivalHandComputedTests.expectScoreIsGradient(fit.riskSets, at: [0.3, -0.2], ties: ties, "\(ties)")
        }
    }

    /// An unweighted fit keeps no weight column (``CoxRiskSets/weights`` is `nil`) and leaves the products by 1 out
    /// of its sums; multiplying by 1 changes no bit, so it must equal the fit with every weight given as 1 exactly:
    /// on (start, stop] rows, in strata of any codes (the removals walk stratum by stratum), with clusters.
    @Test("weights of 1 give the unweighted fit bit for bit: entry times, strata, clusters, both ties")
    func unitWeightsAreUnweighted() {
        let data = Self.data(seed: 23, n: 240)
        let n = data.times.count
        let shares: [Double] = [0.4, 0.8, 0]
        let entries: [Double] = (0..<n).map { i in data.times[i] * shares[i % 3] }
        let codes = [-4, 0, 7, 1_000_000]
        let strata: [Int] = (0..<n).map { codes[($0 * 7) % codes.count] }
        let clusters: [Int] = (0..<n).map { $0 / 4 }
        for ties in CoxTies.allCases {
            let model = CoxModel(options: CoxOptions(ties: ties))
            let plain = model.fit(design: data.design, entryTimes: entries, times: data.times, events: data.events,
                                  strata: strata, clusters: clusters)
            let ones = model.fit(design: data.design, entryTimes: entries, times: data.times, events: data.events,
                                 weights: [Double](repeating: 1, count: n), strata: strata, clusters: clusters)
            #expect(plain.riskSets.weights == nil && ones.riskSets.weights != nil)
            #expect(!plain.isWeighted && !ones.isWeighted)
            #expect(plain.coefficients == ones.coefficients, "\(ties)")
            #expect(plain.modelVariance == ones.modelVariance && plain.robustVariance == ones.robustVariance, "\(ties)")
            #expect(plain.logLikelihood == ones.logLikelihood && plain.logLikelihoodNull == ones.logLikelihoodNull)
            #expect(plain.convergence.iterations == ones.convergence.iterations)
            #expect(plain.scoreResiduals() == ones.scoreResiduals(), "\(ties)")
            #expect(plain.concordance == ones.concordance, "\(ties)")
            #expect(plain.baselineCumulativeHazard() == ones.baselineCumulativeHazard(), "\(ties)")
        }
    }
}
