import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Pivoted Cholesky (dpstrf): rank and aliased columns")
struct PivotedCholeskyFactorizationTests {
    /// The Gram matrix XᵀX of a design whose columns are given.
    func gram(_ columns: [[Double]]) -> Matrix {
        let design = Matrix(rows: columns[0].count, columns: columns.count, columnMajor: columns.flatMap { $0 })
        return Matrix.product(design, transposingLeft: true, design)
    }

    let x1: [Double] = [1, 1, 1, 1, 1, 1]
    let x2: [Double] = [0.5, 1.25, 2, 3.5, 4, 6.75]

    @Test("full rank: rank n, nothing aliased, same solution as plain Cholesky")
    func fullRank() throws {
        let a = Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let pivoted = try PivotedCholeskyFactorization(a)
        #expect(pivoted.rank == 3 && pivoted.isFullRank && pivoted.aliasedColumns.isEmpty)
        #expect(pivoted.pivot.first == 2, "the largest diagonal (98) is pivoted first")
        #expect(Set(pivoted.pivot) == [0, 1, 2])
        let solution = pivoted.solveIndependent([0, 6, 39]).map { $0! }
        #expect(maximumDifference(solution, [1, 1, 1]) <= 1e-12)
        // PᵀAP = UᵀU.
        let permuted = a.submatrix(rows: pivoted.pivot, columns: pivoted.pivot)
        let u = pivoted.upperFactor
        #expect(maximumDifference(Matrix.product(u, transposingLeft: true, u), permuted) <= 1e-12)
    }

    @Test("x₃ = x₁ + x₂ is aliased (the later column of the dependent set, as in R), even though pivoted first")
    func collinearSum() throws {
        let x3 = zip(x1, x2).map { 10 * ($0 + $1) }
        let pivoted = try PivotedCholeskyFactorization(gram([x1, x2, x3]))
        #expect(pivoted.rank == 2)
        #expect(pivoted.pivot.first == 2, "dpstrf pivots the largest column first")
        #expect(pivoted.independentColumns == [0, 1])
        #expect(pivoted.aliasedColumns == [2])
    }

    @Test("a duplicated column in the middle is the aliased one")
    func duplicate() throws {
        let pivoted = try PivotedCholeskyFactorization(gram([x2, x1, x2.map { 2 * $0 }, x1.map { -$0 }]))
        #expect(pivoted.rank == 2)
        #expect(pivoted.aliasedColumns == [2, 3])
    }

    @Test("solveIndependent: aliased unknowns are nil, the rest solve the independent block")
    func solveIndependent() throws {
        let a = gram([x1, x2, zip(x1, x2).map { $0 - 2 * $1 }])
        let pivoted = try PivotedCholeskyFactorization(a)
        let b = [1.0, 2, 3]
        let solution = pivoted.solveIndependent(b)
        #expect(solution[2] == nil)
        let block = a.submatrix(rows: [0, 1], columns: [0, 1])
        let expected = try CholeskyFactorization(block).solve([1, 2])
        #expect(maximumDifference([solution[0]!, solution[1]!], expected) <= 1e-12)
    }

    @Test("zero matrix: rank 0, everything aliased; indefinite matrix: rank stops at the first non-positive pivot")
    func degenerate() throws {
        let zero = try PivotedCholeskyFactorization(Matrix(rows: 3, columns: 3))
        #expect(zero.rank == 0 && zero.aliasedColumns == [0, 1, 2])
        #expect(zero.solveIndependent([1, 2, 3]).allSatisfy { $0 == nil })
        let indefinite = try PivotedCholeskyFactorization(Matrix(rowMajor: [[1, 2], [2, 1]]))
        #expect(indefinite.rank == 1 && indefinite.aliasedColumns == [1])
    }

    /// Perturbing one entry of x₁ + x₂ by 1e-4 leaves a Schur pivot of about 6e-9 against a largest diagonal
    /// of about 122: relative 5e-11, above the default 3ε but below 1e-9.
    @Test("the tolerance decides a nearly dependent column")
    func tolerance() throws {
        let nearly = zip(x1, x2).map { $0 + $1 }.enumerated().map { $0.offset == 0 ? $0.element + 1e-4 : $0.element }
        let a = gram([x1, x2, nearly])
        #expect(try PivotedCholeskyFactorization(a).rank == 3)
        let loose = try PivotedCholeskyFactorization(a, relativeTolerance: 1e-9)
        #expect(loose.rank == 2 && loose.aliasedColumns == [2] && loose.relativeTolerance == 1e-9)
    }

    @Test("non-finite entries throw")
    func nonFinite() {
        #expect(throws: LinearAlgebraError(kind: .nonFiniteValue, routine: "dpstrf", index: 1)) {
            try PivotedCholeskyFactorization(Matrix(rowMajor: [[.infinity, 0], [0, 1]]))
        }
    }

    @Test("seeded random designs with planted dependent columns: the planted columns are found")
    func randomPlanted() throws {
        try withEverySeed(1...20) { generator, seed in
            let rows = 30, independent = Int.random(in: 2...5, using: &generator)
            var columns = (0..<independent).map { _ in (0..<rows).map { _ in Double.random(in: -1...1, using: &generator) } }
            let planted = Int.random(in: 1...2, using: &generator)
            for _ in 0..<planted {
                let weights = (0..<columns.count).map { _ in Double.random(in: -2...2, using: &generator) }
                columns.append((0..<rows).map { i in zip(weights, columns).reduce(0) { $0 + $1.0 * $1.1[i] } })
            }
            let pivoted = try PivotedCholeskyFactorization(gram(columns), relativeTolerance: 1e-10)
            #expect(pivoted.rank == independent, "seed \(seed)")
            #expect(pivoted.aliasedColumns == Array(independent..<(independent + planted)), "seed \(seed)")
        }
    }
}
