import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Matrix: storage, products by BLAS, symmetric helpers")
struct MatrixTests {
    let a = Matrix(rowMajor: [[1, 2], [3, 4]])
    let b = Matrix(rowMajor: [[5, 6], [7, 8]])

    @Test("column-major storage and subscripts")
    func storage() {
        #expect(a.storage == [1, 3, 2, 4])
        #expect(a[1, 0] == 3 && a[0, 1] == 2)
        #expect(Matrix(rows: 2, columns: 2, columnMajor: [1, 3, 2, 4]) == a)
        #expect(a.column(1) == [2, 4] && a.row(1) == [3, 4] && a.diagonal == [1, 4])
        #expect(Matrix(rows: 2, columns: 3, repeating: 7).storage == Array(repeating: 7, count: 6))
        var c = a
        c[0, 1] = 9
        #expect(c.storage == [1, 3, 9, 4] && a[0, 1] == 2, "copies are independent values")
    }

    @Test("identity, diagonal, transpose and submatrix")
    func shapes() {
        #expect(Matrix.identity(2) == Matrix(rowMajor: [[1, 0], [0, 1]]))
        #expect(Matrix.diagonal([2, 3]) == Matrix(rowMajor: [[2, 0], [0, 3]]))
        let wide = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(wide.transposed == Matrix(rowMajor: [[1, 4], [2, 5], [3, 6]]))
        #expect(wide.submatrix(rows: [1], columns: [2, 0]) == Matrix(rowMajor: [[6, 4]]))
    }

    @Test("products by hand: AB, AᵀB, ABᵀ, Ax, Aᵀx")
    func products() {
        #expect(a * b == Matrix(rowMajor: [[19, 22], [43, 50]]))
        #expect(Matrix.product(a, transposingLeft: true, b) == Matrix(rowMajor: [[26, 30], [38, 44]]))
        #expect(Matrix.product(a, b, transposingRight: true) == Matrix(rowMajor: [[17, 23], [39, 53]]))
        #expect(a * [1, 1] == [3, 7])
        #expect(a.multiplied(by: [1, 1], transposingSelf: true) == [4, 6])
        let wide = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(wide * [1, 0, -1] == [-2, -2])
        #expect(wide * wide.transposed == Matrix(rowMajor: [[14, 32], [32, 77]]))
    }

    @Test("empty dimensions give zero or empty results without calling BLAS")
    func emptyProducts() {
        let noColumns = Matrix(rows: 2, columns: 0)
        #expect(noColumns * Matrix(rows: 0, columns: 3) == Matrix(rows: 2, columns: 3))
        #expect(noColumns * [] == [0, 0])
        #expect(Matrix(rows: 0, columns: 2) * [1, 2] == [])
    }

    @Test("sum, difference, scaling, largest element")
    func arithmetic() {
        #expect(a + b == Matrix(rowMajor: [[6, 8], [10, 12]]))
        #expect(b - a == Matrix(rowMajor: [[4, 4], [4, 4]]))
        #expect(2 * a == Matrix(rowMajor: [[2, 4], [6, 8]]))
        #expect(Matrix(rowMajor: [[1, -5], [2, 3]]).maximumAbsoluteElement == 5)
        #expect(Matrix(rowMajor: [[1, .nan]]).maximumAbsoluteElement.isNaN)
    }

    @Test("symmetric helpers")
    func symmetric() {
        let s = Matrix(rowMajor: [[2, 1], [1, 3]])
        #expect(s.isSymmetric() && !a.isSymmetric())
        #expect(Matrix(rowMajor: [[1, 1], [1 + 1e-15, 1]]).isSymmetric(relativeTolerance: 1e-12))
        #expect(!Matrix(rowMajor: [[1, 2, 3]]).isSymmetric())
        #expect(a.symmetrized == Matrix(rowMajor: [[1, 2.5], [2.5, 4]]))
        #expect(a.symmetricFromUpperTriangle == Matrix(rowMajor: [[1, 2], [2, 4]]))
        #expect(a.upperTriangle == Matrix(rowMajor: [[1, 2], [0, 4]]))
    }

    @Test("random products agree with the defining sums", arguments: [UInt64(1), 2, 3])
    func randomProducts(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let left = randomMatrix(rows: 4, columns: 3, using: &generator)
        let right = randomMatrix(rows: 3, columns: 5, using: &generator)
        let product = left * right
        var worst = 0.0
        for i in 0..<4 {
            for j in 0..<5 {
                let sum = (0..<3).reduce(0.0) { $0 + left[i, $1] * right[$1, j] }
                worst = max(worst, abs(product[i, j] - sum))
            }
        }
        #expect(worst <= 1e-15, "seed \(seed): largest difference \(worst)")
        let x = (0..<3).map { _ in Double.random(in: -1...1, using: &generator) }
        let asMatrix = left * Matrix(rows: 3, columns: 1, columnMajor: x)
        #expect(maximumDifference(left * x, asMatrix.storage) <= 1e-15, "seed \(seed)")
    }
}
