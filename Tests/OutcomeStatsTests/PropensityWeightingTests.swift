import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// Propensity scores, inverse probability weights, effective sample sizes and balance against R 4.2.2
/// (datasets/reference/stats/propensity-weights.R: glm(binomial) and base-R lines written from Austin & Stuart 2015,
/// doi:10.1002/sim.6607, and Austin 2009, doi:10.1002/sim.3697), and by hand.
@Suite("Propensity scores, IPT weights and covariate balance")
struct PropensityWeightingTests {
    static let data = CountingProcessReference.columns("propensity-weights-data.csv")
    static let rows = CountingProcessReference.columns("propensity-weights-rows.csv")
    static let covariateNames = ["age", "female", "severity", "prior"]

    /// (quantity, scheme, term) → value.
    static let values: [String: Double] = {
        var result: [String: Double] = [:]
        for row in CountingProcessReference.rows("propensity-weights.csv").dropFirst() {
            result["\(row[0])|\(row[1])|\(row[2])"] = Double(row[3])!
        }
        return result
    }()

    static let exposure = CountingProcessReference.numbers(data, "treated").map { $0 == 1 }
    static let covariates = Matrix(rows: exposure.count, columns: covariateNames.count,
                                   columnMajor: covariateNames.flatMap { CountingProcessReference.numbers(data, $0) })
    static let fit = try! PropensityScoreModel().fit(covariates: covariates, exposure: exposure)

    /// The schemes of the fixture.
    static let schemeNames = ["none", "unstabilised", "stabilised", "stabilised_truncated_1_99", "unstabilised_truncated_5_95"]

    /// The weights of a scheme of the fixture, made here.
    static func weights(_ scheme: String) -> [Double] {
        switch scheme {
        case "unstabilised": fit.weights(.unstabilised).weights
        case "stabilised": fit.weights(.stabilised).weights
        case "stabilised_truncated_1_99": fit.weights(.stabilised, truncation: .init(lower: 0.01, upper: 0.99)).weights
        case "unstabilised_truncated_5_95": fit.weights(.unstabilised, truncation: .init(lower: 0.05, upper: 0.95)).weights
        default: [Double](repeating: 1, count: exposure.count)
        }
    }

    @Test("the propensity model is R's glm: coefficients and standard errors 1e-6; scores 1e-9")
    func propensityModel() {
        #expect(Self.fit.convergence.isClean)
        for (j, term) in (["(Intercept)"] + Self.covariateNames).enumerated() {
            #expect(isClose(Self.fit.logistic.coefficients[j]!, Self.values["coef||\(term)"]!, relative: 1e-6), "\(term)")
            #expect(isClose(Self.fit.logistic.standardErrors[j]!, Self.values["se||\(term)"]!, relative: 1e-6), "\(term) se")
        }
        for (score, expected) in zip(Self.fit.scores, CountingProcessReference.numbers(Self.rows, "ps")) {
            #expect(isClose(score, expected, relative: 1e-9))
        }
    }

    @Test("weights, effective sample sizes and balance of each scheme against the R lines: 1e-6 relative",
          arguments: schemeNames)
    func scheme(name: String) {
        let weights = Self.weights(name)
        if name != "none" {
            for (index, (weight, expected)) in zip(weights, CountingProcessReference.numbers(Self.rows, name)).enumerated() {
                #expect(isClose(weight, expected, relative: 1e-6), "\(name) row \(index + 1)")
            }
        }
        let exposed = zip(weights, Self.exposure).filter { $0.1 }.map(\.0)
        let unexposed = zip(weights, Self.exposure).filter { !$0.1 }.map(\.0)
        #expect(isClose(InverseProbabilityWeights.kishEffectiveSampleSize(exposed), Self.values["ess_treated|\(name)|"]!, relative: 1e-6))
        #expect(isClose(InverseProbabilityWeights.kishEffectiveSampleSize(unexposed), Self.values["ess_control|\(name)|"]!, relative: 1e-6))
        let balance = CovariateBalance(covariates: Self.covariates, exposure: Self.exposure, weights: weights)
        for (term, covariate) in zip(balance.terms, Self.covariateNames) {
            func expected(_ quantity: String) -> Double? { Self.values["\(quantity)|\(name)|\(covariate)"] }
            #expect(isClose(term.weightedMeanExposed, expected("mean_treated")!, relative: 1e-6), "\(name) \(covariate)")
            #expect(isClose(term.weightedMeanUnexposed, expected("mean_control")!, relative: 1e-6), "\(name) \(covariate)")
            #expect(agree(term.weightedStandardisedDifference, expected("smd"), relative: 1e-6), "\(name) \(covariate) SMD")
            #expect(agree(term.weightedVarianceRatio, expected("variance_ratio"), relative: 1e-6), "\(name) \(covariate) VR")
            #expect(term.isBinary == (covariate == "female" || covariate == "prior"))
            if name == "none" {
                #expect(term.standardisedDifference == term.weightedStandardisedDifference)
                #expect(agree(term.varianceRatio, expected("variance_ratio"), relative: 1e-6))
            }
        }
    }

