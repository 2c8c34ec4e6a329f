import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Least squares by QR (dgels)")
struct LeastSquaresTests {
    /// x = 0, 1, 2, 3; y = 1, 3, 2, 5: by hand x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5, so slope 1.1,
    /// intercept 1.1, fitted 1.1, 2.2, 3.3, 4.4, residuals −0.1, 0.8, −1.3, 0.6, RSS 2.7.
    @Test("straight line by hand")
    func straightLine() throws {
        let design = Matrix(rowMajor: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let fit = try LeastSquares(design: design, response: [1, 3, 2, 5])
        #expect(maximumDifference(fit.coefficients, [1.1, 1.1]) <= 1e-14)
        #expect(isClose(fit.residualSumOfSquares, 2.7, relative: 1e-13))
        #expect(fit.residualDegreesOfFreedom == 2)
    }

    @Test("exact fit: square full-rank system has RSS 0")
    func exact() throws {
        let fit = try LeastSquares(design: Matrix(rowMajor: [[2, 1], [1, 3]]), response: [3, 5])
        #expect(maximumDifference(fit.coefficients, [0.8, 1.4]) <= 1e-15 && fit.residualSumOfSquares == 0)
    }

    @Test("rank deficiency is a typed error: collinear columns (diagonal check) and a zero column (dgels info)")
    func rankDeficient() {
        let collinear = Matrix(rowMajor: [[1, 0, 1], [1, 1, 2], [1, 2, 3], [1, 3, 4]])
        #expect(throws: LinearAlgebraError(kind: .rankDeficient, routine: "dgels", index: 3)) {
            try LeastSquares(design: collinear, response: [1, 2, 3, 4])
        }
        let zeroColumn = Matrix(rowMajor: [[1, 0], [1, 0], [1, 0]])
        #expect(throws: LinearAlgebraError(kind: .rankDeficient, routine: "dgels", index: 2)) {
            try LeastSquares(design: zeroColumn, response: [1, 2, 3])
        }
        let wide = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(throws: LinearAlgebraError.self) { try LeastSquares(design: wide, response: [1, 2]) }
    }

    @Test("non-finite response is a typed error naming the position")
    func nonFinite() {
        #expect(throws: LinearAlgebraError(kind: .nonFiniteValue, routine: "dgels", index: 2)) {
            try LeastSquares(design: Matrix(rowMajor: [[1], [1]]), response: [1, .nan])
        }
    }

    @Test("seeded random designs: normal equations Xᵀ(y − Xβ) ≈ 0 and RSS = ‖y − Xβ‖²")
    func randomInvariants() throws {
        try withEverySeed(1...20) { generator, seed in
            let rows = Int.random(in: 5...40, using: &generator)
            let columns = Int.random(in: 1...min(rows, 6), using: &generator)
            let design = randomMatrix(rows: rows, columns: columns, using: &generator)
            let response = (0..<rows).map { _ in Double.random(in: -5...5, using: &generator) }
            let fit = try LeastSquares(design: design, response: response)
            let residuals = zip(response, design * fit.coefficients).map { $0 - $1 }
            let gradient = design.multiplied(by: residuals, transposingSelf: true)
            #expect(gradient.allSatisfy { abs($0) <= 1e-12 }, "seed \(seed): Xᵀr = \(gradient)")
            let rss = residuals.reduce(0) { $0 + $1 * $1 }
            #expect(isClose(fit.residualSumOfSquares, rss, relative: 1e-10, absolute: 1e-20), "seed \(seed)")
        }
    }
}
