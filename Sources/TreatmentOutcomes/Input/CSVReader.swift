import Foundation

/// A streaming reader of RFC 4180 CSV files in UTF-8.
///
/// - The first record is the header. A UTF-8 byte-order mark before it is skipped.
/// - Fields are separated by commas; a field that starts with `"` is quoted, may contain commas, line breaks and
///   doubled quotes (`""` → `"`), and must be followed by a comma or the end of the record. A quote inside an
///   unquoted field is kept as a literal character.
/// - Records end in LF or CRLF; the last record may lack a line break. Completely blank lines are skipped.
/// - Every record must have as many fields as the header.
/// - Every byte must be valid UTF-8.
///
/// Problems throw ``InputError`` with the file's display name, the line on which the record starts and the column.
/// Memory is bounded by the buffer (1 MiB, grown only for a single longer record); records are parsed in place and
/// handed to the caller as ``CSVRecord`` views without allocating per row.
package final class CSVReader {
    /// Column names from the header record.
    public let header: [String]
    /// The name used in error messages (the path, unless the caller chose another).
    public let displayName: String
    /// Total bytes read from the file.
    public var bytesRead: Int { parser.bytesRead }
    /// Where the next record starts, as a byte offset in the file (after the header: where the data begin).
    package var nextRecordOffset: Int { parser.nextRecordOffset }
    /// The 1-based line on which the next record starts.
    package var nextRecordLine: Int { parser.nextRecordLine }
    /// The file's size in bytes when opened.
    public let fileSize: Int
    /// The number of data records the file probably holds, from the line lengths in its first buffer (for
    /// reserving column storage; never less than the records seen there).
    public let estimatedRecordCount: Int

    private var parser: CSVParser

    /// Opens `url` and reads its header.
    /// - Throws: ``InputError`` `.missingFile`, `.unreadableFile`, `.emptyFile`, `.duplicateColumn`, or a parse error
    ///   in the header.
    public init(url: URL, displayName: String? = nil) throws {
        let name = displayName ?? url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            // the entry exists but cannot be followed: a dangling symbolic link or a loop of links
            if (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType == .typeSymbolicLink {
                throw InputError(
                    .unreadableFile, file: name,
                    message: "is a symbolic link that cannot be followed (its target does not exist, or the links form a loop)")
            }
            throw InputError(.missingFile, file: name, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw InputError(.unreadableFile, file: name, message: "is a folder, not a CSV file")
        }
        // only regular files: a FIFO would block, a device (/dev/zero) never ends
        let type = (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.type]
            as? FileAttributeType
        guard type == .typeRegular else {
            throw InputError(.unreadableFile, file: name, message: "is not a regular file (a pipe, socket or device)")
        }
        fileSize = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? 0
        var parser = try CSVParser(path: url.path, displayName: name)
        var headerFields: [String] = []
        // Until `self.parser` holds it, the parser's buffers and file are released here on every error (the fuzzer
        // found 1 MiB and a file descriptor leaked per file with a malformed header).
        do {
            let found = try parser.nextRecord(expectedFields: nil) { record in
                headerFields = (0..<record.fieldCount).map { record.string($0) }
            }
            guard found else {
                throw InputError(.emptyFile, file: name, message: "the file is empty; expected a header line")
            }
            if headerFields.first?.hasPrefix("\u{FEFF}") == true {
                headerFields[0].removeFirst()
            }
            var seen: Set<String> = []
            for column in headerFields where !seen.insert(column).inserted {
                throw InputError(.duplicateColumn, file: name, line: 1, column: column,
                                 message: "the header names this column more than once")
            }
        } catch {
            parser.close()
            throw error
        }
        parser.context = CSVContext(header: headerFields, displayName: name)
        estimatedRecordCount = parser.estimateRecordCount(fileSize: fileSize)
        self.header = headerFields
        self.displayName = name
        self.parser = parser
    }

    deinit {
        parser.close()
    }

    /// The position of the column named `name`, or `nil`.
    public func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The position of the column named `name`.
    /// - Throws: ``InputError`` `.missingColumn` listing the columns the file has.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = columnIndex(name) else {
            throw InputError(.missingColumn, file: displayName, line: 1, column: name,
                             message: "required column is missing (the header has: \(header.joined(separator: ", ")))")
        }
        return index
    }

    /// A cursor over the data records, for loops that must not run inside a closure (the hot loops of the loader:
    /// values a closure captures are retained on every call). Hand it back with ``finish(_:)``.
    func makeCursor() -> CSVRecordCursor {
        CSVRecordCursor(parser: parser, expectedFields: header.count)
    }

    /// Takes back the state of a cursor made by ``makeCursor()``.
    func finish(_ cursor: borrowing CSVRecordCursor) {
        parser = cursor.parser
    }

    /// Calls `body` once per data record, in file order. The record is valid only during the call.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        // Parse on a local copy: no dynamic exclusivity checks on class storage in the hot loop.
        var local = parser
        defer { parser = local }
        let expected = header.count
        while try local.nextRecord(expectedFields: expected, body) {}
    }
}

