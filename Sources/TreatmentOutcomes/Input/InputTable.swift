import Foundation

/// A whole CSV file in memory with its columns addressed by header name: the input of the generic analysis
/// commands (`--input FILE --time COL …`).
///
/// Read by `CSVReader` (so the same RFC 4180, UTF-8 and ragged-row rules and messages apply). Each column is kept as
/// its raw bytes back to back, so a million-row file costs no `String` per field; typed accessors convert a column on
/// request and throw ``InputError`` naming the file, the line and the column of the first field that does not convert.
public struct InputTable: Sendable {
    /// The file's display name (as given by the caller).
    public let file: String
    public let header: [String]
    /// The 1-based line on which each data row starts.
    public let lines: [Int]
    /// Per column: the fields' bytes back to back, and where each field ends.
    private let columnBytes: [[UInt8]]
    private let columnEnds: [[Int]]

    /// Reads `url` completely.
    public init(url: URL, displayName: String? = nil) throws {
        let reader = try CSVReader(url: url, displayName: displayName)
        let columns = reader.header.count
        var bytes = [[UInt8]](repeating: [], count: columns)
        var ends = [[Int]](repeating: [], count: columns)
        var lines: [Int] = []
        try reader.forEachRecord { record in
            lines.append(record.line)
            for column in 0..<columns {
                bytes[column].append(contentsOf: record.bytes(column))
                ends[column].append(bytes[column].count)
            }
        }
        self.file = reader.displayName
        self.header = reader.header
        self.lines = lines
        self.columnBytes = bytes
        self.columnEnds = ends
    }

    /// Number of data rows.
    public var rowCount: Int { lines.count }

    /// The position of `name`, or an `.missingColumn` error listing the columns the file has.
    public func columnIndex(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw InputError(.missingColumn, file: file, line: 1, column: name,
                             message: "no such column (the header has: \(header.joined(separator: ", ")))")
        }
        return index
    }

    /// The column's fields as text ("" for an empty field).
    public func text(_ name: String) throws -> [String] {
        try convert(name) { field throws(FieldProblem) in String(decoding: field, as: UTF8.self) }
    }

    /// The column as finite numbers; an empty or non-numeric field is an error.
    public func numbers(_ name: String) throws -> [Double] {
        try convert(name) { field throws(FieldProblem) in
            guard !field.isEmpty else { throw FieldProblem(kind: .emptyField, message: "required value is empty") }
            return try Self.number(field)
        }
    }

    /// The column as finite numbers, `nil` where the field is empty.
    public func optionalNumbers(_ name: String) throws -> [Double?] {
        try convert(name) { field throws(FieldProblem) in field.isEmpty ? nil : try Self.number(field) }
    }

    /// The column as event indicators: `1`/`0`, `TRUE`/`FALSE` or `T`/`F` (any case).
    public func indicators(_ name: String) throws -> [Bool] {
        try convert(name) { field throws(FieldProblem) in
            for word in ["1", "true", "t"] where NumberParsing.equalsIgnoringASCIICase(field, word) { return true }
            for word in ["0", "false", "f"] where NumberParsing.equalsIgnoringASCIICase(field, word) { return false }
            throw FieldProblem(
                kind: .invalidValue,
                message: "\"\(String(decoding: field, as: UTF8.self))\" is not an event indicator (expected 0/1 or TRUE/FALSE)")
        }
    }

    /// What is wrong with a field that does not convert; ``convert(_:_:)`` adds where it is.
    private struct FieldProblem: Error {
        let kind: InputError.Kind
        let message: String
    }

    private static func number(_ field: UnsafeRawBufferPointer) throws(FieldProblem) -> Double {
        switch NumberParsing.parseDouble(field) {
        case .value(let value): return value
        case .notFinite:
            throw FieldProblem(kind: .notFinite, message: "\"\(String(decoding: field, as: UTF8.self))\" is not a finite number")
        case .invalid:
            throw FieldProblem(
                kind: .notANumber,
                message: "\"\(String(decoding: field, as: UTF8.self))\" is not a number" + NumberParsing.hint(field))
        }
    }

    /// Applies `transform` to every field of column `name`, in row order; the first field it rejects becomes an
    /// ``InputError`` naming the file, the line and the column. (The location is added once, outside the loop: a
    /// closure per field that captured the table cost a retain and release of each of its arrays per field.)
    private func convert<Value>(
        _ name: String, _ transform: (UnsafeRawBufferPointer) throws(FieldProblem) -> Value
    ) throws -> [Value] {
        let column = try columnIndex(name)
        let ends = columnEnds[column]
        var values: [Value] = []
        values.reserveCapacity(ends.count)
        var failure: (row: Int, problem: FieldProblem)?
        columnBytes[column].withUnsafeBytes { bytes in
            var start = 0
            for (row, end) in ends.enumerated() {
                do throws(FieldProblem) {
                    values.append(try transform(UnsafeRawBufferPointer(rebasing: bytes[start..<end])))
                } catch {
                    failure = (row, error)
                    return
                }
                start = end
            }
        }
        if let failure {
            throw InputError(failure.problem.kind, file: file, line: lines[failure.row], column: name,
                             message: failure.problem.message)
        }
        return values
    }

    /// Throws unless the file has at least one data row: a model of no observations is an error, as in R.
    /// - Throws: ``InputError`` `.emptyFile` naming the file and `purpose`.
    public func requireRows(for purpose: String) throws {
        guard rowCount > 0 else {
            throw InputError(.emptyFile, file: file, message: "has a header but no data rows; \(purpose) needs at least one")
        }
    }
}
