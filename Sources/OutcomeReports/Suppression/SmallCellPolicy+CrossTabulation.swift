/// A cell of a cross-tabulation with margins: `row == rowCount` is the row of column totals and
/// `column == columnCount` is the column of row totals; both together are the grand total.
public struct GridPosition: Hashable, Sendable, CustomStringConvertible {
    public let row: Int
    public let column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    public var description: String { "(\(row), \(column))" }
}

extension SmallCellPolicy {
    /// Primary and complementary suppression of one cross-tabulation `counts[row][column]` with its row totals,
    /// column totals and grand total (see ``SuppressionProblem`` for the algorithm).
    ///
    /// Margins are computed from `counts`; they sit at `GridPosition(row: r, column: columnCount)`,
    /// `GridPosition(row: rowCount, column: c)` and `GridPosition(row: rowCount, column: columnCount)`.
    /// - Precondition: `counts` is rectangular and non-negative.
    public func suppressCrossTabulation(_ counts: [[Int]]) -> Suppression<GridPosition> {
        let rowCount = counts.count
        let columnCount = counts.first?.count ?? 0
        var problem = SuppressionProblem<GridPosition>()
        problem.addCrossTabulation(
            counts,
            cell: { GridPosition(row: $0, column: $1) },
            rowTotal: { GridPosition(row: $0, column: columnCount) },
            columnTotal: { GridPosition(row: rowCount, column: $0) },
            grandTotal: GridPosition(row: rowCount, column: columnCount))
        return problem.solve(self)
    }
}