/// Steps through a reader's records: `while let record = try cursor.next() { … }`. Each record is valid until the
/// next call.
struct CSVRecordCursor: ~Copyable {
    fileprivate(set) var parser: CSVParser
    let expectedFields: Int

    mutating func next() throws -> CSVRecord? {
        try parser.next(expectedFields: expectedFields)
    }
}

/// The header and file name that records use in error messages.
final class CSVContext {
    let header: [String]
    let displayName: String

    init(header: [String], displayName: String) {
        self.header = header
        self.displayName = displayName
    }
}

/// The byte-level state machine behind ``CSVReader``.
struct CSVParser {
    /// The longest record (and so field) read: 64 MiB. The buffer starts at 1 MiB and doubles up to this for a
    /// single longer record, so memory stays bounded whatever the file holds.
    static let maximumRecordBytes = 64 << 20

    var context: CSVContext
    /// The file being read, or -1 for a parser over bytes already in memory (``init(region:firstLine:isFinal:context:)``).
    private let descriptor: Int32
    /// Whether `buffer` is the parser's own (the streaming case) or the caller's (a region of a file in memory).
    private let ownsBuffer: Bool
    private var buffer: UnsafeMutableRawBufferPointer
    /// Valid bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var reachedEndOfFile = false
    /// Whether a UTF-8 byte-order mark may still come (before the first byte of the file).
    private var atFileStart = true
    /// The line number at `start`.
    private var line = 1
    /// Field boundaries of the current record: `fieldCount` valid entries of each.
    private var fieldStarts: UnsafeMutableBufferPointer<Int32>
    private var fieldEnds: UnsafeMutableBufferPointer<Int32>
    private var fieldCount = 0
    private(set) var bytesRead = 0
    /// Whether the end of the bytes is the end of the file (false only for a region that is not a file's last).
    private var regionIsFinal = true
    /// Where the record cut by the end of a region that is not the file's last starts; set when parsing stops there.
    private(set) var unfinishedRecordOffset: Int?

