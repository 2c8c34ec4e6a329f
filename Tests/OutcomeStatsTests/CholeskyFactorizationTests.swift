import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Cholesky factorisation (dpotrf, dpotrs, dpotri)")
struct CholeskyFactorizationTests {
    @Test("2×2 by hand: U = [[2, 1], [0, √2]], det 8, inverse (1/8)[[3, −2], [−2, 4]]")
    func twoByTwo() throws {
        let cholesky = try CholeskyFactorization(Matrix(rowMajor: [[4, 2], [2, 3]]))
        #expect(maximumDifference(cholesky.upperFactor, Matrix(rowMajor: [[2, 1], [0, 2.0.squareRoot()]])) <= 1e-15)
        #expect(isClose(cholesky.logDeterminant, log(8), relative: 1e-15))
        let expectedInverse = Matrix(rowMajor: [[3.0 / 8, -2.0 / 8], [-2.0 / 8, 4.0 / 8]])
        #expect(maximumDifference(cholesky.inverse(), expectedInverse) <= 1e-15)
        #expect(maximumDifference(cholesky.solve([2, 1]), [0.5, 0]) <= 1e-15)
        let both = cholesky.solve(Matrix(rowMajor: [[2, 4], [1, 2]]))
        #expect(maximumDifference(both, Matrix(rowMajor: [[0.5, 1], [0, 0]])) <= 1e-15)
    }

    @Test("3×3 by hand: [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = UᵀU, U = [[2, 6, −8], [0, 1, 5], [0, 0, 3]]")
    func threeByThree() throws {
        let a = Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let cholesky = try CholeskyFactorization(a)
        #expect(cholesky.upperFactor == Matrix(rowMajor: [[2, 6, -8], [0, 1, 5], [0, 0, 3]]))
        #expect(isClose(cholesky.logDeterminant, log(36), relative: 1e-14))
        // A·[1, 1, 1] = [0, 6, 39], so solving for that right-hand side gives [1, 1, 1].
        #expect(maximumDifference(cholesky.solve([0, 6, 39]), [1, 1, 1]) <= 1e-12)
    }

    @Test("only the upper triangle is read")
    func upperTriangleOnly() throws {
        let garbageBelow = Matrix(rowMajor: [[4, 2], [999, 3]])
        let cholesky = try CholeskyFactorization(garbageBelow)
        #expect(maximumDifference(cholesky.solve([2, 1]), [0.5, 0]) <= 1e-15)
    }

    @Test("not positive definite: typed error with the leading minor LAPACK reports")
    func notPositiveDefinite() {
        // Leading minors 1 and 1 − 4 = −3: the second is the first that is not positive.
        #expect(throws: LinearAlgebraError(kind: .notPositiveDefinite, routine: "dpotrf", index: 2)) {
            try CholeskyFactorization(Matrix(rowMajor: [[1, 2], [2, 1]]))
        }
        #expect(throws: LinearAlgebraError(kind: .notPositiveDefinite, routine: "dpotrf", index: 1)) {
            try CholeskyFactorization(Matrix(rowMajor: [[-1, 0], [0, 1]]))
        }
        // Singular (semidefinite) is not positive definite either: [[1, 1, 0], [1, 1, 0], [0, 0, 1]].
        do {
            _ = try CholeskyFactorization(Matrix(rowMajor: [[1, 1, 0], [1, 1, 0], [0, 0, 1]]))
            Issue.record("a singular matrix was factorised")
        } catch {
            #expect(error.kind == .notPositiveDefinite && error.index == 2)
            #expect(error.description.contains("leading minor of order 2"))
        }
    }

    @Test("NaN or infinite entries are a typed error naming the position")
    func nonFinite() {
        #expect(throws: LinearAlgebraError(kind: .nonFiniteValue, routine: "dpotrf", index: 3)) {
            try CholeskyFactorization(Matrix(rowMajor: [[1, .nan], [0, 1]]))
        }
    }

    @Test("empty matrix: log det 0, empty inverse")
    func empty() throws {
        let cholesky = try CholeskyFactorization(Matrix(rows: 0, columns: 0))
        #expect(cholesky.logDeterminant == 0 && cholesky.inverse().storage.isEmpty && cholesky.solve([]) == [])
    }

    @Test("invariants on seeded random SPD matrices: A·A⁻¹ ≈ I, solve residual, log det")
    func randomInvariants() throws {
        try withEverySeed(1...25) { generator, seed in
            let order = Int.random(in: 1...9, using: &generator)
            let a = randomPositiveDefinite(order: order, using: &generator)
            let cholesky = try CholeskyFactorization(a)
            let inverse = cholesky.inverse()
            #expect(inverse.isSymmetric(), "seed \(seed)")
            #expect(maximumDifference(a * inverse, Matrix.identity(order)) <= 1e-13, "seed \(seed), order \(order)")
            let b = (0..<order).map { _ in Double.random(in: -10...10, using: &generator) }
            let x = cholesky.solve(b)
            #expect(maximumDifference(a * x, b) <= 1e-12, "seed \(seed), order \(order)")
            #expect(maximumDifference(Matrix.product(cholesky.upperFactor, transposingLeft: true, cholesky.upperFactor), a)
                <= 1e-13 * a.maximumAbsoluteElement, "seed \(seed): UᵀU ≠ A")
            let eigenvalues = try SymmetricEigendecomposition(a).eigenvalues
            let logDeterminant = eigenvalues.reduce(0) { $0 + log($1) }
            #expect(isClose(cholesky.logDeterminant, logDeterminant, relative: 1e-12, absolute: 1e-12),
                    "seed \(seed): log det \(cholesky.logDeterminant) vs Σ log λ \(logDeterminant)")
        }
    }
}
