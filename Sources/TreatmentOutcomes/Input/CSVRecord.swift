import Foundation

/// One data record of a ``CSVReader``: a view of its fields in the reader's buffer.
///
/// Valid only inside the closure that receives it; copy out what you keep. Field accessors that convert text
/// throw ``InputError`` naming the file, the record's line and the column.
package struct CSVRecord {
    private let base: UnsafeRawPointer
    private let starts: UnsafeBufferPointer<Int32>
    private let ends: UnsafeBufferPointer<Int32>
    /// 1-based line on which the record starts (the header is line 1).
    public let line: Int
    /// Unowned: the reader keeps its context alive for as long as records are handed out.
    private unowned(unsafe) let context: CSVContext

    init(
        base: UnsafeRawPointer, starts: UnsafeBufferPointer<Int32>, ends: UnsafeBufferPointer<Int32>, line: Int,
        context: CSVContext
    ) {
        self.base = base
        self.starts = starts
        self.ends = ends
        self.line = line
        self.context = context
    }

    /// Number of fields.
    public var fieldCount: Int { starts.count }

    /// Where each field starts and ends, as offsets from the parser's buffer (for ``InputTable``, which keeps the
    /// whole file and so the offsets).
    var fieldStartOffsets: UnsafeBufferPointer<Int32> { starts }
    var fieldEndOffsets: UnsafeBufferPointer<Int32> { ends }

    /// The field's bytes (quotes removed, `""` undoubled).
    public func bytes(_ column: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + Int(starts[column]), count: Int(ends[column] - starts[column]))
    }

    /// Whether the field is empty (the format's missing value).
    public func isEmpty(_ column: Int) -> Bool { starts[column] == ends[column] }

    /// The field as text.
    public func string(_ column: Int) -> String {
        String(decoding: bytes(column), as: UTF8.self)
    }

    /// The field as a finite number (decimal, optional sign, fraction and exponent; surrounding spaces allowed).
    /// - Throws: `.emptyField`, `.notANumber` (e.g. `"abc"`, `"NA"`), `.notFinite` (`"Inf"`, `"1e999"`).
    public func double(_ column: Int) throws -> Double {
        let field = bytes(column)
        if field.isEmpty { throw emptyError(column) }
        switch NumberParsing.parseDouble(field) {
        case .value(let value): return value
        case .notFinite:
            throw error(.notFinite, column, "\"\(string(column))\" is not a finite number")
        case .invalid:
            throw error(.notANumber, column, "\"\(string(column))\" is not a number" + NumberParsing.hint(field))
        }
    }

    /// The field as an integer.
    /// - Throws: `.emptyField`, `.notAnInteger`, `.outOfRange`.
    public func integer(_ column: Int) throws -> Int {
        let field = bytes(column)
        if field.isEmpty { throw emptyError(column) }
        switch NumberParsing.parseInteger(field) {
        case .value(let value): return value
        case .overflow:
            throw error(.outOfRange, column, "\"\(string(column))\" is out of range for a whole number (±9223372036854775807)")
        case .invalid:
            throw error(.notAnInteger, column, "\"\(string(column))\" is not a whole number" + NumberParsing.hint(field))
        }
    }

    /// The field as an integer that fits 32 bits (days, supplies).
    public func integer32(_ column: Int) throws -> Int32 {
        let value = try integer(column)
        guard let narrow = Int32(exactly: value), abs(value) < 100_000_000 else {
            throw error(.outOfRange, column, "\(value) is out of range")
        }
        return narrow
    }

    /// The field as an ISO 8601 calendar date `YYYY-MM-DD`.
    /// - Throws: `.emptyField`, `.invalidDate`.
    public func date(_ column: Int) throws -> CivilDate {
        let field = bytes(column)
        if field.isEmpty { throw emptyError(column) }
        guard let date = CivilDate(isoBytes: field) else {
            throw error(.invalidDate, column, "\"\(string(column))\" is not a valid date (expected YYYY-MM-DD)")
        }
        return date
    }

    /// The field as one of a vocabulary's values, ignoring ASCII case.
    /// - Throws: `.emptyField`, `.invalidValue` listing the accepted values.
    public func vocabulary<Value: CohortVocabulary>(_ column: Int, as type: Value.Type = Value.self) throws -> Value {
        let field = bytes(column)
        if field.isEmpty { throw emptyError(column) }
        guard let value = Value.matching(field) else {
            throw error(.invalidValue, column, "\"\(string(column))\" is not one of: \(Value.acceptedValues)")
        }
        return value
    }

    /// An ``InputError`` located at this record and column.
    public func error(_ kind: InputError.Kind, _ column: Int?, _ message: String) -> InputError {
        let header = context.header
        return InputError(kind, file: context.displayName, line: line,
                          column: column.map { $0 < header.count ? header[$0] : "column \($0 + 1)" }, message: message)
    }

    private func emptyError(_ column: Int) -> InputError {
        error(.emptyField, column, "required value is empty")
    }
}
