import Foundation
@testable import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Craving: linear mixed model invariants")
struct CravingMixedModelInvariantTests {
    typealias Data = (y: [Double], x: Matrix, time: [Double], group: [Int])

    static func fit(_ data: Data, _ criterion: LinearMixedModelOptions.Criterion = .restrictedMaximumLikelihood,
                    _ random: LinearMixedModelOptions.RandomEffects = .interceptAndSlope) throws -> LinearMixedModelFit {
        try LinearMixedModel(options: LinearMixedModelOptions(criterion: criterion, randomEffects: random))
            .fit(response: data.y, fixedEffects: data.x, time: data.time, group: data.group)
    }

    /// Estimates agree to the optimiser's precision: θ̂ is found to about √tolerance, so β̂ and the SDs to 1e-5
    /// relative; the log-likelihood (flat at the optimum) to 1e-9.
    static func expectSame(_ a: LinearMixedModelFit, _ b: LinearMixedModelFit, label: String) {
        for (x, y) in zip(a.coefficients, b.coefficients) {
            #expect(closeness(x!, y!, relative: 1e-5, absolute: 1e-7, label: "\(label) β") == nil)
        }
        #expect(closeness(a.residualStandardDeviation, b.residualStandardDeviation, relative: 1e-5, label: "\(label) σ") == nil)
        #expect(closeness(a.interceptStandardDeviation, b.interceptStandardDeviation, relative: 1e-5, absolute: 1e-6, label: "\(label) sd0") == nil)
        #expect(closeness(a.slopeStandardDeviation ?? 0, b.slopeStandardDeviation ?? 0, relative: 1e-5, absolute: 1e-6, label: "\(label) sd1") == nil)
        #expect(closeness(a.logLikelihood, b.logLikelihood, relative: 1e-9, label: "\(label) logLik") == nil)
    }

    @Test("row order does not matter")
    func rowOrder() throws {
        try withEverySeed(11...14) { generator, _ in
            let data = simulatedLongitudinal(groups: 30, using: &generator)
            let order = Array(data.y.indices).shuffled(using: &generator)
            let shuffled: Data = (order.map { data.y[$0] }, data.x.submatrix(rows: order, columns: [0, 1, 2]),
                                  order.map { data.time[$0] }, order.map { data.group[$0] })
            for criterion in LinearMixedModelOptions.Criterion.allCases {
                Self.expectSame(try Self.fit(data, criterion), try Self.fit(shuffled, criterion), label: "\(criterion)")
            }
        }
    }

    @Test("shifting time by c: same likelihood, slope, slope SD and σ; intercept moves by −slope·c")
    func timeShift() throws {
        try withEverySeed(21...24) { generator, _ in
            let data = simulatedLongitudinal(groups: 30, using: &generator)
            let c = 5.0
            let time = data.time.map { $0 + c }
            var x = data.x
            for row in 0..<x.rows { x[row, 1] = time[row] }
            for criterion in LinearMixedModelOptions.Criterion.allCases {
                let original = try Self.fit(data, criterion), shifted = try Self.fit((data.y, x, time, data.group), criterion)
                #expect(closeness(shifted.logLikelihood, original.logLikelihood, relative: 1e-9) == nil)
                #expect(closeness(shifted.coefficients[1]!, original.coefficients[1]!, relative: 1e-5) == nil)
                #expect(closeness(shifted.coefficients[0]!, original.coefficients[0]! - c * original.coefficients[1]!, relative: 1e-5) == nil)
                #expect(closeness(shifted.standardErrors[1]!, original.standardErrors[1]!, relative: 1e-5) == nil)
                #expect(closeness(shifted.slopeStandardDeviation!, original.slopeStandardDeviation!, relative: 1e-5) == nil)
                #expect(closeness(shifted.residualStandardDeviation, original.residualStandardDeviation, relative: 1e-5) == nil)
                // b₀ + b₁t = (b₀ − c·b₁) + b₁(t + c): the new intercept SD is that of b₀ − c·b₁, Var = sd0² − 2cρ sd0 sd1 + c² sd1².
                let (s0, s1, rho) = (original.interceptStandardDeviation, original.slopeStandardDeviation!,
                                     original.interceptSlopeCorrelation!)
                let moved = (s0 * s0 - 2 * c * rho * s0 * s1 + c * c * s1 * s1).squareRoot()
                #expect(closeness(shifted.interceptStandardDeviation, moved, relative: 1e-4) == nil)
            }
        }
    }

