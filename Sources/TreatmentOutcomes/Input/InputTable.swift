import Foundation
import OutcomeStats
import Synchronization

/// A whole CSV file in memory with its columns addressed by header name: the input of the generic analysis
/// commands (`--input FILE --time COL …`).
///
/// Read by `CSVReader`'s parser (so the same RFC 4180, UTF-8 and ragged-row rules and messages apply), in regions on
/// all cores (``CSVRegions``). The file's bytes are kept with where each field starts and ends, so a million-row
/// file costs no `String` and no copy per field; typed accessors convert a column on request and throw
/// ``InputError`` naming the file, the line and the column of the first field that does not convert.
public struct InputTable: Sendable {
    /// The file's display name (as given by the caller).
    public let file: String
    public let header: [String]
    /// The file in memory and where each field is in it.
    private let contents: CSVRegions

    /// Reads `url` completely, parsing its records on all cores (``CSVRegions``).
    public init(url: URL, displayName: String? = nil) throws {
        try self.init(url: url, displayName: displayName, minimumParallelBytes: CSVRegions.minimumParallelBytes,
                      regionBytes: CSVRegions.maximumRegionBytes)
    }

    /// Reads `url`, cutting data of `minimumParallelBytes` or more into regions of at most `regionBytes` parsed at
    /// the same time (tests and the fuzzer cut small files in many places to reach every path).
    package init(url: URL, displayName: String?, minimumParallelBytes: Int, regionBytes: Int) throws {
        let reader = try CSVReader(url: url, displayName: displayName)
        contents = try CSVRegions(path: url.path, reader: reader, minimumParallelBytes: minimumParallelBytes,
                                  regionBytes: regionBytes)
        file = reader.displayName
        header = reader.header
    }

    /// Number of data rows.
    public var rowCount: Int { contents.rowCount }

    /// The 1-based line on which data row `row` (from 0) starts.
    public func line(ofRow row: Int) -> Int { contents.line(ofRow: row) }

    /// The line on which each data row starts.
    public var lines: [Int] { (0..<rowCount).map(line(ofRow:)) }

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

    /// The column's distinct texts in order of first appearance, and each row's index into them, without a `String`
    /// per field: the fields are told apart by their bytes, then texts that Swift holds equal (canonically equivalent
    /// Unicode, as `Set<String>` would) share one index.
    public func distinctTexts(_ name: String) throws -> (codes: [Int], texts: [String]) {
        let column = try columnIndex(name)
        var interner = ByteStringInterner()
        var byteCodes = [Int32](repeating: 0, count: rowCount)
        for region in contents.regions {
            for row in 0..<region.rowCount {
                byteCodes[region.firstRow + row] = interner.intern(contents.field(region, row: row, column: column)).code
            }
        }
        var texts: [String] = [], indexOfText: [String: Int] = [:]
        let indexOfCode = interner.strings.map { text in
            if let index = indexOfText[text] { return index }
            indexOfText[text] = texts.count
            texts.append(text)
            return texts.count - 1
        }
        return (byteCodes.map { indexOfCode[Int($0)] }, texts)
    }

    /// What is wrong with a field that does not convert; ``convert(_:_:)`` adds where it is.
    private struct FieldProblem: Error, Sendable {
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

    /// Applies `transform` to every field of column `name`, in row order, a region of the file per core; the first
    /// field it rejects (in file order) becomes an ``InputError`` naming the file, the line and the column.
    private func convert<Value: Sendable>(
        _ name: String, _ transform: @escaping @Sendable (UnsafeRawBufferPointer) throws(FieldProblem) -> Value
    ) throws -> [Value] {
        let column = try columnIndex(name)
        let contents = self.contents
        let failure = Mutex<(row: Int, problem: FieldProblem)?>(nil)
        let values = [Value](unsafeUninitializedCapacity: contents.rowCount) { buffer, initialized in
            nonisolated(unsafe) let output = buffer
            // each region initializes its own rows, and on a rejected field deinitializes them again
            let done = concurrently(contents.regions.map { region in
                { @Sendable () -> Bool in
                    var row = 0
                    do throws(FieldProblem) {
                        while row < region.rowCount {
                            let field = contents.field(region, row: row, column: column)
                            (output.baseAddress! + region.firstRow + row).initialize(to: try transform(field))
                            row += 1
                        }
                        return true
                    } catch {
                        (output.baseAddress! + region.firstRow).deinitialize(count: row)
                        failure.withLock { first in
                            if first == nil || region.firstRow + row < first!.row { first = (region.firstRow + row, error) }
                        }
                        return false
                    }
                }
            })
            if done.allSatisfy({ (try? $0.get()) == true }) {
                initialized = contents.rowCount
            } else {
                for (region, result) in zip(contents.regions, done) where (try? result.get()) == true {
                    (output.baseAddress! + region.firstRow).deinitialize(count: region.rowCount)
                }
                initialized = 0
            }
        }
        if let (row, problem) = failure.withLock({ $0 }) {
            throw InputError(problem.kind, file: file, line: line(ofRow: row), column: name, message: problem.message)
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
