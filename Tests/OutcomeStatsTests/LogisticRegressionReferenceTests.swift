import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite struct LogisticRegressionReferenceTests {
    static let glmCases = LogisticReference.shared.glm.sorted { $0.key < $1.key }.map(\.value)
    static let firthCases = LogisticReference.shared.firth.sorted { $0.key < $1.key }.map(\.value)
    static let ridgeCases = LogisticReference.shared.ridge.sorted { $0.key < $1.key }.map(\.value)

    /// R 4.2.2 glm(family = binomial) on birthwt, mtcars, infert and birthwt with an aliased column (risk.json glm.*):
    /// coefficients, SEs, deviance, null deviance and AIC to 1e-6 relative; aliased column nil and flagged.
    @Test(arguments: glmCases)
    func matchesGlm(_ reference: LogisticReference.ModelCase) throws {
        let (x, y) = try reference.design()
        let fit = try LogisticRegression().fit(design: x, outcome: y)
        #expect(fit.convergence.converged)
        for j in 0..<x.columns {
            if let expected = reference.coef[j] {
                #expect(closeness(fit.coefficients[j] ?? .nan, expected, relative: 1e-6, label: "coef \(j)") == nil)
                #expect(closeness(fit.standardErrors[j] ?? .nan, reference.se![j]!, relative: 1e-6, label: "se \(j)") == nil)
            } else {
                #expect(fit.coefficients[j] == nil)
                #expect(fit.aliasedColumns == [j])
                #expect(fit.convergence.warnings(.aliasedColumns).map(\.index) == [j])
            }
        }
        #expect(closeness(fit.deviance, reference.deviance!, relative: 1e-6) == nil)
        #expect(closeness(fit.nullDeviance, reference.null_deviance!, relative: 1e-6) == nil)
        #expect(closeness(fit.aic, reference.aic!, relative: 1e-6) == nil)
        #expect(fit.convergence.iterations == reference.iterations)
    }

    /// Firth estimates against a direct maximisation of ℓ(β) + ½ log det I(β) in R (BFGS then Newton; risk.json
    /// firth.*, |score| < 1e-11 there): coefficients and SEs to 1e-6 relative.
    @Test(arguments: firthCases)
    func matchesDirectFirthMaximisation(_ reference: LogisticReference.ModelCase) throws {
        let (x, y) = try reference.design()
        let fit = try LogisticRegression(penalty: .firth).fit(design: x, outcome: y)
        #expect(fit.convergence.isClean, "\(fit.convergence)")
        for j in 0..<x.columns {
            #expect(closeness(fit.coefficients[j]!, reference.coef[j]!, relative: 1e-6, label: "coef \(j)") == nil)
            #expect(closeness(fit.standardErrors[j]!, reference.se![j]!, relative: 1e-6, label: "se \(j)") == nil)
        }
    }

    /// Ridge at a fixed λ against R's direct minimisation of −ℓ + λ/2 Σγⱼ² on scale(X) (risk.json ridge.*).
    @Test(arguments: ridgeCases)
    func matchesDirectRidgeMinimisation(_ reference: LogisticReference.ModelCase) throws {
        let (x, y) = try reference.design()
        let fit = try LogisticRegression(penalty: .ridge(lambda: reference.lambda!)).fit(design: x, outcome: y)
        #expect(fit.convergence.converged)
        for j in 0..<x.columns {
            #expect(closeness(fit.coefficients[j]!, reference.coef[j]!, relative: 1e-6, label: "coef \(j)") == nil)
        }
        #expect(fit.degreesOfFreedom < Double(x.columns))
    }

    /// Quasi-complete separation (separation.csv): R's glm reports "fitted probabilities numerically 0 or 1" with
    /// β_x ≈ 20 (risk.json separation_glm); we flag the same and the diverging coefficients, and Firth stays finite.
    @Test func separationIsReported() throws {
        let reference = LogisticReference.shared.firth["separation"]!
        let (x, y) = try reference.design()
        let fit = try LogisticRegression().fit(design: x, outcome: y)
        #expect(fit.convergence.hasWarning(.fittedProbabilitiesAtBounds))
        let flagged = fit.convergence.warnings(.coefficientMayBeInfinite).compactMap(\.index)
        #expect(flagged.contains(1), "x separates the outcome: \(fit.convergence)")
        #expect(!flagged.contains(2), "z does not: \(fit.convergence)")
        #expect(fit.coefficients[1]! > 10)
        let firth = try LogisticRegression(penalty: .firth).fit(design: x, outcome: y)
        #expect(!firth.convergence.hasWarning(.fittedProbabilitiesAtBounds))
        #expect(abs(firth.coefficients[1]!) < 3)
    }
}

