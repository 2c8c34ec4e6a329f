import Foundation
import _CKernels
@testable import OutcomeStats
import Testing
import _OutcomeTestSupport

/// The fast ridge cross-validation: XᵀWX by row-major rank-four updates, warm starts along the λ path, and folds run
/// concurrently. Each is checked against the plain computation it replaces.
@Suite struct RidgePathTests {
    /// Intercept + `covariates` correlated normal columns (a shared factor), a 0/1 outcome from a logistic model.
    static func correlatedDesign(rows: Int, covariates: Int, seed: UInt64) -> (x: Matrix, y: [Double]) {
        var generator = SplitMix64(seed: seed)
        func uniform() -> Double { (Double(generator.next() >> 11) + 0.5) / 9_007_199_254_740_992 }
        func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
        var x = Matrix(rows: rows, columns: covariates + 1, repeating: 1)
        var y = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            let shared = normal()
            var eta = -0.3
            for j in 1...covariates {
                x[i, j] = 0.5 * shared + normal()
                eta += (j % 2 == 0 ? -0.5 : 0.5) / Double(j).squareRoot() * x[i, j]
            }
            y[i] = uniform() < 1 / (1 + exp(-eta)) ? 1 : 0
        }
        return (x, y)
    }

    /// Σᵢ wᵢ xᵢ xᵢᵀ by rank-four updates equals the √w-scaled `dgemm` product to rounding, for row counts that are and
    /// are not multiples of four, and is exactly symmetric.
    @Test(arguments: [1, 3, 4, 7, 101])
    func weightedGramMatchesGeneralProduct(rows: Int) {
        let (x, _) = Self.correlatedDesign(rows: rows, covariates: 6, seed: UInt64(rows))
        let weights = (0..<rows).map { 0.05 + Double($0 % 5) / 10 }
        var scaled = x
        for j in 0..<x.columns {
            for i in 0..<rows { scaled[i, j] *= weights[i].squareRoot() }
        }
        let expected = Matrix.product(scaled, transposingLeft: true, scaled)
        let gram = RowMajorDesign(x).weightedGram(weights)
        #expect(gram.isSymmetric())
        for (actual, reference) in zip(gram.storage, expected.storage) {
            #expect(isClose(actual, reference, relative: 1e-12, absolute: 1e-12))
        }
    }

    /// The C loop, on the baseline instruction set and on AVX (where this machine has it), gives the bits of the plain
    /// rank-four update in Swift (each element summed in the same order): widths 1 to 45, row counts that are and are
    /// not multiples of four.
    @Test("XᵀWX in C, baseline and AVX, equals the plain rank-four update bit for bit")
    func compiledGramEqualsRankFourUpdate() {
        func reference(_ x: Matrix, _ weights: [Double]) -> Matrix {
            let n = x.rows, p = x.columns
            var upper = [Double](repeating: 0, count: p * p)
            var i = 0
            while i + 4 <= n {
                for k in 0..<p {
                    let a0 = weights[i] * x[i, k], a1 = weights[i + 1] * x[i + 1, k]
                    let a2 = weights[i + 2] * x[i + 2, k], a3 = weights[i + 3] * x[i + 3, k]
                    for j in 0...k {
                        upper[j + k * p] += a0 * x[i, j] + a1 * x[i + 1, j] + a2 * x[i + 2, j] + a3 * x[i + 3, j]
                    }
                }
                i += 4
            }
            while i < n {
                for k in 0..<p {
                    let a0 = weights[i] * x[i, k]
                    for j in 0...k { upper[j + k * p] += a0 * x[i, j] }
                }
                i += 1
            }
            return Matrix(rows: p, columns: p, columnMajor: upper).symmetricFromUpperTriangle
        }
        var generator = SplitMix64(seed: 77)
        for p in [1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 45] {
            for n in [0, 1, 3, 4, 5, 255, 256, 257, 259, 260, 600] {
                let x = Matrix(rows: n, columns: p, columnMajor: (0..<(n * p)).map { _ in Double.random(in: -3...3, using: &generator) })
                let weights = (0..<n).map { _ in Double.random(in: 0.01...0.25, using: &generator) }
                let expected = reference(x, weights)
                #expect(RowMajorDesign(x).weightedGram(weights).storage == expected.storage, "p \(p), n \(n)")
                let rowMajor = (0..<n).flatMap { i in (0..<p).map { x[i, $0] } }
                for avx: Int32 in [0, 1] {
                    var upper = [Double](repeating: 0, count: p * p)
                    outcome_weighted_gram_by(rowMajor, weights, n, p, &upper, avx)
                    let gram = Matrix(rows: p, columns: p, columnMajor: upper).symmetricFromUpperTriangle
                    #expect(gram.storage == expected.storage, "p \(p), n \(n), AVX \(avx)")
                }
            }
        }
    }

    /// Xβ and Xᵀv on the row-major copy equal the BLAS `dgemv` products to rounding.
    @Test(arguments: [1, 6, 101])
    func productsMatchGeneralProduct(rows: Int) {
        let (x, _) = Self.correlatedDesign(rows: rows, covariates: 5, seed: UInt64(rows) + 100)
        let rowMajor = RowMajorDesign(x)
        let coefficients = (0..<x.columns).map { 0.3 - Double($0) / 7 }
        let vector = (0..<rows).map { Double($0 % 9) / 4 - 1 }
        for (actual, expected) in zip(rowMajor.product(coefficients), x.multiplied(by: coefficients)) {
            #expect(isClose(actual, expected, relative: 1e-13, absolute: 1e-13))
        }
        for (actual, expected) in zip(rowMajor.transposedProduct(vector), x.multiplied(by: vector, transposingSelf: true)) {
            #expect(isClose(actual, expected, relative: 1e-13, absolute: 1e-13))
        }
    }

    /// Warm-started fits along the path agree with cold fits at each λ (the same stopping rule, so to well within
    /// 1e-6), whatever order the grid is given in; an aliased column gets 0 along the path as `nil` in the fit.
    @Test func warmStartsAgreeWithColdFits() throws {
        let (generated, y) = Self.correlatedDesign(rows: 400, covariates: 8, seed: 11)
        var x = Matrix(rows: generated.rows, columns: generated.columns + 1)
        for j in 0..<generated.columns {
            for i in 0..<generated.rows { x[i, j] = generated[i, j] }
        }
        for i in 0..<x.rows { x[i, generated.columns] = x[i, 1] - 2 * x[i, 2] }
        let grid = [1.0, 0.001, 1000, 10, 0.1, 100]
        let path = LogisticRidgePath(design: x, outcome: y, options: LogisticRegressionOptions()).coefficients(lambdas: grid)
        for (lambda, warm) in zip(grid, path) {
            let cold = try LogisticRegression(penalty: .ridge(lambda: lambda)).fit(design: x, outcome: y)
            #expect(cold.aliasedColumns == [generated.columns])
            for (j, coefficient) in cold.coefficients.enumerated() {
                #expect(isClose(warm[j], coefficient ?? 0, relative: 1e-6, absolute: 1e-8), "λ \(lambda), column \(j)")
            }
        }
    }

    /// The path's cross-validated deviances equal those of a cold fit per fold and λ (the computation this replaces)
    /// to 1e-9, so the same λ is chosen.
    @Test func pathSelectsAsColdFitsDo() throws {
        let reference = LogisticReference.shared.glm["birthwt"]!
        let (x, y) = try reference.design()
        let grid = [0.01, 0.1, 1, 3, 10, 30, 100]
        let selection = try RidgePenaltySelection(design: x, outcome: y, grid: grid, foldCount: 5, seed: 7)
        var cold = [Double](repeating: 0, count: grid.count)
        for fold in 0..<5 {
            let split = selection.folds.split(fold)
            let training = x.submatrix(rows: split.training, columns: Array(0..<x.columns))
            for (position, lambda) in grid.enumerated() {
                let fit = try LogisticRegression(penalty: .ridge(lambda: lambda))
                    .fit(design: training, outcome: split.training.map { y[$0] })
                for row in split.heldOut {
                    let p = min(max(fit.probability(x.row(row)), 1e-15), 1 - 1e-15)
                    cold[position] -= 2 * (y[row] == 1 ? log(p) : log(1 - p))
                }
            }
        }
        for (point, expected) in zip(selection.path, cold) {
            #expect(isClose(point.crossValidatedDeviance, expected, relative: 1e-9), "λ \(point.lambda)")
        }
        #expect(selection.selectedLambda == grid[cold.indices.min { (cold[$0], grid[$0]) < (cold[$1], grid[$1]) }!])
    }

    /// Folds run concurrently give the same bits as folds run one after another (fixed-order combination).
    @Test(arguments: [UInt64(1), 2, 3])
    func concurrentFoldsEqualSerial(seed: UInt64) throws {
        let (x, y) = Self.correlatedDesign(rows: 600, covariates: 12, seed: seed)
        let serial = try RidgePenaltySelection(design: x, outcome: y, foldCount: 10, seed: seed, execution: .serial)
        let concurrent = try RidgePenaltySelection(design: x, outcome: y, foldCount: 10, seed: seed)
        #expect(serial.path == concurrent.path)
        #expect(serial.selectedLambda == concurrent.selectedLambda)
    }

    /// A training part with no rows is bad input, as for the fitter; an empty held-out fold adds nothing.
    @Test func emptyPartsAreHandled() throws {
        let x = Matrix(rows: 1, columns: 1, repeating: 1)
        #expect(throws: LogisticRegressionError.self) {
            try RidgePenaltySelection(design: x, outcome: [1], grid: [1], foldCount: 2, seed: 1)
        }
        let (design, outcome) = Self.correlatedDesign(rows: 30, covariates: 2, seed: 5)
        let selection = try RidgePenaltySelection(design: design, outcome: outcome, grid: [0.1, 10], foldCount: 31, seed: 1)
        #expect(selection.path.allSatisfy { $0.crossValidatedDeviance.isFinite && $0.crossValidatedDeviance > 0 })
    }
}
