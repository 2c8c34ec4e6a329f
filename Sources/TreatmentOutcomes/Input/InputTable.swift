import Foundation

/// A whole CSV file in memory with its columns addressed by header name: the input of the generic analysis
/// commands (`--input FILE --time COL …`).
///
/// Read by ``CSVReader`` (so the same RFC 4180, UTF-8 and ragged-row rules and messages apply). Typed accessors
/// convert a column on request and throw ``InputError`` naming the file, the line and the column of the first
/// field that does not convert.
public struct InputTable: Sendable {
    /// The file's display name (as given by the caller).
    public let file: String
    public let header: [String]
    /// The 1-based line on which each data row starts.
    public let lines: [Int]
    /// Fields by column then row.
    private let fields: [[String]]

    /// Reads `url` completely.
    public init(url: URL, displayName: String? = nil) throws {
        let reader = try CSVReader(url: url, displayName: displayName)
        var fields = [[String]](repeating: [], count: reader.header.count)
        var lines: [Int] = []
        try reader.forEachRecord { record in
            lines.append(record.line)
            for column in 0..<record.fieldCount { fields[column].append(record.string(column)) }
        }
        self.file = reader.displayName
        self.header = reader.header
        self.lines = lines
        self.fields = fields
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
    public func text(_ name: String) throws -> [String] { fields[try columnIndex(name)] }

    /// The column as finite numbers; an empty or non-numeric field is an error.
    public func numbers(_ name: String) throws -> [Double] {
        try convert(name) { field, fail in
            guard !field.isEmpty else { throw fail(.emptyField, "required value is empty") }
            return try numberOf(field, fail)
        }
    }

    /// The column as finite numbers, `nil` where the field is empty.
    public func optionalNumbers(_ name: String) throws -> [Double?] {
        try convert(name) { field, fail in
            field.isEmpty ? nil : try numberOf(field, fail)
        }
    }

    /// The column as event indicators: `1`/`0`, `TRUE`/`FALSE` or `T`/`F` (any case).
    public func indicators(_ name: String) throws -> [Bool] {
        try convert(name) { field, fail in
            switch field.lowercased() {
            case "1", "true", "t": return true
            case "0", "false", "f": return false
            default: throw fail(.invalidValue, "\"\(field)\" is not an event indicator (expected 0/1 or TRUE/FALSE)")
            }
        }
    }

    private func numberOf(_ field: String, _ fail: (InputError.Kind, String) -> InputError) throws -> Double {
        var text = field
        return try text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            switch NumberParsing.parseDouble(raw) {
            case .value(let value): return value
            case .notFinite: throw fail(.notFinite, "\"\(field)\" is not a finite number")
            case .invalid: throw fail(.notANumber, "\"\(field)\" is not a number" + NumberParsing.hint(raw))
            }
        }
    }

    private func convert<Value>(
        _ name: String, _ transform: (String, (InputError.Kind, String) -> InputError) throws -> Value
    ) throws -> [Value] {
        let column = try columnIndex(name)
        return try fields[column].enumerated().map { row, field in
            try transform(field) { kind, message in
                InputError(kind, file: file, line: lines[row], column: name, message: message)
            }
        }
    }
}
