import Foundation
@testable import OutcomeStats
import Testing
import _OutcomeTestSupport

/// Seeded growth-model data: `groups` groups in `levels` levels (level = g mod levels, or from `levelOf`), 1–9 rows
/// each at irregular times (some groups share a schedule), y = 20 − t + ℓ-specific shifts and slopes + b₀ + b₁t + ε.
/// Returns the rows, each group's level, and X of the general form in the level form's column order.
func simulatedGrowth(groups: Int, levels: Int, levelOf: ((Int) -> Int)? = nil, using generator: inout SplitMix64)
    -> (y: [Double], x: Matrix, time: [Double], group: [Int], groupLevel: [Int])
{
    func normal() -> Double {
        let u = Double.random(in: Double.ulpOfOne...1, using: &generator), v = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    var y: [Double] = [], time: [Double] = [], group: [Int] = [], groupLevel: [Int] = []
    for g in 0..<groups {
        let level = levelOf?(g) ?? g % levels
        groupLevel.append(level)
        let b0 = 3 * normal(), b1 = 0.4 * normal()
        let shared = Bool.random(using: &generator)
        for visit in 0..<Int.random(in: 1...9, using: &generator) {
            let t = shared ? Double(visit) : Double(Int.random(in: -2...84, using: &generator)) / 7
            y.append(20 - t + 1.5 * Double(level) - 0.2 * Double(level) * t + b0 + b1 * t + 2 * normal())
            time.append(t)
            group.append(g)
        }
    }
    let n = y.count
    var columns = [[Double](repeating: 1, count: n), time]
    for level in 1..<max(levels, 1) { columns.append(group.map { groupLevel[$0] == level ? 1 : 0 }) }
    for level in 1..<max(levels, 1) { columns.append(group.indices.map { groupLevel[group[$0]] == level ? time[$0] : 0 }) }
    return (y, Matrix(rows: n, columns: columns.count, columnMajor: columns.flatMap { $0 }), time, group, groupLevel)
}

@Suite("Craving: the growth model with a group-level factor, without its design")
struct CravingMixedModelLevelTests {
    /// Two fits of one model by different summation orders. At a fixed θ the two deviances agree to about 1e-13
    /// (``devianceAndGradient()``), but the optimiser stops on its change rule, so θ̂ and what follows from it move
    /// within that rule: up to 3e-7 relative in these cases (θ of ChickWeight), hence 1e-6, the project's bar for
    /// agreement with R. The maximised likelihood, flat at the optimum, agrees to 1e-11.
    static func expectSame(_ level: LinearMixedModelFit, _ general: LinearMixedModelFit, relative: Double = 1e-6,
                           label: String) {
        #expect(level.coefficients.count == general.coefficients.count, "\(label)")
        #expect(level.estimableColumns == general.estimableColumns, "\(label)")
        for (index, (a, b)) in zip(level.coefficients, general.coefficients).enumerated() {
            #expect((a == nil) == (b == nil), "\(label) β\(index)")
            guard let a, let b else { continue }
            let se = general.standardErrors[index]!
            #expect(closeness(a, b, relative: relative, absolute: relative * se, label: "\(label) β\(index)") == nil)
            #expect(closeness(level.standardErrors[index]!, se, relative: relative, label: "\(label) se\(index)") == nil)
        }
        #expect(closeness(level.logLikelihood, general.logLikelihood, relative: 1e-11, label: "\(label) logLik") == nil)
        #expect(closeness(level.residualStandardDeviation, general.residualStandardDeviation, relative: relative,
                          label: "\(label) σ") == nil)
        for (a, b) in zip(level.theta, general.theta) {
            #expect(closeness(a, b, relative: relative, absolute: relative, label: "\(label) θ") == nil)
        }
        #expect(level.observationCount == general.observationCount && level.groupCount == general.groupCount)
        #expect(level.isSingular == general.isSingular, "\(label)")
        #expect(level.convergence.converged == general.convergence.converged, "\(label)")
        #expect(level.convergence.warnings.map(\.code) == general.convergence.warnings.map(\.code), "\(label)")
    }

    /// A reference case's groups' levels, read from its design's indicator columns (columns 2…L of X).
    static func groupLevels(_ data: (y: [Double], x: Matrix, time: [Double], group: [Int]), levels: Int) -> [Int] {
        var result = [Int](repeating: 0, count: data.group.max()! + 1)
        for row in data.group.indices {
            for level in 1..<levels where data.x[row, 1 + level] == 1 { result[data.group[row]] = level }
        }
        return result
    }

    static let referenceLevels = ["sleepstudy_reml": 1, "sleepstudy_ml": 1, "sleepstudy_intercept": 1,
                                  "orthodont_reml": 2, "chickweight_reml": 4, "chickweight_ml": 4, "singular_reml": 1]

    @Test("matches lme4 on every reference case (sleepstudy, Orthodont by sex, ChickWeight by diet, a singular fit)",
          arguments: MixedModelReferenceCase.all)
    func matchesLme4(_ reference: MixedModelReferenceCase) throws {
        let levels = try #require(Self.referenceLevels[reference.name])
        let data = try reference.design()
        #expect(data.x.columns == 2 * levels)
        let model = LinearMixedModel(options: reference.options)
        let fit = try model.fit(response: data.y, time: data.time, group: data.group,
                                groupLevel: Self.groupLevels(data, levels: levels), levelCount: levels)
        let tolerance = CravingMixedModelReferenceTests.tolerance
        for (index, expected) in reference.estimate.enumerated() {
            #expect(closeness(fit.coefficients[index]!, expected, relative: tolerance,
                              absolute: tolerance * reference.se[index], label: "β\(index)") == nil)
            #expect(closeness(fit.standardErrors[index]!, reference.se[index], relative: tolerance, label: "se\(index)") == nil)
        }
        #expect(closeness(fit.residualStandardDeviation, reference.sd_residual, relative: tolerance) == nil)
        #expect(closeness(fit.interceptStandardDeviation, reference.sd_intercept, relative: tolerance) == nil)
        #expect(closeness(fit.logLikelihood, reference.loglik, relative: 1e-8, label: "logLik") == nil)
        #expect(fit.isSingular == reference.singular)
        #expect(fit.observationCount == reference.n_obs && fit.groupCount == reference.n_groups)
        let general = try model.fit(response: data.y, fixedEffects: data.x, time: data.time, group: data.group)
        Self.expectSame(fit, general, label: reference.name)
    }

    @Test("the deviance and its gradient equal the general layout's at any θ, and the gradient its finite differences")
    func devianceAndGradient() throws {
        try withEverySeed(1...5) { generator, seed in
            let levels = Int(seed % 4) + 1
            let data = simulatedGrowth(groups: 60, levels: levels, using: &generator)
            let groupCount = data.group.max()! + 1
            let general = GroupedCrossProducts(response: data.y, fixedEffects: data.x, time: data.time,
                                               group: data.group, groupCount: groupCount)
            let level = LevelCrossProducts(response: data.y, time: data.time, group: data.group,
                                           groupCount: groupCount, level: data.groupLevel.map { Int32($0) },
                                           levelCount: levels)
            for restricted in [true, false] {
                for slope in [true, false] {
                    let a = ProfiledDeviance(data: general, restricted: restricted, randomSlope: slope)
                    let b = LevelProfiledDeviance(data: level, restricted: restricted, randomSlope: slope)
                    for _ in 0..<3 {
                        let theta = (0..<(slope ? 3 : 1)).map { _ in Double.random(in: -2...2, using: &generator) }
                        let (valueA, gradientA) = try a.valueAndGradient(theta)
                        let (valueB, gradientB) = try b.valueAndGradient(theta)
                        #expect(closeness(valueB, valueA, relative: 1e-12, label: "d at \(theta)") == nil)
                        let scale = gradientA.map(abs).max()!
                        for (x, y) in zip(gradientB, gradientA) {
                            #expect(closeness(x, y, relative: 1e-9, absolute: 1e-9 * scale, label: "∂d at \(theta)") == nil)
                        }
                        let ea = try a.evaluate(theta), eb = try b.evaluate(theta)
                        for (x, y) in zip(eb.coefficients, ea.coefficients) {
                            #expect(closeness(x, y, relative: 1e-9, absolute: 1e-9, label: "β at \(theta)") == nil)
                        }
                        try CravingMixedModelDerivativeTests.checkGradient(b, at: theta)
                    }
                }
            }
        }
    }

    @Test("seeded fits equal the general form's: 1–5 levels, REML and ML, slope and intercept, rows in any order")
    func seededFits() throws {
        try withEverySeed(1...8) { generator, seed in
            let levels = Int(seed % 5) + 1
            let data = simulatedGrowth(groups: 80, levels: levels, using: &generator)
            let order = Array(data.y.indices).shuffled(using: &generator)
            let y = order.map { data.y[$0] }, time = order.map { data.time[$0] }, group = order.map { data.group[$0] }
            let x = data.x.submatrix(rows: order, columns: Array(0..<data.x.columns))
            for criterion in [LinearMixedModelOptions.Criterion.restrictedMaximumLikelihood, .maximumLikelihood] {
                for random in [LinearMixedModelOptions.RandomEffects.interceptAndSlope, .intercept] {
                    let model = LinearMixedModel(options: LinearMixedModelOptions(criterion: criterion, randomEffects: random))
                    let level = try model.fit(response: y, time: time, group: group, groupLevel: data.groupLevel,
                                              levelCount: levels)
                    let general = try model.fit(response: y, fixedEffects: x, time: time, group: group)
                    Self.expectSame(level, general, label: "seed \(seed) \(criterion) \(random)")
                }
            }
        }
    }

    @Test("a level without groups: its two columns aliased (nil, flagged) as in the general form")
    func emptyLevel() throws {
        var generator = SplitMix64(seed: 11)
        // Levels 0, 1 and 3 of 4 have groups; level 2 has none.
        let data = simulatedGrowth(groups: 60, levels: 4, levelOf: { [0, 1, 3][$0 % 3] }, using: &generator)
        let model = LinearMixedModel()
        let level = try model.fit(response: data.y, time: data.time, group: data.group, groupLevel: data.groupLevel,
                                  levelCount: 4)
        let general = try model.fit(response: data.y, fixedEffects: data.x, time: data.time, group: data.group)
        #expect(level.coefficients[3] == nil && level.coefficients[6] == nil)
        #expect(level.convergence.hasWarning(.aliasedColumns))
        Self.expectSame(level, general, label: "empty level")
    }

    @Test("bad input is refused with a message")
    func refused() throws {
        let model = LinearMixedModel()
        let y = [1.0, 2, 3, 4, 5], t = [0.0, 1, 0, 1, 2], g = [0, 0, 1, 1, 1]
        #expect(throws: MixedModelInputError.self) {
            try model.fit(response: y, time: t, group: g, groupLevel: [0, 2], levelCount: 2)
        }
        #expect(throws: MixedModelInputError.self) {
            try model.fit(response: y, time: t, group: g, groupLevel: [0], levelCount: 2)
        }
        #expect(throws: MixedModelInputError.self) {
            try model.fit(response: y, time: t, group: g, groupLevel: [0, 0], levelCount: 0)
        }
        #expect(throws: MixedModelInputError.self) {
            try model.fit(response: [1, .nan, 3, 4, 5], time: t, group: g, groupLevel: [0, 0], levelCount: 1)
        }
        #expect(throws: MixedModelInputError.self) {
            try model.fit(response: y, time: t, group: [0, 0, -1, 1, 1], groupLevel: [0, 0], levelCount: 1)
        }
        #expect(throws: MixedModelInputError.self) {
            try model.fit(response: [1, 2], time: [0, 1], group: [0, 1], groupLevel: [0, 1], levelCount: 2)
        }
    }
}
