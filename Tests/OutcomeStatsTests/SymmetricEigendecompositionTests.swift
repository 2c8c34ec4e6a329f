import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Symmetric eigen-decomposition (dsyevd)")
struct SymmetricEigendecompositionTests {
    @Test("[[2, 1], [1, 2]] by hand: λ = 1, 3 with vectors (1, −1)/√2 and (1, 1)/√2 up to sign")
    func twoByTwo() throws {
        let decomposition = try SymmetricEigendecomposition(Matrix(rowMajor: [[2, 1], [1, 2]]))
        #expect(maximumDifference(decomposition.eigenvalues, [1, 3]) <= 1e-15)
        let v = decomposition.eigenvectors, h = 0.5.squareRoot()
        #expect(abs(abs(v[0, 0]) - h) <= 1e-15 && abs(v[0, 0] + v[1, 0]) <= 1e-15)
        #expect(abs(abs(v[0, 1]) - h) <= 1e-15 && abs(v[0, 1] - v[1, 1]) <= 1e-15)
    }

    @Test("diagonal matrix: eigenvalues sorted ascending")
    func diagonal() throws {
        let decomposition = try SymmetricEigendecomposition(Matrix.diagonal([3, -1, 2]))
        #expect(decomposition.eigenvalues == [-1, 2, 3])
    }

    @Test("3×3 by hand: [[2, −1, 0], [−1, 2, −1], [0, −1, 2]] has λ = 2 − √2, 2, 2 + √2")
    func tridiagonal() throws {
        let a = Matrix(rowMajor: [[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
        let values = try SymmetricEigendecomposition(a).eigenvalues
        #expect(maximumDifference(values, [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]) <= 1e-14)
    }

    @Test("non-finite input throws; empty input is empty")
    func edges() throws {
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigendecomposition(Matrix(rowMajor: [[.nan]])) }
        #expect(try SymmetricEigendecomposition(Matrix(rows: 0, columns: 0)).eigenvalues.isEmpty)
    }

    @Test("seeded random symmetric matrices: V·diag(λ)·Vᵀ ≈ A, VᵀV ≈ I, λ ascending")
    func randomInvariants() throws {
        try withEverySeed(1...25) { generator, seed in
            let order = Int.random(in: 1...10, using: &generator)
            let a = randomMatrix(rows: order, columns: order, using: &generator).symmetrized
            let decomposition = try SymmetricEigendecomposition(a)
            let v = decomposition.eigenvectors
            #expect(maximumDifference(decomposition.reconstructed, a) <= 1e-13, "seed \(seed), order \(order)")
            #expect(maximumDifference(Matrix.product(v, transposingLeft: true, v), Matrix.identity(order)) <= 1e-13,
                    "seed \(seed), order \(order)")
            #expect(decomposition.eigenvalues == decomposition.eigenvalues.sorted(), "seed \(seed)")
        }
    }
}