    @Test("hand-derived weights: 1/e and 1/(1 − e); stabilised by the share exposed; Kish's ESS")
    func handWeights() {
        let exposure = [true, true, false, false], scores = [0.5, 0.25, 0.5, 0.75]
        let unstabilised = InverseProbabilityWeights(exposure: exposure, propensityScores: scores, scheme: .unstabilised)
        #expect(unstabilised.weights == [2, 4, 2, 4])
        let stabilised = InverseProbabilityWeights(exposure: exposure, propensityScores: scores)
        #expect(stabilised.weights == [1, 2, 1, 2] && stabilised.truncationBounds == nil)
        // Kish: (1 + 2)² / (1 + 4) = 1.8 per group; equal weights give the group size.
        #expect(isClose(stabilised.effectiveSampleSize.exposed, 1.8, relative: 1e-15))
        #expect(InverseProbabilityWeights.kishEffectiveSampleSize([3, 3, 3]) == 3)
        #expect(InverseProbabilityWeights.kishEffectiveSampleSize([]) == 0)
    }

    @Test("hand-derived truncation: type-7 quantiles of all the weights; the weights outside are set to them")
    func handTruncation() {
        // Unstabilised weights 1/(1 − e) of ten unexposed rows: 1, 2, …, 10. Type 7 at 0.1: 1 + 0.9·1 = 1.9; at 0.9: 9.1.
        var scores: [Double] = (1...10).map { (k: Int) -> Double in 1 - 1 / Double(k) }
        scores[0] = 1e-12
        let weights = InverseProbabilityWeights(
            exposure: Array(repeating: false, count: 10), propensityScores: scores, scheme: .unstabilised,
            truncation: .init(lower: 0.1, upper: 0.9))
        #expect(isClose(weights.truncationBounds!.lowerBound, 1.9, relative: 1e-9))
        #expect(isClose(weights.truncationBounds!.upperBound, 9.1, relative: 1e-9))
        #expect(weights.truncatedCount == 2 && isClose(weights.weights[0], 1.9, relative: 1e-9) && isClose(weights.weights[9], 9.1, relative: 1e-9))
        #expect(isClose(weights.weights[4], 5, relative: 1e-12))
    }

    @Test("hand-derived balance: the pooled unweighted SD; p(1 − p) for 0/1; undefined values are nil")
    func handBalance() {
        // x: exposed 1, 3 (mean 2, var 2), unexposed 2, 2, 5 (mean 3, var 3): s = √2.5, SMD = −1/√2.5; VR = 2/3.
        // b: exposed 1, 1 (p = 1), unexposed 0, 1, 0 (p = 1/3): s = √((0 + 2/9)/2) = 1/3, SMD = (2/3)/(1/3) = 2.
        // c is constant: s = 0, no SMD, no variance ratio.
        let covariates = Matrix(rows: 5, columns: 3, columnMajor: [1, 3, 2, 2, 5, 1, 1, 0, 1, 0, 7, 7, 7, 7, 7])
        let exposure = [true, true, false, false, false]
        let balance = CovariateBalance(covariates: covariates, exposure: exposure, weights: [1, 1, 1, 1, 1])
        let x = balance.terms[0], b = balance.terms[1], c = balance.terms[2]
        #expect(isClose(x.standardisedDifference!, -1 / 2.5.squareRoot(), relative: 1e-14))
        #expect(isClose(x.varianceRatio!, 2.0 / 3, relative: 1e-14) && !x.isBinary)
        #expect(b.isBinary && isClose(b.standardisedDifference!, 2, relative: 1e-14) && b.varianceRatio == nil)
        #expect(c.standardisedDifference == nil && c.varianceRatio == nil)
        // Weighting the unexposed 2, 2, 5 by 2, 2, 1: mean 13/5; the SMD keeps s = √2.5.
        let weighted = CovariateBalance(covariates: covariates, exposure: exposure, weights: [1, 1, 2, 2, 1])
        #expect(isClose(weighted.terms[0].weightedStandardisedDifference!, (2 - 13.0 / 5) / 2.5.squareRoot(), relative: 1e-14))
        #expect(isClose(weighted.terms[0].weightedMeanUnexposed, 13.0 / 5, relative: 1e-15))
    }
}
