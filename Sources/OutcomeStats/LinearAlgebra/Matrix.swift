import _CLAPACK

/// A dense matrix of `Double`, stored column-major (the LAPACK/BLAS layout): element (i, j) lives at
/// `storage[i + j·rows]`.
///
/// A value type: copies are independent (copy-on-write through the `Array` storage). Products use the
/// reference BLAS (`dgemm`, `dgemv`). Indices are 0-based.
public struct Matrix: Sendable, Hashable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order; `storage.count == rows * columns`.
    public internal(set) var storage: [Double]

    /// A `rows × columns` matrix with every element equal to `value`.
    /// - Precondition: `rows ≥ 0`, `columns ≥ 0`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over the given column-major elements.
    /// - Precondition: `columnMajor.count == rows * columns`.
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        precondition(columnMajor.count == rows * columns,
                     "Matrix \(rows)×\(columns) needs \(rows * columns) elements, got \(columnMajor.count)")
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix written row by row, as it reads on paper: `Matrix(rowMajor: [[4, 2], [2, 3]])`.
    /// - Precondition: every row has the same length.
    public init(rowMajor rowArrays: [[Double]]) {
        let columnCount = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columnCount }, "All rows must have the same length")
        self.init(rows: rowArrays.count, columns: columnCount)
        for (i, row) in rowArrays.enumerated() {
            for (j, value) in row.enumerated() { self[i, j] = value }
        }
    }

    /// The `order × order` identity matrix.
    public static func identity(_ order: Int) -> Matrix {
        var result = Matrix(rows: order, columns: order)
        for i in 0..<order { result[i, i] = 1 }
        return result
    }

    /// A square matrix with `diagonal` on its diagonal and zeros elsewhere.
    public static func diagonal(_ diagonal: [Double]) -> Matrix {
        var result = Matrix(rows: diagonal.count, columns: diagonal.count)
        for (i, value) in diagonal.enumerated() { result[i, i] = value }
        return result
    }

    /// Element at (`row`, `column`), both 0-based.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            storage[row + column * rows] = newValue
        }
    }

    /// Whether the matrix is square.
    public var isSquare: Bool { rows == columns }

    /// The elements of column `column`.
    public func column(_ column: Int) -> [Double] {
        precondition(column >= 0 && column < columns, "Matrix column out of range")
        return Array(storage[(column * rows)..<((column + 1) * rows)])
    }

    /// The elements of row `row`.
    public func row(_ row: Int) -> [Double] {
        (0..<columns).map { self[row, $0] }
    }

    /// The diagonal elements (i, i) for i < min(rows, columns).
    public var diagonal: [Double] {
        (0..<min(rows, columns)).map { self[$0, $0] }
    }

    /// The transpose Aᵀ.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result.storage[j + i * columns] = storage[i + j * rows] }
        }
        return result
    }

    /// The submatrix made of the given rows and columns, in the order given.
    public func submatrix(rows rowIndices: [Int], columns columnIndices: [Int]) -> Matrix {
        var result = Matrix(rows: rowIndices.count, columns: columnIndices.count)
        for (j, sourceColumn) in columnIndices.enumerated() {
            for (i, sourceRow) in rowIndices.enumerated() { result[i, j] = self[sourceRow, sourceColumn] }
        }
        return result
    }

    /// Rows separated by newlines, elements by spaces.
    public var description: String {
        (0..<rows).map { i in row(i).map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n")
    }
}
