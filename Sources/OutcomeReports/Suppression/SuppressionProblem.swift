/// Counts tied together by sums (rows, columns and totals of one or more tables) and the cells to withhold.
///
/// A *group* is a set of cells in which one value can be computed from the others: a table row with its row
/// total, a column with its column total, the row of column totals with the grand total. A cell may belong to
/// several groups and several tables (for example an arm's N, shown in two tables), which keeps the withholding
/// consistent everywhere the number appears.
///
/// Algorithm (CMS cell-size suppression policy; docs/ReportingConventions.md, "Small-cell suppression"):
/// ```
/// suppressed ← { c : 1 ≤ count(c) ≤ minimumCount − 1 }                         (primary)
/// repeat                                                                       (complementary)
///     for each group g, in the order added:
///         if |g ∩ suppressed| = 1:
///             suppressed ← suppressed ∪ { argmin count(c) : c ∈ g, c ∉ suppressed, count(c) > 0 }
/// until a whole pass adds nothing
/// ```
/// Ties for the smallest count go to the cell listed first in the group. Zero cells are never withheld: a zero
/// reveals nothing and withholding it would not hide anything either. In a group whose values sum correctly a
/// candidate always exists, so no group ends with exactly one withheld cell.
///
/// - Complexity: O(passes × Σ|group|); passes ≤ number of cells + 1.
public struct SuppressionProblem<Key: Hashable & Sendable>: Sendable {
    private var keys: [Key] = []
    private var counts: [Int] = []
    private var positions: [Key: Int] = [:]
    private var groups: [[Int]] = []
    private var groupSet: Set<[Int]> = []

    public init() {}

    /// The count of `key`, or `nil` when it was not added.
    public func count(of key: Key) -> Int? { positions[key].map { counts[$0] } }

    /// Adds a cell; adding the same key again is allowed when the count is the same.
    /// - Precondition: `count ≥ 0`; a key added twice has one count.
    public mutating func addCell(_ key: Key, count: Int) {
        precondition(count >= 0, "SuppressionProblem: counts must not be negative")
        if let position = positions[key] {
            precondition(counts[position] == count, "SuppressionProblem: \(key) added with two different counts")
            return
        }
        positions[key] = keys.count
        keys.append(key)
        counts.append(count)
    }

    /// Adds a group of cells tied by a sum (for example a row and its total). A repeated group is kept once.
    /// - Precondition: every key was added with ``addCell(_:count:)``.
    public mutating func addGroup(_ members: [Key]) {
        let indices = members.map { key in
            guard let position = positions[key] else { preconditionFailure("SuppressionProblem: \(key) not added") }
            return position
        }
        if groupSet.insert(indices).inserted { groups.append(indices) }
    }

    /// Adds a cross-tabulation with its margins: `counts[row][column]`, the row totals, the column totals and
    /// the grand total, keyed by the given functions, and its row, column and total groups.
    /// Margins are computed here from `counts`.
    public mutating func addCrossTabulation(
        _ counts: [[Int]], cell: (Int, Int) -> Key, rowTotal: (Int) -> Key, columnTotal: (Int) -> Key,
        grandTotal: Key
    ) {
        let columnCount = counts.first?.count ?? 0
        precondition(counts.allSatisfy { $0.count == columnCount }, "SuppressionProblem: ragged cross-tabulation")
        for (row, values) in counts.enumerated() {
            for (column, value) in values.enumerated() { addCell(cell(row, column), count: value) }
            addCell(rowTotal(row), count: values.reduce(0, +))
        }
        for column in 0..<columnCount {
            addCell(columnTotal(column), count: counts.reduce(0) { $0 + $1[column] })
        }
        addCell(grandTotal, count: counts.reduce(0) { $0 + $1.reduce(0, +) })
        for row in counts.indices {
            addGroup((0..<columnCount).map { cell(row, $0) } + [rowTotal(row)])
        }
        for column in 0..<columnCount {
            addGroup(counts.indices.map { cell($0, column) } + [columnTotal(column)])
        }
        addGroup((0..<columnCount).map(columnTotal) + [grandTotal])
        addGroup(counts.indices.map(rowTotal) + [grandTotal])
    }

    /// Primary then complementary suppression under `policy`.
    public func solve(_ policy: SmallCellPolicy) -> Suppression<Key> {
        var suppressed = counts.map(policy.isSmall)
        let primary = Set(keys.indices.filter { suppressed[$0] }.map { keys[$0] })
        var passes = 0
        var changed = true
        while changed {
            changed = false
            passes += 1
            for group in groups where group.lazy.filter({ suppressed[$0] }).count == 1 {
                let candidates = group.filter { !suppressed[$0] && counts[$0] > 0 }
                guard let smallest = candidates.min(by: { counts[$0] < counts[$1] }) else { continue }
                suppressed[smallest] = true
                changed = true
            }
        }
        let all = Set(keys.indices.filter { suppressed[$0] }.map { keys[$0] })
        return Suppression(suppressed: all, primary: primary, passes: passes)
    }

    /// Every group as keys, for invariant checks.
    public var groupKeys: [[Key]] { groups.map { $0.map { keys[$0] } } }
}

/// The outcome of ``SuppressionProblem/solve(_:)``.
public struct Suppression<Key: Hashable & Sendable>: Sendable {
    /// Every withheld cell (primary and complementary).
    public let suppressed: Set<Key>
    /// The cells withheld because their own count is small.
    public let primary: Set<Key>
    /// Passes over the groups, the last of which changed nothing.
    public let passes: Int

    /// Whether `key` is withheld.
    public func isSuppressed(_ key: Key) -> Bool { suppressed.contains(key) }

    /// The cells withheld only to protect others.
    public var complementary: Set<Key> { suppressed.subtracting(primary) }
}
