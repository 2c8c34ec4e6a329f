import OutcomeStats

/// The response, fixed-effects design, time and groups of a longitudinal model, built from an ``InputTable``
/// for the `lmm` and `trend` commands.
///
/// Columns of X, in order: `(Intercept)`, the time column, then each covariate term. A term is a column name
/// or a product of columns joined by `:` (`time:arm`). A numeric column contributes itself; a text column (one
/// in which no field is a number) contributes treatment-coded indicators for every level but the first in
/// sorted order, named column + level as R names them (`armB`); a product term contributes every combination.
///
/// Rows whose outcome is empty are left out and counted (``droppedMissingOutcome``), as `lme4`'s default
/// `na.omit` does; an empty or non-numeric field anywhere else is an ``InputError`` naming the file, line and
/// column. A column that mixes numbers and other text is an error at its first non-number.
public struct GroupedDesign: Sendable {
    public let response: [Double]
    public let time: [Double]
    /// Fixed-effects design X, one row per kept row.
    public let fixedEffects: Matrix
    /// The names of X's columns.
    public let terms: [String]
    /// The 0-based group of each kept row, in order of first appearance.
    public let group: [Int]
    /// The group labels, indexed by ``group``.
    public let groupLabels: [String]
    /// Rows left out because the outcome was empty.
    public let droppedMissingOutcome: Int

    public init(table: InputTable, outcome: String, time timeColumn: String, group groupColumn: String,
                covariates: [String] = []) throws {
        let outcomeValues = try table.optionalNumbers(outcome)
        let kept = outcomeValues.indices.filter { outcomeValues[$0] != nil }
        droppedMissingOutcome = outcomeValues.count - kept.count
        guard !kept.isEmpty else {
            throw InputError(.emptyField, file: table.file, column: outcome, message: "no row has an outcome value")
        }
        response = kept.map { outcomeValues[$0]! }
        let allTimes = try table.numbers(timeColumn)
        time = kept.map { allTimes[$0] }
        let groupText = try table.text(groupColumn)
        var indexOf: [String: Int] = [:], labels: [String] = [], groups: [Int] = []
        groups.reserveCapacity(kept.count)
        for row in kept {
            let label = groupText[row]
            guard !label.isEmpty else {
                throw InputError(.emptyField, file: table.file, line: table.line(ofRow: row), column: groupColumn,
                                 message: "required value is empty")
            }
            if let index = indexOf[label] { groups.append(index) } else {
                indexOf[label] = labels.count
                groups.append(labels.count)
                labels.append(label)
            }
        }
        group = groups
        groupLabels = labels
        var columns: [(String, [Double])] = [("(Intercept)", Array(repeating: 1, count: kept.count)), (timeColumn, time)]
        for term in covariates {
            var expanded: [(String, [Double])] = [("", Array(repeating: 1, count: kept.count))]
            for factorName in term.split(separator: ":", omittingEmptySubsequences: false).map(String.init) {
                let factorColumns = try Self.columns(of: factorName, in: table, rows: kept)
                expanded = expanded.flatMap { left in
                    factorColumns.map { right in
                        (left.0.isEmpty ? right.0 : left.0 + ":" + right.0, zip(left.1, right.1).map { $0 * $1 })
                    }
                }
            }
            columns += expanded
        }
        terms = columns.map(\.0)
        fixedEffects = Matrix(rows: kept.count, columns: columns.count, columnMajor: columns.flatMap(\.1))
    }

    /// A numeric column as itself, or a text column as indicators of its non-reference levels.
    ///
    /// A column whose every field reads as a number is numeric; it is read once, from its bytes (a million-row
    /// `cox --covariates` file spends no `String` on it). Only another column is read as text, to tell a text
    /// column from one that mixes numbers and text.
    static func columns(of name: String, in table: InputTable, rows: [Int]) throws -> [(String, [Double])] {
        if let numbers = try? table.numbers(name) { return [(name, rows.map { numbers[$0] })] }
        let text = try table.text(name)
        let isText = rows.allSatisfy { !text[$0].isEmpty && Double(text[$0]) == nil }
        guard isText else {
            let numbers = try table.numbers(name)
            return [(name, rows.map { numbers[$0] })]
        }
        let levels = Set(rows.map { text[$0] }).sorted()
        return levels.dropFirst().map { level in (name + level, rows.map { text[$0] == level ? 1 : 0 }) }
    }
}
