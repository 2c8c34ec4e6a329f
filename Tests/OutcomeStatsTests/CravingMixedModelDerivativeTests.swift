import Foundation
@testable import OutcomeStats
import Testing
import _OutcomeTestSupport

/// Seeded longitudinal data: `groups` groups of 2–8 rows at irregular times, y = 10 − 0.5t + 2x + b₀ + b₁t + ε
/// with sd(b₀) = 2, sd(b₁) = `slopeSD`, ρ = 0.4 and σ = 1; X = [1, t, x] with x a per-row covariate.
func simulatedLongitudinal(groups: Int, slopeSD: Double = 0.5, using generator: inout SplitMix64)
    -> (y: [Double], x: Matrix, time: [Double], group: [Int])
{
    func normal() -> Double {
        let u = Double.random(in: Double.ulpOfOne...1, using: &generator), v = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    var y: [Double] = [], time: [Double] = [], group: [Int] = [], covariate: [Double] = []
    for g in 0..<groups {
        let z0 = normal(), z1 = normal()
        let b0 = 2 * z0, b1 = slopeSD * (0.4 * z0 + (1 - 0.16).squareRoot() * z1)
        for _ in 0..<Int.random(in: 2...8, using: &generator) {
            let t = Double.random(in: 0...12, using: &generator), x = Double.random(in: -1...1, using: &generator)
            y.append(10 - 0.5 * t + 2 * x + b0 + b1 * t + normal())
            time.append(t); group.append(g); covariate.append(x)
        }
    }
    let n = y.count
    return (y, Matrix(rows: n, columns: 3, columnMajor: [Double](repeating: 1, count: n) + time + covariate), time, group)
}

@Suite("Craving: profiled deviance gradient against finite differences")
struct CravingMixedModelDerivativeTests {
    /// Five-point central differences, (−d(θ+2h) + 8d(θ+h) − 8d(θ−h) + d(θ−2h)) / 12h with h = 1e-3·max(|θᵢ|, 0.1):
    /// truncation O(h⁴). The deviance itself carries rounding of about n·ε·yᵀy/r² (r² = yᵀy − …), some 1e-12
    /// on sleepstudy, hence the larger step; agreement to 1e-6 of the gradient's scale is still a sharp test.
    static func checkGradient(_ deviance: some ProfiledCriterion, at theta: [Double]) throws {
        let (value, gradient) = try deviance.valueAndGradient(theta)
        #expect(isClose(value, deviance.deviance(theta), relative: 1e-14))
        #expect(gradient.count == theta.count)
        let scale = gradient.map(abs).max()! + 1e-9 * abs(value)
        for i in theta.indices {
            let h = 1e-3 * max(abs(theta[i]), 0.1)
            func at(_ shift: Double) -> Double {
                var point = theta
                point[i] += shift * h
                return deviance.deviance(point)
            }
            let numeric = (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * h)
            #expect(closeness(gradient[i], numeric, relative: 1e-6, absolute: 1e-6 * scale,
                              label: "∂d/∂θ\(i + 1) at \(theta)") == nil)
        }
    }

    static func deviance(_ data: (y: [Double], x: Matrix, time: [Double], group: [Int]), restricted: Bool,
                         slope: Bool) -> ProfiledDeviance {
        let cross = GroupedCrossProducts(response: data.y, fixedEffects: data.x, time: data.time, group: data.group,
                                         groupCount: data.group.max()! + 1)
        return ProfiledDeviance(data: cross, restricted: restricted, randomSlope: slope)
    }

    @Test("sleepstudy: ML and REML, random slope and intercept, at the start, near the optimum and off it")
    func sleepstudy() throws {
        let reference = MixedModelReferenceCase.all.first { $0.name == "sleepstudy_reml" }!
        let data = try reference.design()
        for restricted in [true, false] {
            let slope = Self.deviance(data, restricted: restricted, slope: true)
            for theta in [[1, 0, 1], [0.97, 0.015, 0.23], [2.5, -0.7, 0.05], [0.3, 1.2, 3.0], [-0.8, 0.4, -0.6]] {
                try Self.checkGradient(slope, at: theta)
            }
            let intercept = Self.deviance(data, restricted: restricted, slope: false)
            for theta in [[1.0], [1.2], [0.05], [4.0]] { try Self.checkGradient(intercept, at: theta) }
        }
    }

    @Test("ChickWeight (9 fixed effects) and the singular fixture, REML and ML")
    func largerDesigns() throws {
        for name in ["chickweight_reml", "singular_reml", "orthodont_reml"] {
            let data = try MixedModelReferenceCase.all.first { $0.name == name }!.design()
            for restricted in [true, false] {
                let deviance = Self.deviance(data, restricted: restricted, slope: true)
                for theta in [[1, 0, 1], [0.85, -0.25, 0.06], [2.7, -0.05, 1e-3]] {
                    try Self.checkGradient(deviance, at: theta)
                }
            }
        }
    }

    @Test("seeded unbalanced data at random θ")
    func seeded() throws {
        try withEverySeed(1...6) { generator, seed in
            let data = simulatedLongitudinal(groups: 40, using: &generator)
            let theta = (0..<3).map { _ in Double.random(in: -2...2, using: &generator) }
            for restricted in [true, false] {
                try Self.checkGradient(Self.deviance(data, restricted: restricted, slope: true), at: theta)
                try Self.checkGradient(Self.deviance(data, restricted: restricted, slope: false), at: [theta[0]])
            }
        }
    }

    @Test("the gradient vanishes at an interior optimum")
    func stationary() throws {
        let reference = MixedModelReferenceCase.all.first { $0.name == "sleepstudy_reml" }!
        let data = try reference.design()
        let fit = try LinearMixedModel().fit(response: data.y, fixedEffects: data.x, time: data.time, group: data.group)
        let (_, gradient) = try Self.deviance(data, restricted: true, slope: true).valueAndGradient(fit.theta)
        // At θ = 1 the gradient is of order 10 (sleepstudy's deviance is about 1744); at the optimum it is rounding.
        for component in gradient { #expect(abs(component) < 1e-4) }
    }
}