    init(path: String, displayName: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(.unreadableFile, file: displayName,
                             message: "cannot be opened (\(String(cString: strerror(errno))))")
        }
        self.descriptor = descriptor
        ownsBuffer = true
        buffer = .allocate(byteCount: 1 << 20, alignment: 16)
        context = CSVContext(header: [], displayName: displayName)
        fieldStarts = .allocate(capacity: 64)
        fieldEnds = .allocate(capacity: 64)
    }

    /// A parser over data records already in memory: `region` starts where a record starts (after the header), on
    /// line `firstLine`. If `isFinal`, its end is the end of the file; if not, the file goes on, and a record that
    /// the region's end cuts is not parsed: ``next(expectedFields:)`` ends there and ``unfinishedRecordOffset`` says
    /// where it starts. The records' fields are offsets from `region`'s start, so a region must be shorter than
    /// 2 GiB; quoted fields are unquoted in place, as in the streaming case, so the caller's bytes change.
    init(region: UnsafeMutableRawBufferPointer, firstLine: Int, isFinal: Bool, context: CSVContext) {
        precondition(region.count < Int(Int32.max), "a CSV region must be shorter than 2 GiB")
        descriptor = -1
        ownsBuffer = false
        buffer = region
        end = region.count
        reachedEndOfFile = true
        atFileStart = false
        regionIsFinal = isFinal
        line = firstLine
        self.context = context
        fieldStarts = .allocate(capacity: 64)
        fieldEnds = .allocate(capacity: 64)
    }

    /// Releases the buffer (when the parser's own) and the file; called once by the owner.
    func close() {
        if ownsBuffer { buffer.deallocate() }
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
    }

    /// Where the next record starts: a byte offset in the file (streaming), or in the region.
    var nextRecordOffset: Int { ownsBuffer ? bytesRead - (end - start) : start }
    /// The 1-based line on which the next record starts.
    var nextRecordLine: Int { line }

    /// Extrapolates the line breaks in the buffered bytes to the whole file.
    func estimateRecordCount(fileSize: Int) -> Int {
        let buffered = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
        let lineBreaks = buffered.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        guard lineBreaks > 0, !buffered.isEmpty else { return lineBreaks }
        let remaining = max(0, fileSize - (bytesRead - buffered.count))
        return max(lineBreaks, Int(Double(remaining) / Double(buffered.count) * Double(lineBreaks) * 1.02) + 16)
    }

    private var displayName: String { context.displayName }
    private var header: [String] { context.header }

    // MARK: Parsing

    /// Parses the next non-blank record and passes it to `body`; `false` at the end of the file.
    mutating func nextRecord(expectedFields: Int?, _ body: (CSVRecord) throws -> Void) throws -> Bool {
        guard let record = try next(expectedFields: expectedFields) else { return false }
        try body(record)
        return true
    }


    /// The next non-blank record, valid until the following call; `nil` at the end of the file.
    mutating func next(expectedFields: Int?) throws -> CSVRecord? {
        while true {
            let recordEnd: Int, nextStart: Int, newlines: Int
            let recordLine = line
            if let fast = scanUnquotedRecord() {
                (recordEnd, nextStart, newlines) = (fast.recordEnd, fast.nextStart, 1)
                try checkLength(recordBytes: nextStart - start)
                if fast.hasHighBytes { try validateUTF8(recordEnd: recordEnd, recordLine: recordLine) }
            } else {
                guard let found = try findRecordEnd() else { return nil }
                (recordEnd, nextStart, newlines) = (found.0, found.1, found.2)
                try checkLength(recordBytes: nextStart - start)
                // Validate before splitting: splitting undoubles quotes in place.
                if found.3 { try validateUTF8(recordEnd: recordEnd, recordLine: recordLine) }
                if recordEnd > start { try splitFields(recordEnd: recordEnd, recordLine: recordLine) }
            }
            defer {
                line += newlines
                start = nextStart
            }
            if recordEnd == start { continue }  // blank line
            if let expectedFields, fieldCount != expectedFields {
                throw InputError(
                    .raggedRow, file: displayName, line: recordLine,
                    message: "expected \(expectedFields) fields as in the header, found \(fieldCount)")
            }
            let base = UnsafeRawPointer(buffer.baseAddress!)
            return CSVRecord(
                base: base, starts: UnsafeBufferPointer(rebasing: fieldStarts[0..<fieldCount]),
                ends: UnsafeBufferPointer(rebasing: fieldEnds[0..<fieldCount]), line: recordLine, context: context)
        }
    }

    /// The common case in one pass: a record with no quote that ends inside the buffer. Splits it into fields and
    /// returns where it ends; `nil` (with nothing changed but the field list) when the record has a quote or
    /// reaches the end of the buffered bytes, so that the general path handles it.
    private mutating func scanUnquotedRecord() -> (recordEnd: Int, nextStart: Int, hasHighBytes: Bool)? {
        let bytes = UnsafeRawBufferPointer(buffer)
        let limit = end
        var position = start
        var fieldStart = start
        var high: UInt8 = 0
        fieldCount = 0
        while position < limit {
            let byte = bytes[position]
            high |= byte
            if byte == 0x2C {
                appendField(fieldStart, position)
                fieldStart = position + 1
            } else if byte == 0x0A {
                var recordEnd = position
                if recordEnd > fieldStart && bytes[recordEnd - 1] == 0x0D { recordEnd -= 1 }
                appendField(fieldStart, recordEnd)
                return (recordEnd, position + 1, high >= 0x80)
            } else if byte == 0x22 {
                return nil
            }
            position += 1
        }
        return nil
    }

    /// Scans from `start` for the end of the current record, refilling the buffer as needed.
    /// Returns the record's end (excluding the line break), where the next record starts, how many line breaks
    /// the record spans (including its terminator) and whether it contains bytes ≥ 0x80; `nil` at end of file.
    private mutating func findRecordEnd() throws -> (Int, Int, Int, Bool)? {
        while true {
            var position = start
            var inQuotes = false
            var atFieldStart = true
            var newlines = 0
            var high: UInt8 = 0
            let bytes = buffer
            while position < end {
                let byte = bytes[position]
                high |= byte
                if inQuotes {
                    if byte == 0x22 {
                        if position + 1 < end {
                            if bytes[position + 1] == 0x22 { position += 2; continue }
                            inQuotes = false
                        } else if !reachedEndOfFile {
                            break  // need the next byte to decide
                        } else {
                            inQuotes = false
                        }
                    } else if byte == 0x0A {
                        newlines += 1
                    }
                    position += 1
                    continue
                }
                switch byte {
                case 0x0A:
                    var recordEnd = position
                    if recordEnd > start && bytes[recordEnd - 1] == 0x0D { recordEnd -= 1 }
                    return (recordEnd, position + 1, newlines + 1, high >= 0x80)
                case 0x2C:
                    atFieldStart = true
                case 0x22 where atFieldStart:
                    inQuotes = true
                    atFieldStart = false
                default:
                    atFieldStart = false
                }
                position += 1
            }
            if reachedEndOfFile && !regionIsFinal {
                // the file goes on after this region: the record is someone else's to finish
                if start < end {
                    try checkLength(recordBytes: end - start)
                    unfinishedRecordOffset = start
                }
                return nil
            }
            if reachedEndOfFile {
                if inQuotes {
                    try checkLength(recordBytes: end - start)
                    throw InputError(.unterminatedQuote, file: displayName, line: line,
                                     message: "a quoted field that starts in this record is never closed")
                }
                if start == end { return nil }
                var recordEnd = end
                if bytes[recordEnd - 1] == 0x0D { recordEnd -= 1 }
                return (recordEnd, end, newlines, high >= 0x80)
            }
            try refill(keeping: end - start)
        }
    }

    /// A region in memory has no buffer to outgrow, so it applies the streaming parser's limit on a record here:
    /// a file gives the same error however it is read.
    private func checkLength(recordBytes: Int) throws {
        guard !ownsBuffer && recordBytes > CSVParser.maximumRecordBytes else { return }
        throw InputError(
            .invalidValue, file: displayName, line: line,
            message: "a record longer than \(CSVParser.maximumRecordBytes >> 20) MiB (no line break); not a cohort CSV file")
    }

    /// Moves the unfinished record to the front of the buffer (growing it if the record fills it) and reads more.
    private mutating func refill(keeping pending: Int) throws {
        if start > 0 {
            if pending > 0 {
                UnsafeMutableRawBufferPointer(rebasing: buffer[0..<pending])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
            }
            start = 0
            end = pending
        }
        if end == buffer.count {
            guard buffer.count < CSVParser.maximumRecordBytes else {
                throw InputError(
                    .invalidValue, file: displayName, line: line,
                    message: "a record longer than \(CSVParser.maximumRecordBytes >> 20) MiB (no line break); not a cohort CSV file")
            }
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
            buffer.deallocate()
            buffer = larger
        }
        let count = read(descriptor, buffer.baseAddress! + end, buffer.count - end)
        if count < 0 {
            throw InputError(.unreadableFile, file: displayName, line: line,
                             message: "read failed (\(String(cString: strerror(errno))))")
        }
        if count == 0 { reachedEndOfFile = true }
        end += count
        bytesRead += count
        if atFileStart && (end - start >= 3 || reachedEndOfFile) {
            atFileStart = false
            // a UTF-8 byte-order mark before the header, quoted first field or not, is not part of the data
            if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
        }
    }

    /// Splits `buffer[start..<recordEnd]` into fields, removing quotes and undoubling `""` in place.
    private mutating func splitFields(recordEnd: Int, recordLine: Int) throws {
        fieldCount = 0
        let bytes = buffer
        var position = start
        var linesSoFar = 0
        while true {
            if position < recordEnd && bytes[position] == 0x22 {
                // Quoted field: compact its content to begin right after the opening quote.
                position += 1
                let contentStart = position
                var write = position
                while true {
                    let byte = bytes[position]
                    if byte == 0x22 {
                        if position + 1 < recordEnd && bytes[position + 1] == 0x22 {
                            bytes[write] = 0x22
                            write += 1
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    if byte == 0x0A { linesSoFar += 1 }
                    bytes[write] = byte
                    write += 1
                    position += 1
                }
                appendField(contentStart, write)
                if position < recordEnd && bytes[position] != 0x2C {
                    throw InputError(
                        .malformedQuote, file: displayName, line: recordLine + linesSoFar,
                        column: columnName(fieldCount - 1),
                        message: "unexpected character after a closing quote; a quote inside a quoted field must be doubled (\"\")")
                }
            } else {
                let fieldStart = position
                while position < recordEnd && bytes[position] != 0x2C { position += 1 }
                appendField(fieldStart, position)
            }
            if position >= recordEnd { break }
            position += 1  // the comma
            if position == recordEnd {
                appendField(position, position)
                break
            }
        }
    }

    private mutating func appendField(_ fieldStart: Int, _ fieldEnd: Int) {
        if fieldCount == fieldStarts.count {
            let starts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: fieldCount * 2)
            let ends = UnsafeMutableBufferPointer<Int32>.allocate(capacity: fieldCount * 2)
            _ = starts.initialize(from: fieldStarts)
            _ = ends.initialize(from: fieldEnds)
            fieldStarts.deallocate()
            fieldEnds.deallocate()
            fieldStarts = starts
            fieldEnds = ends
        }
        fieldStarts[fieldCount] = Int32(fieldStart)
        fieldEnds[fieldCount] = Int32(fieldEnd)
        fieldCount += 1
    }

    /// Checks `buffer[start..<recordEnd]` is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values
    /// above U+10FFFF) and names the column of the first bad byte.
    private func validateUTF8(recordEnd: Int, recordLine: Int) throws {
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[start..<recordEnd])
        var index = 0
        var lineOffset = 0
        var field = 0
        var inQuotes = false
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0x22 { inQuotes.toggle() }
                if lead == 0x2C && !inQuotes { field += 1 }
                if lead == 0x0A { lineOffset += 1 }
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.count
            if valid {
                for offset in 1..<length {
                    let continuation = bytes[index + offset]
                    let low = offset == 1 ? lower : 0x80
                    let high = offset == 1 ? upper : 0xBF
                    if continuation < low || continuation > high { valid = false; break }
                }
            }
            if !valid {
                let hex = String(lead, radix: 16, uppercase: true)
                throw InputError(
                    .invalidUTF8, file: displayName, line: recordLine + lineOffset,
                    column: columnName(field),
                    message: "invalid UTF-8 byte 0x\(hex.count == 1 ? "0" + hex : hex); save the file as UTF-8")
            }
            index += length
        }
    }

    private func columnName(_ field: Int) -> String {
        field < header.count ? header[field] : "column \(field + 1)"
    }
}