    @Test("y → a·y + b: β scales (intercept shifts), θ is unchanged, log L falls by n·log a (ML) or (n − p)·log a (REML)")
    func responseScale() throws {
        var generator = SplitMix64(seed: 31)
        let data = simulatedLongitudinal(groups: 40, using: &generator)
        let (a, b) = (3.0, -7.0)
        let n = Double(data.y.count), p = 3.0
        for criterion in LinearMixedModelOptions.Criterion.allCases {
            let original = try Self.fit(data, criterion)
            let scaled = try Self.fit((data.y.map { a * $0 + b }, data.x, data.time, data.group), criterion)
            #expect(closeness(scaled.coefficients[0]!, a * original.coefficients[0]! + b, relative: 1e-5) == nil)
            #expect(closeness(scaled.coefficients[2]!, a * original.coefficients[2]!, relative: 1e-5) == nil)
            for (x, y) in zip(scaled.theta, original.theta) { #expect(closeness(x, y, relative: 1e-4, absolute: 1e-6) == nil) }
            let degrees = criterion == .maximumLikelihood ? n : n - p
            #expect(closeness(scaled.logLikelihood, original.logLikelihood - degrees * log(a), relative: 1e-9) == nil)
        }
    }

    @Test("ML and REML: each optimum is the minimum of its own criterion, σ̂²_ML < σ̂²_REML here, same β at equal θ")
    func maximumLikelihoodAndRestricted() throws {
        try withEverySeed(41...43) { generator, _ in
            let data = simulatedLongitudinal(groups: 25, using: &generator)
            let ml = try Self.fit(data, .maximumLikelihood), reml = try Self.fit(data, .restrictedMaximumLikelihood)
            let cross = GroupedCrossProducts(response: data.y, fixedEffects: data.x, time: data.time, group: data.group,
                                             groupCount: data.group.max()! + 1)
            let mlDeviance = ProfiledDeviance(data: cross, restricted: false, randomSlope: true)
            let remlDeviance = ProfiledDeviance(data: cross, restricted: true, randomSlope: true)
            #expect(mlDeviance.deviance(ml.theta) <= mlDeviance.deviance(reml.theta))
            #expect(remlDeviance.deviance(reml.theta) <= remlDeviance.deviance(ml.theta))
            #expect(ml.residualStandardDeviation < reml.residualStandardDeviation)
            // At the same θ the two criteria share β̂ and r²: σ̂²_ML · n = σ̂²_REML · (n − p).
            let mlAt = try mlDeviance.evaluate(reml.theta), remlAt = try remlDeviance.evaluate(reml.theta)
            for (x, y) in zip(mlAt.coefficients, remlAt.coefficients) { #expect(x == y) }
            #expect(mlAt.penalizedResidualSumOfSquares == remlAt.penalizedResidualSumOfSquares)
            // REML deviance − ML deviance at the same θ: log|RX|² + (n−p)(1 + log(2πr²/(n−p))) − n(1 + log(2πr²/n)).
            let n = Double(data.y.count), p = 3.0, r2 = mlAt.penalizedResidualSumOfSquares
            let difference = remlAt.logDeterminantRX + (n - p) * (1 + log(2 * Double.pi * r2 / (n - p)))
                - n * (1 + log(2 * Double.pi * r2 / n))
            #expect(closeness(remlAt.deviance - mlAt.deviance, difference, relative: 1e-10) == nil)
        }
    }

    @Test("intercept-only model = slope model with θ₂ = θ₃ = 0; the nested slope fit never has a lower likelihood")
    func nestedIntercept() throws {
        try withEverySeed(51...53) { generator, _ in
            let data = simulatedLongitudinal(groups: 30, slopeSD: 0, using: &generator)
            let cross = GroupedCrossProducts(response: data.y, fixedEffects: data.x, time: data.time, group: data.group,
                                             groupCount: data.group.max()! + 1)
            for restricted in [true, false] {
                let slope = ProfiledDeviance(data: cross, restricted: restricted, randomSlope: true)
                let intercept = ProfiledDeviance(data: cross, restricted: restricted, randomSlope: false)
                for t in [0.2, 1.0, 3.5] {
                    #expect(closeness(slope.deviance([t, 0, 0]), intercept.deviance([t]), relative: 1e-14) == nil)
                }
            }
            for criterion in LinearMixedModelOptions.Criterion.allCases {
                let withSlope = try Self.fit(data, criterion), withoutSlope = try Self.fit(data, criterion, .intercept)
                #expect(withSlope.logLikelihood >= withoutSlope.logLikelihood - 1e-9 * abs(withoutSlope.logLikelihood))
                // When the slope fit lands on θ₂ = θ₃ = 0 it is the intercept-only fit.
                if withSlope.slopeStandardDeviation == 0 {
                    #expect(withSlope.isSingular)
                    Self.expectSame(withSlope, withoutSlope, label: "zero slope variance")
                }
            }
        }
    }
}
