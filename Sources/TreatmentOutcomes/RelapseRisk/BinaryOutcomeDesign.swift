import OutcomeStats

/// The 0/1 outcome and design matrix of a logistic model read from an ``InputTable`` (`outcome-report logistic`).
///
/// Columns of X: `(Intercept)`, then each covariate: a numeric column as itself, a text column as indicators of its
/// levels after the first in sorted order, named column + level as R names them (the same rule as
/// ``GroupedDesign``). The outcome takes 0/1 or TRUE/FALSE. Rows with an empty outcome are left out and counted
/// (``droppedMissingOutcome``), as R's `na.omit`; an empty or malformed covariate is an ``InputError`` naming the file,
/// line and column.
public struct BinaryOutcomeDesign: Sendable {
    public let outcome: [Double]
    public let design: Matrix
    public let terms: [String]
    public let droppedMissingOutcome: Int

    public init(table: InputTable, outcome outcomeColumn: String, covariates: [String]) throws {
        let text = try table.text(outcomeColumn)
        let kept = text.indices.filter { !text[$0].isEmpty }
        droppedMissingOutcome = text.count - kept.count
        guard !kept.isEmpty else {
            throw InputError(.emptyField, file: table.file, column: outcomeColumn, message: "no row has an outcome value")
        }
        let indicators = try table.indicatorsAllowingEmpty(outcomeColumn)
        outcome = kept.map { indicators[$0]! ? 1 : 0 }
        var columns: [(String, [Double])] = [("(Intercept)", Array(repeating: 1, count: kept.count))]
        for name in covariates { columns += try GroupedDesign.columns(of: name, in: table, rows: kept) }
        terms = columns.map(\.0)
        design = Matrix(rows: kept.count, columns: columns.count, columnMajor: columns.flatMap(\.1))
    }
}

extension InputTable {
    /// The column as event indicators (see ``indicators(_:)``), `nil` where the field is empty.
    func indicatorsAllowingEmpty(_ name: String) throws -> [Bool?] {
        let text = try self.text(name)
        return try text.enumerated().map { row, field in
            switch field.lowercased() {
            case "": return nil
            case "1", "true", "t": return true
            case "0", "false", "f": return false
            default:
                throw InputError(.invalidValue, file: file, line: line(ofRow: row), column: name,
                                 message: "\"\(field)\" is not a 0/1 outcome (expected 0/1 or TRUE/FALSE)")
            }
        }
    }
}