@Suite struct LogisticRegressionHandDerivedTests {
    /// Firth with one binary covariate = the 2×2 table with ½ added to every cell (Heinze & Schemper 2002, section 2):
    /// β₀ = log((c+½)/(d+½)), β₁ = log((a+½)(d+½)/((b+½)(c+½))), a/b events/non-events at x = 1, c/d at x = 0.
    /// Includes a zero cell (separation) where ML diverges.
    @Test(arguments: [(3, 0, 2, 5), (7, 2, 4, 9), (1, 6, 0, 8)])
    func firthTwoByTwoTable(_ cells: (Int, Int, Int, Int)) throws {
        let (a, b, c, d) = cells
        var rows: [(Double, Double)] = []
        rows += Array(repeating: (1, 1), count: a) + Array(repeating: (1, 0), count: b)
        rows += Array(repeating: (0, 1), count: c) + Array(repeating: (0, 0), count: d)
        var x = Matrix(rows: rows.count, columns: 2, repeating: 1)
        for (i, row) in rows.enumerated() { x[i, 1] = row.0 }
        let fit = try LogisticRegression(penalty: .firth).fit(design: x, outcome: rows.map(\.1))
        let (ha, hb, hc, hd) = (Double(a) + 0.5, Double(b) + 0.5, Double(c) + 0.5, Double(d) + 0.5)
        #expect(isClose(fit.coefficients[0]!, log(hc / hd), relative: 1e-9))
        #expect(isClose(fit.coefficients[1]!, log(ha * hd / (hb * hc)), relative: 1e-9))
    }

    /// ML with one binary covariate: the sample log odds ratio, SE √(1/a + 1/b + 1/c + 1/d) (Woolf), rows unsorted.
    @Test func maximumLikelihoodTwoByTwo() throws {
        let x: [Double] = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1]
        let y: [Double] = [1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1]
        // x = 1: 5 events, 2 non-events; x = 0: 2 events, 5 non-events.
        var design = Matrix(rows: x.count, columns: 2, repeating: 1)
        for (i, value) in x.enumerated() { design[i, 1] = value }
        let fit = try LogisticRegression(options: LogisticRegressionOptions(convergenceTolerance: 1e-14, maximumIterations: 50))
            .fit(design: design, outcome: y)
        #expect(isClose(fit.coefficients[1]!, log(25.0 / 4), relative: 1e-9))
        #expect(isClose(fit.standardErrors[1]!, (1.0 / 5 + 1.0 / 2 + 1.0 / 2 + 1.0 / 5).squareRoot(), relative: 1e-7))
        #expect(isClose(fit.fittedProbabilities[0], 5.0 / 7, relative: 1e-9))
    }

    @Test func rejectsBadInput() {
        var x = Matrix(rows: 3, columns: 2, repeating: 1)
        #expect(throws: LogisticRegressionError.self) { try LogisticRegression().fit(design: x, outcome: [0, 2, 1]) }
        x[1, 1] = .nan
        #expect(throws: LogisticRegressionError.self) { try LogisticRegression().fit(design: x, outcome: [0, 1, 1]) }
    }

    /// The ridge choice is a function of the seed: the same seed gives the same folds and λ; folds are stratified.
    @Test func ridgeCrossValidationIsReproducibleBySeed() throws {
        let reference = LogisticReference.shared.glm["birthwt"]!
        let (x, y) = try reference.design()
        let first = try RidgePenaltySelection(design: x, outcome: y, grid: [0.01, 1, 10, 100], foldCount: 5, seed: 42)
        let again = try RidgePenaltySelection(design: x, outcome: y, grid: [0.01, 1, 10, 100], foldCount: 5, seed: 42)
        let other = StratifiedFolds(outcome: y, foldCount: 5, seed: 43)
        #expect(first.path == again.path && first.selectedLambda == again.selectedLambda)
        #expect(first.folds.fold != other.fold)
        let events = Int(y.reduce(0, +))
        for fold in 0..<5 {
            let count = first.folds.split(fold).heldOut.filter { y[$0] == 1 }.count
            #expect(count == events / 5 || count == events / 5 + 1)
        }
        #expect(first.path.map(\.crossValidatedDeviance).min() == first.path.first { $0.lambda == first.selectedLambda }!.crossValidatedDeviance)
    }
}
