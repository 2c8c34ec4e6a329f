import OutcomeStats

/// The columns of a survival analysis read from a generic `--input` CSV: times (finite, ≥ 0), event indicators
/// (0/1, TRUE/FALSE) or a competing-risk status, and optional group, strata and cluster columns as labels.
/// Every problem is an ``InputError`` naming the file, line and column.
public struct SurvivalInput: Sendable {
    public let times: [Double]
    public let events: [Bool]

    /// Reads `time` and `event`.
    public init(table: InputTable, time: String, event: String) throws {
        times = try Self.times(table, time)
        events = try table.indicators(event)
    }

    /// The time column: finite numbers ≥ 0.
    static func times(_ table: InputTable, _ name: String) throws -> [Double] {
        let values = try table.numbers(name)
        if let row = values.firstIndex(where: { $0 < 0 }) {
            throw InputError(.outOfRange, file: table.file, line: table.line(ofRow: row), column: name,
                             message: "time \(values[row]) is negative")
        }
        return values
    }

    /// The entry (start) time of each row of counting-process data, (start, stop] with `times` the stops: finite
    /// numbers, each before its row's stop (R's `Surv(start, stop, event)` rejects start ≥ stop too).
    public static func entryTimes(_ table: InputTable, _ name: String, before times: [Double], timeColumn: String)
        throws -> [Double]
    {
        let values = try table.numbers(name)
        if let row = values.indices.first(where: { values[$0] >= times[$0] }) {
            throw InputError(.outOfRange, file: table.file, line: table.line(ofRow: row), column: name,
                             message: "start \(values[row]) is not before the time \(times[row]) in column \"\(timeColumn)\"")
        }
        return values
    }

    /// A case-weight column: finite numbers > 0. A zero weight is an error rather than a dropped row (R's `coxph`
    /// rejects it; remove the row to leave it out).
    public static func weights(_ table: InputTable, _ name: String) throws -> [Double] {
        let values = try table.numbers(name)
        if let row = values.firstIndex(where: { !($0 > 0) }) {
            throw InputError(.outOfRange, file: table.file, line: table.line(ofRow: row), column: name,
                             message: "weight \(values[row]) is not positive (weights must be > 0; remove a row to leave it out)")
        }
        return values
    }

    /// A competing-risk status column: whole numbers, 0 = censored, any other value a cause.
    public static func status(_ table: InputTable, time: String, status: String) throws -> (times: [Double], status: [Int]) {
        let times = try Self.times(table, time)
        let values = try table.numbers(status)
        let codes = try values.enumerated().map { row, value -> Int in
            guard value == value.rounded(), abs(value) < 1e9 else {
                throw InputError(.notAnInteger, file: table.file, line: table.line(ofRow: row), column: status,
                                 message: "status \(value) is not a whole number (0 = censored, others = causes)")
            }
            return Int(value)
        }
        return (times, codes)
    }

    /// A label column as dense codes, with the labels in R's factor order (numeric order when every label is a
    /// number, else text order). An empty label is an error.
    public static func labels(_ table: InputTable, _ name: String) throws -> (codes: [Int], labels: [String]) {
        let (codes, distinct) = try table.distinctTexts(name)
        if let empty = distinct.firstIndex(of: ""), let row = codes.firstIndex(of: empty) {
            throw InputError(.emptyField, file: table.file, line: table.line(ofRow: row), column: name, message: "required value is empty")
        }
        let numeric = distinct.allSatisfy { Double($0) != nil }
        let order = distinct.indices.sorted { a, b in
            numeric ? Double(distinct[a])! < Double(distinct[b])! : distinct[a] < distinct[b]
        }
        var rank = [Int](repeating: 0, count: distinct.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        return (codes.map { rank[$0] }, order.map { distinct[$0] })
    }

    /// The Cox design: each covariate numeric as itself, or a text column as indicators of its levels after the
    /// first in sorted order, named column+level as R does.
    public static func design(_ table: InputTable, covariates: [String]) throws -> (matrix: Matrix, terms: [String]) {
        let rows = Array(0..<table.rowCount)
        var columns: [(String, [Double])] = []
        for name in covariates { columns += try GroupedDesign.columns(of: name, in: table, rows: rows) }
        return (Matrix(rows: rows.count, columns: columns.count, columnMajor: columns.flatMap(\.1)), columns.map(\.0))
    }
}
